// Connections accepted but not yet upgraded, per client address, oldest first: the policy of
// Security.MaxPendingHandshakesPerIp. Past the limit the address's oldest pending connections
// are to be dropped (slow-loris, half-open floods), so a client that upgrades at once always
// gets in, even from the flooding address, and a flood holds at most the limit. Whether a
// connection is still pending is asked of the connection itself (nothing to keep in step).
// No websocketpp here (C++17: included by ws_server.cpp); io thread only.
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ctpgw::net {

template <class Connection>
class PendingHandshakes {
 public:
  explicit PendingHandshakes(std::size_t per_ip) : per_ip_(per_ip) {}

  /// Records `con` from `ip`; returns the oldest pending connections of `ip` beyond the limit
  /// (never `con`), which the caller drops. `pending(const Connection&)` says whether one has
  /// not upgraded yet (nor been dropped).
  template <class IsPending>
  std::vector<std::shared_ptr<Connection>> add(const std::string& ip,
                                               const std::shared_ptr<Connection>& con,
                                               IsPending pending) {
    std::vector<std::shared_ptr<Connection>> drop;
    if (per_ip_ == 0) return drop;
    auto& queue = by_ip_[ip];
    queue.push_back(con);
    std::vector<std::shared_ptr<Connection>> live;
    for (const auto& weak : queue) {
      if (auto c = weak.lock(); c && pending(*c)) live.push_back(std::move(c));
    }
    queue.clear();
    const std::size_t excess = live.size() > per_ip_ ? live.size() - per_ip_ : 0;
    for (std::size_t i = 0; i < live.size(); ++i) {
      if (i < excess && live[i] != con) {
        drop.push_back(live[i]);
      } else {
        queue.push_back(live[i]);
      }
    }
    if (queue.empty()) by_ip_.erase(ip);
    // Addresses that went quiet keep only expired entries: sweep them now and then.
    if (by_ip_.size() > 4096) sweep(pending);
    return drop;
  }

 private:
  template <class IsPending>
  void sweep(IsPending pending) {
    for (auto it = by_ip_.begin(); it != by_ip_.end();) {
      auto& q = it->second;
      q.erase(std::remove_if(q.begin(), q.end(),
                             [&](const std::weak_ptr<Connection>& w) {
                               auto c = w.lock();
                               return !c || !pending(*c);
                             }),
              q.end());
      it = it->second.empty() ? by_ip_.erase(it) : std::next(it);
    }
  }

  std::size_t per_ip_;
  std::unordered_map<std::string, std::deque<std::weak_ptr<Connection>>> by_ip_;
};

}  // namespace ctpgw::net
