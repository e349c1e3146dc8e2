// Injected time source for the simulator. Production uses SystemClock; tests use ManualClock so
// every tick, timestamp and trading day is deterministic.
// Thread-safety: now() may be called from any thread; ManualClock::set/advance too.
#pragma once

#include <atomic>
#include <chrono>

namespace ctpgw::sim {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : ns_(start.time_since_epoch().count()) {}
  TimePoint now() const override {
    return TimePoint(TimePoint::duration(ns_.load(std::memory_order_acquire)));
  }
  void set(TimePoint t) { ns_.store(t.time_since_epoch().count(), std::memory_order_release); }
  void advance(std::chrono::nanoseconds d) {
    ns_.fetch_add(std::chrono::duration_cast<TimePoint::duration>(d).count(),
                  std::memory_order_acq_rel);
  }

 private:
  std::atomic<TimePoint::duration::rep> ns_;
};

}  // namespace ctpgw::sim
