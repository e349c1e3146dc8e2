// The simulated market's path for one instrument and trading day, at 10-second resolution
// (internal to the feed, see market_feed.h for the model).
//
// Everything here is a pure function of (seed, instrument, trading day): two processes build the
// same path whatever they computed before.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ctpgw/sim/feed/clock.h"
#include "ctpgw/sim/feed/instrument_master.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

/// Deterministic noise keyed by (seed, instrument) and two counters.
class FeedNoise {
 public:
  FeedNoise(std::uint64_t seed, const std::string& instrument_id);
  std::uint64_t bits(std::uint64_t a, std::uint64_t b) const noexcept;
  double uniform(std::uint64_t a, std::uint64_t b) const noexcept;  ///< in [-1, 1)
  /// Mean 0, standard deviation 1 (sum of four uniforms: light tails, cheap).
  double gaussian(std::uint64_t a, std::uint64_t b) const noexcept;

 private:
  std::uint64_t key_;
};

/// True when the instrument trades at `t`: inside one of its sessions on a business day (night
/// sessions only on evenings that have one), or always with `always_open`.
bool instrument_trades_at(const InstrumentSpec& spec, const TradingCalendar& calendar,
                          bool always_open, TimePoint t);

inline constexpr std::int64_t kStepMs = 10'000;

/// One trading day's unclamped path. Entry i of the per-step vectors is the state at the start
/// of the day's i-th trading step; entry `steps` is the state at the end of the last one.
struct DayPath {
  TradingCalendar::Day day{};
  std::int64_t window_first_step = 0;  ///< absolute step number (ms since epoch / kStepMs)
  /// The day's trading steps as runs of consecutive window steps.
  struct Run {
    std::int64_t first_step = 0;  ///< absolute step number
    std::int32_t ordinal = 0;     ///< trading-step number of its first step
    std::int32_t count = 0;
  };
  std::vector<Run> runs;
  std::int32_t steps = 0;            ///< trading steps in the day
  std::vector<float> point;          ///< price in ticks, fractional, not yet limited
  std::vector<std::int32_t> volume;  ///< lots traded before the step
  std::vector<std::int32_t> open_interest;
  std::int64_t vwap_day = 0;         ///< whole day's volume-weighted step price, in ticks
  std::int64_t vwap_settlement = 0;  ///< over the exchange's settlement window
  std::int64_t last_point = 0;       ///< price at the day's last tick (for ClosePrice), ticks

  std::int64_t last_step() const noexcept;  ///< absolute step number of the last trading step
  std::int32_t lots(std::int32_t i) const noexcept { return volume[i + 1] - volume[i]; }
  /// A step's trade price (the midpoint of its two points), before limits.
  std::int64_t step_price(std::int32_t i) const noexcept;
};

struct PathOptions {
  bool always_open = true;
  std::int64_t interval_ms = 500;
};

/// Builds the day's path. The day opens at the anchor of `day` and ends at the anchor of the
/// next business day; volume and open interest are drawn per step.
DayPath build_day_path(const InstrumentSpec& spec, const FeedNoise& noise,
                       const TradingCalendar& calendar, const PathOptions& options,
                       TradingCalendar::Day day);

}  // namespace ctpgw::sim
