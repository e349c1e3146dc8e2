#include "ctpgw/sim/feed/china_time.h"

#include <gtest/gtest.h>

#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {
namespace {

using namespace std::chrono;

const TradingCalendar weekends_only;

// China local wall time -> UTC time point.
TimePoint china(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0, int ms = 0) {
  return TimePoint(sys_days(year_month_day(year(y), month(m), day(d))) + hours(hh) + minutes(mm) +
                   seconds(ss) + milliseconds(ms) - hours(8));
}

TEST(ChinaTime, DaySessionBelongsToTheSameDay) {
  EXPECT_EQ(trading_day(china(2025, 3, 12, 10, 30), weekends_only), "20250312");  // Wednesday
  EXPECT_EQ(action_day(china(2025, 3, 12, 10, 30)), "20250312");
  EXPECT_EQ(clock_text(china(2025, 3, 12, 10, 30, 5)), "10:30:05");
}

TEST(ChinaTime, NightSessionBelongsToTheNextBusinessDay) {
  EXPECT_EQ(trading_day(china(2025, 3, 12, 21, 0), weekends_only), "20250313");
  EXPECT_EQ(action_day(china(2025, 3, 12, 21, 0)), "20250312");
  // Friday night and its after-midnight tail belong to Monday.
  EXPECT_EQ(trading_day(china(2025, 3, 14, 21, 0), weekends_only), "20250317");
  EXPECT_EQ(trading_day(china(2025, 3, 15, 1, 30), weekends_only), "20250317");
  EXPECT_EQ(action_day(china(2025, 3, 15, 1, 30)), "20250315");
  // Weekend daytime rolls to Monday too.
  EXPECT_EQ(trading_day(china(2025, 3, 16, 12, 0), weekends_only), "20250317");
}

TEST(ChinaTime, UtcMidnightIsEightInTheMorningInChina) {
  const LocalTime lt = to_china_time(china(2025, 1, 1, 8, 0, 0, 250));
  EXPECT_EQ(lt.hour, 8);
  EXPECT_EQ(lt.millisecond, 250);
  EXPECT_EQ(format_date(lt.date), "20250101");
}

}  // namespace
}  // namespace ctpgw::sim
