// The embedded simulated counter's process-wide state, shared by every SimTraderApi and
// SimMdApi of the process: configuration, clock, instrument master, market-data feed, the
// backend callback thread, the tick pump and session ids.
//
// Threading: construct and destroy on the main thread. post() and the const accessors may be
// used from any thread; everything that reads or changes simulated state (feed(), publish(),
// subscribers) runs on the callback thread. The pump thread only posts publish() calls, and
// skips ticks while a publish is still running, so a slow consumer sees the newest tick rather
// than a growing queue.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ctpgw/core/config.h"
#include "ctpgw/sim/feed/clock.h"
#include "ctpgw/sim/feed/instrument_master.h"
#include "ctpgw/sim/feed/market_feed.h"
#include "ctpgw/sim/feed/trading_calendar.h"
#include "ctpgw/sim/runtime/task_runner.h"

namespace ctpgw::sim {

/// Told about every feed tick index, on the callback thread.
class FeedSubscriber {
 public:
  virtual ~FeedSubscriber() = default;
  virtual void on_feed_tick(std::int64_t index) = 0;
};

class SimExchange {
 public:
  /// Loads the instrument master (throws InstrumentError) and the calendar (CalendarError). With
  /// `run_pump` a thread publishes every tick index as the clock reaches it; tests pass false and
  /// call publish() themselves.
  /// `host`: run the simulator's tasks on the host's event loop (HostedRunner) instead of a
  /// thread of its own (CallbackThread).
  SimExchange(core::SimConfig config, std::shared_ptr<const Clock> clock, bool run_pump = true,
              HostPost host = {});
  ~SimExchange();
  SimExchange(const SimExchange&) = delete;
  SimExchange& operator=(const SimExchange&) = delete;

  const core::SimConfig& config() const noexcept { return config_; }
  const Clock& clock() const noexcept { return *clock_; }
  const InstrumentMaster& instruments() const noexcept { return master_; }
  const TradingCalendar& calendar() const noexcept { return *calendar_; }
  void post(std::function<void()> task) { runner_->post(std::move(task)); }

  // Callback thread only.
  MarketFeed& feed() noexcept { return feed_; }
  std::int64_t current_index() const noexcept { return feed_.index_at(clock_->now()); }
  void add_feed_subscriber(std::weak_ptr<FeedSubscriber> subscriber);
  /// Runs after every batch of simulator-thread tasks (group commit). Callback thread only.
  void add_batch_end_hook(std::function<void()> hook) {
    batch_end_hooks_.push_back(std::move(hook));
  }
  void publish(std::int64_t index);

  static constexpr int kFrontId = 1;
  int next_session_id() noexcept { return next_session_id_.fetch_add(1); }

 private:
  void pump();

  core::SimConfig config_;
  std::shared_ptr<const Clock> clock_;
  InstrumentMaster master_;
  std::shared_ptr<const TradingCalendar> calendar_;
  MarketFeed feed_;
  std::vector<std::weak_ptr<FeedSubscriber>> subscribers_;
  std::vector<std::function<void()>> batch_end_hooks_;
  std::atomic<int> next_session_id_{1};
  std::atomic<bool> publishing_{false};
  std::mutex pump_mutex_;
  std::condition_variable pump_cv_;
  bool stopping_ = false;
  std::unique_ptr<TaskRunner> runner_;  // drained before the state above is destroyed
  std::thread pump_thread_;
};

}  // namespace ctpgw::sim
