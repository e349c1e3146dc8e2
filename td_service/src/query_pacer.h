// Paces one trading session's queries the way CTP fronts require (ctp-sdk.md §3): one ReqQry*
// in flight at a time, the next only after the previous one's last reply and the front's query
// interval. Queries wait in a bounded queue; a full queue refuses at once with -2. Orders and
// cancels never pass through here, so they never wait behind queries.
//
// If the front still answers -2/-3 (its limit is stricter than the configured interval) the
// query goes back to the head of the queue and is retried after the interval; -1 (front down)
// is reported at once. A query whose answer never comes frees the slot after kStuckTimeout.
// io thread only.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>

namespace ctpgw::td {

class QueryPacer {
 public:
  using Send = std::function<int()>;        ///< makes the API call; returns its code
  using Refuse = std::function<void(int)>;  ///< tells the client the call failed with this code

  static constexpr std::size_t kCapacity = 64;
  static constexpr std::chrono::seconds kStuckTimeout{30};

  QueryPacer(boost::asio::io_context& io, std::chrono::milliseconds interval);

  void submit(int request_id, Send send, Refuse refuse);
  void set_interval(std::chrono::milliseconds interval) { interval_ = interval; }
  /// The query with this RequestID has had its last reply (IsLast, or RspError).
  void done(int request_id);
  /// The front went away: nothing in flight will be answered; queued queries fail with -1.
  void front_lost();
  std::size_t queued() const noexcept { return queue_.size(); }

 private:
  struct Item {
    int request_id;
    Send send;
    Refuse refuse;
  };
  void pump();
  void wake_at(std::chrono::steady_clock::time_point when);

  std::chrono::milliseconds interval_;
  std::deque<Item> queue_;
  std::optional<int> in_flight_;
  std::chrono::steady_clock::time_point last_sent_{};
  boost::asio::steady_timer wake_timer_;
  boost::asio::steady_timer stuck_timer_;
  bool wake_armed_ = false;
};

}  // namespace ctpgw::td
