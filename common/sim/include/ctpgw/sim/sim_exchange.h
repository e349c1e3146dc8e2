// The embedded simulated counter's process-wide state, shared by every SimTraderApi and
// SimMdApi of the process: configuration, clock, the backend callback thread and session ids.
//
// Thread-safety: construct and destroy on the main thread; post() and the accessors may be used
// from any thread. Everything that changes simulated state runs on the callback thread.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "ctpgw/core/config.h"
#include "ctpgw/sim/callback_thread.h"
#include "ctpgw/sim/clock.h"

namespace ctpgw::sim {

class SimExchange {
 public:
  SimExchange(core::SimConfig config, std::shared_ptr<const Clock> clock);
  ~SimExchange();

  const core::SimConfig& config() const noexcept { return config_; }
  const Clock& clock() const noexcept { return *clock_; }
  void post(std::function<void()> task) { thread_.post(std::move(task)); }

  static constexpr int kFrontId = 1;
  int next_session_id() noexcept { return next_session_id_.fetch_add(1); }

 private:
  core::SimConfig config_;
  std::shared_ptr<const Clock> clock_;
  std::atomic<int> next_session_id_{1};
  CallbackThread thread_;  // last: joined first, while the state above is still alive
};

}  // namespace ctpgw::sim
