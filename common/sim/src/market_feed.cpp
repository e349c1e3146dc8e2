#include "ctpgw/sim/market_feed.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numbers>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/china_time.h"

namespace ctpgw::sim {
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

// Uniform in [-1, 1).
double unit(std::uint64_t h) noexcept {
  return static_cast<double>(h >> 11) * 0x1.0p-52 - 1.0;
}

}  // namespace

MarketFeed::MarketFeed(const InstrumentMaster& master, FeedOptions options)
    : master_(master), options_(options), states_(master.all().size()) {
  instrument_keys_.reserve(master.all().size());
  for (const InstrumentSpec& spec : master.all()) {
    instrument_keys_.push_back(splitmix(options_.seed ^ fnv1a(spec.id)));
    // Periods of hours and of minutes, in wall time so the shape does not depend on the interval.
    Waves w;
    const double p1 = 3 * 3600.0 + (unit(hash(spec, 11, 0)) + 1) * 3600.0;
    const double p2 = 600.0 + (unit(hash(spec, 12, 0)) + 1) * 600.0;
    const double per_tick = static_cast<double>(options_.interval.count()) / 1000.0;
    w.omega1 = 2 * std::numbers::pi * per_tick / p1;
    w.omega2 = 2 * std::numbers::pi * per_tick / p2;
    w.phase1 = unit(hash(spec, 13, 0)) * std::numbers::pi;
    w.phase2 = unit(hash(spec, 14, 0)) * std::numbers::pi;
    waves_.push_back(w);
  }
}

std::uint64_t MarketFeed::hash(const InstrumentSpec& spec, std::uint64_t a,
                               std::uint64_t b) const noexcept {
  return splitmix(instrument_keys_[spec.index] ^ splitmix(a * 0x2545F4914F6CDD1DULL + b));
}

std::int64_t MarketFeed::index_at(TimePoint t) const noexcept {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const auto step = options_.interval.count();
  return ms >= 0 ? ms / step : (ms - step + 1) / step;
}

TimePoint MarketFeed::time_of(std::int64_t index) const noexcept {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(options_.interval * index));
}

bool MarketFeed::trading(const InstrumentSpec& spec, std::int64_t index) const noexcept {
  if (options_.always_open) return true;
  const LocalTime lt = to_china_time(time_of(index));
  const auto wd = std::chrono::weekday(lt.date);
  const int minute = lt.hour * 60 + lt.minute;
  // Night sessions run Monday-Friday evenings (and past midnight into Tuesday-Saturday).
  const bool weekday_day = wd != std::chrono::Saturday && wd != std::chrono::Sunday;
  const bool after_midnight_ok = wd != std::chrono::Sunday && wd != std::chrono::Monday;
  for (const Session& s : spec.sessions) {
    if (!s.contains(minute)) continue;
    const bool crosses = s.start_min > s.end_min;
    if (!crosses) return weekday_day;
    return minute >= s.start_min ? weekday_day : after_midnight_ok;
  }
  return false;
}

std::optional<std::int64_t> MarketFeed::last_trading_index(const InstrumentSpec& spec,
                                                           std::int64_t k) const {
  if (trading(spec, k)) return k;
  // Walk back minute by minute, then tick by tick inside the last trading minute.
  const std::int64_t per_minute = std::max<std::int64_t>(1, 60'000 / options_.interval.count());
  for (std::int64_t i = 0; i < 7 * 24 * 60; ++i) {
    const std::int64_t probe = k - i * per_minute;
    if (trading(spec, probe)) {
      std::int64_t j = std::min(k, probe + per_minute);
      while (!trading(spec, j)) --j;
      return j;
    }
  }
  return std::nullopt;
}

MarketFeed::DayParams MarketFeed::day_params(const InstrumentSpec& spec, std::int64_t index) const {
  using namespace std::chrono;
  DayParams d;
  // The trading day starts at 18:00 China time of the previous business evening.
  const TimePoint t = time_of(index);
  const LocalTime lt = to_china_time(t);
  const sys_days evening = lt.hour >= 18 ? lt.date : lt.date - days(1);
  const TimePoint start = TimePoint(evening) + hours(18) - hours(8);
  d.day_start = index_at(start);
  if (index - d.day_start > kMaxTicksPerDay) {
    d.day_start += (index - d.day_start) / kMaxTicksPerDay * kMaxTicksPerDay;
  }
  const auto day_key = static_cast<std::uint64_t>(d.day_start);
  const std::int64_t base = spec.to_ticks(spec.base_price);
  d.pre_settlement =
      base + std::llround(unit(hash(spec, day_key, 1)) * 0.02 * static_cast<double>(base));
  d.pre_settlement = std::max<std::int64_t>(d.pre_settlement, 10);
  d.pre_close = d.pre_settlement + std::llround(unit(hash(spec, day_key, 2)) * 3);
  d.upper = static_cast<std::int64_t>(
      std::floor(static_cast<double>(d.pre_settlement) * (1 + spec.limit_ratio)));
  d.lower = static_cast<std::int64_t>(
      std::ceil(static_cast<double>(d.pre_settlement) * (1 - spec.limit_ratio)));
  d.lower = std::max<std::int64_t>(d.lower, 1);
  d.pre_open_interest = std::floor(50'000 + (unit(hash(spec, day_key, 3)) + 1) * 100'000);
  return d;
}

std::int64_t MarketFeed::path_price(const InstrumentSpec& spec, const DayParams& day,
                                    std::int64_t index) const {
  // Two slow waves (periods of hours and of minutes, in wall time so the shape does not depend
  // on the tick interval) plus up to two ticks of noise.
  const double seconds =
      static_cast<double>(index) * static_cast<double>(options_.interval.count()) / 1000.0;
  const double range = static_cast<double>(day.upper - day.pre_settlement);
  const double p1 = 3 * 3600.0 + (unit(hash(spec, 11, 0)) + 1) * 3600.0;
  const double p2 = 600.0 + (unit(hash(spec, 12, 0)) + 1) * 600.0;
  const double phase1 = unit(hash(spec, 13, 0)) * std::numbers::pi;
  const double phase2 = unit(hash(spec, 14, 0)) * std::numbers::pi;
  const double wave = 0.3 * range * std::sin(2 * std::numbers::pi * seconds / p1 + phase1) +
                      0.08 * range * std::sin(2 * std::numbers::pi * seconds / p2 + phase2);
  const std::int64_t noise =
      static_cast<std::int64_t>(hash(spec, static_cast<std::uint64_t>(index), 21) % 5) - 2;
  const std::int64_t p = day.pre_settlement + std::llround(wave) + noise;
  return std::clamp(p, day.lower, day.upper);
}

void MarketFeed::step(const InstrumentSpec& spec, const DayParams& day, Tick& t, std::int64_t index,
                      bool first) const {
  const auto k = static_cast<std::uint64_t>(index);
  t.index = index;
  t.last = path_price(spec, day, index);
  // Liquidity: a few lots per tick on average, more for cheap contracts.
  const int lots = 1 + static_cast<int>(hash(spec, k, 31) % 8);
  if (first) {
    t = Tick{};
    t.index = index;
    t.last = path_price(spec, day, index);
    t.pre_settlement = day.pre_settlement;
    t.pre_close = day.pre_close;
    t.upper = day.upper;
    t.lower = day.lower;
    t.pre_open_interest = day.pre_open_interest;
    t.open_interest = day.pre_open_interest;
    t.open = t.high = t.low = t.last;
  }
  t.high = std::max(t.high, t.last);
  t.low = std::min(t.low, t.last);
  t.volume += lots;
  t.turnover += spec.to_price(t.last) * lots * spec.multiplier;
  // Open interest moves by at most the lots traded, drifting back towards its start.
  const double drift = (t.pre_open_interest - t.open_interest) * 0.001;
  const double change = std::clamp(std::round(unit(hash(spec, k, 32)) * lots + drift),
                                   -static_cast<double>(lots), static_cast<double>(lots));
  t.open_interest = std::max(0.0, t.open_interest + change);
}

void MarketFeed::fill_book(const InstrumentSpec& spec, Tick& t) const {
  const auto k = static_cast<std::uint64_t>(t.index);
  // Book: one or two ticks wide around the last price, five levels, inside the limits.
  const std::uint64_t hb = hash(spec, k, 33);
  std::int64_t bid1 = t.last - static_cast<std::int64_t>(hb & 1);
  std::int64_t ask1 = bid1 + 1 + ((hb >> 1) % 4 == 0 ? 1 : 0);
  if (ask1 > t.upper) ask1 = t.upper + 1;  // no asks at limit-up
  if (bid1 < t.lower) bid1 = t.lower - 1;  // no bids at limit-down
  for (int i = 0; i < 5; ++i) {
    const std::int64_t b = bid1 - i, a = ask1 + i;
    t.bid[i] = b;
    t.ask[i] = a;
    t.bid_volume[i] =
        b >= t.lower && b <= t.upper ? 1 + static_cast<int>(hash(spec, k, 40 + i) % 60) : 0;
    t.ask_volume[i] =
        a >= t.lower && a <= t.upper ? 1 + static_cast<int>(hash(spec, k, 50 + i) % 60) : 0;
  }
}

const Tick& MarketFeed::tick(const InstrumentSpec& spec, std::int64_t index) {
  State& s = states_[spec.index];
  const DayParams day = day_params(spec, index);
  if (s.valid && s.day.day_start == day.day_start && s.tick.index == index) return s.tick;
  // The book is only needed for the tick asked for, so stepping skips it.
  std::int64_t from = day.day_start;
  bool first = true;
  if (s.valid && s.day.day_start == day.day_start && s.tick.index < index) {
    from = s.tick.index + 1;
    first = false;
  }
  s.day = day;
  for (std::int64_t k = from; k <= index; ++k) {
    if (!trading(spec, k)) continue;
    step(spec, day, s.tick, k, first);
    first = false;
  }
  if (first) step(spec, day, s.tick, index, true);  // no trading tick yet today
  s.tick.index = index;
  fill_book(spec, s.tick);
  s.valid = true;
  return s.tick;
}

void MarketFeed::to_ctp(const InstrumentSpec& spec, const Tick& t,
                        ctp::CThostFtdcDepthMarketDataField& out) const {
  out = ctp::CThostFtdcDepthMarketDataField{};
  const TimePoint when = time_of(t.index);
  const LocalTime lt = to_china_time(when);
  ctp::set_text(out.TradingDay, trading_day(when));
  ctp::set_text(out.ActionDay, format_date(lt.date));
  ctp::set_text(out.ExchangeID, spec.exchange);
  ctp::set_text(out.InstrumentID, spec.id);
  ctp::set_text(out.ExchangeInstID, spec.id);
  ctp::set_text(out.UpdateTime, clock_text(when));
  out.UpdateMillisec = lt.millisecond;
  out.LastPrice = spec.to_price(t.last);
  out.PreSettlementPrice = spec.to_price(t.pre_settlement);
  out.PreClosePrice = spec.to_price(t.pre_close);
  out.PreOpenInterest = t.pre_open_interest;
  out.OpenPrice = spec.to_price(t.open);
  out.HighestPrice = spec.to_price(t.high);
  out.LowestPrice = spec.to_price(t.low);
  out.Volume = static_cast<int>(t.volume);
  out.Turnover = t.turnover;
  out.OpenInterest = t.open_interest;
  out.ClosePrice = DBL_MAX;
  out.SettlementPrice = DBL_MAX;
  out.UpperLimitPrice = spec.to_price(t.upper);
  out.LowerLimitPrice = spec.to_price(t.lower);
  out.PreDelta = 0;
  out.CurrDelta = 0;
  double* bid_prices[5] = {&out.BidPrice1, &out.BidPrice2, &out.BidPrice3, &out.BidPrice4,
                           &out.BidPrice5};
  double* ask_prices[5] = {&out.AskPrice1, &out.AskPrice2, &out.AskPrice3, &out.AskPrice4,
                           &out.AskPrice5};
  int* bid_vols[5] = {&out.BidVolume1, &out.BidVolume2, &out.BidVolume3, &out.BidVolume4,
                      &out.BidVolume5};
  int* ask_vols[5] = {&out.AskVolume1, &out.AskVolume2, &out.AskVolume3, &out.AskVolume4,
                      &out.AskVolume5};
  for (int i = 0; i < 5; ++i) {
    *bid_prices[i] = t.bid_volume[i] > 0 ? spec.to_price(t.bid[i]) : DBL_MAX;
    *ask_prices[i] = t.ask_volume[i] > 0 ? spec.to_price(t.ask[i]) : DBL_MAX;
    *bid_vols[i] = t.bid_volume[i];
    *ask_vols[i] = t.ask_volume[i];
  }
  // CZCE reports the average as a price; the other exchanges as turnover per lot.
  const double per_lot = t.volume > 0 ? t.turnover / static_cast<double>(t.volume) : 0.0;
  out.AveragePrice = spec.exchange == "CZCE" ? per_lot / spec.multiplier : per_lot;
  out.BandingUpperPrice = 0;
  out.BandingLowerPrice = 0;
}

}  // namespace ctpgw::sim
