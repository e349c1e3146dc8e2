// The exchanges' trading calendar: which calendar days trade, which evenings have a night
// session, and which trading day a moment belongs to.
//
// A trading day starts with the previous business evening's night session: from 18:00 China time
// the clock belongs to the next business day (Friday evening and the weekend belong to Monday).
// Business days are weekdays that are not exchange holidays. The last business day before a
// holiday has no night session (the exchanges' rule); a plain weekend does not cancel Friday's.
// The holidays come from a YAML file (configs/sim/calendar.yaml); without one only weekends are
// closed. Immutable after loading; safe to share between threads.
#pragma once

#include <chrono>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ctpgw/sim/feed/clock.h"

namespace ctpgw::sim {

class CalendarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TradingCalendar {
 public:
  using Day = std::chrono::sys_days;

  TradingCalendar() = default;  ///< weekends only
  /// `holidays:` a list of YYYYMMDD strings (weekdays the exchanges are closed). Throws
  /// CalendarError naming the file and the bad entry.
  static TradingCalendar load(const std::filesystem::path& path);
  static TradingCalendar parse(std::string_view yaml, const std::string& origin);

  bool is_holiday(Day d) const { return holidays_.count(d) != 0; }
  bool is_business_day(Day d) const;
  Day next_business_day(Day after) const;       ///< the first business day > after
  Day previous_business_day(Day before) const;  ///< the last business day < before
  /// The evening of `d` has a night session: d trades and no holiday comes before the next
  /// business day.
  bool night_session_on(Day evening) const;
  /// The trading day `t` belongs to.
  Day trading_day_of(TimePoint t) const;
  /// When trading day `day` starts: 18:00 China time of the previous business day.
  TimePoint trading_day_start(Day day) const;
  std::size_t holiday_count() const noexcept { return holidays_.size(); }

 private:
  std::set<Day> holidays_;
};

}  // namespace ctpgw::sim
