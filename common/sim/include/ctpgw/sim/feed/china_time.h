// China futures calendar arithmetic on China Standard Time (UTC+8, no daylight saving).
//
// Which trading day a moment belongs to is the calendar's business (trading_calendar.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "ctpgw/sim/feed/clock.h"

namespace ctpgw::sim {

struct LocalTime {
  std::chrono::sys_days date;  ///< calendar day in China
  int hour = 0, minute = 0, second = 0, millisecond = 0;
};

LocalTime to_china_time(TimePoint t);

class TradingCalendar;

/// YYYYMMDD of the trading day `t` belongs to.
std::string trading_day(TimePoint t, const TradingCalendar& calendar);
/// YYYYMMDD of the calendar day in China (CTP's ActionDay).
std::string action_day(TimePoint t);
/// HH:MM:SS in China.
std::string clock_text(TimePoint t);

std::string format_date(std::chrono::sys_days d);
/// YYYYMMDD -> the day; nullopt if it is not a calendar date.
std::optional<std::chrono::sys_days> parse_date(std::string_view yyyymmdd);

/// Seconds since midnight in China, with the clock's sub-second precision (latency stamps).
double seconds_since_china_midnight(TimePoint t);

}  // namespace ctpgw::sim
