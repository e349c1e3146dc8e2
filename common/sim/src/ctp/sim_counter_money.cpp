// The counter's money: margin (futures, option buyers and sellers, the larger-side rule), fees,
// the account's totals, balance and available funds. Exchange thread.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "ctp/counter_text.h"
#include "ctpgw/sim/ctp/sim_counter.h"

namespace ctpgw::sim {

using namespace counter_text;

Money SimCounter::margin_per_lot(const InstrumentSpec& s, std::int64_t price_ticks) {
  return s.margin_rate.of(s.value(price_ticks));
}

Money SimCounter::option_seller_margin(const InstrumentSpec& s, std::int64_t price_ticks) {
  const Money premium = s.value(price_ticks);
  const InstrumentSpec* u = exchange_.instruments().find(s.underlying);
  if (u == nullptr) return premium + margin_per_lot(s, price_ticks);
  // The underlying's value per option lot: its price times the option's multiplier.
  const Money underlying = u->value_for(current_tick(*u).last, s.multiplier);
  const Money underlying_margin = u->margin_rate.of(underlying);
  const Money otm = max(
      Money(), s.options_type == '1' ? s.strike_value - underlying : underlying - s.strike_value);
  return premium + max(underlying_margin - otm.share(1, 2), underlying_margin.share(1, 2));
}

Money SimCounter::position_margin_per_lot(const InstrumentSpec& s, char direction,
                                          std::int64_t ref_ticks) {
  if (!is_option(s)) return margin_per_lot(s, ref_ticks);
  return direction == kBuy ? Money() : option_seller_margin(s, current_tick(s).last);
}

Money SimCounter::open_freeze_per_lot(const InstrumentSpec& s, char direction,
                                      std::int64_t price_ticks) {
  if (!is_option(s)) return margin_per_lot(s, price_ticks);
  return direction == kBuy ? s.value(price_ticks) : option_seller_margin(s, price_ticks);
}

Money SimCounter::fee(const InstrumentSpec& s, std::int64_t price_ticks, int volume, char kind) {
  const Money turnover = s.value(price_ticks) * volume;
  switch (kind) {
    case kOpen:
      return s.open_rate.of(turnover) + s.open_fee * volume;
    case kCloseToday:
      return s.close_today_rate.of(turnover) + s.close_today_fee * volume;
    default:
      return s.close_rate.of(turnover) + s.close_fee * volume;
  }
}

int SimCounter::today_lots(const Position& p, const std::string& day) const {
  int n = 0;
  for (const Lot& l : p.lots) n += l.open_date == day ? l.volume : 0;
  return n;
}

SimCounter::Totals SimCounter::totals(Account& a) {
  Totals t;
  // Long and short margin per product where the exchange charges the larger side only.
  std::map<std::pair<std::string_view, std::string_view>, std::array<Money, 2>> sides;
  for (auto& [key, p] : a.positions) {
    if (p.lots.empty()) continue;
    const InstrumentSpec& s = spec(key.instrument);
    const Tick& tick = current_tick(s);
    const std::int64_t sign = key.direction == kBuy ? 1 : -1;
    Money margin;
    for (const Lot& lot : p.lots) {
      // Today's lots are margined at their open price, older ones at the pre-settlement price.
      margin += position_margin_per_lot(s, key.direction, lot.settle_ticks) * lot.volume;
      // Options are not marked: their premium moved as cash (CashIn).
      if (!is_option(s)) {
        t.position_profit += s.value(sign * (tick.last - lot.settle_ticks)) * lot.volume;
      }
    }
    if (s.rules->larger_side_margin && !is_option(s)) {
      sides[{s.exchange, s.product}][key.direction == kBuy ? 0 : 1] += margin;
    } else {
      t.margin += margin;
    }
  }
  for (const auto& [product, side] : sides) t.margin += max(side[0], side[1]);
  return t;
}

Money SimCounter::balance(const Account& a, const Totals& t) {
  return a.stored.pre_balance + a.deposit - a.withdraw + a.close_profit + t.position_profit +
         a.cash_in - a.commission;
}

Money SimCounter::available(Account& a) {
  const Totals t = totals(a);
  return balance(a, t) - t.margin - a.frozen_margin - a.frozen_commission;
}

}  // namespace ctpgw::sim
