// Runs the simulator's tasks on the host's event loop (see task_runner.h): tasks posted while a
// batch is already scheduled join it, so a burst costs one hand-off to the loop, and the
// batch-end hook runs once after each batch, as on the simulator's own thread.
// Destroy it on the loop's thread or after the loop has stopped: the destructor runs what is
// still queued, and a batch the loop runs later finds nothing to do.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "ctpgw/sim/runtime/task_runner.h"

namespace ctpgw::sim {

class HostedRunner final : public TaskRunner {
 public:
  HostedRunner(HostPost host_post, std::function<void()> batch_end);
  ~HostedRunner() override;
  HostedRunner(const HostedRunner&) = delete;
  HostedRunner& operator=(const HostedRunner&) = delete;

  void post(std::function<void()> task) override;

 private:
  struct State {
    std::mutex mutex;
    std::vector<std::function<void()>> tasks;
    std::vector<std::function<void()>> spare;  ///< the last batch's storage, reused
    bool scheduled = false;
    bool closed = false;
    std::function<void()> batch_end;
  };
  static void run_batch(State& state);

  HostPost host_post_;
  std::shared_ptr<State> state_;
};

}  // namespace ctpgw::sim
