// md_service composition root: the WebSocket server on /md/, the one upstream market-data
// session shared by every client, the subscription book and the tick fan-out.
//
// Fan-out: a tick is serialised once on the backend thread and the same frame is sent to every
// subscriber. A newly subscribed client gets the latest tick at once. Sends go through the
// bounded per-connection buffer. io thread only, except the post_* entry points.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ctpgw/backend/backend.h"
#include "ctpgw/console/console.h"
#include "ctpgw/core/config.h"
#include "ctpgw/core/token_bucket.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/request.h"
#include "ctpgw/service/service_main.h"
#include "kline_service.h"
#include "md_upstream_bridge.h"
#include "subscription_book.h"

namespace ctpgw::md {

class MdApp final : public service::ServiceApp, public net::WsHandler {
 public:
  MdApp(boost::asio::io_context& io, const core::Config& config);
  /// With a given backend (tests use the SDK adapter over a vendor double).
  MdApp(boost::asio::io_context& io, const core::Config& config,
        std::unique_ptr<backend::Backend> backend);
  ~MdApp() override;

  std::uint16_t start() override;
  void shutdown() override;
  bool idle() const override;

  void on_open(net::ConnectionId id) override;
  void on_text(net::ConnectionId id, std::string_view payload) override;
  void on_binary(net::ConnectionId id, std::size_t size) override;
  void on_close(net::ConnectionId id) override;
  std::string health_json() override;
  std::string metrics_text() override;
  const net::StaticAsset* asset(std::string_view path) override { return console_.find(path); }

  // Upstream events, posted from the backend thread (any thread may call these).
  void post_front_connected();
  void post_front_disconnected(int reason);
  void post_login(std::optional<ctp::CThostFtdcRspUserLoginField> field,
                  std::optional<ctp::CThostFtdcRspInfoField> info);
  void post_sub_reply(std::string instrument, ctp::CThostFtdcRspInfoField info);
  /// OnRspSubMarketData without an instrument: every pending subscriber is failed.
  void post_sub_failure(ctp::CThostFtdcRspInfoField info);
  /// OnRspError from the upstream: every logged-in client is told.
  void post_rsp_error(ctp::CThostFtdcRspInfoField info, int request_id);
  void post_tick(std::string instrument, Frame frame, std::optional<BarTick> bar_tick);

 private:
  /// One client call of SubscribeMarketData: IsLast goes on the reply that completes it.
  struct Batch {
    std::size_t remaining = 0;
    int request_id = 0;  ///< the request's, echoed in every reply (an addition to webctp)
  };
  struct PendingReply {
    net::ConnectionId client;
    std::shared_ptr<Batch> batch;
  };
  struct Session {
    explicit Session(int rate) : requests(rate, 2.0 * rate) {}
    core::TokenBucket requests;  ///< Security.MaxRequestsPerSecond
    bool logged_in = false;
    bool login_pending = false;
    int login_request_id = 0;
    // Conflation: while the client's send buffer is full, only the newest tick per instrument
    // is kept (frames are shared, so this costs a pointer per instrument).
    bool conflating = false;
    std::vector<std::string> pending_order;
    std::unordered_map<std::string, Frame> pending;
    std::uint64_t dropped = 0;
  };

  void handle_login(net::ConnectionId id, Session& s, const protocol::ParsedRequest& req);
  void handle_subscribe(net::ConnectionId id, const protocol::ParsedRequest& req);
  void handle_unsubscribe(net::ConnectionId id, const protocol::ParsedRequest& req);
  void send_login_reply(net::ConnectionId id);
  void send_sub_reply(net::ConnectionId id, std::string_view msg_type,
                      const std::string& instrument, const ctp::CThostFtdcRspInfoField& info,
                      Batch& batch);
  void upstream_subscribe(const std::vector<std::string>& instruments);
  void upstream_unsubscribe(const std::vector<std::string>& instruments);
  void deliver(net::ConnectionId id, Session& s, const std::string& instrument, const Frame& frame);
  void start_conflating(net::ConnectionId id, Session& s);
  void schedule_drain();
  void drain();
  void send_conflation_notice(net::ConnectionId id, const Session& s, bool active);
  /// Replies and notices: may use the control headroom; a client past even that is closed.
  void send(net::ConnectionId id, std::string_view json);

  boost::asio::io_context& io_;
  core::Config config_;
  std::unique_ptr<backend::Backend> backend_;
  net::WsServer server_;
  MdUpstreamBridge bridge_{*this};
  backend::MdApiPtr upstream_;  // after bridge_: released first
  bool upstream_ready_ = false;
  bool upstream_was_lost_ = false;  ///< a disconnect happened: say when the session is back
  int login_failures_ = 0;
  void broadcast(const std::string& json);
  void retry_login_later();
  std::optional<ctp::CThostFtdcRspUserLoginField> upstream_login_;
  std::optional<ctp::CThostFtdcRspInfoField> upstream_login_info_;

  SubscriptionBook book_;
  std::unordered_map<std::string, std::vector<PendingReply>> pending_sub_;
  std::unordered_map<std::string, Frame> latest_;
  std::unordered_map<net::ConnectionId, Session> sessions_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  boost::asio::steady_timer drain_timer_;
  boost::asio::steady_timer login_timer_;
  /// K-line bars; its instruments are in book_ under kBarsClient so they stay subscribed.
  KLineService klines_;
  static constexpr ClientId kBarsClient = ~ClientId{0};
  bool drain_scheduled_ = false;
  std::uint64_t ticks_in_ = 0;
  std::uint64_t frames_out_ = 0;
  std::uint64_t frames_conflated_ = 0;
  console::Console console_{"md"};  ///< GET / (docs/console.md)
};

}  // namespace ctpgw::md
