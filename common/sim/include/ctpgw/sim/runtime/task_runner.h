// Where the simulator's tasks run, in order, in batches (each batch followed by the batch-end
// hook: the counter commits there, once per batch). Two kinds:
//  - CallbackThread: a thread of its own, as the vendor SDK's callback thread would be;
//  - HostedRunner: the host's event loop (td_service's WebSocket thread), so a request reaches
//    the counter and its answer the socket without a single thread hand-off.
#pragma once

#include <functional>

namespace ctpgw::sim {

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  /// Any thread. Tasks run one at a time, in the order posted.
  virtual void post(std::function<void()> task) = 0;
};

/// Runs a task; an exception it throws is logged as critical, never passed on: the last line of
/// defence for the thread or loop that runs it (known failures are handled where they happen).
void run_task_safely(const std::function<void()>& task);

/// Posts a function to the host's event loop (e.g. boost::asio::post on its io_context).
using HostPost = std::function<void(std::function<void()>)>;

}  // namespace ctpgw::sim
