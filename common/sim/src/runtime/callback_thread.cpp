#include "ctpgw/sim/runtime/callback_thread.h"

#include <spdlog/spdlog.h>

namespace ctpgw::sim {

CallbackThread::CallbackThread(std::function<void()> batch_end)
    : batch_end_(std::move(batch_end)), worker_([this] { run(); }) {}

CallbackThread::~CallbackThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  worker_.join();
}

void CallbackThread::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void run_task_safely(const std::function<void()>& task) {
  // A task that throws must not terminate the process and drop every client.
  try {
    task();
  } catch (const std::exception& e) {
    spdlog::critical("simulator task failed: {}", e.what());
  } catch (...) {
    spdlog::critical("simulator task failed with a non-standard exception");
  }
}

void CallbackThread::run() {
  std::deque<std::function<void()>> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping and drained
      batch.swap(tasks_);
    }
    for (auto& task : batch) run_task_safely(task);
    batch.clear();
    if (batch_end_) run_task_safely(batch_end_);
  }
}

}  // namespace ctpgw::sim
