#include "ctpgw/sim/feed/trading_calendar.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "ctpgw/sim/feed/china_time.h"

namespace ctpgw::sim {

using namespace std::chrono;

namespace {

bool weekend(sys_days d) {
  const weekday w(d);
  return w == Saturday || w == Sunday;
}

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw CalendarError(origin + ": " + what);
}

sys_days holiday_date(const std::string& text, const std::string& origin) {
  const bool digits = text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) fail(origin, "holiday '" + text + "' is not a YYYYMMDD date");
  const auto d = parse_date(text);
  if (!d) fail(origin, "holiday '" + text + "' is not a calendar date");
  return *d;
}

}  // namespace

TradingCalendar TradingCalendar::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw CalendarError(path.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), path.string());
}

TradingCalendar TradingCalendar::parse(std::string_view yaml, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    fail(origin, std::string("not valid YAML: ") + e.what());
  }
  if (!root.IsMap() || !root["holidays"] || !root["holidays"].IsSequence()) {
    fail(origin, "expected a list 'holidays' of YYYYMMDD dates");
  }
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key != "holidays" && key != "provisional") fail(origin, "unknown key '" + key + "'");
  }
  TradingCalendar c;
  for (const auto& item : root["holidays"]) {
    const std::string text = item.as<std::string>("");
    const sys_days d = holiday_date(text, origin);
    if (weekend(d)) fail(origin, "holiday " + text + " is a weekend day (weekends never trade)");
    c.holidays_.insert(d);
  }
  return c;
}

bool TradingCalendar::is_business_day(Day d) const {
  return !weekend(d) && !is_holiday(d);
}

TradingCalendar::Day TradingCalendar::next_business_day(Day after) const {
  Day d = after + days(1);
  while (!is_business_day(d)) d += days(1);
  return d;
}

TradingCalendar::Day TradingCalendar::previous_business_day(Day before) const {
  Day d = before - days(1);
  while (!is_business_day(d)) d -= days(1);
  return d;
}

bool TradingCalendar::night_session_on(Day evening) const {
  if (!is_business_day(evening)) return false;
  for (Day d = evening + days(1); !is_business_day(d); d += days(1)) {
    if (is_holiday(d)) return false;
  }
  return true;
}

TradingCalendar::Day TradingCalendar::trading_day_of(TimePoint t) const {
  const LocalTime lt = to_china_time(t);
  Day d = lt.date;
  if (lt.hour >= 18) d += days(1);
  while (!is_business_day(d)) d += days(1);
  return d;
}

TimePoint TradingCalendar::trading_day_start(Day day) const {
  return TimePoint(previous_business_day(day)) + hours(18) - hours(8);
}

}  // namespace ctpgw::sim
