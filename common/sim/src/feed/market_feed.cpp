#include "ctpgw/sim/feed/market_feed.h"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/feed/china_time.h"
#include "feed/price_path.h"

namespace ctpgw::sim {

namespace {

// Settlement prices are limited by the previous day's band; looking this many days back makes a
// day's settlement the same however it is reached (PreSettlementPrice of the next day is the same
// function), while bounding the work to a few days' paths.
constexpr int kSettlementDepth = 2;
constexpr std::size_t kSummariesKept = 16;

struct Band {
  std::int64_t lower = 0, upper = 0;
};

/// The day's limits around its pre-settlement price: the product's ratio, or for an option a
/// fixed amount (`option_amount` ticks, the underlying's limit move).
Band band(const InstrumentSpec& spec, std::int64_t pre_settlement, std::int64_t option_amount) {
  if (option_amount > 0) {
    return Band{std::max<std::int64_t>(1, pre_settlement - option_amount),
                pre_settlement + option_amount};
  }
  const auto ps = static_cast<double>(pre_settlement);
  Band b;
  b.upper = static_cast<std::int64_t>(std::floor(ps * (1 + spec.limit_ratio) + 1e-9));
  b.lower = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil(ps * (1 - spec.limit_ratio) - 1e-9)));
  return b;
}

std::int64_t clamp_to(std::int64_t price, const Band& b) {
  return std::clamp(price, b.lower, b.upper);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : (a - b + 1) / b;
}

}  // namespace

/// The day the feed is printing: its path with the limits applied and running extremes.
struct MarketFeed::Day {
  DayPath path;
  std::int64_t pre_settlement = 0, pre_close = 0, settlement = 0, close = 0;
  Band limits;
  std::int64_t open = 0;
  std::int64_t last_tick_index = 0;
  std::vector<std::int64_t> price;      ///< limited step trade price
  std::vector<double> turnover;         ///< before each step
  std::vector<std::int32_t> high, low;  ///< over the limited points up to each step
};

struct MarketFeed::State {
  explicit State(FeedNoise n) : noise(n) {}
  FeedNoise noise;
  /// The two days most recently printed (today, and yesterday for queries after its close).
  std::array<std::unique_ptr<Day>, 2> days;
  std::map<std::int64_t, Summary> summaries;
  Tick tick;
  bool tick_valid = false;
};

MarketFeed::MarketFeed(const InstrumentMaster& master, FeedOptions options)
    : master_(master), options_(std::move(options)) {
  if (!options_.calendar) options_.calendar = std::make_shared<TradingCalendar>();
  states_.reserve(master.all().size());
  for (const InstrumentSpec& spec : master.all()) {
    states_.push_back(std::make_unique<State>(FeedNoise(options_.seed, spec.id)));
  }
}

MarketFeed::~MarketFeed() = default;

std::int64_t MarketFeed::index_at(TimePoint t) const noexcept {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return floor_div(ms, options_.interval.count());
}

TimePoint MarketFeed::time_of(std::int64_t index) const noexcept {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(options_.interval * index));
}

bool MarketFeed::trading(const InstrumentSpec& spec, std::int64_t index) const noexcept {
  return instrument_trades_at(spec, *options_.calendar, options_.always_open, time_of(index));
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

std::optional<std::int64_t> MarketFeed::day_close_index(const InstrumentSpec& spec,
                                                        std::int64_t k) {
  const Day& d = day(spec, calendar().trading_day_of(time_of(k)));
  if (d.path.steps == 0 || k < d.last_tick_index) return std::nullopt;
  return d.last_tick_index;
}

Phase MarketFeed::phase(const InstrumentSpec& spec, std::int64_t k) {
  if (options_.always_open) return Phase::Continuous;
  const DayPath& path = day(spec, calendar().trading_day_of(time_of(k))).path;
  if (path.runs.empty()) return Phase::Closed;
  const std::int64_t step = floor_div(k * options_.interval.count(), kStepMs);
  const DayPath::Run& first = path.runs.front();
  if (step < first.first_step) {
    constexpr std::int64_t kStepsPerMinute = 60'000 / kStepMs;
    const int auction = spec.rules ? spec.rules->auction_minutes : 0;
    if (auction == 0 || step < first.first_step - auction * kStepsPerMinute) return Phase::Closed;
    return step >= first.first_step - kStepsPerMinute ? Phase::AuctionMatch
                                                      : Phase::AuctionOrdering;
  }
  for (const DayPath::Run& run : path.runs) {
    if (step < run.first_step) return Phase::NoTrading;
    if (step < run.first_step + run.count) return Phase::Continuous;
  }
  return Phase::Closed;
}

std::int64_t MarketFeed::settlement_price(const InstrumentSpec& spec, TradingCalendar::Day d) {
  return settlement(spec, d, kSettlementDepth);
}

std::int64_t MarketFeed::last_tick_of_day(const InstrumentSpec& spec, std::int64_t k) {
  return day(spec, calendar().trading_day_of(time_of(k))).last_tick_index;
}

const MarketFeed::Summary& MarketFeed::summary(const InstrumentSpec& spec,
                                               TradingCalendar::Day trading_day) {
  State& s = *states_[spec.index];
  const std::int64_t key = trading_day.time_since_epoch().count();
  if (auto it = s.summaries.find(key); it != s.summaries.end()) return it->second;
  const DayPath path = build_day_path(
      spec, s.noise, calendar(), {options_.always_open, options_.interval.count()}, trading_day);
  if (s.summaries.size() >= kSummariesKept) s.summaries.erase(s.summaries.begin());
  return s.summaries[key] = Summary{path.vwap_settlement, path.last_point};
}

std::int64_t MarketFeed::settlement(const InstrumentSpec& spec, TradingCalendar::Day d, int depth) {
  const std::int64_t vwap = summary(spec, d).vwap_settlement;
  if (depth == 0) return vwap;
  const std::int64_t previous = settlement(spec, calendar().previous_business_day(d), depth - 1);
  return clamp_to(vwap, band(spec, previous, option_limit(spec, d)));
}

std::int64_t MarketFeed::option_limit(const InstrumentSpec& spec, TradingCalendar::Day d) {
  if (spec.product_class != '2' || spec.underlying.empty()) return 0;
  const InstrumentSpec* u = master_.find(spec.underlying);
  if (u == nullptr) return 0;
  // An option moves at most as far as its underlying may on the day: the underlying's limit
  // move (its pre-settlement times its limit ratio), in the option's ticks.
  const std::int64_t u_pre = settlement(*u, calendar().previous_business_day(d), kSettlementDepth);
  const double amount = u->to_price(u_pre) * u->limit_ratio;
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::floor(amount / spec.price_tick + 1e-9)));
}

const MarketFeed::Day& MarketFeed::day(const InstrumentSpec& spec,
                                       TradingCalendar::Day trading_day) {
  State& s = *states_[spec.index];
  for (auto& cached : s.days) {
    if (cached && cached->path.day == trading_day) return *cached;
  }
  auto d = std::make_unique<Day>();
  d->path = build_day_path(spec, s.noise, calendar(),
                           {options_.always_open, options_.interval.count()}, trading_day);
  const TradingCalendar::Day yesterday = calendar().previous_business_day(trading_day);
  d->pre_settlement = settlement(spec, yesterday, kSettlementDepth);
  d->limits = band(spec, d->pre_settlement, option_limit(spec, trading_day));
  const std::int64_t before_yesterday_settlement =
      settlement(spec, calendar().previous_business_day(yesterday), kSettlementDepth);
  d->pre_close = clamp_to(summary(spec, yesterday).last_point,
                          band(spec, before_yesterday_settlement, option_limit(spec, yesterday)));
  d->settlement = clamp_to(d->path.vwap_settlement, d->limits);
  d->close = clamp_to(d->path.last_point, d->limits);
  const std::int32_t n = d->path.steps;
  d->price.resize(static_cast<std::size_t>(n));
  d->turnover.assign(static_cast<std::size_t>(n) + 1, 0.0);
  d->high.resize(static_cast<std::size_t>(n) + 1);
  d->low.resize(static_cast<std::size_t>(n) + 1);
  const auto limited_point = [&](std::int32_t i) {
    return clamp_to(std::llround(d->path.point[i]), d->limits);
  };
  d->open = limited_point(0);
  d->high[0] = d->low[0] = static_cast<std::int32_t>(d->open);
  for (std::int32_t i = 0; i < n; ++i) {
    d->price[i] = clamp_to(d->path.step_price(i), d->limits);
    d->turnover[i + 1] =
        d->turnover[i] + d->path.lots(i) * spec.to_price(d->price[i]) * spec.multiplier;
    const auto p = static_cast<std::int32_t>(limited_point(i + 1));
    d->high[i + 1] = std::max(d->high[i], p);
    d->low[i + 1] = std::min(d->low[i], p);
  }
  const std::int64_t interval = options_.interval.count();
  const std::int64_t day_end_ms = (d->path.last_step() + 1) * kStepMs;
  d->last_tick_index = floor_div(day_end_ms - 1, interval);
  // Replace the older of the two.
  auto& slot = !s.days[0]   ? s.days[0]
               : !s.days[1] ? s.days[1]
                            : (s.days[0]->path.day < s.days[1]->path.day ? s.days[0] : s.days[1]);
  slot = std::move(d);
  return *slot;
}

const Tick& MarketFeed::tick(const InstrumentSpec& spec, std::int64_t index) {
  State& s = *states_[spec.index];
  if (s.tick_valid && s.tick.index == index) return s.tick;
  const Day& d = day(spec, calendar().trading_day_of(time_of(index)));
  const DayPath& path = d.path;
  const std::int32_t n = path.steps;
  const std::int64_t interval = options_.interval.count();
  const std::int64_t ms = index * interval;
  const std::int64_t step = floor_div(ms, kStepMs);

  // Where the tick falls: inside a trading step (i, fraction f, lots so far), before one (its
  // start), or after the day's last (the last tick's state).
  std::int32_t i = n;
  double f = 0;
  std::int32_t lots = 0;
  bool after_close = true;
  for (const DayPath::Run& run : path.runs) {
    if (step < run.first_step) {
      i = run.ordinal;
      after_close = false;
      break;
    }
    if (step < run.first_step + run.count) {
      i = run.ordinal + static_cast<std::int32_t>(step - run.first_step);
      const std::int64_t into = ms - step * kStepMs;
      f = static_cast<double>(into) / kStepMs;
      lots = static_cast<std::int32_t>(
          std::min<std::int64_t>(path.lots(i), path.lots(i) * (into + interval) / kStepMs));
      after_close = false;
      break;
    }
  }
  if (after_close && n > 0) {
    i = n - 1;
    f = std::clamp(1.0 - static_cast<double>(interval) / kStepMs, 0.0, 1.0);
    lots = path.lots(i);
  }

  Tick& t = s.tick;
  t = Tick{};
  t.index = index;
  t.pre_settlement = d.pre_settlement;
  t.pre_close = d.pre_close;
  t.upper = d.limits.upper;
  t.lower = d.limits.lower;
  t.pre_open_interest = path.open_interest[0];
  t.open = d.open;
  if (i >= n) {  // no trading step today: the opening state
    t.last = t.high = t.low = d.open;
    t.open_interest = path.open_interest[0];
  } else {
    const double p = path.point[i] + (path.point[i + 1] - path.point[i]) * f;
    t.last = clamp_to(std::llround(p), d.limits);
    t.high = std::max<std::int64_t>(d.high[i], t.last);
    t.low = std::min<std::int64_t>(d.low[i], t.last);
    t.volume = path.volume[i] + lots;
    t.turnover = d.turnover[i] + lots * spec.to_price(d.price[i]) * spec.multiplier;
    const std::int64_t oi_change =
        path.lots(i) > 0 ? (std::int64_t{path.open_interest[i + 1]} - path.open_interest[i]) *
                               lots / path.lots(i)
                         : 0;
    t.open_interest = static_cast<double>(path.open_interest[i] + oi_change);
  }
  if (n > 0 && index >= d.last_tick_index) {
    t.close = d.close;
    t.settlement = d.settlement;
  }
  fill_book(spec, t);
  s.tick_valid = true;
  return t;
}

void MarketFeed::fill_book(const InstrumentSpec& spec, Tick& t) const {
  const FeedNoise& noise = states_[spec.index]->noise;
  const auto k = static_cast<std::uint64_t>(t.index);
  // Book: one or two ticks wide around the last price, five levels, inside the limits.
  const std::uint64_t hb = noise.bits(k, 33);
  std::int64_t bid1 = t.last - static_cast<std::int64_t>(hb & 1);
  std::int64_t ask1 = bid1 + 1 + ((hb >> 1) % 4 == 0 ? 1 : 0);
  if (ask1 > t.upper) ask1 = t.upper + 1;  // no asks at limit-up
  if (bid1 < t.lower) bid1 = t.lower - 1;  // no bids at limit-down
  for (int i = 0; i < 5; ++i) {
    const std::int64_t b = bid1 - i, a = ask1 + i;
    t.bid[i] = b;
    t.ask[i] = a;
    t.bid_volume[i] =
        b >= t.lower && b <= t.upper ? 1 + static_cast<int>(noise.bits(k, 40 + i) % 60) : 0;
    t.ask_volume[i] =
        a >= t.lower && a <= t.upper ? 1 + static_cast<int>(noise.bits(k, 50 + i) % 60) : 0;
  }
}

void MarketFeed::to_ctp(const InstrumentSpec& spec, const Tick& t,
                        ctp::CThostFtdcDepthMarketDataField& out) const {
  out = ctp::CThostFtdcDepthMarketDataField{};
  const TimePoint when = time_of(t.index);
  const LocalTime lt = to_china_time(when);
  ctp::set_text(out.TradingDay, trading_day(when, calendar()));
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
  out.ClosePrice = t.close > 0 ? spec.to_price(t.close) : DBL_MAX;
  out.SettlementPrice = t.settlement > 0 ? spec.to_price(t.settlement) : DBL_MAX;
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
