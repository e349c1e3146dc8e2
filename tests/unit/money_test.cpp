// Exact money: amounts in whole micro-yuan, rates as fixed-point fractions, and the one
// conversion to CTP's doubles.
#include "ctpgw/sim/engine/money.h"

#include <gtest/gtest.h>

namespace ctpgw::sim {
namespace {

TEST(Money, SumsThatDriftInDoublesAreExact) {
  // 0.1 + 0.2 != 0.3 in doubles; ten fees of 0.1 yuan make exactly one yuan here.
  Money sum;
  for (int i = 0; i < 10; ++i) sum += Money::from_yuan(0.1);
  EXPECT_EQ(sum, Money::from_yuan(1.0));
  EXPECT_EQ((Money::from_yuan(0.1) + Money::from_yuan(0.2)).yuan(), 0.3);
  EXPECT_NE(606.8 * 3, 1820.4);  // in doubles
  EXPECT_EQ((Money::from_yuan(606.8) * 3).yuan(), 1820.4);
}

TEST(Money, RatesRoundHalfAwayFromZeroToTheMicroYuan) {
  const Rate fee = Rate::from_fraction(0.000023);  // IF's open fee rate
  EXPECT_EQ(fee.parts(), 230'000);
  // One IF lot at 4000.2 points x 300: 1,200,060 yuan; 0.23 per 10,000 of it is 27.60138.
  EXPECT_EQ(fee.of(Money::from_yuan(1'200'060)), Money::micros(27'601'380));
  EXPECT_EQ(Rate::parts(Rate::kScale / 2).of(Money::micros(3)), Money::micros(2));    // 1.5 -> 2
  EXPECT_EQ(Rate::parts(Rate::kScale / 2).of(Money::micros(-3)), Money::micros(-2));  // -1.5
  // No overflow where the product of amount and rate passes 2^63.
  EXPECT_EQ(Rate::from_fraction(0.5).of(Money::from_yuan(5e12)), Money::from_yuan(2.5e12));
}

TEST(Money, SharesNeverReleaseMoreThanWasFrozen) {
  const Money frozen = Money::micros(1000);
  Money released;
  int left = 3;
  for (int lot = 0; lot < 2; ++lot) {
    const Money part = (frozen - released).share(1, left--);
    released += part;
  }
  EXPECT_LE(released, frozen);
  EXPECT_EQ(frozen - released, Money::micros(334));  // what the last lot releases
  EXPECT_EQ(Money::from_yuan(100).lots_of(Money::from_yuan(30)), 3);
  EXPECT_EQ(Money::from_yuan(-1).lots_of(Money::from_yuan(30)), 0);
  EXPECT_EQ(Money::from_yuan(100).lots_of(Money()), 0);
}

}  // namespace
}  // namespace ctpgw::sim
