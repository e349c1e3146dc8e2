// The daily settlement through the counter's API: marks to the day's settlement price, PreBalance
// carried forward, statements per trading day, confirmation per investor and day, across a
// holiday (the 2026 National Day week of the shipped calendar).
#include <gtest/gtest.h>

#include "counter_fixture.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/feed/china_time.h"

namespace ctpgw::sim::testing {
namespace {

using V = std::vector<std::string>;

TimePoint china(int y, unsigned m, unsigned d, int hh, int mm) {
  return TimePoint(sys_days(year_month_day(year(y), month(m), day(d))) + hours(hh) + minutes(mm) -
                   hours(8));
}

class SettlementFixture : public CounterFixture {
 protected:
  void SetUp() override {
    cfg_.calendar = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/calendar.yaml";
    CounterFixture::SetUp();
  }
  /// The statement's text (the chunks' Content concatenated, as UTF-8).
  std::string statement(const std::string& day, std::string* trading_day = nullptr) {
    const auto rows = counter_->settlement_info(ctx_, day);
    std::string gb;
    int expected_sequence = 1;
    for (const auto& r : rows) {
      EXPECT_EQ(r.SequenceNo, expected_sequence++);
      EXPECT_LE(std::strlen(r.Content), 500u);
      gb += r.Content;
      if (trading_day != nullptr) *trading_day = r.TradingDay;
    }
    return ctp::gb18030_to_utf8(gb);
  }
  std::int64_t settlement(const char* id, int y, unsigned m, unsigned d) {
    return exchange_->feed().settlement_price(spec(id),
                                              sys_days(year_month_day(year(y), month(m), day(d))));
  }
};

TEST_F(SettlementFixture, TwoSettlementsAcrossTheNationalDayHolidayCarryTheBalance) {
  const InstrumentSpec& rb = spec("rb2705");
  clock_->set(china(2026, 9, 30, 10, 0));  // Wednesday, the last trading day before the holiday
  reopen();
  const double opened_at = ask("rb2705");
  ASSERT_EQ(types(insert(order("rb2705").buy().limit(opened_at))).back(), "RtnTrade");
  const double open_fee = account().Commission;
  EXPECT_EQ(statement(""), "");  // nothing settled yet

  // Thursday 8 October, the first trading day after the holiday: 30 September was settled.
  clock_->set(china(2026, 10, 8, 10, 0));
  std::string day;
  const std::string first = statement("", &day);
  EXPECT_EQ(day, "20260930");
  const double s1 = rb.to_price(settlement("rb2705", 2026, 9, 30));
  EXPECT_NE(first.find("交易结算单"), std::string::npos) << first;
  EXPECT_NE(first.find("rb2705"), std::string::npos);
  EXPECT_NE(first.find("Trading Day: 20260930"), std::string::npos);
  const auto acc = account();
  EXPECT_STREQ(acc.TradingDay, "20261008");
  const double balance1 = 1'000'000 - open_fee + (s1 - opened_at) * rb.multiplier;
  EXPECT_NEAR(acc.PreBalance, balance1, 1e-6);
  // The market agrees: today's pre-settlement price is that settlement.
  EXPECT_EQ(tick("rb2705").pre_settlement, settlement("rb2705", 2026, 9, 30));
  const auto positions = counter_->query_positions(ctx_, {});
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].YdPosition, 1);
  EXPECT_EQ(positions[0].TodayPosition, 0);

  // Close it on 8 October; the evening's roll settles the 8th.
  const double closed_at = bid("rb2705");
  ASSERT_EQ(types(insert(order("rb2705").sell().close_yesterday().limit(closed_at))).back(),
            "RtnTrade");
  const double close_fee = account().Commission;
  clock_->set(china(2026, 10, 8, 18, 1));  // trading day 9 October
  const std::string second = statement("", &day);
  EXPECT_EQ(day, "20261008");
  EXPECT_NEAR(account().PreBalance, balance1 - close_fee + (closed_at - s1) * rb.multiplier, 1e-6);
  EXPECT_NE(second.find("平 C"), std::string::npos) << second;
  // Earlier statements stay available by day; an unknown day has none.
  EXPECT_NE(statement("20260930").find("Trading Day: 20260930"), std::string::npos);
  EXPECT_EQ(statement("20261005"), "");
}

TEST_F(SettlementFixture, AConfirmationHoldsForTheInvestorsTradingDayOnly) {
  clock_->set(china(2026, 11, 18, 10, 0));
  reopen();
  EXPECT_FALSE(counter_->settlement_confirm(ctx_.investor_id).has_value());
  SessionContext other = ctx_;
  other.session_id = 2;
  other.settlement_confirmed = false;
  EXPECT_FALSE(counter_->confirmed_today(other));
  ASSERT_EQ(counter_->confirm_settlement(other, {"20261118", "20261118", "10:00:00"}),
            ctp::ErrorCode::None);
  // Another session of the same investor needs no confirmation of its own that day.
  SessionContext third = other;
  third.session_id = 3;
  EXPECT_TRUE(counter_->confirmed_today(third));
  const auto c = counter_->settlement_confirm(ctx_.investor_id);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->date, "20261118");
  // The next trading day needs a new one: an order is refused with 42 until then.
  clock_->set(china(2026, 11, 19, 10, 0));
  EXPECT_FALSE(counter_->confirmed_today(third));
  recorder_->events.clear();
  counter_->insert_order(
      third, order("rb2705").buy().limit(ask("rb2705")).f, 1,
      [&](const ctp::CThostFtdcInputOrderField&, const ctp::CThostFtdcRspInfoField& i) {
        recorder_->events.push_back(error_event("RspOrderInsert", i.ErrorID));
      });
  EXPECT_EQ(types(recorder_->events), (V{"RspOrderInsert:42", "ErrRtnOrderInsert:42"}));
}

}  // namespace
}  // namespace ctpgw::sim::testing
