#include "ctpgw/sim/feed/china_time.h"

#include <cstdio>

#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace std::chrono;

LocalTime to_china_time(TimePoint t) {
  const auto local = time_point_cast<milliseconds>(t) + hours(8);
  LocalTime lt;
  lt.date = floor<days>(local);
  const auto in_day = local - lt.date;
  const auto ms = duration_cast<milliseconds>(in_day).count();
  lt.hour = static_cast<int>(ms / 3'600'000);
  lt.minute = static_cast<int>(ms / 60'000 % 60);
  lt.second = static_cast<int>(ms / 1000 % 60);
  lt.millisecond = static_cast<int>(ms % 1000);
  return lt;
}

namespace {

/// `n` as `width` digits, zero-padded (every order and trade carries several of these: no
/// snprintf on that path).
void put_digits(char* out, unsigned n, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + n % 10);
    n /= 10;
  }
}

}  // namespace

std::string format_date(sys_days d) {
  const year_month_day ymd(d);
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) return "00000000";
  char buf[8];
  put_digits(buf, static_cast<unsigned>(y), 4);
  put_digits(buf + 4, static_cast<unsigned>(ymd.month()), 2);
  put_digits(buf + 6, static_cast<unsigned>(ymd.day()), 2);
  return std::string(buf, sizeof buf);
}

std::optional<sys_days> parse_date(std::string_view text) {
  if (text.size() != 8 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const auto field = [&](std::size_t at, std::size_t n) {
    return std::stoi(std::string(text.substr(at, n)));
  };
  const year_month_day ymd(year(field(0, 4)), month(static_cast<unsigned>(field(4, 2))),
                           day(static_cast<unsigned>(field(6, 2))));
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd);
}

double seconds_since_china_midnight(TimePoint t) {
  const auto local = t + hours(8);
  const auto midnight = floor<days>(local);
  return duration<double>(local - midnight).count();
}

std::string trading_day(TimePoint t, const TradingCalendar& calendar) {
  return format_date(calendar.trading_day_of(t));
}

std::string action_day(TimePoint t) {
  return format_date(to_china_time(t).date);
}

std::string clock_text(TimePoint t) {
  const LocalTime lt = to_china_time(t);
  char buf[8] = {0, 0, ':', 0, 0, ':', 0, 0};
  put_digits(buf, static_cast<unsigned>(lt.hour), 2);
  put_digits(buf + 3, static_cast<unsigned>(lt.minute), 2);
  put_digits(buf + 6, static_cast<unsigned>(lt.second), 2);
  return std::string(buf, sizeof buf);
}

}  // namespace ctpgw::sim
