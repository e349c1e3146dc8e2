// The counter's money: margin (futures, option buyers and sellers, the larger-side rule), fees,
// the account's totals, balance and available funds. Exchange thread.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "counter_text.h"
#include "ctpgw/sim/sim_counter.h"

namespace ctpgw::sim {

using namespace counter_text;

double SimCounter::margin_per_lot(const InstrumentSpec& s, std::int64_t price_ticks) const {
  return s.to_price(price_ticks) * s.multiplier * s.margin_ratio;
}

double SimCounter::option_seller_margin(const InstrumentSpec& s, std::int64_t price_ticks) {
  const double premium = s.to_price(price_ticks) * s.multiplier;
  const InstrumentSpec* u = exchange_.instruments().find(s.underlying);
  if (u == nullptr) return premium + margin_per_lot(s, price_ticks);
  const double underlying = u->to_price(current_tick(*u).last);
  const double underlying_margin = underlying * s.multiplier * u->margin_ratio;
  const double otm = (s.options_type == '1' ? std::max(0.0, s.strike - underlying)
                                            : std::max(0.0, underlying - s.strike)) *
                     s.multiplier;
  return premium + std::max(underlying_margin - otm / 2, underlying_margin / 2);
}

double SimCounter::position_margin_per_lot(const InstrumentSpec& s, char direction,
                                           std::int64_t ref_ticks) {
  if (!is_option(s)) return margin_per_lot(s, ref_ticks);
  return direction == kBuy ? 0.0 : option_seller_margin(s, current_tick(s).last);
}

double SimCounter::open_freeze_per_lot(const InstrumentSpec& s, char direction,
                                       std::int64_t price_ticks) {
  if (!is_option(s)) return margin_per_lot(s, price_ticks);
  return direction == kBuy ? s.to_price(price_ticks) * s.multiplier
                           : option_seller_margin(s, price_ticks);
}

double SimCounter::fee(const InstrumentSpec& s, std::int64_t price_ticks, int volume,
                       char kind) const {
  const double turnover = s.to_price(price_ticks) * s.multiplier * volume;
  switch (kind) {
    case kOpen:
      return turnover * s.open_by_money + volume * s.open_by_volume;
    case kCloseToday:
      return turnover * s.close_today_by_money + volume * s.close_today_by_volume;
    default:
      return turnover * s.close_by_money + volume * s.close_by_volume;
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
  std::map<std::pair<std::string_view, std::string_view>, std::array<double, 2>> sides;
  for (auto& [key, p] : a.positions) {
    if (p.lots.empty()) continue;
    const InstrumentSpec& s = spec(key.instrument);
    const Tick& tick = current_tick(s);
    const double sign = key.direction == kBuy ? 1.0 : -1.0;
    double margin = 0;
    for (const Lot& lot : p.lots) {
      // Today's lots are margined at their open price, older ones at the pre-settlement price.
      margin += position_margin_per_lot(s, key.direction, lot.settle_ticks) * lot.volume;
      // Options are not marked: their premium moved as cash (CashIn).
      if (!is_option(s)) {
        t.position_profit +=
            sign * s.to_price(tick.last - lot.settle_ticks) * s.multiplier * lot.volume;
      }
    }
    if (s.rules->larger_side_margin && !is_option(s)) {
      sides[{s.exchange, s.product}][key.direction == kBuy ? 0 : 1] += margin;
    } else {
      t.margin += margin;
    }
  }
  for (const auto& [product, side] : sides) t.margin += std::max(side[0], side[1]);
  return t;
}

double SimCounter::balance(const Account& a, const Totals& t) {
  return a.stored.pre_balance + a.deposit - a.withdraw + a.close_profit + t.position_profit +
         a.cash_in - a.commission;
}

double SimCounter::available(Account& a) {
  const Totals t = totals(a);
  return balance(a, t) - t.margin - a.frozen_margin - a.frozen_commission;
}

}  // namespace ctpgw::sim
