// The trading sessions of td_service, one per UserID (docs/adr/0007). A login finds or creates
// its user's session here; a released session is forgotten (after its current call returns).
// io thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <unordered_map>

#include "ctpgw/backend/backend.h"
#include "ctpgw/core/config.h"
#include "ctpgw/core/metrics.h"
#include "trading_session.h"

namespace ctpgw::td {

class SessionRegistry {
 public:
  SessionRegistry(boost::asio::io_context& io, const core::Config& config,
                  backend::Backend& backend, core::Metrics& metrics)
      : io_(io), config_(config), backend_(backend), metrics_(metrics) {}
  ~SessionRegistry() { clear(); }

  /// The session of `user_id`, created if there is none; nullptr when Session.MaxSessions
  /// sessions exist already.
  std::shared_ptr<TradingSession> session_for(const std::string& user_id);
  /// Sessions that exist (lingering ones included).
  std::size_t size() const { return sessions_.size(); }
  /// Sessions whose front is connected.
  std::size_t upstream_connected() const {
    std::size_t n = 0;
    for (const auto& [user, s] : sessions_) n += s->front_connected() ? 1 : 0;
    return n;
  }
  /// Releases every session's backend API (shutdown).
  void clear();

 private:
  boost::asio::io_context& io_;
  const core::Config& config_;
  backend::Backend& backend_;
  core::Metrics& metrics_;  ///< ctpgw_order_round_trip_seconds
  std::unordered_map<std::string, std::shared_ptr<TradingSession>> sessions_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  ///< guards posted forgets
};

}  // namespace ctpgw::td
