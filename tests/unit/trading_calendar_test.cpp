#include "ctpgw/sim/feed/trading_calendar.h"

#include <gtest/gtest.h>

#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/instrument_master.h"
#include "ctpgw/sim/feed/market_feed.h"

namespace ctpgw::sim {
namespace {

using namespace std::chrono;

TimePoint china(int y, unsigned m, unsigned d, int hh, int mm) {
  return TimePoint(sys_days(year_month_day(year(y), month(m), day(d))) + hours(hh) + minutes(mm) -
                   hours(8));
}

sys_days date(int y, unsigned m, unsigned d) {
  return sys_days(year_month_day(year(y), month(m), day(d)));
}

std::shared_ptr<const TradingCalendar> shipped_calendar() {
  static const auto c = std::make_shared<const TradingCalendar>(
      TradingCalendar::load(std::string(CTPGW_SOURCE_DIR) + "/configs/sim/calendar.yaml"));
  return c;
}
const TradingCalendar& shipped() {
  return *shipped_calendar();
}

const InstrumentMaster& master() {
  static const InstrumentMaster m =
      InstrumentMaster::load(std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml");
  return m;
}
const InstrumentSpec& instrument(const char* id) {
  return *master().find(id);
}

TEST(TradingCalendar, TheShippedFileClosesThe2026NationalDayWeek) {
  for (unsigned d : {1u, 2u, 5u, 6u, 7u}) EXPECT_TRUE(shipped().is_holiday(date(2026, 10, d))) << d;
  EXPECT_TRUE(shipped().is_business_day(date(2026, 10, 8)));
  // The evening of 30 September (Wednesday) belongs to 8 October, the next business day.
  EXPECT_EQ(trading_day(china(2026, 9, 30, 21, 0), shipped()), "20261008");
  EXPECT_EQ(trading_day(china(2026, 10, 3, 12, 0), shipped()), "20261008");
  EXPECT_EQ(shipped().previous_business_day(date(2026, 10, 8)), date(2026, 9, 30));
}

TEST(TradingCalendar, NoNightSessionBeforeAHolidayButOneBeforeAWeekend) {
  EXPECT_FALSE(shipped().night_session_on(date(2026, 9, 30)));  // before National Day
  EXPECT_FALSE(shipped().night_session_on(date(2026, 9, 24)));  // before Mid-Autumn (25th)
  EXPECT_TRUE(shipped().night_session_on(date(2026, 11, 20)));  // a plain Friday
  EXPECT_TRUE(shipped().night_session_on(date(2026, 10, 8)));   // the first day back
  EXPECT_FALSE(shipped().night_session_on(date(2026, 10, 3)));  // a Saturday
  // 2 Oct is a holiday; the Friday before Christmas is not.
  EXPECT_FALSE(shipped().is_business_day(date(2026, 10, 2)));
  EXPECT_TRUE(shipped().is_business_day(date(2026, 12, 25)));
}

TEST(TradingCalendar, SessionsFollowTheCalendar) {
  const InstrumentSpec& rb = instrument("rb2705");  // night session to 23:00
  const InstrumentSpec& au = instrument("au2702");  // night session to 02:30
  const InstrumentSpec& t = instrument("T2703");    // day only
  MarketFeed feed(master(), {1, milliseconds(500), false, shipped_calendar()});
  auto trades = [&](const InstrumentSpec& s, TimePoint when) {
    return feed.trading(s, feed.index_at(when));
  };
  EXPECT_TRUE(trades(rb, china(2026, 9, 30, 10, 0)));
  EXPECT_FALSE(trades(rb, china(2026, 9, 30, 21, 30)));  // no night before the holiday
  EXPECT_FALSE(trades(au, china(2026, 10, 1, 1, 0)));    // nor its tail after midnight
  EXPECT_FALSE(trades(t, china(2026, 10, 5, 10, 0)));    // a holiday Monday
  EXPECT_TRUE(trades(t, china(2026, 10, 8, 10, 0)));
  EXPECT_TRUE(trades(rb, china(2026, 10, 8, 21, 30)));  // night trading resumes
  EXPECT_TRUE(trades(au, china(2026, 11, 21, 1, 0)));   // Friday's night tail on Saturday
  EXPECT_FALSE(trades(au, china(2026, 11, 21, 10, 0)));
  // Without a calendar only weekends close.
  MarketFeed plain(master(), {1, milliseconds(500), false, nullptr});
  EXPECT_TRUE(plain.trading(t, plain.index_at(china(2026, 10, 5, 10, 0))));
}

TEST(TradingCalendar, BadFilesAreRefusedWithTheEntry) {
  auto error = [](const char* yaml) {
    try {
      TradingCalendar::parse(yaml, "cal.yaml");
    } catch (const CalendarError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error("holidays: [\"20261003\"]"),
            "cal.yaml: holiday 20261003 is a weekend day (weekends never trade)");
  EXPECT_EQ(error("holidays: [\"2026-10-01\"]"),
            "cal.yaml: holiday '2026-10-01' is not a YYYYMMDD date");
  EXPECT_EQ(error("holidays: [\"20260231\"]"),
            "cal.yaml: holiday '20260231' is not a calendar date");
  EXPECT_EQ(error("days: []"), "cal.yaml: expected a list 'holidays' of YYYYMMDD dates");
  EXPECT_EQ(error("holidays: []\nextra: 1"), "cal.yaml: unknown key 'extra'");
}

}  // namespace
}  // namespace ctpgw::sim
