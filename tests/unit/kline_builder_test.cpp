// KLineBuilder: alignment, volume from cumulative ticks, no bar across a break or midnight, the
// trading-day roll, and closing quiet bars from the market's clock.
#include "kline_builder.h"

#include <gtest/gtest.h>

namespace ctpgw::md {
namespace {

BarTick tick(int h, int m, int s, double price, std::int64_t volume, const char* day = "20261201") {
  BarTick t;
  t.trading_day = day;
  t.seconds = h * 3600 + m * 60 + s;
  t.price = price;
  t.volume = volume;
  t.turnover = static_cast<double>(volume) * 10;
  t.open_interest = 1000 + static_cast<double>(volume);
  return t;
}

std::vector<Bar> of(const std::vector<Bar>& bars, BarPeriod p) {
  std::vector<Bar> out;
  for (const Bar& b : bars) {
    if (b.period == p) out.push_back(b);
  }
  return out;
}

TEST(KLineBuilder, OneMinuteBarsAlignToTheClockAndCloseOnTheNextMinute) {
  KLineBuilder k("m2705");
  EXPECT_TRUE(k.add(tick(9, 0, 1, 100, 10)).empty());
  EXPECT_TRUE(k.add(tick(9, 0, 30, 102, 15)).empty());
  EXPECT_TRUE(k.add(tick(9, 0, 59, 99, 17)).empty());
  const auto closed = of(k.add(tick(9, 1, 0, 101, 20)), BarPeriod::M1);
  ASSERT_EQ(closed.size(), 1u);
  const Bar& b = closed[0];
  EXPECT_EQ(b.start, 9 * 3600);
  EXPECT_EQ(b.end, 9 * 3600 + 60);
  EXPECT_EQ(b.open, 100);
  EXPECT_EQ(b.high, 102);
  EXPECT_EQ(b.low, 99);
  EXPECT_EQ(b.close, 99);
  EXPECT_EQ(b.volume, 7);  // 10 -> 17: the first tick is the base
  EXPECT_EQ(b.turnover, 70);
  EXPECT_EQ(b.open_interest, 1017);
  EXPECT_TRUE(b.closed);
  // The 5-minute bar holds all four ticks and stays open.
  const auto five = k.day_bars(BarPeriod::M5);
  ASSERT_EQ(five.size(), 1u);
  EXPECT_FALSE(five[0].closed);
  EXPECT_EQ(five[0].volume, 10);
  EXPECT_EQ(five[0].close, 101);
  EXPECT_EQ(five[0].start, 9 * 3600);
}

TEST(KLineBuilder, NoBarSpansABreak) {
  KLineBuilder k("rb2705");
  k.add(tick(10, 14, 0, 3500, 1));  // ticks a minute apart, then the break
  k.add(tick(10, 14, 59, 3510, 5));
  const auto closed = k.add(tick(10, 30, 0, 3520, 9));  // after SHFE's 10:15-10:30 break
  const auto sixty = of(closed, BarPeriod::M60);
  ASSERT_EQ(sixty.size(), 1u) << "the 60-minute bar closes at the break";
  EXPECT_EQ(sixty[0].close, 3510);
  const auto now = k.day_bars(BarPeriod::M60);
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[1].start, 10 * 3600 + 30 * 60);  // 10:30-11:00
  EXPECT_EQ(now[1].end, 11 * 3600);
  EXPECT_EQ(now[1].open, 3520);
  const auto fifteen = k.day_bars(BarPeriod::M15);
  ASSERT_EQ(fifteen.size(), 2u);
  EXPECT_EQ(fifteen[1].start, 10 * 3600 + 30 * 60);
}

TEST(KLineBuilder, NightSessionsCrossMidnight) {
  KLineBuilder k("au2702");
  k.add(tick(23, 59, 30, 600, 1));
  const auto closed = of(k.add(tick(0, 0, 10, 601, 2)), BarPeriod::M1);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].start, 23 * 3600 + 59 * 60);
  EXPECT_EQ(closed[0].end, 86400);
  const auto now = k.day_bars(BarPeriod::M1);
  EXPECT_EQ(now.back().start, 0);
  EXPECT_EQ(now.back().end, 60);
}

TEST(KLineBuilder, ANewTradingDayClosesEveryBarAndStartsAfresh) {
  KLineBuilder k("m2705");
  k.add(tick(14, 59, 0, 100, 10));
  k.add(tick(14, 59, 30, 105, 30));
  const auto closed = k.add(tick(21, 0, 0, 200, 3, "20261202"));
  EXPECT_EQ(closed.size(), kBarPeriods.size());  // every period, the daily bar included
  const auto day = of(closed, BarPeriod::D1);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].trading_day, "20261201");
  EXPECT_EQ(day[0].high, 105);
  EXPECT_EQ(day[0].volume, 20);
  EXPECT_EQ(k.day_bars(BarPeriod::M1).size(), 1u);
  EXPECT_EQ(k.day_bars(BarPeriod::M1)[0].volume, 0) << "the new day's first tick is the base";
}

TEST(KLineBuilder, TheMarketClockClosesAQuietInstrumentsBar) {
  KLineBuilder k("jm2705");
  k.add(tick(9, 3, 10, 1186.5, 4));
  EXPECT_TRUE(k.close_until(9 * 3600 + 3 * 60 + 59).empty());
  const auto closed = of(k.close_until(9 * 3600 + 4 * 60), BarPeriod::M1);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].start, 9 * 3600 + 3 * 60);
  EXPECT_TRUE(k.close_until(9 * 3600 + 4 * 60).empty()) << "closed once";
}

TEST(KLineBuilder, PeriodNamesRoundTrip) {
  for (const BarPeriod p : kBarPeriods) EXPECT_EQ(parse_period(period_name(p)), p);
  EXPECT_FALSE(parse_period("2m"));
}

}  // namespace
}  // namespace ctpgw::md

// KLineService: subscriptions, RtnKLine on close to subscribers only, the day's bars by query.
#include "kline_service.h"

namespace ctpgw::md {
namespace {

struct Sent {
  net::ConnectionId to;
  std::string json;
};

TEST(KLineService, PushesClosedBarsToSubscribersAndAnswersQueries) {
  std::vector<Sent> sent;
  std::vector<std::pair<std::string, bool>> watched;
  KLineService svc(
      [&](net::ConnectionId id, std::string_view json) {
        sent.push_back({id, std::string(json)});
      },
      [&](const std::string& i, bool w) { watched.emplace_back(i, w); }, 100, 100);
  const auto request = [&](net::ConnectionId id, const std::string& text) {
    protocol::ParsedRequest req;
    ASSERT_FALSE(protocol::parse_request(text, req));
    svc.on_request(id, req, protocol::peek_request_id(req));
  };
  request(1,
          R"({"MsgType":"SubscribeKLine","RequestID":4,"InstrumentID":["m2705"],"Period":"1m"})");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].json.find(R"("MsgType":"RspSubKLine")"), std::string::npos);
  EXPECT_NE(sent[0].json.find(R"("RequestID":4,"IsLast":true)"), std::string::npos);
  EXPECT_EQ(watched, (std::vector<std::pair<std::string, bool>>{{"m2705", true}}));
  request(2,
          R"({"MsgType":"SubscribeKLine","RequestID":5,"InstrumentID":["m2705"],"Period":"2m"})");
  EXPECT_NE(sent.back().json.find("-400"), std::string::npos);
  sent.clear();

  svc.on_tick(tick(9, 0, 1, 2900, 10), "m2705");
  svc.on_tick(tick(9, 0, 40, 2905, 12), "m2705");
  svc.on_tick(tick(9, 1, 2, 2903, 15), "m2705");
  ASSERT_EQ(sent.size(), 1u) << "one 1m bar closed, pushed to the subscriber only";
  EXPECT_EQ(sent[0].to, 1u);
  EXPECT_EQ(
      sent[0].json,
      R"({"MsgType":"RtnKLine","KLine":{"InstrumentID":"m2705","Period":"1m","TradingDay":"20261201","StartTime":"09:00:00","EndTime":"09:01:00","Open":2900.0,"High":2905.0,"Low":2900.0,"Close":2905.0,"Volume":2,"Turnover":20.0,"OpenInterest":1012.0,"Closed":true}})");

  sent.clear();
  request(2, R"({"MsgType":"ReqQryKLine","RequestID":9,"InstrumentID":"m2705","Period":"1m"})");
  ASSERT_EQ(sent.size(), 2u);  // the closed bar, then the one in progress
  EXPECT_NE(sent[1].json.find(R"("IsLast":true)"), std::string::npos);
  EXPECT_NE(sent[1].json.find(R"("StartTime":"09:01:00")"), std::string::npos);
  EXPECT_NE(sent[1].json.find(R"("Closed":false)"), std::string::npos);
  sent.clear();
  request(2, R"({"MsgType":"ReqQryKLine","RequestID":10,"InstrumentID":"none","Period":"1d"})");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].json.find(R"("KLine":null)"), std::string::npos);

  svc.remove_client(1);
  EXPECT_EQ(watched.back(), (std::pair<std::string, bool>{"m2705", false}));
}

}  // namespace
}  // namespace ctpgw::md
