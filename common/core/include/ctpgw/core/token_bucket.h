// A token bucket: `rate` tokens a second, holding at most `burst`. Time is passed in, so tests
// drive it with their own clock. One owner thread.
#pragma once

#include <algorithm>
#include <chrono>

namespace ctpgw::core {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  TokenBucket(double rate, double burst, Clock::time_point now = Clock::now())
      : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}

  /// Takes one token if there is one; rate 0 means unlimited.
  bool take(Clock::time_point now = Clock::now()) {
    if (rate_ <= 0) return true;
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(burst_, tokens_ + std::max(0.0, elapsed) * rate_);
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double rate_, burst_, tokens_;
  Clock::time_point last_;
};

}  // namespace ctpgw::core
