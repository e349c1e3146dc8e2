// HostedRunner: the simulator's tasks on the host's event loop, in order, in batches.
#include "ctpgw/sim/runtime/hosted_runner.h"

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace ctpgw::sim {
namespace {

/// A host loop the test turns by hand.
struct ManualLoop {
  std::deque<std::function<void()>> queue;
  HostPost post() {
    return [this](std::function<void()> f) { queue.push_back(std::move(f)); };
  }
  void run() {
    while (!queue.empty()) {
      auto f = std::move(queue.front());
      queue.pop_front();
      f();
    }
  }
};

TEST(HostedRunner, TasksPostedTogetherRunAsOneBatchInOrderWithOneBatchEnd) {
  ManualLoop loop;
  std::vector<std::string> log;
  HostedRunner runner(loop.post(), [&] { log.push_back("end"); });
  runner.post([&] { log.push_back("a"); });
  runner.post([&] {
    log.push_back("b");
    runner.post([&] { log.push_back("c"); });  // posted from a task: the next batch
  });
  EXPECT_EQ(loop.queue.size(), 1u) << "one hand-off to the loop for the burst";
  loop.run();
  EXPECT_EQ(log, (std::vector<std::string>{"a", "b", "end", "c", "end"}));
}

TEST(HostedRunner, AThrowingTaskIsContainedAndTheBatchGoesOn) {
  ManualLoop loop;
  std::vector<std::string> log;
  HostedRunner runner(loop.post(), [&] { log.push_back("end"); });
  runner.post([] { throw std::runtime_error("boom"); });
  runner.post([&] { log.push_back("after"); });
  loop.run();
  EXPECT_EQ(log, (std::vector<std::string>{"after", "end"}));
}

TEST(HostedRunner, DestructionRunsWhatIsQueuedAndLaterLoopTurnsFindNothing) {
  ManualLoop loop;
  std::vector<std::string> log;
  {
    HostedRunner runner(loop.post(), [&] { log.push_back("end"); });
    runner.post([&] { log.push_back("queued"); });
  }
  EXPECT_EQ(log, (std::vector<std::string>{"queued", "end"}));
  loop.run();  // the batch the runner had scheduled: nothing left to do, nothing touched
  EXPECT_EQ(log.size(), 2u);
}

}  // namespace
}  // namespace ctpgw::sim
