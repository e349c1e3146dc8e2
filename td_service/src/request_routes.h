// Which socket asked: the upstream RequestIDs of one trading session are the session's own
// (several sockets may each use RequestID 1), mapped back to the asking connection and its
// RequestID when the reply arrives. Thread-safe: opened on the io thread, looked up on the
// backend's callback thread.
#pragma once

#include <mutex>
#include <optional>
#include <unordered_map>

#include "ctpgw/net/ws_server.h"

namespace ctpgw::td {

struct RequestRoute {
  net::ConnectionId connection = 0;
  int client_request_id = 0;
};

class RequestRoutes {
 public:
  /// A fresh upstream RequestID whose replies go to `route`.
  int open(RequestRoute route) {
    std::lock_guard lock(mutex_);
    const int id = next_id();
    routes_[id] = route;
    return id;
  }
  /// A fresh upstream RequestID for the session's own requests (no socket gets the reply).
  int internal() {
    std::lock_guard lock(mutex_);
    return next_id();
  }
  /// Where a reply goes; the route is forgotten with the last reply.
  std::optional<RequestRoute> find(int upstream_id, bool is_last) {
    std::lock_guard lock(mutex_);
    const auto it = routes_.find(upstream_id);
    if (it == routes_.end()) return std::nullopt;
    const RequestRoute route = it->second;
    if (is_last) routes_.erase(it);
    return route;
  }
  /// Routes of requests that will never be answered (the front went away).
  void clear() {
    std::lock_guard lock(mutex_);
    routes_.clear();
  }

 private:
  int next_id() {
    next_ = next_ >= 2'000'000'000 ? 1 : next_ + 1;
    return next_;
  }
  std::mutex mutex_;
  int next_ = 0;
  std::unordered_map<int, RequestRoute> routes_;
};

}  // namespace ctpgw::td
