// One case per row of the order-lifecycle table (ctp-model §5.3) and per error code the
// simulator produces, each asserting the exact callback sequence.
#include <cmath>
#include <fstream>

#include "counter_fixture.h"

namespace ctpgw::sim::testing {
namespace {

using V = std::vector<std::string>;

TEST_F(CounterFixture, AcceptedOrderRests) {
  const auto ev = insert(order("rb2705").buy().limit(bid("rb2705") - 5).volume(2));
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33"}));
  EXPECT_EQ(ev[0].sys_id, "");  // no OrderSysID before the exchange accepts it
  EXPECT_NE(ev[1].sys_id, "");
  EXPECT_EQ(ev[1].status_msg, "未成交");
  EXPECT_EQ(ev[1].remaining, 2);
  EXPECT_EQ(next_tick().size(), 0u);  // still resting, nothing said
}

TEST_F(CounterFixture, MarketableOrderFillsFullyAtTheAsk) {
  const double a1 = ask("rb2705");
  const auto ev = insert(order("rb2705").buy().limit(a1 + 10).volume(1));
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:30", "RtnTrade"}));
  EXPECT_EQ(ev[2].traded, 1);
  EXPECT_EQ(ev[2].remaining, 0);
  EXPECT_EQ(ev[3].price, a1);  // fills at the ask, not at the limit
  EXPECT_EQ(ev[3].sys_id, ev[1].sys_id);
  EXPECT_STREQ(ev[3].trade.OrderRef, ev[1].order.OrderRef);
}

TEST_F(CounterFixture, FillsWalkTheBookAndRespectDisplayedVolume) {
  const Tick t = tick("rb2705");
  const int v1 = t.ask_volume[0], v2 = t.ask_volume[1];
  const auto ev = insert(order("rb2705").buy().limit(ask("rb2705", 2)).volume(v1 + v2 + 1));
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:31", "RtnTrade", "RtnOrder:31",
                          "RtnTrade", "RtnOrder:30", "RtnTrade"}));
  EXPECT_EQ(ev[3].traded, v1);
  EXPECT_EQ(ev[3].price, ask("rb2705", 0));
  EXPECT_EQ(ev[5].traded, v2);
  EXPECT_EQ(ev[5].price, ask("rb2705", 1));
  EXPECT_EQ(ev[7].traded, 1);
  EXPECT_EQ(ev[7].price, ask("rb2705", 2));
  // The liquidity is used up for this tick: a second order at the best ask does not fill now.
  const auto again = insert(order("rb2705").buy().limit(ask("rb2705", 0)).volume(1));
  EXPECT_EQ(types(again), (V{"RtnOrder:0a", "RtnOrder:33"}));
}

TEST_F(CounterFixture, PartialFillKeepsTheRestQueueing) {
  const int v1 = tick("rb2705").ask_volume[0];
  const auto ev = insert(order("rb2705").buy().limit(ask("rb2705")).volume(v1 + 3));
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:31", "RtnTrade"}));
  EXPECT_EQ(ev[2].traded, v1);
  EXPECT_EQ(ev[2].remaining, 3);
  EXPECT_EQ(ev[2].status_msg, "部分成交报单已提交");
}

TEST_F(CounterFixture, RestingOrderIsRematchedOnEveryTick) {
  // A buy one tick under the current ask; walk the deterministic feed until an ask reaches it.
  const double limit = ask("rb2705") - 1;
  const auto placed = insert(order("rb2705").buy().limit(limit).volume(1));
  ASSERT_EQ(types(placed), (V{"RtnOrder:0a", "RtnOrder:33"}));
  for (int i = 0; i < 2000; ++i) {
    const auto ev = next_tick();
    if (ev.empty()) continue;
    EXPECT_EQ(types(ev), (V{"RtnOrder:30", "RtnTrade"}));
    // The market traded through the resting buy (or at its price past the queue ahead): it
    // fills at its own limit, not at the ask.
    EXPECT_EQ(ev[1].price, limit);
    EXPECT_TRUE(ask("rb2705") < limit || tick("rb2705").last == spec("rb2705").to_ticks(limit) ||
                ask("rb2705") == limit);
    return;
  }
  FAIL() << "the feed never came down to the order within 2000 ticks";
}

TEST_F(CounterFixture, ARestingSellFillsAtItsOwnLimit) {
  const double limit = bid("m2705") + 1;
  ASSERT_EQ(types(insert(order("m2705").sell().open().limit(limit).volume(1))),
            (V{"RtnOrder:0a", "RtnOrder:33"}));
  for (int i = 0; i < 2000; ++i) {
    const auto ev = next_tick();
    if (ev.empty()) continue;
    ASSERT_EQ(types(ev), (V{"RtnOrder:30", "RtnTrade"}));
    EXPECT_EQ(ev[1].price, limit);
    // The bid came up through the order, or the market traded at its price long enough.
    EXPECT_TRUE(bid("m2705") >= limit || tick("m2705").last == spec("m2705").to_ticks(limit));
    return;
  }
  FAIL() << "the feed never came up to the order within 2000 ticks";
}

// A buy joining the best bid waits behind the lots displayed there: it fills only once more than
// that has traded while the market stood at its price, or when the ask drops through it.
TEST_F(CounterFixture, ARestingOrderWaitsBehindTheDisplayedQueueAtItsPrice) {
  const InstrumentSpec& m = spec("T2703");  // a quiet market: it stays at a price
  // Join a best bid the market is trading at.
  while (tick("T2703").bid[0] != tick("T2703").last) next_tick();
  const std::int64_t limit = tick("T2703").bid[0];
  const int ahead = tick("T2703").bid_volume[0];
  ASSERT_EQ(types(insert(order("T2703").buy().open().limit(m.to_price(limit)).volume(1))),
            (V{"RtnOrder:0a", "RtnOrder:33"}));
  std::int64_t seen = tick("T2703").volume;
  int worked = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto ev = next_tick();
    const Tick& t = tick("T2703");
    const bool crossed = t.ask_volume[0] > 0 && t.ask[0] < limit;  // traded through
    if (t.last == limit || t.ask[0] == limit) worked += static_cast<int>(t.volume - seen);
    seen = t.volume;
    if (ev.empty()) {
      ASSERT_FALSE(crossed) << "tick " << i;
      ASSERT_LE(worked, ahead) << "tick " << i << ": the queue ahead was worked off";
      continue;
    }
    ASSERT_EQ(types(ev), (V{"RtnOrder:30", "RtnTrade"}));
    EXPECT_EQ(ev[1].price, m.to_price(limit));
    EXPECT_TRUE(crossed || worked > ahead)
        << worked << " traded at the price, " << ahead << " ahead";
    EXPECT_GT(i, 0) << "not on the tick it joined";
    return;
  }
  FAIL() << "never filled within 20000 ticks; " << worked << " traded at the price, " << ahead
         << " ahead, last " << tick("T2703").last << " limit " << limit;
}

// What an order takes from the book comes back over time, not with the next tick.
TEST_F(CounterFixture, SweptLiquidityRecoversOverTimeNotAtTheNextTick) {
  const InstrumentSpec& m = spec("m2705");
  struct Sweep {
    std::map<double, int> shown, traded;  ///< by price
    int total_shown = 0, total_traded = 0;
  };
  auto sweep = [&] {
    Sweep out;
    const Tick& t = tick("m2705");
    for (int i = 0; i < 5; ++i) {
      out.shown[m.to_price(t.ask[i])] = t.ask_volume[i];
      out.total_shown += t.ask_volume[i];
    }
    const auto ev = insert(
        order("m2705").buy().open().fak().volume(out.total_shown).limit(m.to_price(t.ask[4])));
    for (const auto& e : ev) {
      if (e.type != "RtnTrade") continue;
      out.traded[e.price] += e.traded;
      out.total_traded += e.traded;
    }
    return out;
  };
  const Sweep first = sweep();
  EXPECT_EQ(first.total_traded, first.total_shown) << "a fresh book gives what it shows";
  next_tick();  // half a second later: the levels swept are still nearly empty
  const Sweep second = sweep();
  int shown_again = 0, taken_again = 0;
  for (const auto& [price, lots] : first.traded) {
    if (!second.shown.count(price)) continue;
    shown_again += second.shown.at(price);
    taken_again += second.traded.count(price) ? second.traded.at(price) : 0;
  }
  ASSERT_GT(shown_again, 0) << "the book moved away from every swept price";
  EXPECT_LT(taken_again * 2, shown_again) << "the swept prices refilled at once";
  clock_->advance(seconds(90));  // nine half-lives
  const Sweep third = sweep();
  EXPECT_GE(third.total_traded * 10, third.total_shown * 9) << "recovered";
}

TEST_F(CounterFixture, CancelAcceptedThenCancelAgainIs26) {
  const auto placed = insert(order("rb2705").buy().limit(bid("rb2705") - 5).volume(2));
  const std::string sys_id = placed[1].sys_id;
  const auto ev = cancel_by_sys_id(sys_id, "SHFE");
  EXPECT_EQ(types(ev), (V{"RtnOrder:35"}));
  EXPECT_EQ(ev[0].status_msg, "已撤单");
  EXPECT_STRNE(ev[0].order.CancelTime, "");
  EXPECT_EQ(ev[0].traded, 0);
  EXPECT_EQ(types(cancel_by_sys_id(sys_id, "SHFE")),
            (V{"RspOrderAction:26", "ErrRtnOrderAction:26"}));
  EXPECT_EQ(account().FrozenMargin, 0.0);
  EXPECT_EQ(account().FrozenCommission, 0.0);
}

TEST_F(CounterFixture, CancelByFrontSessionAndOrderRef) {
  insert(order("m2705").buy().limit(bid("m2705") - 5).ref("7"));
  ctp::CThostFtdcInputOrderActionField a{};
  a.ActionFlag = '0';
  a.FrontID = ctx_.front_id;
  a.SessionID = ctx_.session_id;
  ctp::set_text(a.OrderRef, "7");
  EXPECT_EQ(types(cancel(a)), (V{"RtnOrder:35"}));
}

TEST_F(CounterFixture, CancelOfUnknownOrderIs25AndBadActionIs23) {
  EXPECT_EQ(types(cancel_by_sys_id("  999999", "SHFE")),
            (V{"RspOrderAction:25", "ErrRtnOrderAction:25"}));
  ctp::CThostFtdcInputOrderActionField a{};
  a.ActionFlag = '3';  // modify: not supported
  EXPECT_EQ(types(cancel(a)), (V{"RspOrderAction:23", "ErrRtnOrderAction:23"}));
}

TEST_F(CounterFixture, CancelOfAFilledOrderIs26) {
  const auto ev = insert(order("rb2705").buy().limit(ask("rb2705")).volume(1));
  EXPECT_EQ(types(cancel_by_sys_id(ev[1].sys_id, "SHFE")),
            (V{"RspOrderAction:26", "ErrRtnOrderAction:26"}));
}

TEST_F(CounterFixture, FakFillsWhatIsThereAndCancelsTheRest) {
  const int v1 = tick("rb2705").ask_volume[0];
  const auto ev = insert(order("rb2705").buy().limit(ask("rb2705")).volume(v1 + 5).fak());
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:31", "RtnTrade", "RtnOrder:35"}));
  EXPECT_EQ(ev[3].traded, v1);
  EXPECT_EQ(ev[3].remaining, 5);
  EXPECT_EQ(account().FrozenMargin, 0.0);
}

TEST_F(CounterFixture, UnfilledFakIsReportedAsSubmittedAndCancelled) {
  const auto ev = insert(order("rb2705").buy().limit(bid("rb2705") - 5).fak());
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:05"}));
}

TEST_F(CounterFixture, FokIsAllOrNothing) {
  const Tick t = tick("rb2705");
  const int shown = t.ask_volume[0] + t.ask_volume[1];
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(ask("rb2705", 1)).volume(shown + 1).fok())),
            (V{"RtnOrder:0a", "RtnOrder:05"}));
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(ask("rb2705", 1)).volume(shown).fok())),
            (V{"RtnOrder:0a", "RtnOrder:31", "RtnTrade", "RtnOrder:30", "RtnTrade"}));
}

TEST_F(CounterFixture, MarketOrdersOnlyWhereTheExchangeTakesThem) {
  // SHFE, INE and CFFEX refuse AnyPrice orders themselves: accepted by the counter, cancelled
  // by the exchange with its message, nothing left frozen.
  for (const auto& [id, exchange] :
       {std::pair{"rb2705", "SHFE"}, std::pair{"sc2701", "INE"}, std::pair{"IF2612", "CFFEX"}}) {
    const auto refused = insert(order(id).buy().market().volume(1));
    ASSERT_EQ(types(refused), (V{"RtnOrder:0a", "RtnOrder:45"})) << id;
    EXPECT_EQ(refused[1].status_msg,
              std::string("79:已撤单报单被拒绝") + exchange + ":不被支持的报单类型");
  }
  EXPECT_EQ(account().FrozenMargin, 0.0);
  const auto ev = insert(order("m2705").buy().market().volume(1));
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:30", "RtnTrade"}));
  EXPECT_EQ(ev[2].price, ask("m2705"));
}

TEST_F(CounterFixture, ShfeRefusesGoodForDayAllOrNothing) {
  // SHFE refuses GFD orders with VolumeCondition CV (all or nothing); DCE takes them.
  auto gfd_cv = order("rb2705").buy().limit(bid("rb2705")).volume(2);
  gfd_cv.f.VolumeCondition = '3';
  const auto refused = insert(gfd_cv);
  ASSERT_EQ(types(refused), (V{"RtnOrder:0a", "RtnOrder:45"}));
  EXPECT_EQ(refused[1].status_msg, "79:已撤单报单被拒绝SHFE:不被支持的报单类型");
  auto dce = order("m2705").buy().limit(bid("m2705")).volume(2);
  dce.f.VolumeCondition = '3';
  EXPECT_EQ(types(insert(dce)), (V{"RtnOrder:0a", "RtnOrder:33"})) << "DCE takes it and it rests";
}

TEST_F(CounterFixture, PriceLimitsComeFromTheProductRules) {
  // CFFEX: stock index futures +-10 %, ten-year treasury futures +-2 %; others their LimitRatio.
  for (const auto& [id, ratio] :
       {std::pair{"IF2612", 0.10}, std::pair{"T2703", 0.02}, std::pair{"rb2705", 0.07}}) {
    const auto& s = spec(id);
    EXPECT_DOUBLE_EQ(s.limit_ratio, ratio) << id;
    const Tick& t = tick(id);
    const double pre = s.to_price(t.pre_settlement);
    EXPECT_NEAR(s.to_price(t.upper), pre * (1 + ratio), s.price_tick) << id;
    EXPECT_NEAR(s.to_price(t.lower), pre * (1 - ratio), s.price_tick) << id;
  }
}

TEST_F(CounterFixture, ExchangeRejectsArriveAsRtnOrder) {
  const auto off_grid = insert(order("au2702").buy().limit(ask("au2702") + 0.01));
  EXPECT_EQ(types(off_grid), (V{"RtnOrder:0a", "RtnOrder:45"}));
  EXPECT_EQ(off_grid[1].status_msg, "报单价格不是最小变动价位的整数倍");
  const double upper = spec("rb2705").to_price(tick("rb2705").upper);
  const auto beyond = insert(order("rb2705").buy().limit(upper + 1));
  EXPECT_EQ(types(beyond), (V{"RtnOrder:0a", "RtnOrder:45"}));
  EXPECT_EQ(beyond[1].status_msg, "报单价格超出涨跌停板范围");
  // 201 options (the limit is 200), bid at the lowest price so the premium is affordable.
  const double floor_price = spec("IO2612-C-3900").to_price(tick("IO2612-C-3900").lower);
  const auto too_big = insert(order("IO2612-C-3900").buy().limit(floor_price).volume(201));
  EXPECT_EQ(types(too_big), (V{"RtnOrder:0a", "RtnOrder:45"}));
  EXPECT_EQ(account().FrozenMargin, 0.0);
}

TEST_F(CounterFixture, CtpLayerRejectsCarryRealErrorIds) {
  EXPECT_EQ(types(insert(order("xx9999").buy().limit(1))),
            (V{"RspOrderInsert:16", "ErrRtnOrderInsert:16"}));
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705")).exchange("DCE"))),
            (V{"RspOrderInsert:150", "ErrRtnOrderInsert:150"}));
  auto bad = order("rb2705").buy().limit(bid("rb2705"));
  bad.f.Direction = 'x';
  EXPECT_EQ(types(insert(bad)), (V{"RspOrderInsert:15", "ErrRtnOrderInsert:15"}));
  EXPECT_EQ(types(insert(order("au2702").buy().limit(bid("au2702")).volume(1000))),
            (V{"RspOrderInsert:31", "ErrRtnOrderInsert:31"}));
  EXPECT_EQ(types(insert(order("rb2705").sell().close_today().limit(bid("rb2705")))),
            (V{"RspOrderInsert:50", "ErrRtnOrderInsert:50"}));
  EXPECT_EQ(types(insert(order("rb2705").sell().close().limit(bid("rb2705")))),
            (V{"RspOrderInsert:51", "ErrRtnOrderInsert:51"}));
  EXPECT_EQ(types(insert(order("m2705").sell().close().limit(bid("m2705")))),
            (V{"RspOrderInsert:30", "ErrRtnOrderInsert:30"}));
  ctx_.settlement_confirmed = false;
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705")))),
            (V{"RspOrderInsert:42", "ErrRtnOrderInsert:42"}));
}

TEST_F(CounterFixture, OrderRefMustIncreaseAndEmptyRefsAreAssigned) {
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705") - 5).ref("10"))),
            (V{"RtnOrder:0a", "RtnOrder:33"}));
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705") - 5).ref("10"))),
            (V{"RspOrderInsert:22", "ErrRtnOrderInsert:22"}));
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705") - 5).ref("9"))),
            (V{"RspOrderInsert:22", "ErrRtnOrderInsert:22"}));
  const auto ev = insert(order("rb2705").buy().limit(bid("rb2705") - 5));
  EXPECT_STREQ(ev[0].order.OrderRef, "          11");
  EXPECT_EQ(counter_->max_order_ref(ctx_), "11");
}

TEST_F(CounterFixture, MarginCommissionAndProfitArithmetic) {
  const InstrumentSpec& rb = spec("rb2705");
  const double p = ask("rb2705");
  insert(order("rb2705").buy().limit(p).volume(1));
  insert(order("rb2705").buy().limit(ask("rb2705", 1)).volume(0 + 1));
  // Two lots bought (prices p and the second level).
  const auto pos = counter_->query_positions(ctx_, {});
  ASSERT_EQ(pos.size(), 1u);
  const double cost = pos[0].OpenCost;
  EXPECT_EQ(pos[0].Position, 2);
  EXPECT_EQ(pos[0].TodayPosition, 2);
  EXPECT_EQ(pos[0].PosiDirection, '2');
  EXPECT_EQ(pos[0].PositionDate, '1');
  const auto acc = account();
  EXPECT_NEAR(acc.CurrMargin, cost * rb.margin_ratio, 1e-6);
  EXPECT_NEAR(acc.Commission, cost * rb.open_by_money, 1e-6);
  const double last = rb.to_price(tick("rb2705").last);
  EXPECT_NEAR(acc.PositionProfit, last * rb.multiplier * 2 - cost, 1e-6);
  EXPECT_NEAR(acc.Balance, 1'000'000 + acc.PositionProfit - acc.Commission, 1e-6);
  EXPECT_NEAR(acc.Available, acc.Balance - acc.CurrMargin, 1e-6);

  // Close one lot today on SHFE: close-today commission, close profit against the open price.
  const double sell_at = bid("rb2705");
  const auto ev = insert(order("rb2705").sell().close_today().limit(sell_at).volume(1));
  ASSERT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:30", "RtnTrade"}));
  const auto after = account();
  const double first_open = p;  // FIFO: the first lot closes first
  EXPECT_NEAR(after.CloseProfit, (sell_at - first_open) * rb.multiplier, 1e-6);
  EXPECT_NEAR(after.Commission - acc.Commission, sell_at * rb.multiplier * rb.close_today_by_money,
              1e-6);
  const auto pos2 = counter_->query_positions(ctx_, {});
  ASSERT_EQ(pos2.size(), 1u);
  EXPECT_EQ(pos2[0].Position, 1);
  EXPECT_EQ(pos2[0].CloseVolume, 1);
  EXPECT_EQ(pos2[0].OpenVolume, 2);
}

TEST_F(CounterFixture, MoneyIsExactAcrossManyFillsAndTheAccountsIdentitiesHoldToTheMicroYuan) {
  // IF's fees are 0.23 and 2.3 parts in 10,000 of the turnover: every fill leaves fractions of a
  // fen, which doubles would sum with drift and freeze releases would leave behind.
  auto micros = [](double yuan) { return std::llround(yuan * 1e6); };
  for (int i = 0; i < 20; ++i) {
    // FAK: what the book does not give at once is cancelled, releasing the rest of its freeze.
    insert(order("IF2612").buy().limit(ask("IF2612")).volume(3).fak());
    insert(order("IF2612").sell().close().limit(bid("IF2612")).volume(1).fak());
  }
  const auto acc = account();
  EXPECT_EQ(acc.FrozenMargin, 0.0);  // exactly: each fill released its share, the last the rest
  EXPECT_EQ(acc.FrozenCommission, 0.0);
  EXPECT_GT(acc.Commission, 0.0);
  EXPECT_EQ(micros(acc.Balance), micros(acc.PreBalance) + micros(acc.Deposit) -
                                     micros(acc.Withdraw) + micros(acc.CloseProfit) +
                                     micros(acc.PositionProfit) + micros(acc.CashIn) -
                                     micros(acc.Commission));
  EXPECT_EQ(micros(acc.Available), micros(acc.Balance) - micros(acc.CurrMargin) -
                                       micros(acc.FrozenMargin) - micros(acc.FrozenCash) -
                                       micros(acc.FrozenCommission));
  // The positions' commissions add up to the account's, to the micro-yuan.
  std::int64_t by_position = 0;
  for (const auto& p : counter_->query_positions(ctx_, {})) by_position += micros(p.Commission);
  EXPECT_EQ(by_position, micros(acc.Commission));
}

TEST_F(CounterFixture, RestingOrdersFreezeMoneyAndLots) {
  const InstrumentSpec& m = spec("m2705");
  const double price = bid("m2705") - 5;
  insert(order("m2705").buy().limit(price).volume(3));
  auto acc = account();
  EXPECT_NEAR(acc.FrozenMargin, price * m.multiplier * 3 * m.margin_ratio, 1e-6);
  EXPECT_NEAR(acc.FrozenCommission, 3 * m.open_by_volume, 1e-6);
  // Lots frozen by a resting close order cannot be closed twice.
  insert(order("m2705").buy().limit(ask("m2705")).volume(2));
  insert(order("m2705").sell().close().limit(ask("m2705") + 20).volume(2));
  EXPECT_EQ(types(insert(order("m2705").sell().close().limit(ask("m2705") + 20).volume(1))),
            (V{"RspOrderInsert:30", "ErrRtnOrderInsert:30"}));
  const auto pos = counter_->query_positions(ctx_, {});
  ASSERT_EQ(pos.size(), 1u);
  EXPECT_EQ(pos[0].ShortFrozen, 2);  // named after the closing order's direction
  ctp::CThostFtdcQryMaxOrderVolumeField q{};
  ctp::set_text(q.InstrumentID, "m2705");
  q.Direction = '1';
  q.OffsetFlag = '1';
  q.HedgeFlag = '1';
  EXPECT_EQ(counter_->max_order_volume(ctx_, q), 0);
}

TEST_F(CounterFixture, NextTradingDayMakesLotsYesterdaysAndRealisesProfit) {
  const InstrumentSpec& rb = spec("rb2705");
  const double rb_open = ask("rb2705");
  insert(order("rb2705").buy().limit(rb_open).volume(1));
  insert(order("m2705").buy().limit(ask("m2705")).volume(1));
  // A resting GFD order expires with the day.
  insert(order("rb2705").buy().limit(bid("rb2705") - 5).volume(1));
  clock_->advance(hours(24));  // Thursday morning: a new trading day
  counter_->login(ctx_.investor_id, "pw");
  const double pre_settle = rb.to_price(tick("rb2705").pre_settlement);
  const auto acc = account();
  EXPECT_NE(std::string(acc.TradingDay), "20261118");
  EXPECT_EQ(acc.Commission, 0.0);
  EXPECT_EQ(acc.FrozenMargin, 0.0);
  // Yesterday's P&L is in PreBalance now; the balance is continuous except for the new marks.
  EXPECT_GT(std::fabs(acc.PreBalance - 1'000'000), 0.0);
  // SHFE: yesterday's lot cannot be closed as today's; it closes with Close/CloseYesterday.
  EXPECT_EQ(types(insert(order("rb2705").sell().close_today().limit(bid("rb2705")))),
            (V{"RspOrderInsert:50", "ErrRtnOrderInsert:50"}));
  const double sell_at = bid("rb2705");
  const auto ev = insert(order("rb2705").sell().close_yesterday().limit(sell_at));
  ASSERT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:30", "RtnTrade"}));
  EXPECT_NEAR(account().CloseProfit, (sell_at - pre_settle) * rb.multiplier, 1e-6);  // by date
  EXPECT_NEAR(account().Commission, sell_at * rb.multiplier * rb.close_by_money, 1e-6);
  // DCE: a plain close takes yesterday's lot first.
  insert(order("m2705").buy().limit(ask("m2705")).volume(1));
  const auto closing = insert(order("m2705").sell().close().limit(bid("m2705")).volume(1));
  ASSERT_EQ(types(closing).back(), "RtnTrade");
  const auto details = counter_->query_position_details(ctx_, {});
  ASSERT_EQ(details.size(), 1u);
  EXPECT_STREQ(details[0].OpenDate, std::string(acc.TradingDay).c_str());  // today's lot remains
  EXPECT_EQ(details[0].Volume, 1);
}

TEST_F(CounterFixture, StateSurvivesARestart) {
  const auto filled = insert(order("rb2705").buy().limit(ask("rb2705")).volume(1));
  const auto resting = insert(order("rb2705").buy().limit(bid("rb2705") - 5).volume(2).ref("50"));
  const auto acc = account();
  reopen();
  const auto orders = counter_->query_orders(ctx_, {});
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].OrderStatus, '0');
  EXPECT_EQ(orders[1].OrderStatus, '3');
  EXPECT_EQ(counter_->query_trades(ctx_, {}).size(), 1u);
  const auto pos = counter_->query_positions(ctx_, {});
  ASSERT_EQ(pos.size(), 1u);
  EXPECT_EQ(pos[0].Position, 1);
  const auto acc2 = account();
  EXPECT_DOUBLE_EQ(acc2.Commission, acc.Commission);
  EXPECT_DOUBLE_EQ(acc2.FrozenMargin, acc.FrozenMargin);
  EXPECT_DOUBLE_EQ(acc2.CurrMargin, acc.CurrMargin);
  // The resting order still rests and can be cancelled, by either key.
  EXPECT_EQ(types(cancel_by_sys_id(resting[1].sys_id, "SHFE")), (V{"RtnOrder:35"}));
  EXPECT_EQ(account().FrozenMargin, 0.0);
  // Identifiers never repeat after a restart.
  const auto next = insert(order("rb2705").buy().limit(ask("rb2705")).volume(1));
  EXPECT_NE(next[1].sys_id, filled[1].sys_id);
  EXPECT_NE(next[1].sys_id, resting[1].sys_id);
}

TEST_F(CounterFixture, PasswordRules) {
  EXPECT_EQ(counter_->login(ctx_.investor_id, "wrong"), ctp::ErrorCode::InvalidLogin);
  EXPECT_EQ(counter_->change_password(ctx_.investor_id, "wrong", "new"),
            ctp::ErrorCode::OldPasswordMismatch);
  EXPECT_EQ(counter_->change_password(ctx_.investor_id, "pw", "pw"), ctp::ErrorCode::PwdMustDiff);
  EXPECT_EQ(counter_->change_password(ctx_.investor_id, "pw", "new"), ctp::ErrorCode::WeakPassword);
  EXPECT_EQ(counter_->change_password(ctx_.investor_id, "pw", "new-pass1"), ctp::ErrorCode::None);
  EXPECT_EQ(counter_->login(ctx_.investor_id, "pw"), ctp::ErrorCode::InvalidLogin);
  EXPECT_EQ(counter_->login(ctx_.investor_id, "new-pass1"), ctp::ErrorCode::None);
  EXPECT_EQ(counter_->login("", "x"), ctp::ErrorCode::InvalidLogin);
}

TEST(CounterStoreFiles, CorruptDatabaseStopsStartupWithAMessage) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-corrupt-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "counter.db") << "this is not a database, but it is someone's data"; }
  try {
    CounterStore store(dir);
    FAIL() << "opened a corrupt file";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("counter.db"), std::string::npos) << e.what();
  }
  std::ifstream in(dir / "counter.db");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "this is not a database, but it is someone's data");  // untouched
  std::filesystem::remove_all(dir);
}

TEST_F(CounterFixture, AHedgedPositionPaysTheLargerSideWhereTheExchangeSaysSo) {
  // SHFE charges one side of a long and a short cu position (Margin: larger_side)...
  insert(order("cu2701").buy().limit(ask("cu2701", 4)).volume(1));
  const double one_lot = account().CurrMargin;
  ASSERT_GT(one_lot, 0);
  insert(order("cu2701").sell().open().limit(bid("cu2701", 4)).volume(1));
  EXPECT_NEAR(account().CurrMargin, one_lot, one_lot * 0.02) << "margined once";
  insert(order("cu2701").sell().open().limit(bid("cu2701", 4)).volume(1));
  EXPECT_NEAR(account().CurrMargin, 2 * one_lot, one_lot * 0.04) << "two short, one long";
  // ...DCE both (Margin: both_sides).
  const double before = account().CurrMargin;
  insert(order("m2705").buy().limit(ask("m2705", 4)).volume(1));
  const double after_long = account().CurrMargin;
  const double m_lot = after_long - before;
  ASSERT_GT(m_lot, 0);
  insert(order("m2705").sell().open().limit(bid("m2705", 4)).volume(1));
  EXPECT_NEAR(account().CurrMargin - after_long, m_lot, m_lot * 0.02) << "both sides pay";
}

}  // namespace
}  // namespace ctpgw::sim::testing
