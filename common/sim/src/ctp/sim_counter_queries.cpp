#include "ctpgw/sim/ctp/sim_counter.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <set>

#include "ctp/counter_text.h"
#include "ctpgw/sim/engine/book_matching.h"
#include "ctpgw/sim/feed/china_time.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

// ---- queries --------------------------------------------------------------------------------

std::vector<CThostFtdcOrderField> SimCounter::query_orders(const SessionContext& s,
                                                           const CThostFtdcQryOrderField& q) const {
  std::vector<CThostFtdcOrderField> out;
  for (const std::string& id : order_sequence_) {
    const auto& order = orders_.at(id).stored.order;
    if (orders_.at(id).investor != s.investor_id || day_ != order.TradingDay) continue;
    if (!matches(q.InstrumentID, order.InstrumentID) || !matches(q.ExchangeID, order.ExchangeID) ||
        !matches(q.OrderSysID, order.OrderSysID)) {
      continue;
    }
    if (!text_empty(q.InsertTimeStart) && std::strcmp(order.InsertTime, q.InsertTimeStart) < 0)
      continue;
    if (!text_empty(q.InsertTimeEnd) && std::strcmp(order.InsertTime, q.InsertTimeEnd) > 0)
      continue;
    out.push_back(order);
  }
  return out;
}

std::vector<CThostFtdcTradeField> SimCounter::query_trades(const SessionContext& s,
                                                           const CThostFtdcQryTradeField& q) const {
  std::vector<CThostFtdcTradeField> out;
  for (const StoredTrade& st : trades_) {
    const auto& t = st.trade;
    if (s.investor_id != t.InvestorID || day_ != t.TradingDay) continue;
    if (!matches(q.InstrumentID, t.InstrumentID) || !matches(q.ExchangeID, t.ExchangeID) ||
        !matches(q.TradeID, t.TradeID)) {
      continue;
    }
    if (!text_empty(q.TradeTimeStart) && std::strcmp(t.TradeTime, q.TradeTimeStart) < 0) continue;
    if (!text_empty(q.TradeTimeEnd) && std::strcmp(t.TradeTime, q.TradeTimeEnd) > 0) continue;
    out.push_back(t);
  }
  return out;
}

std::vector<CThostFtdcInvestorPositionField> SimCounter::query_positions(
    const SessionContext& s, const CThostFtdcQryInvestorPositionField& q) {
  std::vector<CThostFtdcInvestorPositionField> out;
  Investor* a = find_account(s.investor_id);
  if (a == nullptr) return out;
  // Today's activity per position (and per today/history row on SHFE/INE).
  struct Activity {
    int open_volume = 0, close_volume = 0, yd_closed = 0;
    Money open_amount, close_amount, commission, cp_date, cp_trade;
  };
  std::map<std::pair<PositionKey, bool>, Activity> activity;
  for (const StoredTrade& st : trades_) {
    const auto& t = st.trade;
    if (s.investor_id != t.InvestorID || day_ != t.TradingDay) continue;
    const InstrumentSpec* sp = exchange_.instruments().find(t.InstrumentID);
    if (sp == nullptr) continue;
    const bool open = t.OffsetFlag == kOpen;
    const char pos_dir = open ? t.Direction : position_direction::closed_by(t.Direction);
    const PositionKey key{sp->index, pos_dir, t.HedgeFlag};
    const Money amount = sp->value(sp->to_ticks(t.Price)) * t.Volume;
    if (open) {
      Activity& act = activity[{key, true}];
      act.open_volume += t.Volume;
      act.open_amount += amount;
      act.commission += st.commission;
    } else {
      // On SHFE/INE a close hits only the today or the history row.
      const bool today_row = !sp->uses_close_today() || st.closed_today > 0;
      Activity& act = activity[{key, today_row}];
      act.close_volume += t.Volume;
      act.close_amount += amount;
      act.commission += st.commission;
      act.cp_date += st.close_profit_by_date;
      act.cp_trade += st.close_profit_by_trade;
      if (const int yd_closed = t.Volume - st.closed_today; yd_closed > 0) {
        activity[{key, !sp->uses_close_today()}].yd_closed += yd_closed;
      }
    }
  }
  std::set<std::pair<PositionKey, bool>> rows;
  for (const auto& [key, p] : a->positions) {
    const InstrumentSpec& sp = spec(key.instrument);
    for (const Lot& l : p.lots) rows.insert({key, !sp.uses_close_today() || l.open_date == day_});
  }
  for (const auto& [k, act] : activity) rows.insert(k);
  for (const auto& [key, today_row] : rows) {
    const InstrumentSpec& sp = spec(key.instrument);
    if (!matches(q.InstrumentID, sp.id.c_str()) || !matches(q.ExchangeID, sp.exchange.c_str()))
      continue;
    const Position& p = a->positions[key];
    const Tick& tick = current_tick(sp);
    const std::int64_t sign = key.direction == position_direction::kLong ? 1 : -1;
    CThostFtdcInvestorPositionField r{};
    Money cost, open_cost, margin, profit;
    set_text(r.BrokerID, s.broker_id);
    set_text(r.InvestorID, s.investor_id);
    r.PosiDirection = key.direction == kBuy ? '2' : '3';
    r.HedgeFlag = key.hedge;
    r.PositionDate = today_row ? '1' : '2';
    int position = 0, today = 0;
    for (const Lot& l : p.lots) {
      const bool lot_today = l.open_date == day_;
      if (sp.uses_close_today() && lot_today != today_row) continue;
      position += l.volume;
      today += lot_today ? l.volume : 0;
      cost += sp.value(l.settle_ticks) * l.volume;
      open_cost += sp.value(l.open_ticks) * l.volume;
      margin += money_.position_margin_per_lot(sp, key.direction, l.settle_ticks) * l.volume;
      if (!MoneyRules::is_option(sp))
        profit += sp.value(sign * (tick.last - l.settle_ticks)) * l.volume;
    }
    r.PositionCost = cost.yuan();
    r.OpenCost = open_cost.yuan();
    r.UseMargin = margin.yuan();
    r.PositionProfit = profit.yuan();
    r.Position = position;
    r.TodayPosition = today;
    const auto act_it = activity.find({key, today_row});
    const Activity act = act_it == activity.end() ? Activity{} : act_it->second;
    r.YdPosition = (position - today) + act.yd_closed;
    // Frozen fields are named after the closing order's direction.
    const int frozen = sp.uses_close_today() ? (today_row ? p.frozen_today : p.frozen_yesterday)
                                             : p.frozen_today + p.frozen_yesterday;
    (key.direction == kBuy ? r.ShortFrozen : r.LongFrozen) = frozen;
    r.OpenVolume = act.open_volume;
    r.CloseVolume = act.close_volume;
    r.OpenAmount = act.open_amount.yuan();
    r.CloseAmount = act.close_amount.yuan();
    r.Commission = act.commission.yuan();
    r.CloseProfit = act.cp_date.yuan();
    r.CloseProfitByDate = act.cp_date.yuan();
    r.CloseProfitByTrade = act.cp_trade.yuan();
    r.ExchangeMargin = r.UseMargin;
    r.PreSettlementPrice = sp.to_price(tick.pre_settlement);
    r.SettlementPrice = sp.to_price(tick.last);
    set_text(r.TradingDay, day_);
    r.MarginRateByMoney = sp.margin_ratio;
    set_text(r.ExchangeID, sp.exchange);
    set_text(r.InstrumentID, sp.id);
    out.push_back(r);
  }
  return out;
}

std::vector<CThostFtdcInvestorPositionDetailField> SimCounter::query_position_details(
    const SessionContext& s, const CThostFtdcQryInvestorPositionDetailField& q) {
  std::vector<CThostFtdcInvestorPositionDetailField> out;
  Investor* a = find_account(s.investor_id);
  if (a == nullptr) return out;
  for (const auto& [key, p] : a->positions) {
    const InstrumentSpec& sp = spec(key.instrument);
    if (!matches(q.InstrumentID, sp.id.c_str()) || !matches(q.ExchangeID, sp.exchange.c_str()))
      continue;
    const Tick& tick = current_tick(sp);
    const std::int64_t sign = key.direction == position_direction::kLong ? 1 : -1;
    for (const Lot& l : p.lots) {
      CThostFtdcInvestorPositionDetailField d{};
      set_text(d.BrokerID, s.broker_id);
      set_text(d.InvestorID, s.investor_id);
      d.HedgeFlag = key.hedge;
      d.Direction = key.direction;
      set_text(d.OpenDate, l.open_date);
      set_text(d.TradeID, l.trade_id);
      d.Volume = l.volume;
      d.OpenPrice = sp.to_price(l.open_ticks);
      set_text(d.TradingDay, day_);
      d.TradeType = '0';
      set_text(d.ExchangeID, sp.exchange);
      d.PositionProfitByDate = (sp.value(sign * (tick.last - l.settle_ticks)) * l.volume).yuan();
      d.PositionProfitByTrade = (sp.value(sign * (tick.last - l.open_ticks)) * l.volume).yuan();
      d.Margin =
          (money_.position_margin_per_lot(sp, key.direction, l.settle_ticks) * l.volume).yuan();
      d.ExchMargin = d.Margin;
      d.MarginRateByMoney = sp.margin_ratio;
      d.LastSettlementPrice = sp.to_price(l.settle_ticks);
      d.SettlementPrice = sp.to_price(tick.last);
      d.TimeFirstVolume = l.volume;
      d.SpecPosiType = '#';
      set_text(d.InstrumentID, sp.id);
      out.push_back(d);
    }
  }
  return out;
}

CThostFtdcTradingAccountField SimCounter::query_account(const SessionContext& s) {
  Investor& a = account(s.investor_id);
  const AccountTotals t = money_.totals(a);
  CThostFtdcTradingAccountField r{};
  set_text(r.BrokerID, s.broker_id);
  set_text(r.AccountID, s.investor_id);
  // Option buyers' orders freeze their premium (FrozenCash), everything else margin.
  Money frozen_cash;
  for (const std::string& id : resting_) {
    const OrderState& o = orders_.at(id);
    if (o.investor == s.investor_id && MoneyRules::is_option(spec(o.instrument)) &&
        o.stored.order.Direction == kBuy && o.stored.order.CombOffsetFlag[0] == kOpen) {
      frozen_cash += o.stored.frozen_margin;
    }
  }
  // Every amount is exact here; each becomes CTP's double once, so the account's identities
  // (Balance, Available) hold on the client's side to the last digit printed.
  const Money bal = MoneyRules::balance(a, t);
  const Money avail = bal - t.margin - a.frozen_margin - a.frozen_commission;
  r.PreBalance = a.stored.pre_balance.yuan();
  r.FrozenCash = frozen_cash.yuan();
  r.FrozenMargin = (a.frozen_margin - frozen_cash).yuan();
  r.CashIn = a.cash_in.yuan();
  r.FrozenCommission = a.frozen_commission.yuan();
  r.CurrMargin = t.margin.yuan();
  r.ExchangeMargin = t.margin.yuan();
  r.Commission = a.commission.yuan();
  r.CloseProfit = a.close_profit.yuan();
  r.PositionProfit = t.position_profit.yuan();
  r.Deposit = a.deposit.yuan();
  r.Withdraw = a.withdraw.yuan();
  r.Balance = bal.yuan();
  r.Available = avail.yuan();
  r.WithdrawQuota = max(Money(), avail - max(Money(), a.close_profit)).yuan();
  set_text(r.TradingDay, day_);
  set_text(r.CurrencyID, "CNY");
  r.BizType = '1';
  return r;
}

int SimCounter::max_order_volume(const SessionContext& s,
                                 const CThostFtdcQryMaxOrderVolumeField& q) {
  const InstrumentSpec* sp = exchange_.instruments().find(q.InstrumentID);
  if (sp == nullptr) return 0;
  Investor& a = account(s.investor_id);
  const Tick& tick = current_tick(*sp);
  const char hedge = q.HedgeFlag == '\0' ? '1' : q.HedgeFlag;
  if (q.OffsetFlag == kOpen || q.OffsetFlag == '\0') {
    const std::int64_t price = q.Direction == kBuy ? tick.upper : tick.lower;
    const Money per_lot =
        MoneyRules::margin_per_lot(*sp, price) + MoneyRules::fee(*sp, price, 1, FeeKind::Open);
    const std::int64_t lots = money_.available(a).lots_of(per_lot);
    return static_cast<int>(std::min<std::int64_t>(sp->max_limit_volume, lots));
  }
  const char pos_dir = position_direction::closed_by(q.Direction);
  const Position& p = a.positions[PositionKey{sp->index, pos_dir, hedge}];
  const int total = p.volume();
  const int today = p.today(day_);
  const int free_today = today - p.frozen_today;
  const int free_yd = total - today - p.frozen_yesterday;
  if (sp->uses_close_today()) return q.OffsetFlag == kCloseToday ? free_today : free_yd;
  return free_today + free_yd;
}

}  // namespace ctpgw::sim
