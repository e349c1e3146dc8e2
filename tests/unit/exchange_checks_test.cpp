// The exchange-layer checks on the shipped master: each refusal with the exchange's message, in
// the order the exchange checks.
#include "ctpgw/sim/engine/exchange_checks.h"

#include <gtest/gtest.h>

#include <string>

namespace ctpgw::sim {
namespace {

const std::string kShipped = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";

class ExchangeChecks : public ::testing::Test {
 protected:
  ExchangeChecks() : master_(InstrumentMaster::load(kShipped)) {
    band_.upper = 4000;
    band_.lower = 3000;
  }
  std::string refusal(const char* id, OrderTerms t, Phase phase = Phase::Continuous) {
    const char* text = exchange_refusal(*master_.find(id), t, band_, phase);
    return text == nullptr ? "" : text;
  }
  static OrderTerms limit(std::int64_t ticks, int volume = 1) {
    OrderTerms t;
    t.limit = ticks;
    t.volume = volume;
    return t;
  }

  InstrumentMaster master_;
  Tick band_;
};

TEST_F(ExchangeChecks, OrderTypesAnExchangeDoesNotTakeComeFromItsRules) {
  OrderTerms market = limit(4000);
  market.price_type = '1';
  market.time_condition = '1';
  EXPECT_EQ(refusal("rb2705", market), "79:已撤单报单被拒绝SHFE:不被支持的报单类型");
  EXPECT_EQ(refusal("IF2612", market), "79:已撤单报单被拒绝CFFEX:不被支持的报单类型");
  EXPECT_EQ(refusal("m2705", market), "") << "DCE takes market orders";
  OrderTerms gfd_all = limit(3500);
  gfd_all.volume_condition = '3';
  EXPECT_EQ(refusal("rb2705", gfd_all), "79:已撤单报单被拒绝SHFE:不被支持的报单类型");
  EXPECT_EQ(refusal("m2705", gfd_all), "");
}

TEST_F(ExchangeChecks, GridBandVolumeAndPhaseAreCheckedInTurn) {
  OrderTerms off_grid = limit(5000);  // off the grid and outside the band: the grid comes first
  off_grid.on_grid = false;
  EXPECT_EQ(refusal("rb2705", off_grid), "报单价格不是最小变动价位的整数倍");
  EXPECT_EQ(refusal("rb2705", limit(4001)), "报单价格超出涨跌停板范围");
  EXPECT_EQ(refusal("rb2705", limit(2999)), "报单价格超出涨跌停板范围");
  EXPECT_EQ(refusal("rb2705", limit(4000)), "");
  EXPECT_EQ(refusal("IF2612", limit(3500, 21)), "报单数量超出交易所限制");  // IF: at most 20
  EXPECT_EQ(refusal("IF2612", limit(3500, 20)), "");
  EXPECT_EQ(refusal("rb2705", limit(3500), Phase::NoTrading), "合约不在交易时段");
  EXPECT_EQ(refusal("rb2705", limit(3500), Phase::AuctionMatch), "合约不在交易时段");
  EXPECT_EQ(refusal("rb2705", limit(3500), Phase::Closed), "合约不在交易时段");
  EXPECT_EQ(refusal("rb2705", limit(3500), Phase::AuctionOrdering), "");
}

}  // namespace
}  // namespace ctpgw::sim
