// Deterministic simulated market data.
//
// Every field of an instrument's tick k is a pure function of (seed, instrument id, k) where
// k = floor(time / interval) is read from the clock: md_service and td_service configured alike
// show and trade the same prices at the same moment without talking to each other. Prices are
// integers (ticks) inside; to_ctp() converts them at the edge.
//
// The model (docs/simulator.md has the parameters and the known differences from a real market):
// - each trading day opens at a daily anchor, a slowly mean-reverting random walk of daily
//   shocks sized by the product's Volatility, and moves by a Brownian bridge over its trading
//   steps (10 s) to the next day's anchor; ticks interpolate inside a step;
// - each step trades a random number of lots (more when the price moves) at its midpoint price;
//   Volume, Turnover and OpenInterest accumulate from them, open interest changing by at most a
//   step's lots;
// - the day's settlement price is the volume-weighted price of the exchange's settlement window
//   (the whole day, or CFFEX's last hour), its close the last tick; both are published on the
//   day's last tick and carried into the next day as PreSettlementPrice / PreClosePrice, with
//   PreOpenInterest the day's final open interest; limits are set from the pre-settlement price
//   and cap the printed prices;
// - the five-level book is one or two ticks wide around the last price.
//
// Threading: not thread-safe. Each process drives it from its simulator thread only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/sim/feed/clock.h"
#include "ctpgw/sim/feed/instrument_master.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

struct DayPath;
class FeedNoise;

/// An instrument's trading phase, as CTP's InstrumentStatus letters.
enum class Phase : char {
  NoTrading = '1',  ///< a break between sessions of the trading day
  Continuous = '2',
  AuctionOrdering = '3',  ///< opening call auction: orders are taken, nothing matches
  AuctionMatch = '5',     ///< its last minute: the opening price is set, no orders
  Closed = '6',           ///< before the auction, and after the trading day's last session
};

struct FeedOptions {
  std::uint64_t seed = 1;
  std::chrono::milliseconds interval{500};
  bool always_open = true;  ///< tick around the clock instead of in the instrument's sessions
  std::shared_ptr<const TradingCalendar> calendar;  ///< null: weekends only
};

struct Tick {
  std::int64_t index = 0;
  std::int64_t last = 0;  ///< all prices in ticks
  std::int64_t pre_settlement = 0, pre_close = 0, upper = 0, lower = 0;
  std::int64_t open = 0, high = 0, low = 0;
  std::int64_t close = 0, settlement = 0;  ///< 0 until the day's last tick
  std::array<std::int64_t, 5> bid{}, ask{};
  std::array<int, 5> bid_volume{}, ask_volume{};  ///< 0 = no level
  std::int64_t volume = 0;
  double turnover = 0;
  double open_interest = 0, pre_open_interest = 0;
};

class MarketFeed {
 public:
  MarketFeed(const InstrumentMaster& master, FeedOptions options);
  ~MarketFeed();
  MarketFeed(const MarketFeed&) = delete;
  MarketFeed& operator=(const MarketFeed&) = delete;

  const InstrumentMaster& master() const noexcept { return master_; }
  const FeedOptions& options() const noexcept { return options_; }
  const TradingCalendar& calendar() const noexcept { return *options_.calendar; }
  std::int64_t index_at(TimePoint t) const noexcept;
  TimePoint time_of(std::int64_t index) const noexcept;
  /// True when the instrument trades at tick index k (always, in always_open mode).
  bool trading(const InstrumentSpec& spec, std::int64_t index) const noexcept;
  /// The latest trading index <= k (k itself when trading; searches back at most a week).
  std::optional<std::int64_t> last_trading_index(const InstrumentSpec& spec, std::int64_t k) const;
  /// The instrument's phase at tick index k (always Continuous in always_open mode).
  Phase phase(const InstrumentSpec& spec, std::int64_t k);
  /// The last tick index of k's trading day when k is at or past it (the tick that carries the
  /// day's close and settlement); nullopt while the day still trades.
  std::optional<std::int64_t> day_close_index(const InstrumentSpec& spec, std::int64_t k);
  /// The settlement price of a trading day (ticks): the day's last tick publishes it.
  std::int64_t settlement_price(const InstrumentSpec& spec, TradingCalendar::Day day);
  /// The last tick index of k's trading day (in the future while the day trades).
  std::int64_t last_tick_of_day(const InstrumentSpec& spec, std::int64_t k);

  /// The instrument's tick at index k (k should be a trading index). Random access: the day's
  /// path is built once per instrument and day, then any tick of it costs a few operations.
  const Tick& tick(const InstrumentSpec& spec, std::int64_t index);

  void to_ctp(const InstrumentSpec& spec, const Tick& tick,
              ctp::CThostFtdcDepthMarketDataField& out) const;

 private:
  struct Summary {  ///< what a day hands on to later days
    std::int64_t vwap_settlement = 0, last_point = 0;
  };
  struct Day;
  struct State;

  const Day& day(const InstrumentSpec& spec, TradingCalendar::Day trading_day);
  const Summary& summary(const InstrumentSpec& spec, TradingCalendar::Day trading_day);
  /// The day's settlement price, limited by a band that looks `depth` days back.
  std::int64_t settlement(const InstrumentSpec& spec, TradingCalendar::Day d, int depth);
  /// An option's limit move on day `d`, in its ticks (its underlying's); 0 for a future.
  std::int64_t option_limit(const InstrumentSpec& spec, TradingCalendar::Day d);
  void fill_book(const InstrumentSpec& spec, Tick& t) const;

  const InstrumentMaster& master_;
  FeedOptions options_;
  std::vector<std::unique_ptr<State>> states_;
};

}  // namespace ctpgw::sim
