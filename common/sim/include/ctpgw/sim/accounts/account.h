// An investor's fund account and positions, and the money rules over them: margin (futures,
// option buyers and sellers, the larger-side rule), fees, totals, balance and what is available.
//
// Money is exact (engine/money.h), prices are ticks; no CTP structs. The counter keeps one
// Account per investor and changes it as orders freeze, fills book and days settle. Pure apart
// from the last prices it is given; one thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>

#include "ctpgw/sim/engine/money.h"
#include "ctpgw/sim/feed/instrument_master.h"
#include "ctpgw/sim/storage/counter_rows.h"

namespace ctpgw::sim {

namespace position_direction {
inline constexpr char kLong = '0';  ///< opened by buying (CTP's Direction Buy)
inline constexpr char kShort = '1';
/// The position an order of CTP Direction `order_direction` closes: a buy closes a short.
constexpr char closed_by(char order_direction) noexcept {
  return order_direction == '0' ? kShort : kLong;
}
}  // namespace position_direction

struct PositionKey {
  std::size_t instrument;
  char direction;  ///< position_direction
  char hedge;
  auto operator<=>(const PositionKey&) const = default;
};

struct Position {
  std::deque<StoredLot> lots;  ///< FIFO
  int frozen_today = 0;        ///< lots reserved by resting close orders
  int frozen_yesterday = 0;

  int volume() const noexcept;
  /// Lots opened on `trading_day`.
  int today(const std::string& trading_day) const noexcept;
};

struct Account {
  StoredAccount stored;
  std::map<PositionKey, Position> positions;
  Money frozen_margin;
  Money frozen_commission;
  Money commission;
  Money close_profit;
  Money deposit, withdraw;  ///< the trading day's transfers
  Money cash_in;            ///< the day's option premiums, received less paid
};

struct AccountTotals {
  Money margin;
  Money position_profit;
};

enum class FeeKind { Open, Close, CloseToday };

class MoneyRules {
 public:
  /// The last price of an instrument, in its ticks: marks positions and prices option sellers'
  /// margin.
  using LastPrice = std::function<std::int64_t(const InstrumentSpec&)>;

  MoneyRules(const InstrumentMaster& master, LastPrice last)
      : master_(master), last_(std::move(last)) {}

  static bool is_option(const InstrumentSpec& s) noexcept { return s.product_class == '2'; }
  /// A future's margin per lot at `ticks`.
  static Money margin_per_lot(const InstrumentSpec& s, std::int64_t ticks) noexcept;
  /// turnover x rate-by-money + lots x rate-by-volume, with the rates of `kind`.
  static Money fee(const InstrumentSpec& s, std::int64_t ticks, int volume, FeeKind kind) noexcept;
  /// Premium + max(underlying margin - half the out-of-the-money amount, half the underlying
  /// margin), per lot, for an option at `ticks` (the exchanges' seller formula).
  Money option_seller_margin(const InstrumentSpec& option, std::int64_t ticks) const;
  /// Margin of one lot of a position: a future at its reference price (`ref_ticks`: open price
  /// today, settlement before); a bought option none (its premium was paid); a sold option the
  /// seller formula at the current prices.
  Money position_margin_per_lot(const InstrumentSpec& s, char direction,
                                std::int64_t ref_ticks) const;
  /// What an opening order freezes per lot: a future's margin, an option buyer's premium, an
  /// option seller's margin.
  Money open_freeze_per_lot(const InstrumentSpec& s, char direction, std::int64_t ticks) const;

  /// Margin (the larger side only where the exchange says so) and marked profit of the positions.
  AccountTotals totals(const Account& a) const;
  /// PreBalance + Deposit - Withdraw + CloseProfit + PositionProfit + CashIn - Commission.
  static Money balance(const Account& a, const AccountTotals& t) noexcept;
  /// Balance - margin - frozen margin - frozen commission.
  Money available(const Account& a) const;

 private:
  const InstrumentMaster& master_;
  LastPrice last_;
};

}  // namespace ctpgw::sim
