// Lock-out after repeated failed logins, per (client address, UserID): after `max_failures`
// failures within the lock-out period, further logins from that address for that user are
// refused at once (ErrorID 75) until the period has passed since the last failure. A success
// clears the count. Guessing passwords then costs an attacker `lockout` per `max_failures`
// guesses, and a bad client cannot lock the account for everyone else (other addresses are
// unaffected). Bounded: the oldest entries go first beyond kMaxEntries. io thread only.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>

namespace ctpgw::td {

class LoginGuard {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxEntries = 100000;

  LoginGuard(int max_failures, std::chrono::seconds lockout)
      : max_failures_(max_failures), lockout_(lockout) {}

  /// Seconds left of a lock-out for this pair, 0 when it may try.
  long locked_for(const std::string& ip, const std::string& user, Clock::time_point now) const {
    if (max_failures_ <= 0) return 0;
    auto it = entries_.find({ip, user});
    if (it == entries_.end() || it->second.failures < max_failures_) return 0;
    const auto until = it->second.last_failure + lockout_;
    if (now >= until) return 0;
    return std::chrono::duration_cast<std::chrono::seconds>(until - now).count() + 1;
  }

  void failed(const std::string& ip, const std::string& user, Clock::time_point now) {
    if (max_failures_ <= 0) return;
    if (entries_.size() >= kMaxEntries) evict_oldest();
    Entry& e = entries_[{ip, user}];
    if (e.failures > 0 && now - e.last_failure >= lockout_) e.failures = 0;  // an old streak
    ++e.failures;
    e.last_failure = now;
  }

  void succeeded(const std::string& ip, const std::string& user) { entries_.erase({ip, user}); }

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last_failure{};
  };
  void evict_oldest() {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.last_failure < oldest->second.last_failure) oldest = it;
    }
    if (oldest != entries_.end()) entries_.erase(oldest);
  }

  int max_failures_;
  std::chrono::seconds lockout_;
  std::map<std::pair<std::string, std::string>, Entry> entries_;
};

}  // namespace ctpgw::td
