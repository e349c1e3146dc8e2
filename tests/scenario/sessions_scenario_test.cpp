// The instruments' real sessions (Sim.AlwaysOpen false): phase changes pushed as
// RtnInstrumentStatus, the opening call auction, GFD expiry at the close.
#include <gtest/gtest.h>

#include "counter_fixture.h"

namespace ctpgw::sim::testing {
namespace {

using V = std::vector<std::string>;

class SessionsFixture : public CounterFixture {
 protected:
  bool always_open() const override { return false; }
  /// Moves the clock on and lets the counter see the tick of that moment.
  std::vector<Event> at_plus(std::chrono::seconds s) {
    recorder_->events.clear();
    clock_->advance(s);
    counter_->on_feed_tick(exchange_->current_index());
    return recorder_->events;
  }
  static std::vector<std::string> statuses(const std::vector<Event>& ev, const std::string& id) {
    std::vector<std::string> out;
    for (const Event& e : ev) {
      if (e.type == "RtnInstrumentStatus:" + id)
        out.push_back(std::string(1, e.status) + "@" + e.status_msg);
    }
    return out;
  }
};

TEST_F(SessionsFixture, InstrumentStatusIsPushedAtEveryPhaseChange) {
  EXPECT_TRUE(at_plus(std::chrono::seconds(0)).empty()) << "the phase at start is not a change";
  // 10:15: SHFE's morning break begins; CFFEX trades on (09:30-11:30).
  const auto at_1015 = at_plus(std::chrono::minutes(15));
  EXPECT_EQ(statuses(at_1015, "rb2705"), std::vector<std::string>{"1@10:15:00"});
  EXPECT_TRUE(statuses(at_1015, "IF2612").empty());
  EXPECT_TRUE(at_plus(std::chrono::minutes(5)).empty()) << "no change inside the break";
  // 10:30: SHFE continuous trading again.
  EXPECT_EQ(statuses(at_plus(std::chrono::minutes(10)), "rb2705"),
            std::vector<std::string>{"2@10:30:00"});
}

TEST_F(SessionsFixture, GoodForDayOrdersExpireAtTheCloseWithAPush) {
  at_plus(std::chrono::seconds(0));
  const double lower = spec("rb2705").to_price(tick("rb2705").lower);
  const auto placed = insert(order("rb2705").buy().limit(lower).volume(1));
  ASSERT_EQ(types(placed), (V{"RtnOrder:0a", "RtnOrder:33"}));
  ASSERT_GT(account().FrozenMargin, 0);
  at_plus(std::chrono::hours(4) + std::chrono::minutes(59) + std::chrono::seconds(59));  // 14:59:59
  const auto at_close = at_plus(std::chrono::seconds(1));                                // 15:00:00
  std::vector<Event> orders;
  for (const Event& e : at_close) {
    if (e.type == "RtnOrder") orders.push_back(e);
  }
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].status, '5');
  EXPECT_EQ(orders[0].sys_id, placed[1].sys_id);
  EXPECT_EQ(orders[0].status_msg, "已撤单:交易日结束");
  EXPECT_EQ(statuses(at_close, "rb2705"), std::vector<std::string>{"6@15:00:00"});  // closed
  EXPECT_EQ(account().FrozenMargin, 0.0);
}

// Wednesday evening: the night session's opening auction for the trading day of Thursday.
TEST_F(SessionsFixture, TheOpeningAuctionTakesOrdersThenMatchesThemAtTheOpeningPrice) {
  const InstrumentSpec& rb = spec("rb2705");
  clock_->set(TimePoint(sys_days(year_month_day(year(2026), month(11), day(18))) + hours(12) +
                        minutes(54)));  // 20:54 China time
  at_plus(seconds(0));
  // 20:55: order entry opens for the night instruments; day-only CFFEX stays closed.
  const auto at_2055 = at_plus(minutes(1));
  EXPECT_EQ(statuses(at_2055, "rb2705"), V{"3@20:55:00"});
  EXPECT_TRUE(statuses(at_2055, "IF2612").empty());
  const std::int64_t open_index = exchange_->feed().index_at(clock_->now() + minutes(5));
  const std::int64_t open = exchange_->feed().tick(rb, open_index).open;
  const Tick& before_open = tick("rb2705");
  EXPECT_NE(before_open.pre_settlement, 0);
  // A limit order rests unmatched; a FAK finds no continuous market and is cancelled unfilled.
  const auto buy = insert(order("rb2705").buy().limit(rb.to_price(open + 3)).volume(2));
  EXPECT_EQ(types(buy), (V{"RtnOrder:0a", "RtnOrder:33"}));
  const auto below = insert(order("rb2705").buy().limit(rb.to_price(open - 3)).volume(1));
  EXPECT_EQ(types(below), (V{"RtnOrder:0a", "RtnOrder:33"}));
  EXPECT_EQ(types(insert(order("rb2705").buy().fak().limit(rb.to_price(open + 3)))),
            (V{"RtnOrder:0a", "RtnOrder:05"}));
  // 20:59: the match minute takes no orders.
  const auto at_2059 = at_plus(minutes(4));
  EXPECT_EQ(statuses(at_2059, "rb2705"), V{"5@20:59:00"});
  const auto late = insert(order("rb2705").buy().limit(rb.to_price(open + 3)));
  ASSERT_EQ(types(late), (V{"RtnOrder:0a", "RtnOrder:45"}));
  EXPECT_EQ(late[1].status_msg, "合约不在交易时段");
  // 21:00: continuous trading; the crossing auction order filled at the opening price.
  const auto at_2100 = at_plus(minutes(1));
  EXPECT_EQ(statuses(at_2100, "rb2705"), V{"2@21:00:00"});
  std::vector<Event> trades;
  for (const Event& e : at_2100) {
    if (e.type == "RtnTrade") trades.push_back(e);
  }
  ASSERT_EQ(trades.size(), 1u);
  EXPECT_EQ(trades[0].price, rb.to_price(open));
  EXPECT_EQ(trades[0].traded, 2);
  EXPECT_EQ(trades[0].sys_id, buy[1].sys_id);
  EXPECT_EQ(tick("rb2705").open, open);
}

// A trading day without a night session (after a weekend-free holiday or for day-only
// instruments) opens with its auction before the day session: CFFEX at 09:25.
TEST_F(SessionsFixture, DayOnlyInstrumentsHoldTheirAuctionBeforeTheDaySession) {
  clock_->set(TimePoint(sys_days(year_month_day(year(2026), month(11), day(19))) + hours(1) +
                        minutes(24)));  // Thursday 09:24 China time
  at_plus(seconds(0));
  EXPECT_EQ(statuses(at_plus(minutes(1)), "IF2612"), V{"3@09:25:00"});
  EXPECT_EQ(statuses(at_plus(minutes(4)), "IF2612"), V{"5@09:29:00"});
  EXPECT_EQ(statuses(at_plus(minutes(1)), "IF2612"), V{"2@09:30:00"});
}

}  // namespace
}  // namespace ctpgw::sim::testing
