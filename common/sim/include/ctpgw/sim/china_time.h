// China futures calendar arithmetic on China Standard Time (UTC+8, no daylight saving).
//
// A trading day starts with the previous evening's night session: from 18:00 local time the
// clock belongs to the next business day, and weekends roll forward to Monday. Exchange holidays
// are not modelled (a known limitation, see docs/simulator.md).
#pragma once

#include <chrono>
#include <string>

#include "ctpgw/sim/clock.h"

namespace ctpgw::sim {

struct LocalTime {
  std::chrono::sys_days date;  ///< calendar day in China
  int hour = 0, minute = 0, second = 0, millisecond = 0;
};

LocalTime to_china_time(TimePoint t);

/// YYYYMMDD of the trading day `t` belongs to.
std::string trading_day(TimePoint t);
/// YYYYMMDD of the calendar day in China (CTP's ActionDay).
std::string action_day(TimePoint t);
/// HH:MM:SS in China.
std::string clock_text(TimePoint t);

std::string format_date(std::chrono::sys_days d);

/// Seconds since midnight in China, with the clock's sub-second precision (latency stamps).
double seconds_since_china_midnight(TimePoint t);

}  // namespace ctpgw::sim
