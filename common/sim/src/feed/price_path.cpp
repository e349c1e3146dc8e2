#include "feed/price_path.h"

#include <algorithm>
#include <cmath>

#include "ctpgw/sim/feed/china_time.h"

namespace ctpgw::sim {

using namespace std::chrono;

namespace {

std::uint64_t splitmix(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(const std::string& s) noexcept {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

constexpr int kEveningMinute = 18 * 60;

// Noise streams (the first counter of FeedNoise is the day or step, the second one of these).
enum Stream : std::uint64_t {
  kDayAnchor = 101,
  kOpenInterestAnchor = 102,
  kOpenInterestBase = 103,
  kStepMove = 201,
  kStepLots = 202,
  kStepOpenInterest = 203,
};

/// A slowly mean-reverting sum of daily standard-normal shocks (weights persistence^j over the
/// last `memory` days): a pure function of the day that wanders for weeks and stays bounded.
double persistent_sum(const FeedNoise& noise, Stream stream, std::int64_t day, double persistence,
                      int memory) {
  double x = 0, weight = 1;
  for (int j = 0; j < memory; ++j) {
    x += weight * noise.gaussian(static_cast<std::uint64_t>(day - j), stream);
    weight *= persistence;
  }
  return x;
}

/// The day's price anchor as a log deviation from the master's BasePrice.
double price_anchor(const FeedNoise& noise, double volatility, std::int64_t day) {
  return volatility * persistent_sum(noise, kDayAnchor, day, 0.97, 150);
}

/// The day's opening open interest: a per-instrument base moved by persistent 3 % shocks.
double open_interest_anchor(const FeedNoise& noise, std::int64_t day) {
  constexpr double kDailyChange = 0.03;
  const double base = 60'000 + (noise.uniform(0, kOpenInterestBase) + 1) * 70'000;
  return std::round(
      base * std::exp(kDailyChange * persistent_sum(noise, kOpenInterestAnchor, day, 0.9, 60)));
}

std::int64_t day_number(TradingCalendar::Day d) {
  return d.time_since_epoch().count();
}

}  // namespace

FeedNoise::FeedNoise(std::uint64_t seed, const std::string& instrument_id)
    : key_(splitmix(seed ^ fnv1a(instrument_id))) {}

std::uint64_t FeedNoise::bits(std::uint64_t a, std::uint64_t b) const noexcept {
  return splitmix(key_ ^ splitmix(a * 0x2545F4914F6CDD1DULL + b));
}

double FeedNoise::uniform(std::uint64_t a, std::uint64_t b) const noexcept {
  return static_cast<double>(bits(a, b) >> 11) * 0x1.0p-52 - 1.0;
}

double FeedNoise::gaussian(std::uint64_t a, std::uint64_t b) const noexcept {
  const std::uint64_t h = bits(a, b);
  double sum = 0;
  for (int i = 0; i < 4; ++i) sum += static_cast<double>((h >> (16 * i)) & 0xFFFF) / 65536.0;
  return (sum - 2.0) * std::sqrt(3.0);  // four uniforms: mean 2, variance 1/3
}

bool instrument_trades_at(const InstrumentSpec& spec, const TradingCalendar& calendar,
                          bool always_open, TimePoint t) {
  if (always_open) return true;
  const LocalTime lt = to_china_time(t);
  const int minute = lt.hour * 60 + lt.minute;
  for (const Session& s : spec.sessions) {
    if (!s.contains(minute)) continue;
    if (s.start_min < kEveningMinute) return calendar.is_business_day(lt.date);
    // A night session: its evening part belongs to today's evening, its part after midnight to
    // yesterday's.
    const bool after_midnight = s.start_min > s.end_min && minute < s.start_min;
    return calendar.night_session_on(after_midnight ? lt.date - days(1) : lt.date);
  }
  return false;
}

std::int64_t DayPath::last_step() const noexcept {
  return runs.empty() ? window_first_step : runs.back().first_step + runs.back().count - 1;
}

std::int64_t DayPath::step_price(std::int32_t i) const noexcept {
  return std::llround((static_cast<double>(point[i]) + static_cast<double>(point[i + 1])) / 2);
}

DayPath build_day_path(const InstrumentSpec& spec, const FeedNoise& noise,
                       const TradingCalendar& calendar, const PathOptions& options,
                       TradingCalendar::Day day) {
  DayPath path;
  path.day = day;
  const auto ms_of = [](TimePoint t) {
    return duration_cast<milliseconds>(t.time_since_epoch()).count();
  };
  const std::int64_t first = ms_of(calendar.trading_day_start(day)) / kStepMs;
  const std::int64_t end =
      ms_of(calendar.trading_day_start(calendar.next_business_day(day))) / kStepMs;
  path.window_first_step = first;
  // Sessions start and end on whole minutes: ask once per minute.
  constexpr std::int64_t kStepsPerMinute = 60'000 / kStepMs;
  for (std::int64_t step = first; step < end; step += kStepsPerMinute) {
    const TimePoint t{milliseconds(step * kStepMs)};
    if (!instrument_trades_at(spec, calendar, options.always_open, t)) continue;
    if (!path.runs.empty() && path.runs.back().first_step + path.runs.back().count == step) {
      path.runs.back().count += kStepsPerMinute;
    } else {
      path.runs.push_back({step, path.steps, kStepsPerMinute});
    }
    path.steps += kStepsPerMinute;
  }
  const std::int32_t n = path.steps;
  path.point.resize(static_cast<std::size_t>(n) + 1);
  path.volume.resize(static_cast<std::size_t>(n) + 1);
  path.open_interest.resize(static_cast<std::size_t>(n) + 1);

  // Price: a Brownian bridge in log price from this day's anchor to the next day's, over the
  // trading steps only, so the day's moves happen while it trades.
  const std::int64_t d = day_number(day), next = day_number(calendar.next_business_day(day));
  const double base = static_cast<double>(spec.to_ticks(spec.base_price));
  const double from = price_anchor(noise, spec.daily_volatility, d);
  const double to = price_anchor(noise, spec.daily_volatility, next);
  const double sigma = n > 0 ? spec.daily_volatility / std::sqrt(static_cast<double>(n)) : 0;
  // Open interest: bounded by each step's lots, drifting to the next day's anchor.
  const double oi_from = open_interest_anchor(noise, d);
  const double oi_to = open_interest_anchor(noise, next);
  double x = from, oi = oi_from;
  path.point[0] = static_cast<float>(base * std::exp(x));
  path.open_interest[0] = static_cast<std::int32_t>(oi);
  for (std::int32_t i = 0; i < n; ++i) {
    const auto key = static_cast<std::uint64_t>(d) * 100'000 + static_cast<std::uint64_t>(i);
    const double r = n - i;
    const double z = noise.gaussian(key, kStepMove);
    x += (to - x) / r + sigma * std::sqrt((r - 1) / r) * z;
    path.point[i + 1] = static_cast<float>(base * std::exp(x));
    // More trades when the price moves.
    const auto lots = static_cast<std::int32_t>(4 + noise.bits(key, kStepLots) % 60 +
                                                std::llround(std::abs(z) * 20));
    path.volume[i + 1] = path.volume[i] + lots;
    double change = (oi_to - oi) / r + 0.25 * lots * noise.gaussian(key, kStepOpenInterest);
    change = r <= 1 ? oi_to - oi : std::clamp(std::round(change), -double(lots), double(lots));
    oi = std::max(0.0, oi + change);
    path.open_interest[i + 1] = static_cast<std::int32_t>(oi);
  }
  // Volume-weighted step prices: the whole day, and the exchange's settlement window.
  const std::int32_t window =
      spec.rules && spec.rules->settlement_minutes > 0
          ? std::min<std::int32_t>(n, spec.rules->settlement_minutes * kStepsPerMinute)
          : n;
  double all_value = 0, all_lots = 0, window_value = 0, window_lots = 0;
  for (std::int32_t i = 0; i < n; ++i) {
    const double value = static_cast<double>(path.step_price(i)) * path.lots(i);
    all_value += value;
    all_lots += path.lots(i);
    if (i >= n - window) {
      window_value += value;
      window_lots += path.lots(i);
    }
  }
  path.vwap_day = all_lots > 0 ? std::llround(all_value / all_lots) : std::llround(path.point[0]);
  path.vwap_settlement = window_lots > 0 ? std::llround(window_value / window_lots) : path.vwap_day;
  // The last tick of the day sits one interval before the last step's end.
  if (n > 0) {
    const double f = std::clamp(1.0 - static_cast<double>(options.interval_ms) / kStepMs, 0.0, 1.0);
    path.last_point = std::llround(path.point[n - 1] + (path.point[n] - path.point[n - 1]) * f);
  } else {
    path.last_point = std::llround(path.point[0]);
  }
  return path;
}

}  // namespace ctpgw::sim
