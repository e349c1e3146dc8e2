#include "ctpgw/sim/runtime/sim_exchange.h"

#include <algorithm>

#include "ctpgw/sim/runtime/callback_thread.h"
#include "ctpgw/sim/runtime/hosted_runner.h"

namespace ctpgw::sim {

SimExchange::SimExchange(core::SimConfig config, std::shared_ptr<const Clock> clock, bool run_pump,
                         HostPost host)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      master_(InstrumentMaster::load(config_.instruments)),
      calendar_(std::make_shared<const TradingCalendar>(
          config_.calendar.empty() ? TradingCalendar{} : TradingCalendar::load(config_.calendar))),
      feed_(master_, FeedOptions{config_.seed, std::chrono::milliseconds(config_.tick_interval_ms),
                                 config_.always_open, calendar_}) {
  auto batch_end = [this] {
    for (auto& hook : batch_end_hooks_) hook();
  };
  if (host) {
    runner_ = std::make_unique<HostedRunner>(std::move(host), batch_end);
  } else {
    runner_ = std::make_unique<CallbackThread>(batch_end);
  }
  // No warm-up: an instrument's day is built when it is first asked for (a few milliseconds),
  // so start-up and the first login do not wait for instruments nobody uses.
  if (run_pump) pump_thread_ = std::thread([this] { pump(); });
}

SimExchange::~SimExchange() {
  {
    std::lock_guard lock(pump_mutex_);
    stopping_ = true;
  }
  pump_cv_.notify_all();
  if (pump_thread_.joinable()) pump_thread_.join();
  runner_.reset();  // runs what is queued while the state it uses is still alive
}

void SimExchange::add_feed_subscriber(std::weak_ptr<FeedSubscriber> subscriber) {
  subscribers_.push_back(std::move(subscriber));
}

void SimExchange::publish(std::int64_t index) {
  std::erase_if(subscribers_, [](const auto& w) { return w.expired(); });
  // Copy: a subscriber may add another while being told.
  const auto current = subscribers_;
  for (const auto& weak : current) {
    if (auto s = weak.lock()) s->on_feed_tick(index);
  }
}

void SimExchange::pump() {
  std::int64_t next = feed_.index_at(clock_->now()) + 1;
  std::unique_lock lock(pump_mutex_);
  while (!stopping_) {
    const TimePoint wake = clock_->wall_time_of(feed_.time_of(next));
    if (pump_cv_.wait_until(lock, wake, [this] { return stopping_; })) break;
    const std::int64_t now_index = feed_.index_at(clock_->now());
    if (now_index < next) continue;
    next = now_index + 1;
    if (publishing_.exchange(true)) continue;  // previous tick still being published: skip
    runner_->post([this, now_index] {
      publish(now_index);
      publishing_.store(false);
    });
  }
}

}  // namespace ctpgw::sim
