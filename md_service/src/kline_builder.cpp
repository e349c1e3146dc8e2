#include "kline_builder.h"

#include <algorithm>

namespace ctpgw::md {
namespace {

constexpr std::array<int, kBarPeriods.size()> kMinutes{1, 5, 15, 30, 60, 0};  // 0: the day

std::size_t index(BarPeriod p) {
  return static_cast<std::size_t>(p);
}

}  // namespace

std::string_view period_name(BarPeriod p) noexcept {
  static constexpr std::array<std::string_view, kBarPeriods.size()> kNames{"1m",  "5m",  "15m",
                                                                           "30m", "60m", "1d"};
  return kNames[index(p)];
}

std::optional<BarPeriod> parse_period(std::string_view name) noexcept {
  for (const BarPeriod p : kBarPeriods) {
    if (period_name(p) == name) return p;
  }
  return std::nullopt;
}

void KLineBuilder::close(Track& t, std::vector<Bar>& out) {
  if (!t.current) return;
  t.current->closed = true;
  t.done.push_back(*t.current);
  out.push_back(*t.current);
  t.current.reset();
}

void KLineBuilder::start_day(const BarTick& tick, std::vector<Bar>& out) {
  for (Track& t : tracks_) close(t, out);
  for (Track& t : tracks_) t.done.clear();
  trading_day_ = tick.trading_day;
  last_.reset();
}

std::vector<Bar> KLineBuilder::add(const BarTick& tick) {
  std::vector<Bar> out;
  if (tick.trading_day != trading_day_) start_day(tick, out);
  // Seconds since the previous tick, across midnight (night sessions).
  int gap = 0;
  if (last_) gap = (tick.seconds - last_->seconds + 86400) % 86400;
  const bool after_break = last_ && gap >= kBreakGapSeconds;
  const std::int64_t base_volume = last_ ? last_->volume : tick.volume;
  const double base_turnover = last_ ? last_->turnover : tick.turnover;

  for (const BarPeriod p : kBarPeriods) {
    Track& t = tracks_[index(p)];
    const int minutes = kMinutes[index(p)];
    if (minutes > 0 && t.current) {
      // Past the bar's end (also across midnight: the bar ends before the tick's time).
      const int since_start = (tick.seconds - t.current->start + 86400) % 86400;
      if (after_break || since_start >= t.current->end - t.current->start) close(t, out);
    }
    if (!t.current) {
      Bar b;
      b.instrument = instrument_;
      b.period = p;
      b.trading_day = tick.trading_day;
      if (minutes > 0) {
        const int len = minutes * 60;
        const int aligned = tick.seconds / len * len;
        b.end = aligned + len;
        // The first bar after a break starts at its first tick's minute.
        b.start = after_break || !last_ ? std::max(aligned, tick.seconds / 60 * 60) : aligned;
      } else {
        b.start = tick.seconds;
        b.end = tick.seconds;
      }
      b.open = b.high = b.low = tick.price;
      t.current = b;
    }
    Bar& b = *t.current;
    b.high = std::max(b.high, tick.price);
    b.low = std::min(b.low, tick.price);
    b.close = tick.price;
    b.volume += std::max<std::int64_t>(0, tick.volume - base_volume);
    b.turnover += std::max(0.0, tick.turnover - base_turnover);
    b.open_interest = tick.open_interest;
    if (minutes == 0) b.end = tick.seconds;
  }
  last_ = tick;
  return out;
}

std::vector<Bar> KLineBuilder::close_until(int seconds) {
  std::vector<Bar> out;
  for (const BarPeriod p : kBarPeriods) {
    Track& t = tracks_[index(p)];
    if (kMinutes[index(p)] == 0 || !t.current) continue;
    const int since_start = (seconds - t.current->start + 86400) % 86400;
    // Only a clock at most half a day ahead counts (not one from before the bar began).
    if (since_start >= t.current->end - t.current->start && since_start < 43200) close(t, out);
  }
  return out;
}

std::vector<Bar> KLineBuilder::day_bars(BarPeriod period) const {
  const Track& t = tracks_[index(period)];
  std::vector<Bar> out = t.done;
  if (t.current) out.push_back(*t.current);
  return out;
}

}  // namespace ctpgw::md
