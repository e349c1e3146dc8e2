#include "ctpgw/sim/ctp/sim_counter.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <spdlog/spdlog.h>

#include "ctp/counter_text.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/engine/book_matching.h"
#include "ctpgw/sim/engine/exchange_checks.h"
#include "ctpgw/sim/feed/china_time.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

template <class F>
void SimCounter::push(Investor& a, F&& f) {
  outbox_.push_back(Outgoing{[sinks = a.sinks, f = std::forward<F>(f)]() mutable {
                               for (const auto& weak : sinks) {
                                 if (auto sink = weak.lock()) f(*sink);
                               }
                             },
                             {}});
}

namespace {

/// Queues `record` in the batch's vector of its kind and returns its index there.
template <class Record>
std::uint32_t queue_record(std::vector<Record>& records, const Record& record) {
  records.push_back(record);
  return static_cast<std::uint32_t>(records.size() - 1);
}

}  // namespace

void SimCounter::push_order(Investor& a, const CThostFtdcOrderField& order) {
  outbox_.push_back(
      Outgoing{{}, {}, Outgoing::Push::Order, queue_record(pushed_orders_, order), &a});
}

void SimCounter::push_trade(Investor& a, const CThostFtdcTradeField& trade) {
  outbox_.push_back(
      Outgoing{{}, {}, Outgoing::Push::Trade, queue_record(pushed_trades_, trade), &a});
}

void SimCounter::push_status(Investor& a,
                             const std::vector<CThostFtdcInstrumentStatusField>& changes) {
  push(a, [changes](TradeSessionSink& sink) {
    for (const auto& st : changes) sink.on_rtn_instrument_status(st);
  });
}

// ---- orders ---------------------------------------------------------------------------------

SimCounter::OrderState::OrderState(StoredOrder s, const InstrumentSpec& spec,
                                   std::string investor_id)
    : stored(std::move(s)), investor(std::move(investor_id)) {
  // The engine's view of the CTP record (new orders, and orders loaded after a restart).
  const auto& order = stored.order;
  instrument = spec.index;
  buy = order.Direction == kBuy;
  limit = spec.to_ticks(order.LimitPrice);
  volume_total = order.VolumeTotal;
  volume_traded = order.VolumeTraded;
  volume_condition = order.VolumeCondition;
  min_volume = order.MinVolume;
  status = order.OrderStatus;
}

std::int64_t SimCounter::tick_ms(const Tick& tick) const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             exchange_.feed().time_of(tick.index).time_since_epoch())
      .count();
}

namespace {

/// The StatusMsg a counter shows after each event (a Reject carries the exchange's own).
const char* status_text(OrderEvent event) {
  switch (event) {
    case OrderEvent::Accept:
      return "未成交";
    case OrderEvent::PartFill:
      return "部分成交报单已提交";
    case OrderEvent::FullFill:
      return "全部成交报单已提交";
    case OrderEvent::Cancel:
      return "已撤单";
    case OrderEvent::Expire:
      return "已撤单:交易日结束";
    case OrderEvent::Reject:
      break;
  }
  return "";
}

}  // namespace

void SimCounter::set_status_text(char (&field)[81], const char* utf8) {
  // The texts are the counter's literals and the exchanges' rule data, which live as long as the
  // counter: converted to GB18030 once each, then copied.
  auto it = gb_texts_.find(utf8);
  if (it == gb_texts_.end()) it = gb_texts_.emplace(utf8, utf8_to_gb18030(utf8)).first;
  copy_gb_text(field, sizeof field, it->second);
}

void SimCounter::on_order_event(EngineOrder& engine_order, OrderEvent event, const Fill* f) {
  auto& o = static_cast<OrderState&>(engine_order);
  auto& order = o.stored.order;
  if (f != nullptr) book_fill(o, *f);
  order.OrderStatus = o.status;
  order.VolumeTraded = o.volume_traded;
  order.VolumeTotal = o.volume_total;
  const char* text =
      event == OrderEvent::Reject && o.reject_text != nullptr ? o.reject_text : status_text(event);
  set_status_text(order.StatusMsg, text);
  const TimePoint now = exchange_.clock().now();
  set_text(order.UpdateTime, clock_text(now));
  if (f != nullptr) order.OrderSubmitStatus = '3';
  if (event == OrderEvent::Cancel) set_text(order.CancelTime, clock_text(now));
  // A finished order frees what it still holds (for a full fill: the rounding of the shares).
  if (is_finished(o.status)) release_order(o);
  store_->put_order(o.stored);
  Investor& a = account(o.investor);
  push_order(a, order);
  if (f != nullptr) {
    push_trade(a, trades_.back().trade);
  }
}

void SimCounter::release_order(OrderState& o) {
  Investor& a = account(o.investor);
  a.frozen_margin -= o.stored.frozen_margin;
  a.frozen_commission -= o.stored.frozen_commission;
  o.stored.frozen_margin = o.stored.frozen_commission = Money();
  if (o.stored.frozen_today + o.stored.frozen_yesterday > 0) {
    const auto& order = o.stored.order;
    const char close_dir = position_direction::closed_by(order.Direction);
    Position& p = a.positions[PositionKey{o.instrument, close_dir, order.CombHedgeFlag[0]}];
    p.frozen_today -= o.stored.frozen_today;
    p.frozen_yesterday -= o.stored.frozen_yesterday;
    o.stored.frozen_today = o.stored.frozen_yesterday = 0;
  }
}

void SimCounter::insert_order(const SessionContext& s, CThostFtdcInputOrderField in, int request_id,
                              const std::function<void(const CThostFtdcInputOrderField&,
                                                       const CThostFtdcRspInfoField&)>& reject) {
  // Registered first: if this batch cannot be committed, the order was never accepted.
  outbox_.push_back(Outgoing{{}, [reject, in, sinks = account(s.investor_id).sinks] {
                               const CThostFtdcRspInfoField info = make_rsp_info(kStorageFailure);
                               reject(in, info);
                               for (const auto& weak : sinks) {
                                 if (auto sink = weak.lock())
                                   sink->on_err_rtn_order_insert(in, info);
                               }
                             }});
  guarded([&] { insert_order_unguarded(s, in, request_id, reject); });
}

void SimCounter::insert_order_unguarded(
    const SessionContext& s, CThostFtdcInputOrderField in, int request_id,
    const std::function<void(const CThostFtdcInputOrderField&, const CThostFtdcRspInfoField&)>&
        reject) {
  roll_day_if_needed();
  Investor& a = account(s.investor_id);
  // Identity fields are the session's: empty ones are filled, others must match (15).
  const bool foreign_identity = (!text_empty(in.BrokerID) && s.broker_id != in.BrokerID) ||
                                (!text_empty(in.UserID) && s.investor_id != in.UserID);
  if (text_empty(in.InvestorID)) set_text(in.InvestorID, s.investor_id);
  if (text_empty(in.BrokerID)) set_text(in.BrokerID, s.broker_id);
  if (text_empty(in.UserID)) set_text(in.UserID, s.investor_id);

  auto ctp_reject = [&](ErrorCode code) {
    const CThostFtdcRspInfoField info = make_rsp_info(code);
    outbox_.push_back(Outgoing{[reject, in, info] { reject(in, info); }, {}});
    push(a, [in, info](TradeSessionSink& sink) { sink.on_err_rtn_order_insert(in, info); });
    write_end();
  };

  // ---- CTP-layer checks: RspOrderInsert + ErrRtnOrderInsert with the real ErrorID.
  const InstrumentSpec* sp = exchange_.instruments().find(in.InstrumentID);
  if (sp == nullptr) return ctp_reject(ErrorCode::InstrumentNotFound);
  if (text_empty(in.ExchangeID)) set_text(in.ExchangeID, sp->exchange);
  if (sp->exchange != in.ExchangeID) return ctp_reject(ErrorCode::ExchangeIdIsWrong);
  if (s.investor_id != in.InvestorID || foreign_identity) return ctp_reject(ErrorCode::BadField);
  if (!confirmed_today(s)) return ctp_reject(ErrorCode::SettlementInfoNotConfirmed);
  const char offset = in.CombOffsetFlag[0];
  const char hedge = in.CombHedgeFlag[0] == '\0' ? '1' : in.CombHedgeFlag[0];
  in.CombHedgeFlag[0] = hedge;
  const bool market = in.OrderPriceType == '1';
  // Exchanges execute market orders immediately or cancel them, whatever the TimeCondition.
  const bool ioc = in.TimeCondition == '1' || market;
  if ((in.Direction != '0' && in.Direction != '1') ||
      (offset != kOpen && offset != kClose && offset != kCloseToday && offset != kCloseYesterday) ||
      (hedge != '1' && hedge != '2' && hedge != '3') ||
      (in.OrderPriceType != '1' && in.OrderPriceType != '2') ||
      (in.TimeCondition != '1' && in.TimeCondition != '3') ||
      (in.VolumeCondition != '1' && in.VolumeCondition != '2' && in.VolumeCondition != '3') ||
      (in.ContingentCondition != '1' && in.ContingentCondition != '\0') ||
      (in.ForceCloseReason != '0' && in.ForceCloseReason != '\0') || in.VolumeTotalOriginal <= 0 ||
      (in.VolumeCondition == '2' && (in.MinVolume <= 0 || in.MinVolume > in.VolumeTotalOriginal))) {
    return ctp_reject(ErrorCode::BadField);
  }
  // OrderRef: empty gets max+1; otherwise it must exceed every ref this session used.
  auto& max_ref = max_ref_[{s.front_id, s.session_id}];
  const auto ref = parse_ref(in.OrderRef);
  if (!ref) {
    // The next ref must still fit char[13]; CTP refuses rather than wraps (22).
    if (max_ref >= kMaxOrderRef) return ctp_reject(ErrorCode::DuplicateOrderRef);
    set_text(in.OrderRef, padded(max_ref + 1));
  } else if (*ref < 0 || *ref > kMaxOrderRef) {
    return ctp_reject(ErrorCode::BadField);
  } else if (*ref <= max_ref) {
    return ctp_reject(ErrorCode::DuplicateOrderRef);
  }
  max_ref = std::max(max_ref, ref.value_or(max_ref + 1));

  // Range check before any integer conversion: a price beyond this is no price (95).
  if (!market && !(std::fabs(in.LimitPrice) <= kMaxAbsPrice)) {
    return ctp_reject(ErrorCode::BadPriceValue);
  }
  // The market as of now: outside continuous trading the tick of this moment carries the limits
  // that apply (after 18:00 and in the opening auction, the new trading day's).
  const std::int64_t now_index = exchange_.current_index();
  const Phase phase = exchange_.feed().phase(*sp, now_index);
  const bool auction = phase == Phase::AuctionOrdering;
  const Tick& tick = exchange_.feed().tick(*sp, now_index);
  const int volume = in.VolumeTotalOriginal;
  // Market orders are priced at the limit they may reach.
  const std::int64_t limit_ticks =
      market ? (in.Direction == kBuy ? tick.upper : tick.lower) : sp->to_ticks(in.LimitPrice);
  if (market) in.LimitPrice = sp->to_price(limit_ticks);

  StoredOrder so;
  if (offset == kOpen) {
    so.frozen_margin = money_.open_freeze_per_lot(*sp, in.Direction, limit_ticks) * volume;
    so.frozen_commission = MoneyRules::fee(*sp, limit_ticks, volume, FeeKind::Open);
    if (so.frozen_margin + so.frozen_commission > money_.available(a)) {
      return ctp_reject(ErrorCode::InsufficientMoney);
    }
  } else {
    const char close_dir = position_direction::closed_by(in.Direction);
    Position& p = a.positions[PositionKey{sp->index, close_dir, hedge}];
    const int total = p.volume();
    const int today = p.today(day_);
    const int free_today = today - p.frozen_today;
    const int free_yesterday = total - today - p.frozen_yesterday;
    if (sp->uses_close_today()) {
      // SHFE/INE: CloseToday only closes today's lots; Close/CloseYesterday only yesterday's.
      if (offset == kCloseToday) {
        if (volume > free_today) return ctp_reject(ErrorCode::OverCloseTodayPosition);
        so.frozen_today = volume;
      } else {
        if (volume > free_yesterday) return ctp_reject(ErrorCode::OverCloseYesterdayPosition);
        so.frozen_yesterday = volume;
      }
    } else {
      // Other exchanges: yesterday's lots first, then today's.
      if (volume > free_today + free_yesterday) return ctp_reject(ErrorCode::OverClosePosition);
      so.frozen_yesterday = std::min(volume, free_yesterday);
      so.frozen_today = volume - so.frozen_yesterday;
    }
    so.frozen_commission = MoneyRules::fee(*sp, limit_ticks, so.frozen_today, FeeKind::CloseToday) +
                           MoneyRules::fee(*sp, limit_ticks, so.frozen_yesterday, FeeKind::Close);
    if (so.frozen_commission > money_.available(a)) return ctp_reject(ErrorCode::InsufficientMoney);
    p.frozen_today += so.frozen_today;
    p.frozen_yesterday += so.frozen_yesterday;
  }

  // ---- accepted by the counter: RtnOrder 'a', then the exchange's answer.
  const TimePoint now = exchange_.clock().now();
  auto& order = so.order;
  std::memcpy(order.BrokerID, in.BrokerID, sizeof order.BrokerID);
  std::memcpy(order.InvestorID, in.InvestorID, sizeof order.InvestorID);
  std::memcpy(order.OrderRef, in.OrderRef, sizeof order.OrderRef);
  std::memcpy(order.UserID, in.UserID, sizeof order.UserID);
  order.OrderPriceType = in.OrderPriceType;
  order.Direction = in.Direction;
  std::memcpy(order.CombOffsetFlag, in.CombOffsetFlag, sizeof order.CombOffsetFlag);
  std::memcpy(order.CombHedgeFlag, in.CombHedgeFlag, sizeof order.CombHedgeFlag);
  order.LimitPrice = in.LimitPrice;
  order.VolumeTotalOriginal = volume;
  order.TimeCondition = in.TimeCondition;
  std::memcpy(order.GTDDate, in.GTDDate, sizeof order.GTDDate);
  order.VolumeCondition = in.VolumeCondition;
  order.MinVolume = in.MinVolume;
  order.ContingentCondition = in.ContingentCondition == '\0' ? '1' : in.ContingentCondition;
  order.StopPrice = in.StopPrice;
  order.ForceCloseReason = '0';
  order.IsAutoSuspend = in.IsAutoSuspend;
  std::memcpy(order.BusinessUnit, in.BusinessUnit, sizeof order.BusinessUnit);
  order.RequestID = in.RequestID != 0 ? in.RequestID : request_id;
  const std::string sys_id = next_id(next_order_sys_id_);
  set_text(order.OrderLocalID, sys_id);
  std::memcpy(order.ExchangeID, in.ExchangeID, sizeof order.ExchangeID);
  set_text(order.ClientID, s.investor_id);
  set_text(order.ParticipantID, sp->rules->participant_id);
  set_text(order.TraderID, sp->rules->trader_id);
  order.OrderSubmitStatus = '0';
  set_text(order.TradingDay, day_);
  order.OrderSource = '0';
  order.OrderStatus = order_status::kUnknown;
  order.OrderType = '0';
  order.VolumeTotal = volume;
  set_text(order.InsertDate, action_day(now));
  set_text(order.InsertTime, clock_text(now));
  set_text(order.UpdateTime, clock_text(now));
  order.SequenceNo = static_cast<int>(next_sequence_no_++);
  order.FrontID = s.front_id;
  order.SessionID = s.session_id;
  set_status_text(order.StatusMsg, "报单已提交");
  order.BrokerOrderSeq = order.SequenceNo;
  std::memcpy(order.InvestUnitID, in.InvestUnitID, sizeof order.InvestUnitID);
  set_text(order.AccountID, s.investor_id);
  set_text(order.CurrencyID, "CNY");
  std::memcpy(order.MacAddress, in.MacAddress, sizeof order.MacAddress);
  std::memcpy(order.InstrumentID, in.InstrumentID, sizeof order.InstrumentID);
  std::memcpy(order.ExchangeInstID, in.InstrumentID, sizeof order.ExchangeInstID);
  std::memcpy(order.IPAddress, in.IPAddress, sizeof order.IPAddress);

  OrderState& o = orders_.emplace(sys_id, OrderState{so, *sp, s.investor_id}).first->second;
  order_sequence_.push_back(sys_id);
  by_ref_[{s.front_id, s.session_id, order.OrderRef}] = sys_id;
  a.frozen_margin += so.frozen_margin;
  a.frozen_commission += so.frozen_commission;

  write_begin();
  push_order(a, o.stored.order);

  // ---- exchange-layer checks: RtnOrder InsertRejected with the reason in StatusMsg.
  const OrderTerms terms{in.OrderPriceType,
                         in.TimeCondition,
                         in.VolumeCondition,
                         limit_ticks,
                         market || sp->on_grid(in.LimitPrice),
                         volume};
  const char* exchange_reject = exchange_refusal(*sp, terms, tick, phase);
  if (exchange_reject != nullptr) {
    o.stored.order.OrderSubmitStatus = '4';
    o.reject_text = exchange_reject;
    engine_.apply(o, OrderEvent::Reject);
    o.reject_text = nullptr;
    return write_end();
  }

  // The exchange's own number, from its own sequence (OrderLocalID is the counter's).
  const std::string exchange_sys_id =
      padded(next_exchange_sys_id_[sp->exchange]++, sp->rules->order_sys_id_width);
  set_text(o.stored.order.OrderSysID, exchange_sys_id);
  by_sys_id_[{sp->exchange, trimmed(exchange_sys_id)}] = sys_id;
  o.stored.order.OrderSubmitStatus = '3';
  if (!ioc) engine_.apply(o, OrderEvent::Accept);
  if (!auction) engine_.take(o, tick, tick_ms(tick));  // an auction order waits for the open
  if (!is_finished(o.status)) {
    if (ioc) {
      // FAK/FOK: whatever did not trade now is cancelled.
      if (o.volume_traded == 0) o.stored.order.OrderSubmitStatus = '0';
      engine_.apply(o, OrderEvent::Cancel);
    } else {
      resting_.push_back(sys_id);
      o.auction = auction;
      if (!auction) engine_.join_queue(o, tick);
    }
  }
  write_end();  // the last event wrote the order's row (on_order_event)
}

void SimCounter::book_fill(OrderState& o, const Fill& f) {
  const std::int64_t price = f.price;
  const int volume = f.volume;
  auto& order = o.stored.order;
  Investor& a = account(o.investor);
  const InstrumentSpec& sp = spec(o.instrument);
  const TimePoint now = exchange_.clock().now();
  const char offset = order.CombOffsetFlag[0];
  const char hedge = order.CombHedgeFlag[0];

  StoredTrade st;
  auto& t = st.trade;
  std::memcpy(t.BrokerID, order.BrokerID, sizeof t.BrokerID);
  std::memcpy(t.InvestorID, order.InvestorID, sizeof t.InvestorID);
  std::memcpy(t.OrderRef, order.OrderRef, sizeof t.OrderRef);
  std::memcpy(t.UserID, order.UserID, sizeof t.UserID);
  std::memcpy(t.ExchangeID, order.ExchangeID, sizeof t.ExchangeID);
  set_text(t.TradeID, next_id(next_trade_id_));
  t.Direction = order.Direction;
  std::memcpy(t.OrderSysID, order.OrderSysID, sizeof t.OrderSysID);
  std::memcpy(t.ClientID, order.ClientID, sizeof t.ClientID);
  t.TradingRole = '1';
  t.OffsetFlag = offset;
  t.HedgeFlag = hedge;
  t.Price = sp.to_price(price);
  t.Volume = volume;
  set_text(t.TradeDate, action_day(now));
  set_text(t.TradeTime, clock_text(now));
  t.TradeType = '0';
  t.PriceSource = '0';
  std::memcpy(t.TraderID, order.TraderID, sizeof t.TraderID);
  std::memcpy(t.ParticipantID, order.ParticipantID, sizeof t.ParticipantID);
  std::memcpy(t.OrderLocalID, order.OrderLocalID, sizeof t.OrderLocalID);
  t.SequenceNo = static_cast<int>(next_sequence_no_++);
  set_text(t.TradingDay, day_);
  t.BrokerOrderSeq = order.BrokerOrderSeq;
  t.TradeSource = '0';
  std::memcpy(t.InvestUnitID, order.InvestUnitID, sizeof t.InvestUnitID);
  std::memcpy(t.InstrumentID, order.InstrumentID, sizeof t.InstrumentID);
  std::memcpy(t.ExchangeInstID, order.ExchangeInstID, sizeof t.ExchangeInstID);

  const int before = o.volume_total + volume;  // the engine already took the fill off
  if (offset == kOpen) {
    // Release this part's freeze; charge the real commission; add a position-detail lot.
    const Money rel_margin = o.stored.frozen_margin.share(volume, before);
    const Money rel_fee = o.stored.frozen_commission.share(volume, before);
    o.stored.frozen_margin -= rel_margin;
    o.stored.frozen_commission -= rel_fee;
    a.frozen_margin -= rel_margin;
    a.frozen_commission -= rel_fee;
    st.commission = MoneyRules::fee(sp, price, volume, FeeKind::Open);
    const PositionKey key{o.instrument, order.Direction, hedge};
    Lot lot;
    lot.trade_id = t.TradeID;
    lot.open_date = day_;
    lot.open_ticks = price;
    lot.settle_ticks = price;
    lot.volume = volume;
    lot.sequence = next_lot_sequence_++;
    a.positions[key].lots.push_back(lot);
    save_lot(o.investor, key, lot);
  } else {
    const char pos_dir = position_direction::closed_by(order.Direction);
    const PositionKey key{o.instrument, pos_dir, hedge};
    Position& p = a.positions[key];
    const std::int64_t sign =
        pos_dir == position_direction::kLong ? 1 : -1;  // longs gain as it rises
    // Yesterday's frozen lots go first (the plan made at acceptance), then today's.
    const int from_yesterday = std::min(volume, o.stored.frozen_yesterday);
    const int from_today = volume - from_yesterday;
    o.stored.frozen_yesterday -= from_yesterday;
    o.stored.frozen_today -= from_today;
    p.frozen_yesterday -= from_yesterday;
    p.frozen_today -= from_today;
    auto consume = [&](bool today, int n) {
      for (auto it = p.lots.begin(); it != p.lots.end() && n > 0;) {
        if ((it->open_date == day_) != today) {
          ++it;
          continue;
        }
        const int q = std::min(n, it->volume);
        st.close_profit_by_date += sp.value(sign * (price - it->settle_ticks)) * q;
        st.close_profit_by_trade += sp.value(sign * (price - it->open_ticks)) * q;
        it->volume -= q;
        n -= q;
        save_lot(o.investor, key, *it);
        it = it->volume == 0 ? p.lots.erase(it) : std::next(it);
      }
    };
    consume(false, from_yesterday);
    consume(true, from_today);
    st.closed_today = from_today;
    st.commission = MoneyRules::fee(sp, price, from_today, FeeKind::CloseToday) +
                    MoneyRules::fee(sp, price, from_yesterday, FeeKind::Close);
    const Money rel_fee = o.stored.frozen_commission.share(volume, before);
    o.stored.frozen_commission -= rel_fee;
    a.frozen_commission -= rel_fee;
  }
  if (MoneyRules::is_option(sp)) {
    // The premium changes hands; there is no close profit on top of it.
    a.cash_in += sp.value(order.Direction == kBuy ? -price : price) * volume;
    st.close_profit_by_date = st.close_profit_by_trade = Money();
  }
  a.commission += st.commission;
  a.close_profit += st.close_profit_by_date;

  trades_.push_back(st);
  store_->put_trade(st);
}

void SimCounter::cancel_order(const SessionContext& s,
                              const CThostFtdcInputOrderActionField& action,
                              const std::function<void(const CThostFtdcInputOrderActionField&,
                                                       const CThostFtdcRspInfoField&)>& reject) {
  // Registered first: if this batch cannot be committed, the cancel did not happen.
  outbox_.push_back(
      Outgoing{{}, [reject, action] { reject(action, make_rsp_info(kStorageFailure)); }});
  guarded([&] { cancel_order_unguarded(s, action, reject); });
}

void SimCounter::cancel_order_unguarded(
    const SessionContext& s, const CThostFtdcInputOrderActionField& action,
    const std::function<void(const CThostFtdcInputOrderActionField&,
                             const CThostFtdcRspInfoField&)>& reject) {
  roll_day_if_needed();
  Investor& a = account(s.investor_id);
  auto refuse = [&](ErrorCode code) {
    const CThostFtdcRspInfoField info = make_rsp_info(code);
    outbox_.push_back(Outgoing{[reject, action, info] { reject(action, info); }, {}});
    CThostFtdcOrderActionField err{};
    std::memcpy(err.BrokerID, action.BrokerID, sizeof err.BrokerID);
    set_text(err.InvestorID, s.investor_id);
    err.OrderActionRef = action.OrderActionRef;
    std::memcpy(err.OrderRef, action.OrderRef, sizeof err.OrderRef);
    err.RequestID = action.RequestID;
    err.FrontID = action.FrontID;
    err.SessionID = action.SessionID;
    std::memcpy(err.ExchangeID, action.ExchangeID, sizeof err.ExchangeID);
    std::memcpy(err.OrderSysID, action.OrderSysID, sizeof err.OrderSysID);
    err.ActionFlag = action.ActionFlag;
    set_text(err.ActionDate, action_day(exchange_.clock().now()));
    set_text(err.ActionTime, clock_text(exchange_.clock().now()));
    err.OrderActionStatus = 'c';
    set_text(err.UserID, s.investor_id);
    set_gb_text(err.StatusMsg, error_message(code));
    std::memcpy(err.InstrumentID, action.InstrumentID, sizeof err.InstrumentID);
    push(a, [err, info](TradeSessionSink& sink) { sink.on_err_rtn_order_action(err, info); });
    write_end();
  };
  if (action.ActionFlag != '0') return refuse(ErrorCode::BadOrderActionField);
  std::string sys_id;
  if (!text_empty(action.OrderSysID)) {
    // OrderSysID is compared without its padding, as clients send either. Sequences are per
    // exchange: without an ExchangeID it must name exactly one of the investor's orders.
    const std::string wanted = trimmed(action.OrderSysID);
    if (!text_empty(action.ExchangeID)) {
      if (auto it = by_sys_id_.find({action.ExchangeID, wanted}); it != by_sys_id_.end()) {
        sys_id = it->second;
      }
    } else {
      int found = 0;
      for (const auto& [key, id] : by_sys_id_) {
        if (key.second == wanted && orders_.at(id).investor == s.investor_id) {
          sys_id = id;
          ++found;
        }
      }
      if (found > 1) sys_id.clear();
    }
  } else if (!text_empty(action.OrderRef)) {
    const int front = action.FrontID != 0 ? action.FrontID : s.front_id;
    const int session = action.SessionID != 0 ? action.SessionID : s.session_id;
    std::string ref = action.OrderRef;
    auto it = by_ref_.find({front, session, ref});
    if (it == by_ref_.end()) {
      // Clients may send the ref without the counter's padding.
      if (auto n = parse_ref(action.OrderRef); n && *n >= 0)
        it = by_ref_.find({front, session, padded(*n)});
    }
    if (it != by_ref_.end()) sys_id = it->second;
  } else {
    return refuse(ErrorCode::BadOrderActionField);
  }
  auto found = orders_.find(sys_id);
  if (sys_id.empty() || found == orders_.end() || found->second.investor != s.investor_id) {
    return refuse(ErrorCode::OrderNotFound);
  }
  OrderState& o = found->second;
  if (is_finished(o.status)) return refuse(ErrorCode::InsuitableOrderStatus);

  write_begin();
  set_text(o.stored.order.ActiveUserID, s.investor_id);
  std::erase(resting_, sys_id);
  engine_.apply(o, OrderEvent::Cancel);
  write_end();
}

}  // namespace ctpgw::sim
