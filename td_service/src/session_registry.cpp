#include "session_registry.h"

#include <boost/asio/post.hpp>

namespace ctpgw::td {

std::shared_ptr<TradingSession> SessionRegistry::session_for(const std::string& user_id) {
  if (auto it = sessions_.find(user_id); it != sessions_.end() && !it->second->released()) {
    return it->second;
  }
  std::erase_if(sessions_, [](const auto& entry) { return entry.second->released(); });
  if (sessions_.size() >= config_.session.max_sessions) return nullptr;

  SessionSettings s;
  s.broker_id = config_.broker_id;
  s.user_id = user_id;
  s.auth_code = config_.auth_code;
  s.app_id = config_.app_id;
  s.fronts = config_.td_fronts;
  s.query_pacing = config_.query_pacing;
  s.query_interval = std::chrono::milliseconds(backend_.query_interval_ms(config_));
  s.relogin_backoff = std::chrono::milliseconds(config_.relogin_backoff_ms);
  s.linger = std::chrono::seconds(config_.session.linger_seconds);
  s.journal_entries = config_.session.journal_entries;
  s.journal_bytes = config_.session.journal_bytes;
  s.order_round_trip = [this](double seconds) {
    metrics_.observe("ctpgw_order_round_trip_seconds", seconds);
  };
  auto factory = [this, user_id] {
    return backend_.create_trader_api(backend::flow_path(config_, "td", user_id));
  };
  auto released = [this, alive = std::weak_ptr<int>(alive_)](TradingSession& session) {
    // Forgotten later: the session is still inside one of its own calls.
    boost::asio::post(io_, [this, alive, user = session.user_id(), ptr = &session] {
      if (!alive.lock()) return;
      const auto it = sessions_.find(user);
      if (it != sessions_.end() && it->second.get() == ptr) sessions_.erase(it);
    });
  };
  auto session =
      std::make_shared<TradingSession>(io_, std::move(s), std::move(factory), std::move(released));
  sessions_[user_id] = session;
  return session;
}

void SessionRegistry::clear() {
  sessions_.clear();
}

}  // namespace ctpgw::td
