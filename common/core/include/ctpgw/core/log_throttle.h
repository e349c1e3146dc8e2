// Caps how often one kind of log line is written, so a client cannot flood the log (a password
// guesser, a reconnect storm). Lines beyond the cap in an interval are counted, and the count
// is reported with the next line that is let through. Not thread-safe: one owner thread.
#pragma once

#include <chrono>
#include <cstdint>

namespace ctpgw::core {

class LogThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  LogThrottle(int lines_per_interval, Clock::duration interval)
      : limit_(lines_per_interval), interval_(interval) {}

  /// True when a line may be written now; false counts it as suppressed.
  bool allow(Clock::time_point now = Clock::now()) {
    if (now - window_start_ >= interval_) {
      window_start_ = now;
      used_ = 0;
    }
    if (used_ < limit_) {
      ++used_;
      return true;
    }
    ++suppressed_;
    return false;
  }

  /// Lines suppressed since the last call (reset to zero).
  std::uint64_t take_suppressed() {
    const std::uint64_t n = suppressed_;
    suppressed_ = 0;
    return n;
  }

 private:
  int limit_;
  Clock::duration interval_;
  Clock::time_point window_start_{};
  int used_ = 0;
  std::uint64_t suppressed_ = 0;
};

}  // namespace ctpgw::core
