// Deterministic simulated market data.
//
// Every field of an instrument's tick k is a pure function of (seed, instrument id, k) where
// k = floor(time / interval) is read from the clock: md_service and td_service configured alike
// show and trade the same prices at the same moment without talking to each other. Prices are
// integers (ticks) inside; to_ctp() converts them at the edge.
//
// Shape: a slow two-wave path around the day's pre-settlement price plus a few ticks of noise,
// always on the tick grid and inside the day's limits; a five-level book one or two ticks wide
// with per-level volumes; Volume, Turnover and OpenInterest accumulate from the trading day's
// first tick (or, when the interval is so short that a day has more than kMaxTicksPerDay ticks,
// from the start of the current block of that many ticks).
//
// Threading: not thread-safe. Each process drives it from its simulator thread only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/sim/clock.h"
#include "ctpgw/sim/instrument_master.h"

namespace ctpgw::sim {

struct FeedOptions {
  std::uint64_t seed = 1;
  std::chrono::milliseconds interval{500};
  bool always_open = true;  ///< tick around the clock instead of in the instrument's sessions
};

struct Tick {
  std::int64_t index = 0;
  std::int64_t last = 0;  ///< all prices in ticks
  std::int64_t pre_settlement = 0, pre_close = 0, upper = 0, lower = 0;
  std::int64_t open = 0, high = 0, low = 0;
  std::array<std::int64_t, 5> bid{}, ask{};
  std::array<int, 5> bid_volume{}, ask_volume{};  ///< 0 = no level
  std::int64_t volume = 0;
  double turnover = 0;
  double open_interest = 0, pre_open_interest = 0;
};

class MarketFeed {
 public:
  static constexpr std::int64_t kMaxTicksPerDay = 200'000;

  MarketFeed(const InstrumentMaster& master, FeedOptions options);

  const InstrumentMaster& master() const noexcept { return master_; }
  const FeedOptions& options() const noexcept { return options_; }
  std::int64_t index_at(TimePoint t) const noexcept;
  TimePoint time_of(std::int64_t index) const noexcept;
  /// True when the instrument trades at tick index k (always, in always_open mode).
  bool trading(const InstrumentSpec& spec, std::int64_t index) const noexcept;
  /// The latest trading index <= k (k itself when trading; searches back at most a week).
  std::optional<std::int64_t> last_trading_index(const InstrumentSpec& spec, std::int64_t k) const;

  /// The instrument's tick at index k (k should be a trading index). Cached per instrument:
  /// moving forward is incremental, a jump back or to another day recomputes from the day start.
  const Tick& tick(const InstrumentSpec& spec, std::int64_t index);

  void to_ctp(const InstrumentSpec& spec, const Tick& tick,
              ctp::CThostFtdcDepthMarketDataField& out) const;

 private:
  struct DayParams {
    std::int64_t day_start = 0;  ///< first index of the stats window
    std::int64_t pre_settlement = 0, pre_close = 0, upper = 0, lower = 0;
    double pre_open_interest = 0;
  };
  struct Waves {
    double omega1 = 0, omega2 = 0, phase1 = 0, phase2 = 0;  ///< per tick index
  };
  struct State {
    bool valid = false;
    DayParams day;
    Tick tick;
  };

  DayParams day_params(const InstrumentSpec& spec, std::int64_t index) const;
  std::int64_t path_price(const InstrumentSpec& spec, const DayParams& day,
                          std::int64_t index) const;
  void step(const InstrumentSpec& spec, const DayParams& day, Tick& t, std::int64_t index,
            bool first) const;
  void fill_book(const InstrumentSpec& spec, Tick& t) const;
  std::uint64_t hash(const InstrumentSpec& spec, std::uint64_t a, std::uint64_t b) const noexcept;

  const InstrumentMaster& master_;
  FeedOptions options_;
  std::vector<std::uint64_t> instrument_keys_;
  std::vector<Waves> waves_;
  std::vector<State> states_;
};

}  // namespace ctpgw::sim
