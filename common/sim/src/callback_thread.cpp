#include "ctpgw/sim/callback_thread.h"

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

void CallbackThread::run() {
  std::deque<std::function<void()>> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping and drained
      batch.swap(tasks_);
    }
    for (auto& task : batch) task();
    batch.clear();
    if (batch_end_) batch_end_();
  }
}

}  // namespace ctpgw::sim
