// One backend thread that runs posted tasks in order, standing in for the vendor SDK's callback
// thread so the services' cross-thread hand-off is exercised with the simulator too.
// post() may be called from any thread; tasks run one at a time on the worker, in batches of
// whatever was queued together, each batch followed by the batch-end hook (the counter commits
// there, once per batch). The destructor runs what is already queued, then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "ctpgw/sim/runtime/task_runner.h"

namespace ctpgw::sim {

class CallbackThread final : public TaskRunner {
 public:
  /// `batch_end` runs on the worker after each batch of tasks that were queued together.
  explicit CallbackThread(std::function<void()> batch_end = {});
  ~CallbackThread() override;
  CallbackThread(const CallbackThread&) = delete;
  CallbackThread& operator=(const CallbackThread&) = delete;

  void post(std::function<void()> task) override;
  /// True when called from the worker thread.
  bool on_worker() const noexcept { return std::this_thread::get_id() == worker_.get_id(); }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::function<void()> batch_end_;
  std::thread worker_;
};

}  // namespace ctpgw::sim
