#include "query_pacer.h"

#include <spdlog/spdlog.h>

namespace ctpgw::td {

QueryPacer::QueryPacer(boost::asio::io_context& io, std::chrono::milliseconds interval)
    : interval_(interval), wake_timer_(io), stuck_timer_(io) {}

void QueryPacer::submit(int request_id, Send send, Refuse refuse) {
  if (queue_.size() >= kCapacity) return refuse(-2);  // as a front with too many pending
  queue_.push_back(Item{request_id, std::move(send), std::move(refuse)});
  pump();
}

void QueryPacer::done(int request_id) {
  if (!in_flight_ || *in_flight_ != request_id) return;
  in_flight_.reset();
  stuck_timer_.cancel();
  pump();
}

void QueryPacer::front_lost() {
  in_flight_.reset();
  stuck_timer_.cancel();
  auto waiting = std::move(queue_);
  queue_.clear();
  for (Item& item : waiting) item.refuse(-1);
}

void QueryPacer::wake_at(std::chrono::steady_clock::time_point when) {
  if (wake_armed_) return;
  wake_armed_ = true;
  wake_timer_.expires_at(when);
  wake_timer_.async_wait([this](const boost::system::error_code& ec) {
    wake_armed_ = false;
    if (!ec) pump();
  });
}

void QueryPacer::pump() {
  while (!queue_.empty() && !in_flight_) {
    const auto now = std::chrono::steady_clock::now();
    if (now < last_sent_ + interval_) return wake_at(last_sent_ + interval_);
    Item item = std::move(queue_.front());
    queue_.pop_front();
    const int rc = item.send();
    // Measured after the call: the front starts its interval when it takes the query, which is
    // after we started sending it; counting from before would come in early by that much.
    last_sent_ = std::chrono::steady_clock::now();
    if (rc == 0) {
      in_flight_ = item.request_id;
      stuck_timer_.expires_after(kStuckTimeout);
      stuck_timer_.async_wait([this, id = item.request_id](const boost::system::error_code& ec) {
        if (ec || !in_flight_ || *in_flight_ != id) return;
        spdlog::warn("query RequestID {} had no last reply within {} s; sending the next one", id,
                     kStuckTimeout.count());
        done(id);
      });
    } else if (rc == -2 || rc == -3) {
      queue_.push_front(std::move(item));  // the front is stricter than configured: wait, retry
      return wake_at(now + std::max(interval_, std::chrono::milliseconds(100)));
    } else {
      item.refuse(rc);
    }
  }
}

}  // namespace ctpgw::td
