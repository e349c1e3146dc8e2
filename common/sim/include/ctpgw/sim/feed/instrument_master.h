// The simulator's instrument master, loaded from YAML (configs/sim/instruments.yaml): contract
// terms, margin and commission rates, price anchors, trading sessions, and the rules that differ
// by exchange ('exchanges') or product ('products'), see exchange_rules.h.
//
// load() validates strictly: a missing or unknown key, a wrong type, a non-positive tick or
// multiplier, or an unknown session name throws InstrumentError naming the instrument and key.
// Immutable after loading; safe to share between threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ctpgw/sim/engine/money.h"
#include "ctpgw/sim/feed/exchange_rules.h"

namespace ctpgw::sim {

class InstrumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A trading session in China local time, as minutes since midnight. end < start crosses midnight.
struct Session {
  int start_min = 0;
  int end_min = 0;
  bool contains(int minute_of_day) const noexcept;
};

struct InstrumentSpec {
  std::string id;
  std::string exchange;
  std::string product;
  std::string name;
  char product_class = '1';  ///< '1' futures, '2' options
  int multiplier = 1;
  double price_tick = 1.0;
  int min_limit_volume = 1;
  int max_limit_volume = 1000;
  int max_market_volume = 500;
  double base_price = 0;  ///< the feed's anchor price
  /// Daily price limit as a fraction of the pre-settlement price: the product's PriceLimit
  /// from the 'products' map, else the instrument's LimitRatio.
  double limit_ratio = 0;
  /// Standard deviation of the daily price change as a fraction of the price: the product's
  /// Volatility from the 'products' map, else the master's default_volatility.
  double daily_volatility = 0.012;
  double margin_ratio = 0;
  double open_by_money = 0, open_by_volume = 0;
  double close_by_money = 0, close_by_volume = 0;
  double close_today_by_money = 0, close_today_by_volume = 0;
  std::vector<Session> sessions;
  std::string expire_date;
  std::string underlying;
  double strike = 0;
  char options_type = '\0';
  std::size_t index = 0;                       ///< position in the master, a stable small id
  std::shared_ptr<const ExchangeRules> rules;  ///< its exchange's entry of 'exchanges'

  /// Digits after the decimal point of PriceTick (0.02 -> 2), and the tick in those units
  /// (0.02 -> 2): prices are computed in whole units and divided once, so 30340 ticks of 0.02
  /// is exactly the double nearest 606.8 (printed "606.8"), never 606.8000000000001.
  int price_decimals = 0;
  double price_scale = 1;  ///< 10^price_decimals
  double tick_units = 1;   ///< price_tick * price_scale, a whole number
  /// Sets the three fields above and the money terms below from price_tick and the rates
  /// (called once the master is loaded). False when a tick has more than 6 decimals (a price
  /// unit would not be a whole number of micro-yuan).
  bool derive_price_units() noexcept;

  /// The money terms in the counter's exact units (engine/money.h), derived from the doubles
  /// above, which stay as the master gave them for CTP's reference-data queries.
  std::int64_t micros_per_price_unit = 1;  ///< 10^(6 - price_decimals)
  Money tick_value;                        ///< one tick of one lot
  Money strike_value;                      ///< StrikePrice x multiplier (options)
  Rate margin_rate;
  Rate open_rate, close_rate, close_today_rate;  ///< fees by money
  Money open_fee, close_fee, close_today_fee;    ///< fees by volume, per lot

  /// One lot at `ticks`: the premium of an option, the notional of a future.
  Money value(std::int64_t ticks) const noexcept { return tick_value * ticks; }
  /// `ticks` of this instrument's price for a contract of `lot_multiplier` (an option on it).
  Money value_for(std::int64_t ticks, int lot_multiplier) const noexcept {
    return Money::micros(ticks * static_cast<std::int64_t>(tick_units) * micros_per_price_unit *
                         lot_multiplier);
  }

  /// Price in ticks (the simulator's integer unit) -> CTP double price, and back.
  double to_price(std::int64_t ticks) const noexcept {
    return static_cast<double>(ticks) * tick_units / price_scale;
  }
  std::int64_t to_ticks(double price) const noexcept;
  /// True when `price` lies on the tick grid (within floating-point noise).
  bool on_grid(double price) const noexcept;
  bool in_session(int minute_of_day) const noexcept;
  /// Today's and yesterday's positions are separate (the exchange's CloseToday rule).
  bool uses_close_today() const noexcept { return rules && rules->separate_close_today; }
};

class InstrumentMaster {
 public:
  static InstrumentMaster load(const std::filesystem::path& path);
  static InstrumentMaster parse(std::string_view yaml, const std::string& origin);

  const InstrumentSpec* find(std::string_view id) const noexcept;
  const std::vector<InstrumentSpec>& all() const noexcept { return instruments_; }
  /// Exchange ids in first-seen order.
  const std::vector<std::string>& exchanges() const noexcept { return exchanges_; }

 private:
  std::vector<InstrumentSpec> instruments_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::vector<std::string> exchanges_;
};

}  // namespace ctpgw::sim
