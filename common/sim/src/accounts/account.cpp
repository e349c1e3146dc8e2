#include "ctpgw/sim/accounts/account.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

namespace ctpgw::sim {

int Position::volume() const noexcept {
  int n = 0;
  for (const StoredLot& l : lots) n += l.volume;
  return n;
}

int Position::today(const std::string& trading_day) const noexcept {
  int n = 0;
  for (const StoredLot& l : lots) n += l.open_date == trading_day ? l.volume : 0;
  return n;
}

Money MoneyRules::margin_per_lot(const InstrumentSpec& s, std::int64_t ticks) noexcept {
  return s.margin_rate.of(s.value(ticks));
}

Money MoneyRules::fee(const InstrumentSpec& s, std::int64_t ticks, int volume,
                      FeeKind kind) noexcept {
  const Money turnover = s.value(ticks) * volume;
  switch (kind) {
    case FeeKind::Open:
      return s.open_rate.of(turnover) + s.open_fee * volume;
    case FeeKind::CloseToday:
      return s.close_today_rate.of(turnover) + s.close_today_fee * volume;
    case FeeKind::Close:
      break;
  }
  return s.close_rate.of(turnover) + s.close_fee * volume;
}

Money MoneyRules::option_seller_margin(const InstrumentSpec& s, std::int64_t ticks) const {
  const Money premium = s.value(ticks);
  const InstrumentSpec* u = master_.find(s.underlying);
  if (u == nullptr) return premium + margin_per_lot(s, ticks);
  // The underlying's value per option lot: its price times the option's multiplier.
  const Money underlying = u->value_for(last_(*u), s.multiplier);
  const Money underlying_margin = u->margin_rate.of(underlying);
  const Money otm = max(
      Money(), s.options_type == '1' ? s.strike_value - underlying : underlying - s.strike_value);
  return premium + max(underlying_margin - otm.share(1, 2), underlying_margin.share(1, 2));
}

Money MoneyRules::position_margin_per_lot(const InstrumentSpec& s, char direction,
                                          std::int64_t ref_ticks) const {
  if (!is_option(s)) return margin_per_lot(s, ref_ticks);
  return direction == position_direction::kLong ? Money() : option_seller_margin(s, last_(s));
}

Money MoneyRules::open_freeze_per_lot(const InstrumentSpec& s, char direction,
                                      std::int64_t ticks) const {
  if (!is_option(s)) return margin_per_lot(s, ticks);
  return direction == position_direction::kLong ? s.value(ticks) : option_seller_margin(s, ticks);
}

AccountTotals MoneyRules::totals(const Account& a) const {
  AccountTotals t;
  // Long and short margin per product where the exchange charges the larger side only (a flat
  // list: an account holds a handful of products, and this runs for every order).
  struct Sides {
    std::string_view exchange, product;
    std::array<Money, 2> margin;
  };
  std::vector<Sides> sides;
  for (const auto& [key, p] : a.positions) {
    if (p.lots.empty()) continue;
    const InstrumentSpec& s = master_.all()[key.instrument];
    const std::int64_t last = last_(s);
    const std::int64_t sign = key.direction == position_direction::kLong ? 1 : -1;
    Money margin;
    for (const StoredLot& lot : p.lots) {
      // Today's lots are margined at their open price, older ones at the pre-settlement price.
      margin += position_margin_per_lot(s, key.direction, lot.settle_ticks) * lot.volume;
      // Options are not marked: their premium moved as cash (CashIn).
      if (!is_option(s))
        t.position_profit += s.value(sign * (last - lot.settle_ticks)) * lot.volume;
    }
    if (s.rules->larger_side_margin && !is_option(s)) {
      auto it = std::find_if(sides.begin(), sides.end(), [&](const Sides& x) {
        return x.exchange == s.exchange && x.product == s.product;
      });
      if (it == sides.end()) it = sides.insert(sides.end(), Sides{s.exchange, s.product, {}});
      it->margin[key.direction == position_direction::kLong ? 0 : 1] += margin;
    } else {
      t.margin += margin;
    }
  }
  for (const Sides& side : sides) t.margin += max(side.margin[0], side.margin[1]);
  return t;
}

Money MoneyRules::balance(const Account& a, const AccountTotals& t) noexcept {
  return a.stored.pre_balance + a.deposit - a.withdraw + a.close_profit + t.position_profit +
         a.cash_in - a.commission;
}

Money MoneyRules::available(const Account& a) const {
  const AccountTotals t = totals(a);
  return balance(a, t) - t.margin - a.frozen_margin - a.frozen_commission;
}

}  // namespace ctpgw::sim
