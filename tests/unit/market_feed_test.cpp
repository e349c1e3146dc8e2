#include "ctpgw/sim/feed/market_feed.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <future>

#include "ctpgw/sim/ctp/sim_md_api.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/runtime/sim_exchange.h"

namespace ctpgw::sim {
namespace {

using namespace std::chrono;

const InstrumentMaster& master() {
  static const InstrumentMaster m =
      InstrumentMaster::load(std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml");
  return m;
}

TimePoint china(int y, unsigned mo, unsigned d, int hh, int mm, int ss = 0) {
  return TimePoint(sys_days(year_month_day(year(y), month(mo), day(d))) + hours(hh) + minutes(mm) +
                   seconds(ss) - hours(8));
}

TEST(MarketFeed, SameSeedAndIndexGiveTheSameTickWhateverTheHistory) {
  MarketFeed warm(master(), {42, milliseconds(500), true, nullptr});
  MarketFeed cold(master(), {42, milliseconds(500), true, nullptr});
  const InstrumentSpec& rb = *master().find("rb2705");
  const std::int64_t k = warm.index_at(china(2026, 11, 20, 10, 0));
  for (std::int64_t i = k - 50; i <= k; ++i) warm.tick(rb, i);  // walked forward
  const Tick& a = warm.tick(rb, k);
  const Tick& b = cold.tick(rb, k);  // computed from the day start in one go
  EXPECT_EQ(a.last, b.last);
  EXPECT_EQ(a.volume, b.volume);
  EXPECT_EQ(a.high, b.high);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.open, b.open);
  EXPECT_DOUBLE_EQ(a.turnover, b.turnover);
  EXPECT_EQ(a.open_interest, b.open_interest);
  EXPECT_EQ(a.bid, b.bid);
  EXPECT_EQ(a.ask_volume, b.ask_volume);

  MarketFeed other_seed(master(), {43, milliseconds(500), true, nullptr});
  EXPECT_NE(other_seed.tick(rb, k).pre_settlement * 1000 + other_seed.tick(rb, k).last,
            b.pre_settlement * 1000 + b.last);
}

TEST(MarketFeed, TicksStayOnTheGridInsideLimitsWithMonotoneCumulatives) {
  MarketFeed feed(master(), {7, milliseconds(500), true, nullptr});
  for (const InstrumentSpec& spec : master().all()) {
    const std::int64_t start = feed.index_at(china(2026, 11, 19, 21, 0));
    std::int64_t volume = -1;
    double turnover = -1, oi = -1;
    for (std::int64_t k = start; k < start + 400; ++k) {
      const Tick& t = feed.tick(spec, k);
      ASSERT_GE(t.last, t.lower) << spec.id;
      ASSERT_LE(t.last, t.upper) << spec.id;
      ASSERT_LE(t.low, t.last);
      ASSERT_GE(t.high, t.last);
      ASSERT_GE(t.volume, volume) << spec.id;
      ASSERT_GE(t.turnover, turnover);
      if (oi >= 0) {
        ASSERT_LE(std::abs(t.open_interest - oi), static_cast<double>(t.volume - volume))
            << spec.id;
      }
      volume = t.volume;
      turnover = t.turnover;
      oi = t.open_interest;
      ASSERT_LT(t.bid[0], t.ask[0]);
      for (int i = 1; i < 5; ++i) {
        ASSERT_EQ(t.bid[i], t.bid[i - 1] - 1);
        ASSERT_EQ(t.ask[i], t.ask[i - 1] + 1);
      }
      ctp::CThostFtdcDepthMarketDataField md;
      feed.to_ctp(spec, t, md);
      ASSERT_TRUE(spec.on_grid(md.LastPrice)) << spec.id << " " << md.LastPrice;
      ASSERT_TRUE(spec.on_grid(md.UpperLimitPrice));
      ASSERT_TRUE(spec.on_grid(md.LowerLimitPrice));
      ASSERT_STREQ(md.InstrumentID, spec.id.c_str());
      ASSERT_EQ(md.ClosePrice, DBL_MAX);  // no close intraday
    }
  }
}

TEST(MarketFeed, TimeFieldsFollowChinaTimeAndTheNightSessionRule) {
  MarketFeed feed(master(), {1, milliseconds(500), true, nullptr});
  const InstrumentSpec& cu = *master().find("cu2701");
  const std::int64_t k = feed.index_at(china(2026, 11, 20, 21, 30, 15)) + 1;  // +500 ms
  ctp::CThostFtdcDepthMarketDataField md;
  feed.to_ctp(cu, feed.tick(cu, k), md);
  EXPECT_STREQ(md.UpdateTime, "21:30:15");
  EXPECT_EQ(md.UpdateMillisec, 500);
  EXPECT_STREQ(md.ActionDay, "20261120");   // Friday evening
  EXPECT_STREQ(md.TradingDay, "20261123");  // belongs to Monday
}

TEST(MarketFeed, SessionsAreRespectedWhenNotAlwaysOpen) {
  MarketFeed feed(master(), {1, milliseconds(500), false, nullptr});
  const InstrumentSpec& rb = *master().find("rb2705");  // night to 23:00
  const InstrumentSpec& au = *master().find("au2702");  // night to 02:30
  const InstrumentSpec& lf = *master().find("IF2612");  // no night session
  auto at = [&](int d, int hh, int mm) { return feed.index_at(china(2026, 11, d, hh, mm)); };
  EXPECT_TRUE(feed.trading(rb, at(18, 10, 0)));    // Wednesday morning
  EXPECT_FALSE(feed.trading(rb, at(18, 10, 20)));  // morning break
  EXPECT_FALSE(feed.trading(rb, at(18, 16, 0)));
  EXPECT_TRUE(feed.trading(rb, at(18, 22, 0)));
  EXPECT_FALSE(feed.trading(lf, at(18, 22, 0)));
  EXPECT_TRUE(feed.trading(au, at(21, 1, 0)));    // Saturday 01:00, Friday's night session
  EXPECT_FALSE(feed.trading(au, at(21, 10, 0)));  // Saturday daytime
  EXPECT_FALSE(feed.trading(rb, at(22, 22, 0)));  // Sunday night
  const auto last = feed.last_trading_index(rb, at(18, 16, 0));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(*last, at(18, 15, 0) - 1);  // 14:59:59.5
}

TEST(MarketFeed, ShortIntervalsCostNoMoreThanLongOnes) {
  // Ticks are read from the day's 10-second path, not stepped: a 1 ms feed answers at once.
  MarketFeed feed(master(), {1, milliseconds(1), true, nullptr});
  const InstrumentSpec& rb = *master().find("rb2705");
  const std::int64_t k = feed.index_at(china(2026, 11, 20, 23, 0));
  const Tick& t = feed.tick(rb, k);
  EXPECT_GT(t.volume, 0);
  EXPECT_GE(t.last, t.lower);
}

// The last tick of a day carries its close and settlement; the next day starts from them.
TEST(MarketFeed, TheNextDayStartsFromTheDaysCloseSettlementAndOpenInterest) {
  auto calendar = std::make_shared<const TradingCalendar>(
      TradingCalendar::load(std::string(CTPGW_SOURCE_DIR) + "/configs/sim/calendar.yaml"));
  for (bool always_open : {false, true}) {
    MarketFeed feed(master(), {5, milliseconds(500), always_open, calendar});
    for (const char* id : {"rb2705", "T2703", "IF2612", "SR705"}) {
      const InstrumentSpec& spec = *master().find(id);
      // Wednesday 30 September 2026, then (over the National Day week) Thursday 8 October.
      const auto last = feed.day_close_index(spec, feed.index_at(china(2026, 9, 30, 18, 0)) - 1);
      ASSERT_TRUE(last.has_value()) << id;
      const Tick day1 = feed.tick(spec, *last);
      ASSERT_GT(day1.settlement, 0) << id;
      ASSERT_EQ(day1.close, day1.last) << id;
      EXPECT_GE(day1.settlement, day1.lower);
      EXPECT_LE(day1.settlement, day1.upper);
      ASSERT_EQ(feed.tick(spec, *last - 1).settlement, 0) << id << ": published before the end";
      const Tick& day2 = feed.tick(spec, feed.index_at(china(2026, 10, 8, 10, 0)));
      EXPECT_EQ(day2.pre_settlement, day1.settlement) << id;
      EXPECT_EQ(day2.pre_close, day1.close) << id;
      EXPECT_EQ(day2.pre_open_interest, day1.open_interest) << id;
      EXPECT_EQ(day2.settlement, 0);
      ctp::CThostFtdcDepthMarketDataField md;
      feed.to_ctp(spec, day1, md);
      EXPECT_EQ(md.SettlementPrice, spec.to_price(day1.settlement));
      EXPECT_EQ(md.ClosePrice, spec.to_price(day1.close));
    }
  }
}

// A treasury future moves a few tenths of a percent a day, copper about a percent: over 40
// trading days the median daily range of each is of that order.
TEST(MarketFeed, DailyRangesAreOfTheRealOrder) {
  auto median_range = [](const char* id) {
    MarketFeed feed(master(), {3, milliseconds(500), false, nullptr});
    const InstrumentSpec& spec = *master().find(id);
    std::vector<double> ranges;
    for (int d = 0; d < 56; ++d) {
      const auto close = feed.day_close_index(
          spec, feed.index_at(china(2026, 6, 1, 17, 0) + days(d)));  // weekends give nullopt
      if (!close) continue;
      const Tick& t = feed.tick(spec, *close);
      if (t.volume == 0) continue;
      ranges.push_back(static_cast<double>(t.high - t.low) / static_cast<double>(t.pre_settlement));
    }
    std::sort(ranges.begin(), ranges.end());
    EXPECT_GE(ranges.size(), 38u) << id;
    return ranges[ranges.size() / 2];
  };
  const double t = median_range("T2703");
  EXPECT_GT(t, 0.001);
  EXPECT_LT(t, 0.006);
  const double cu = median_range("cu2701");
  EXPECT_GT(cu, 0.006);
  EXPECT_LT(cu, 0.03);
}

// The settlement price of a whole-day exchange is the day's volume-weighted price: what the
// day's Turnover / Volume says, to within a tick.
TEST(MarketFeed, SettlementIsTheDaysVolumeWeightedPrice) {
  MarketFeed feed(master(), {11, milliseconds(500), false, nullptr});
  const InstrumentSpec& rb = *master().find("rb2705");
  const auto close = feed.day_close_index(rb, feed.index_at(china(2026, 11, 18, 16, 0)));
  ASSERT_TRUE(close.has_value());
  const Tick& t = feed.tick(rb, *close);
  const double average = t.turnover / static_cast<double>(t.volume) / rb.multiplier;
  EXPECT_NEAR(rb.to_price(t.settlement), average, rb.price_tick);
}

// What md_service publishes is what td_service's counter sees: two independent exchanges with the
// same config produce identical DepthMarketData for the same tick index.
TEST(MarketFeed, TwoProcessesWithTheSameConfigAgree) {
  core::SimConfig cfg;
  cfg.instruments = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";
  cfg.seed = 99;
  cfg.always_open = true;
  auto clock = std::make_shared<ManualClock>(china(2026, 11, 20, 14, 0));
  SimExchange md_side(cfg, clock, false), td_side(cfg, clock, false);
  std::promise<std::pair<std::string, std::string>> done;
  md_side.post([&] {
    const InstrumentSpec& spec = *md_side.instruments().find("IF2612");
    ctp::CThostFtdcDepthMarketDataField a, b;
    const std::int64_t k = md_side.current_index();
    md_side.feed().to_ctp(spec, md_side.feed().tick(spec, k), a);
    // td_side's feed is only touched here, on this test's single thread of simulated work.
    td_side.feed().to_ctp(*td_side.instruments().find("IF2612"),
                          td_side.feed().tick(*td_side.instruments().find("IF2612"), k), b);
    done.set_value({std::string(reinterpret_cast<char*>(&a), sizeof a),
                    std::string(reinterpret_cast<char*>(&b), sizeof b)});
  });
  auto [a, b] = done.get_future().get();
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace ctpgw::sim
