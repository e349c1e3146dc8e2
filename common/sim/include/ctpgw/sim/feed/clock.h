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
  /// The system-clock moment at which this clock shows `t` (for waiting on it).
  virtual TimePoint wall_time_of(TimePoint t) const { return t; }
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

/// Simulated time for a whole process: shows `start` when constructed and runs `rate` times as
/// fast as the system clock (Sim.ClockStart / Sim.ClockRate: a trading day in minutes).
class ScaledClock final : public Clock {
 public:
  ScaledClock(TimePoint start, double rate)
      : start_(start), wall_start_(std::chrono::system_clock::now()), rate_(rate) {}
  TimePoint now() const override {
    const auto wall = std::chrono::system_clock::now() - wall_start_;
    return start_ + std::chrono::duration_cast<TimePoint::duration>(wall * rate_);
  }
  TimePoint wall_time_of(TimePoint t) const override {
    return wall_start_ + std::chrono::duration_cast<TimePoint::duration>((t - start_) / rate_);
  }

 private:
  TimePoint start_, wall_start_;
  double rate_;
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
