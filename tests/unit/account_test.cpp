// The accounts' money rules on the shipped instrument master, with prices given by the test:
// margins (futures, the larger-side rule, option sellers), fees by kind, balance and available,
// all in exact micro-yuan.
#include "ctpgw/sim/accounts/account.h"

#include <gtest/gtest.h>

#include <map>

namespace ctpgw::sim {
namespace {

const std::string kShipped = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";

class AccountMoney : public ::testing::Test {
 protected:
  AccountMoney()
      : master_(InstrumentMaster::load(kShipped)),
        rules_(master_, [this](const InstrumentSpec& s) { return last_.at(s.id); }) {}

  const InstrumentSpec& spec(const char* id) { return *master_.find(id); }
  /// One lot opened today at `ticks`.
  void hold(Account& a, const char* id, char direction, std::int64_t ticks, int volume = 1) {
    StoredLot lot;
    lot.open_ticks = lot.settle_ticks = ticks;
    lot.volume = volume;
    a.positions[PositionKey{spec(id).index, direction, '1'}].lots.push_back(lot);
  }

  InstrumentMaster master_;
  std::map<std::string, std::int64_t> last_;
  MoneyRules rules_;
};

TEST_F(AccountMoney, AFuturesMarginAndFeesAreExactToTheMicroYuan) {
  const InstrumentSpec& cu = spec("cu2701");  // tick 10, x5, margin 8 %, 0.5/1 per 10,000
  const std::int64_t ticks = 7835;            // 78,350 yuan
  EXPECT_EQ(MoneyRules::margin_per_lot(cu, ticks), Money::from_yuan(78'350 * 5 * 0.08));
  EXPECT_EQ(MoneyRules::fee(cu, ticks, 3, FeeKind::Open), Money::from_yuan(58.7625));
  EXPECT_EQ(MoneyRules::fee(cu, ticks, 3, FeeKind::CloseToday), Money::from_yuan(117.525));
  EXPECT_EQ(MoneyRules::fee(spec("IO2612-C-3900"), 408, 2, FeeKind::Close),
            Money::from_yuan(30));  // by volume: 15 a lot
}

TEST_F(AccountMoney, ALongAndAShortCopperLotAreMarginedOnceOnTheLargerSide) {
  last_ = {{"cu2701", 7835}};
  Account a;
  a.stored.pre_balance = Money::from_yuan(1'000'000);
  hold(a, "cu2701", position_direction::kLong, 7835);
  const Money one = rules_.totals(a).margin;
  hold(a, "cu2701", position_direction::kShort, 7835);
  EXPECT_EQ(rules_.totals(a).margin, one);
  hold(a, "cu2701", position_direction::kShort, 7835);
  EXPECT_EQ(rules_.totals(a).margin, one * 2) << "two short against one long";
  // Marked at the last price: the long gains what the two shorts lose.
  last_["cu2701"] = 7840;  // +50 yuan a ton, x5
  EXPECT_EQ(rules_.totals(a).position_profit, Money::from_yuan(-250));
  EXPECT_EQ(MoneyRules::balance(a, rules_.totals(a)), Money::from_yuan(1'000'000 - 250));
  EXPECT_EQ(rules_.available(a), Money::from_yuan(1'000'000 - 250) - one * 2);
}

TEST_F(AccountMoney, AnOptionSellerPaysPremiumPlusTheExchangeFormulaABuyerNothingMore) {
  const InstrumentSpec& io = spec("IO2612-C-3900");      // call, strike 3900, x100; IF margin 12 %
  last_ = {{"IF2612", 19'500}, {"IO2612-C-3900", 408}};  // IF at 3900.0, the call at 81.6
  const Money premium = Money::from_yuan(81.6 * 100);
  const Money underlying_margin = Money::from_yuan(3900.0 * 100 * 0.12);
  // At the money: nothing out of the money, the full underlying margin counts.
  EXPECT_EQ(rules_.option_seller_margin(io, 408), premium + underlying_margin);
  last_["IF2612"] = 19'000;  // 3800: the call is 100 points out of the money
  const Money otm_margin = Money::from_yuan(3800.0 * 100 * 0.12);
  EXPECT_EQ(rules_.option_seller_margin(io, 408),
            premium + max(otm_margin - Money::from_yuan(100 * 100 / 2), otm_margin.share(1, 2)));
  EXPECT_EQ(rules_.position_margin_per_lot(io, position_direction::kLong, 408), Money());
  EXPECT_EQ(rules_.open_freeze_per_lot(io, position_direction::kLong, 408), premium);
}

}  // namespace
}  // namespace ctpgw::sim
