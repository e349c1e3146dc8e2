// Token bucket and login lock-out, driven by a clock the test owns.
#include <gtest/gtest.h>

#include "ctpgw/core/token_bucket.h"
#include "login_guard.h"

namespace ctpgw {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(TokenBucket, AllowsTheBurstThenTheRate) {
  const Clock::time_point t0{};
  core::TokenBucket bucket(10, 20, t0);
  int taken = 0;
  while (bucket.take(t0)) ++taken;
  EXPECT_EQ(taken, 20);
  EXPECT_FALSE(bucket.take(t0 + 50ms));  // half a token
  EXPECT_TRUE(bucket.take(t0 + 100ms));  // one token a tenth of a second
  EXPECT_FALSE(bucket.take(t0 + 100ms));
  core::TokenBucket unlimited(0, 0, t0);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(unlimited.take(t0));
}

TEST(LoginGuard, LocksAfterFailuresUntilTheLockoutPassesAndASuccessClears) {
  td::LoginGuard guard(3, 300s);
  const Clock::time_point t0{};
  for (int i = 0; i < 2; ++i) guard.failed("1.2.3.4", "u", t0);
  EXPECT_EQ(guard.locked_for("1.2.3.4", "u", t0), 0);
  guard.failed("1.2.3.4", "u", t0 + 10s);
  EXPECT_EQ(guard.locked_for("1.2.3.4", "u", t0 + 10s), 301);
  EXPECT_EQ(guard.locked_for("5.6.7.8", "u", t0 + 10s), 0);   // other addresses
  EXPECT_EQ(guard.locked_for("1.2.3.4", "v", t0 + 10s), 0);   // other users
  EXPECT_EQ(guard.locked_for("1.2.3.4", "u", t0 + 310s), 0);  // over
  guard.failed("1.2.3.4", "u", t0 + 311s);                    // an old streak does not count
  EXPECT_EQ(guard.locked_for("1.2.3.4", "u", t0 + 311s), 0);
  guard.failed("1.2.3.4", "u", t0 + 312s);
  guard.succeeded("1.2.3.4", "u");
  guard.failed("1.2.3.4", "u", t0 + 313s);
  EXPECT_EQ(guard.locked_for("1.2.3.4", "u", t0 + 313s), 0);
  td::LoginGuard off(0, 300s);
  for (int i = 0; i < 100; ++i) off.failed("1.2.3.4", "u", t0);
  EXPECT_EQ(off.locked_for("1.2.3.4", "u", t0), 0);
}

}  // namespace
}  // namespace ctpgw
