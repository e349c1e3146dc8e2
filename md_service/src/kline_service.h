// md_service's K-line extension (docs/protocol.md, "K-line bars"): SubscribeKLine /
// UnSubscribeKLine / ReqQryKLine from clients, bars built from every instrument's ticks by one
// KLineBuilder each, RtnKLine pushed to subscribers when a bar closes. io thread only.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/request.h"
#include "kline_builder.h"

namespace ctpgw::md {

class KLineService {
 public:
  using Send = std::function<void(net::ConnectionId, std::string_view json)>;
  /// The service needs (true) or no longer needs (false) an instrument's ticks upstream.
  using Watch = std::function<void(const std::string& instrument, bool watch)>;

  KLineService(Send send, Watch watch, std::size_t max_instruments_per_request,
               std::size_t max_subscriptions_per_connection)
      : send_(std::move(send)),
        watch_(std::move(watch)),
        max_per_request_(max_instruments_per_request),
        max_per_connection_(max_subscriptions_per_connection) {}

  static bool handles(std::string_view msg_type) noexcept {
    return msg_type == "SubscribeKLine" || msg_type == "UnSubscribeKLine" ||
           msg_type == "ReqQryKLine";
  }
  /// A K-line request of a logged-in client.
  void on_request(net::ConnectionId client, const protocol::ParsedRequest& req, int request_id);
  void on_tick(const BarTick& tick, const std::string& instrument);
  void remove_client(net::ConnectionId client);
  std::size_t subscription_count(net::ConnectionId client) const;

 private:
  using Key = std::pair<std::string, BarPeriod>;
  void subscribe(net::ConnectionId client, const protocol::ParsedRequest& req, int request_id,
                 bool add);
  void query(net::ConnectionId client, const protocol::ParsedRequest& req, int request_id);
  void publish(const std::vector<Bar>& bars);
  void unwatch_if_unused(const std::string& instrument);

  Send send_;
  Watch watch_;
  std::size_t max_per_request_;
  std::size_t max_per_connection_;
  std::unordered_map<std::string, KLineBuilder> builders_;
  std::map<Key, std::set<net::ConnectionId>> subscribers_;
  std::unordered_map<net::ConnectionId, std::set<Key>> by_client_;
  int market_minute_ = -1;  ///< the latest tick minute of any instrument (closes quiet bars)
};

/// {"InstrumentID":...,"Period":...,"TradingDay":...,"StartTime":"HH:MM:SS",...} of a bar.
std::string encode_bar(const Bar& bar);

}  // namespace ctpgw::md
