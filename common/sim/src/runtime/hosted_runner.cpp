#include "ctpgw/sim/runtime/hosted_runner.h"

namespace ctpgw::sim {
HostedRunner::HostedRunner(HostPost host_post, std::function<void()> batch_end)
    : host_post_(std::move(host_post)), state_(std::make_shared<State>()) {
  state_->batch_end = std::move(batch_end);
}

HostedRunner::~HostedRunner() {
  // What is queued still runs (as CallbackThread's destructor does), then nothing more.
  run_batch(*state_);
  std::lock_guard lock(state_->mutex);
  state_->closed = true;
  state_->tasks.clear();
}

void HostedRunner::post(std::function<void()> task) {
  bool schedule = false;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->closed) return;
    state_->tasks.push_back(std::move(task));
    schedule = !state_->scheduled;
    state_->scheduled = true;
  }
  if (schedule) {
    host_post_([state = state_] { run_batch(*state); });
  }
}

void HostedRunner::run_batch(State& state) {
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(state.mutex);
    if (state.closed) return;
    batch.swap(state.spare);  // empty, with the capacity of an earlier batch
    batch.swap(state.tasks);
    state.scheduled = false;
  }
  if (batch.empty()) return;
  for (auto& task : batch) run_task_safely(task);
  if (state.batch_end) run_task_safely(state.batch_end);
  batch.clear();
  std::lock_guard lock(state.mutex);
  if (state.spare.capacity() < batch.capacity()) state.spare.swap(batch);
}

}  // namespace ctpgw::sim
