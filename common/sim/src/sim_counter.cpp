#include "ctpgw/sim/sim_counter.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include "ctpgw/sim/book_matching.h"
#include "ctpgw/sim/china_time.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;

namespace {

constexpr char kBuy = '0';
constexpr char kOpen = '0';
constexpr char kClose = '1';
constexpr char kCloseToday = '3';
constexpr char kCloseYesterday = '4';

// Exchange-style identifiers: right-aligned in 12 characters, as SHFE sends them.
std::string padded(std::int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%12lld", static_cast<long long>(n));
  return buf;
}

std::optional<long long> parse_ref(const char* ref) {
  std::string s(ref);
  const auto first = s.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  s.erase(0, first);
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str() || *end != '\0' || v < 0) return -1;  // present but not a number
  return v;
}

bool text_empty(const char* s) {
  return s[0] == '\0';
}

bool matches(const char* filter, const char* value) {
  return filter[0] == '\0' || std::strcmp(filter, value) == 0;
}

}  // namespace

SimCounter::SimCounter(SimExchange& exchange, std::unique_ptr<CounterStore> store,
                       bool group_commit)
    : exchange_(exchange), store_(std::move(store)) {
  group_commit_ = group_commit;
  load();
}

void SimCounter::write_begin() {
  if (in_transaction_) return;
  store_->begin();
  in_transaction_ = true;
}

void SimCounter::write_end() {
  if (!group_commit_) end_batch();
}

void SimCounter::end_batch() {
  if (in_transaction_) {
    store_->set_counter("next_order_sys_id", next_order_sys_id_);
    store_->set_counter("next_trade_id", next_trade_id_);
    store_->set_counter("next_lot_sequence", next_lot_sequence_);
    store_->set_counter("next_sequence_no", next_sequence_no_);
    store_->commit();
    in_transaction_ = false;
  }
  flush();
}

void SimCounter::defer(std::function<void()> f) {
  if (group_commit_) {
    outbox_.push_back(std::move(f));
  } else {
    f();
  }
}

// ---- state loading and the trading day ---------------------------------------------------------

std::string SimCounter::trading_day() const {
  return sim::trading_day(exchange_.clock().now());
}

void SimCounter::load() {
  next_order_sys_id_ = std::max<std::int64_t>(1, store_->counter("next_order_sys_id"));
  next_trade_id_ = std::max<std::int64_t>(1, store_->counter("next_trade_id"));
  next_lot_sequence_ = std::max<std::int64_t>(1, store_->counter("next_lot_sequence"));
  next_sequence_no_ = std::max<std::int64_t>(1, store_->counter("next_sequence_no"));
  for (const StoredAccount& a : store_->accounts()) accounts_[a.investor_id].stored = a;
  for (const StoredLot& l : store_->lots()) {
    const InstrumentSpec* s = exchange_.instruments().find(l.instrument_id);
    if (s == nullptr) continue;  // the instrument left the master; keep the row, ignore the lot
    account(l.investor_id).positions[PositionKey{s->index, l.direction, l.hedge}].lots.push_back(l);
  }
  trades_ = store_->trades();
  for (const StoredOrder& so : store_->orders()) {
    const InstrumentSpec* s = exchange_.instruments().find(so.order.InstrumentID);
    if (s == nullptr) continue;
    OrderState o{so, s->index, so.order.InvestorID};
    const std::string id = so.order.OrderSysID;
    by_ref_[{so.order.FrontID, so.order.SessionID, so.order.OrderRef}] = id;
    if (auto ref = parse_ref(so.order.OrderRef); ref && *ref >= 0) {
      auto& m = max_ref_[{so.order.FrontID, so.order.SessionID}];
      m = std::max(m, *ref);
    }
    if (!is_finished(so.order.OrderStatus)) {
      Account& a = account(o.investor);
      a.frozen_margin += so.frozen_margin;
      a.frozen_commission += so.frozen_commission;
      const char close_dir = so.order.Direction == kBuy ? '1' : '0';
      Position& p = a.positions[PositionKey{s->index, close_dir, so.order.CombHedgeFlag[0]}];
      p.frozen_today += so.frozen_today;
      p.frozen_yesterday += so.frozen_yesterday;
      resting_.push_back(id);
    }
    order_sequence_.push_back(id);
    orders_.emplace(id, std::move(o));
  }
  day_ = trading_day();
  const std::string stored_day = std::to_string(store_->counter("trading_day"));
  for (auto& [id, a] : accounts_) {
    for (const StoredTrade& t : trades_) {
      if (t.trade.InvestorID == id && t.trade.TradingDay == day_) {
        a.commission += t.commission;
        a.close_profit += t.close_profit_by_date;
      }
    }
  }
  if (store_->counter("trading_day") == 0) {
    store_->set_counter("trading_day", std::stoll(day_));
  } else if (stored_day != day_) {
    // The process was down across a trading-day boundary.
    day_ = stored_day;
    for (auto& [id, a] : accounts_) a.commission = a.close_profit = 0;
    for (const StoredTrade& t : trades_) {
      if (t.trade.TradingDay != day_) continue;
      Account& a = account(t.trade.InvestorID);
      a.commission += t.commission;
      a.close_profit += t.close_profit_by_date;
    }
    roll_day_if_needed();
  }
}

void SimCounter::roll_day_if_needed() {
  const std::string today = trading_day();
  if (today == day_) return;
  write_begin();
  for (auto& [id, a] : accounts_) {
    double realised = a.close_profit - a.commission;
    for (auto& [key, p] : a.positions) {
      const InstrumentSpec& s = spec(key.instrument);
      const Tick& t = current_tick(s);
      const double sign = key.direction == kBuy ? 1.0 : -1.0;
      for (Lot& lot : p.lots) {
        realised +=
            sign * s.to_price(t.pre_settlement - lot.settle_ticks) * s.multiplier * lot.volume;
        lot.settle_ticks = t.pre_settlement;
        save_lot(id, key, lot);
      }
    }
    a.stored.pre_balance += realised;
    a.commission = a.close_profit = 0;
    store_->put_account(a.stored);
  }
  // GFD orders die with their trading day.
  for (const std::string& sys_id : resting_) {
    OrderState& o = orders_.at(sys_id);
    release_order(o);
    o.stored.order.OrderStatus = order_status::kCanceled;
    set_text(o.stored.order.StatusMsg, "已撤单:交易日结束");
    store_->put_order(o.stored);
  }
  resting_.clear();
  day_ = today;
  store_->set_counter("trading_day", std::stoll(day_));
  write_end();
}

void SimCounter::flush() {
  // A released callback may queue more (through defer); release those too, in order.
  while (!outbox_.empty()) {
    auto out = std::move(outbox_);
    outbox_.clear();
    for (auto& f : out) f();
  }
}

std::string SimCounter::next_id(std::int64_t& counter) {
  return padded(counter++);
}

void SimCounter::save_lot(const std::string& investor, const PositionKey& key, const Lot& lot) {
  StoredLot l = lot;
  l.investor_id = investor;
  l.instrument_id = spec(key.instrument).id;
  l.direction = key.direction;
  l.hedge = key.hedge;
  store_->put_lot(l);
}

SimCounter::Account& SimCounter::account(const std::string& investor_id) {
  Account& a = accounts_[investor_id];
  if (a.stored.investor_id.empty()) a.stored.investor_id = investor_id;
  return a;
}

SimCounter::Account* SimCounter::find_account(const std::string& investor_id) {
  auto it = accounts_.find(investor_id);
  return it == accounts_.end() ? nullptr : &it->second;
}

const Tick& SimCounter::current_tick(const InstrumentSpec& s) {
  MarketFeed& feed = exchange_.feed();
  const std::int64_t now = exchange_.current_index();
  return feed.tick(s, feed.last_trading_index(s, now).value_or(now));
}

// ---- sessions --------------------------------------------------------------------------------

ErrorCode SimCounter::login(const std::string& investor_id, const std::string& password) {
  roll_day_if_needed();
  if (investor_id.empty()) return ErrorCode::InvalidLogin;
  Account* a = find_account(investor_id);
  if (a != nullptr && !a->stored.password.empty()) {
    return a->stored.password == password ? ErrorCode::None : ErrorCode::InvalidLogin;
  }
  // First login creates the account with the configured balance; its password becomes the
  // account's password.
  Account& created = account(investor_id);
  created.stored.password = password;
  created.stored.pre_balance = exchange_.config().initial_balance;
  write_begin();
  store_->put_account(created.stored);
  write_end();
  return ErrorCode::None;
}

int SimCounter::next_session_id() {
  const std::int64_t id = store_->counter("next_session_id") + 1;
  write_begin();
  store_->set_counter("next_session_id", id);
  write_end();
  return static_cast<int>(id);
}

ErrorCode SimCounter::change_password(const std::string& investor_id,
                                      const std::string& old_password,
                                      const std::string& new_password) {
  Account* a = find_account(investor_id);
  if (a == nullptr) return ErrorCode::UserNotFound;
  if (a->stored.password != old_password) return ErrorCode::OldPasswordMismatch;
  if (new_password == old_password) return ErrorCode::PwdMustDiff;
  a->stored.password = new_password;
  write_begin();
  store_->put_account(a->stored);
  write_end();
  return ErrorCode::None;
}

void SimCounter::attach(const std::string& investor_id, std::weak_ptr<TradeSessionSink> sink) {
  Account& a = account(investor_id);
  std::erase_if(a.sinks, [](const auto& w) { return w.expired(); });
  a.sinks.push_back(std::move(sink));
}

std::string SimCounter::max_order_ref(const SessionContext& s) const {
  auto it = max_ref_.find({s.front_id, s.session_id});
  return std::to_string(it == max_ref_.end() ? 0 : it->second);
}

template <class F>
void SimCounter::push(Account& a, F&& f) {
  outbox_.push_back([sinks = a.sinks, f = std::forward<F>(f)]() mutable {
    for (const auto& weak : sinks) {
      if (auto sink = weak.lock()) f(*sink);
    }
  });
}

void SimCounter::push_order(Account& a, const CThostFtdcOrderField& order) {
  push(a, [order](TradeSessionSink& s) { s.on_rtn_order(order); });
}

// ---- money ----------------------------------------------------------------------------------

double SimCounter::margin_per_lot(const InstrumentSpec& s, std::int64_t price_ticks) const {
  return s.to_price(price_ticks) * s.multiplier * s.margin_ratio;
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
  for (auto& [key, p] : a.positions) {
    if (p.lots.empty()) continue;
    const InstrumentSpec& s = spec(key.instrument);
    const Tick& tick = current_tick(s);
    const double sign = key.direction == kBuy ? 1.0 : -1.0;
    for (const Lot& lot : p.lots) {
      // Today's lots are margined at their open price, older ones at the pre-settlement price.
      t.margin += margin_per_lot(s, lot.settle_ticks) * lot.volume;
      t.position_profit +=
          sign * s.to_price(tick.last - lot.settle_ticks) * s.multiplier * lot.volume;
    }
  }
  return t;
}

double SimCounter::available(Account& a) {
  const Totals t = totals(a);
  const double balance = a.stored.pre_balance + a.close_profit + t.position_profit - a.commission;
  return balance - t.margin - a.frozen_margin - a.frozen_commission;
}

// ---- orders ---------------------------------------------------------------------------------

void SimCounter::transition(OrderState& o, OrderEvent event, const char* status_msg) {
  auto& order = o.stored.order;
  const auto next = next_status(order.OrderStatus, event);
  if (!next) return;  // not a legal move: leave the order as it is
  order.OrderStatus = *next;
  set_text(order.StatusMsg, status_msg);
  set_text(order.UpdateTime, clock_text(exchange_.clock().now()));
}

void SimCounter::release_order(OrderState& o) {
  Account& a = account(o.investor);
  a.frozen_margin -= o.stored.frozen_margin;
  a.frozen_commission -= o.stored.frozen_commission;
  if (std::fabs(a.frozen_margin) < 1e-6) a.frozen_margin = 0;
  if (std::fabs(a.frozen_commission) < 1e-6) a.frozen_commission = 0;
  o.stored.frozen_margin = o.stored.frozen_commission = 0;
  if (o.stored.frozen_today + o.stored.frozen_yesterday > 0) {
    const auto& order = o.stored.order;
    const char close_dir = order.Direction == kBuy ? '1' : '0';
    Position& p = a.positions[PositionKey{o.instrument, close_dir, order.CombHedgeFlag[0]}];
    p.frozen_today -= o.stored.frozen_today;
    p.frozen_yesterday -= o.stored.frozen_yesterday;
    o.stored.frozen_today = o.stored.frozen_yesterday = 0;
  }
}

void SimCounter::insert_order(const SessionContext& s, CThostFtdcInputOrderField in, int request_id,
                              const std::function<void(const CThostFtdcInputOrderField&,
                                                       const CThostFtdcRspInfoField&)>& reject) {
  roll_day_if_needed();
  Account& a = account(s.investor_id);
  if (text_empty(in.InvestorID)) set_text(in.InvestorID, s.investor_id);
  if (text_empty(in.BrokerID)) set_text(in.BrokerID, s.broker_id);
  if (text_empty(in.UserID)) set_text(in.UserID, s.investor_id);

  auto ctp_reject = [&](ErrorCode code) {
    const CThostFtdcRspInfoField info = make_rsp_info(code);
    outbox_.push_back([reject, in, info] { reject(in, info); });
    push(a, [in, info](TradeSessionSink& sink) { sink.on_err_rtn_order_insert(in, info); });
    write_end();
  };

  // ---- CTP-layer checks: RspOrderInsert + ErrRtnOrderInsert with the real ErrorID.
  const InstrumentSpec* sp = exchange_.instruments().find(in.InstrumentID);
  if (sp == nullptr) return ctp_reject(ErrorCode::InstrumentNotFound);
  if (text_empty(in.ExchangeID)) set_text(in.ExchangeID, sp->exchange);
  if (sp->exchange != in.ExchangeID) return ctp_reject(ErrorCode::ExchangeIdIsWrong);
  if (s.investor_id != in.InvestorID) return ctp_reject(ErrorCode::BadField);
  if (!s.settlement_confirmed) return ctp_reject(ErrorCode::SettlementInfoNotConfirmed);
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
  if (market && sp->uses_close_today())
    return ctp_reject(ErrorCode::PriceTypeNotSupportedByExchange);
  // OrderRef: empty gets max+1; otherwise it must exceed every ref this session used.
  auto& max_ref = max_ref_[{s.front_id, s.session_id}];
  const auto ref = parse_ref(in.OrderRef);
  if (!ref) {
    set_text(in.OrderRef, padded(max_ref + 1));
  } else if (*ref < 0) {
    return ctp_reject(ErrorCode::BadField);
  } else if (*ref <= max_ref) {
    return ctp_reject(ErrorCode::DuplicateOrderRef);
  }
  max_ref = std::max(max_ref, ref.value_or(max_ref + 1));

  const Tick& tick = current_tick(*sp);
  const int volume = in.VolumeTotalOriginal;
  // Market orders are priced at the limit they may reach.
  const std::int64_t limit_ticks =
      market ? (in.Direction == kBuy ? tick.upper : tick.lower) : sp->to_ticks(in.LimitPrice);
  if (market) in.LimitPrice = sp->to_price(limit_ticks);

  StoredOrder so;
  if (offset == kOpen) {
    so.frozen_margin = margin_per_lot(*sp, limit_ticks) * volume;
    so.frozen_commission = fee(*sp, limit_ticks, volume, kOpen);
    if (so.frozen_margin + so.frozen_commission > available(a) + 1e-9) {
      return ctp_reject(ErrorCode::InsufficientMoney);
    }
  } else {
    const char close_dir = in.Direction == kBuy ? '1' : '0';
    Position& p = a.positions[PositionKey{sp->index, close_dir, hedge}];
    int total = 0;
    for (const Lot& l : p.lots) total += l.volume;
    const int today = today_lots(p, day_);
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
    so.frozen_commission = fee(*sp, limit_ticks, so.frozen_today, kCloseToday) +
                           fee(*sp, limit_ticks, so.frozen_yesterday, kClose);
    if (so.frozen_commission > available(a) + 1e-9) return ctp_reject(ErrorCode::InsufficientMoney);
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
  set_text(order.TraderID, "sim");
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
  set_text(order.StatusMsg, "报单已提交");
  order.BrokerOrderSeq = order.SequenceNo;
  std::memcpy(order.InvestUnitID, in.InvestUnitID, sizeof order.InvestUnitID);
  set_text(order.AccountID, s.investor_id);
  set_text(order.CurrencyID, "CNY");
  std::memcpy(order.MacAddress, in.MacAddress, sizeof order.MacAddress);
  std::memcpy(order.InstrumentID, in.InstrumentID, sizeof order.InstrumentID);
  std::memcpy(order.ExchangeInstID, in.InstrumentID, sizeof order.ExchangeInstID);
  std::memcpy(order.IPAddress, in.IPAddress, sizeof order.IPAddress);

  OrderState& o = orders_.emplace(sys_id, OrderState{so, sp->index, s.investor_id}).first->second;
  order_sequence_.push_back(sys_id);
  by_ref_[{s.front_id, s.session_id, order.OrderRef}] = sys_id;
  a.frozen_margin += so.frozen_margin;
  a.frozen_commission += so.frozen_commission;

  write_begin();
  push_order(a, o.stored.order);

  // ---- exchange-layer checks: RtnOrder InsertRejected with the reason in StatusMsg.
  const char* exchange_reject = nullptr;
  if (!market && !sp->on_grid(in.LimitPrice)) {
    exchange_reject = "报单价格不是最小变动价位的整数倍";
  } else if (limit_ticks > tick.upper || limit_ticks < tick.lower) {
    exchange_reject = "报单价格超出涨跌停板范围";
  } else if (volume < sp->min_limit_volume ||
             volume > (market ? sp->max_market_volume : sp->max_limit_volume)) {
    exchange_reject = "报单数量超出交易所限制";
  } else if (!exchange_.feed().trading(*sp, exchange_.current_index())) {
    exchange_reject = "合约不在交易时段";
  }
  if (exchange_reject != nullptr) {
    release_order(o);
    o.stored.order.OrderSubmitStatus = '4';
    transition(o, OrderEvent::Reject, exchange_reject);
    store_->put_order(o.stored);
    push_order(a, o.stored.order);
    return write_end();
  }

  set_text(o.stored.order.OrderSysID, sys_id);
  o.stored.order.OrderSubmitStatus = '3';
  if (!ioc) {
    transition(o, OrderEvent::Accept, "未成交");
    push_order(a, o.stored.order);
  }
  match(o, tick);
  if (!is_finished(o.stored.order.OrderStatus)) {
    if (ioc) {
      // FAK/FOK: whatever did not trade now is cancelled.
      release_order(o);
      if (o.stored.order.VolumeTraded == 0) o.stored.order.OrderSubmitStatus = '0';
      transition(o, OrderEvent::Cancel, "已撤单");
      set_text(o.stored.order.CancelTime, clock_text(now));
      push_order(a, o.stored.order);
    } else {
      resting_.push_back(sys_id);
    }
  }
  store_->put_order(o.stored);
  write_end();
}

int SimCounter::match(OrderState& o, const Tick& tick) {
  auto& order = o.stored.order;
  const InstrumentSpec& sp = spec(o.instrument);
  const BookFills result =
      match_book(tick, order.Direction == kBuy, sp.to_ticks(order.LimitPrice), order.VolumeTotal,
                 order.VolumeCondition, order.MinVolume, taken_[o.instrument]);
  for (int i = 0; i < result.count; ++i) fill(o, result.fills[i].price, result.fills[i].volume);
  return result.volume;
}

void SimCounter::fill(OrderState& o, std::int64_t price, int volume) {
  auto& order = o.stored.order;
  Account& a = account(o.investor);
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
  std::memcpy(t.OrderLocalID, order.OrderLocalID, sizeof t.OrderLocalID);
  t.SequenceNo = static_cast<int>(next_sequence_no_++);
  set_text(t.TradingDay, day_);
  t.BrokerOrderSeq = order.BrokerOrderSeq;
  t.TradeSource = '0';
  std::memcpy(t.InvestUnitID, order.InvestUnitID, sizeof t.InvestUnitID);
  std::memcpy(t.InstrumentID, order.InstrumentID, sizeof t.InstrumentID);
  std::memcpy(t.ExchangeInstID, order.ExchangeInstID, sizeof t.ExchangeInstID);

  const int before = order.VolumeTotal;
  if (offset == kOpen) {
    // Release this part's freeze; charge the real commission; add a position-detail lot.
    const double share = static_cast<double>(volume) / before;
    const double rel_margin = o.stored.frozen_margin * share;
    const double rel_fee = o.stored.frozen_commission * share;
    o.stored.frozen_margin -= rel_margin;
    o.stored.frozen_commission -= rel_fee;
    a.frozen_margin -= rel_margin;
    a.frozen_commission -= rel_fee;
    st.commission = fee(sp, price, volume, kOpen);
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
    const char pos_dir = order.Direction == kBuy ? '1' : '0';
    const PositionKey key{o.instrument, pos_dir, hedge};
    Position& p = a.positions[key];
    const double sign = pos_dir == kBuy ? 1.0 : -1.0;  // a long position gains when price rises
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
        st.close_profit_by_date += sign * sp.to_price(price - it->settle_ticks) * sp.multiplier * q;
        st.close_profit_by_trade += sign * sp.to_price(price - it->open_ticks) * sp.multiplier * q;
        it->volume -= q;
        n -= q;
        save_lot(o.investor, key, *it);
        it = it->volume == 0 ? p.lots.erase(it) : std::next(it);
      }
    };
    consume(false, from_yesterday);
    consume(true, from_today);
    st.closed_today = from_today;
    st.commission =
        fee(sp, price, from_today, kCloseToday) + fee(sp, price, from_yesterday, kClose);
    const double share = static_cast<double>(volume) / before;
    const double rel_fee = o.stored.frozen_commission * share;
    o.stored.frozen_commission -= rel_fee;
    a.frozen_commission -= rel_fee;
  }
  a.commission += st.commission;
  a.close_profit += st.close_profit_by_date;

  order.VolumeTraded += volume;
  order.VolumeTotal -= volume;
  order.OrderSubmitStatus = '3';
  if (order.VolumeTotal == 0) {
    transition(o, OrderEvent::FullFill, "全部成交报单已提交");
    release_order(o);  // rounding leftovers of the freeze
  } else {
    transition(o, OrderEvent::PartFill, "部分成交报单已提交");
  }
  trades_.push_back(st);
  store_->put_trade(st);
  store_->put_order(o.stored);
  push_order(a, order);
  push(a, [trade = t](TradeSessionSink& sink) { sink.on_rtn_trade(trade); });
}

void SimCounter::cancel_order(const SessionContext& s,
                              const CThostFtdcInputOrderActionField& action,
                              const std::function<void(const CThostFtdcInputOrderActionField&,
                                                       const CThostFtdcRspInfoField&)>& reject) {
  roll_day_if_needed();
  Account& a = account(s.investor_id);
  auto refuse = [&](ErrorCode code) {
    const CThostFtdcRspInfoField info = make_rsp_info(code);
    outbox_.push_back([reject, action, info] { reject(action, info); });
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
    set_text(err.StatusMsg, error_message(code));
    std::memcpy(err.InstrumentID, action.InstrumentID, sizeof err.InstrumentID);
    push(a, [err, info](TradeSessionSink& sink) { sink.on_err_rtn_order_action(err, info); });
    write_end();
  };
  if (action.ActionFlag != '0') return refuse(ErrorCode::BadOrderActionField);
  std::string sys_id;
  if (!text_empty(action.OrderSysID)) {
    for (const auto& [id, o] : orders_) {
      // OrderSysID is compared with and without its padding, as clients send either.
      std::string wanted = action.OrderSysID;
      wanted.erase(0, wanted.find_first_not_of(' '));
      std::string have = id;
      have.erase(0, have.find_first_not_of(' '));
      if (have == wanted && (text_empty(action.ExchangeID) ||
                             std::strcmp(o.stored.order.ExchangeID, action.ExchangeID) == 0)) {
        sys_id = id;
        break;
      }
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
  if (is_finished(o.stored.order.OrderStatus)) return refuse(ErrorCode::InsuitableOrderStatus);

  write_begin();
  release_order(o);
  transition(o, OrderEvent::Cancel, "已撤单");
  set_text(o.stored.order.CancelTime, clock_text(exchange_.clock().now()));
  set_text(o.stored.order.ActiveUserID, s.investor_id);
  std::erase(resting_, sys_id);
  store_->put_order(o.stored);
  push_order(a, o.stored.order);
  write_end();
}

void SimCounter::on_feed_tick(std::int64_t index) {
  if (resting_.empty()) return;
  roll_day_if_needed();
  write_begin();
  // Re-match resting orders against the new tick, oldest first.
  std::vector<std::string> still_resting;
  for (const std::string& id : resting_) {
    OrderState& o = orders_.at(id);
    const InstrumentSpec& sp = spec(o.instrument);
    if (exchange_.feed().trading(sp, index)) match(o, exchange_.feed().tick(sp, index));
    if (!is_finished(o.stored.order.OrderStatus)) still_resting.push_back(id);
  }
  resting_ = std::move(still_resting);
  write_end();
}

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
  Account* a = find_account(s.investor_id);
  if (a == nullptr) return out;
  // Today's activity per position (and per today/history row on SHFE/INE).
  struct Activity {
    int open_volume = 0, close_volume = 0, yd_closed = 0;
    double open_amount = 0, close_amount = 0, commission = 0, cp_date = 0, cp_trade = 0;
  };
  std::map<std::pair<PositionKey, bool>, Activity> activity;
  for (const StoredTrade& st : trades_) {
    const auto& t = st.trade;
    if (s.investor_id != t.InvestorID || day_ != t.TradingDay) continue;
    const InstrumentSpec* sp = exchange_.instruments().find(t.InstrumentID);
    if (sp == nullptr) continue;
    const bool open = t.OffsetFlag == kOpen;
    const char pos_dir = open ? t.Direction : (t.Direction == kBuy ? '1' : '0');
    const PositionKey key{sp->index, pos_dir, t.HedgeFlag};
    const double amount = t.Price * sp->multiplier * t.Volume;
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
    const double sign = key.direction == kBuy ? 1.0 : -1.0;
    CThostFtdcInvestorPositionField r{};
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
      r.PositionCost += sp.to_price(l.settle_ticks) * sp.multiplier * l.volume;
      r.OpenCost += sp.to_price(l.open_ticks) * sp.multiplier * l.volume;
      r.UseMargin += margin_per_lot(sp, l.settle_ticks) * l.volume;
      r.PositionProfit += sign * sp.to_price(tick.last - l.settle_ticks) * sp.multiplier * l.volume;
    }
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
    r.OpenAmount = act.open_amount;
    r.CloseAmount = act.close_amount;
    r.Commission = act.commission;
    r.CloseProfit = act.cp_date;
    r.CloseProfitByDate = act.cp_date;
    r.CloseProfitByTrade = act.cp_trade;
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
  Account* a = find_account(s.investor_id);
  if (a == nullptr) return out;
  for (const auto& [key, p] : a->positions) {
    const InstrumentSpec& sp = spec(key.instrument);
    if (!matches(q.InstrumentID, sp.id.c_str()) || !matches(q.ExchangeID, sp.exchange.c_str()))
      continue;
    const Tick& tick = current_tick(sp);
    const double sign = key.direction == kBuy ? 1.0 : -1.0;
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
      d.PositionProfitByDate =
          sign * sp.to_price(tick.last - l.settle_ticks) * sp.multiplier * l.volume;
      d.PositionProfitByTrade =
          sign * sp.to_price(tick.last - l.open_ticks) * sp.multiplier * l.volume;
      d.Margin = margin_per_lot(sp, l.settle_ticks) * l.volume;
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
  Account& a = account(s.investor_id);
  const Totals t = totals(a);
  CThostFtdcTradingAccountField r{};
  set_text(r.BrokerID, s.broker_id);
  set_text(r.AccountID, s.investor_id);
  r.PreBalance = a.stored.pre_balance;
  r.FrozenMargin = a.frozen_margin;
  r.FrozenCommission = a.frozen_commission;
  r.CurrMargin = t.margin;
  r.ExchangeMargin = t.margin;
  r.Commission = a.commission;
  r.CloseProfit = a.close_profit;
  r.PositionProfit = t.position_profit;
  r.Balance = a.stored.pre_balance + a.close_profit + t.position_profit - a.commission;
  r.Available = r.Balance - r.CurrMargin - r.FrozenMargin - r.FrozenCommission;
  r.WithdrawQuota = std::max(0.0, r.Available - std::max(0.0, r.CloseProfit));
  set_text(r.TradingDay, day_);
  set_text(r.CurrencyID, "CNY");
  r.BizType = '1';
  return r;
}

int SimCounter::max_order_volume(const SessionContext& s,
                                 const CThostFtdcQryMaxOrderVolumeField& q) {
  const InstrumentSpec* sp = exchange_.instruments().find(q.InstrumentID);
  if (sp == nullptr) return 0;
  Account& a = account(s.investor_id);
  const Tick& tick = current_tick(*sp);
  const char hedge = q.HedgeFlag == '\0' ? '1' : q.HedgeFlag;
  if (q.OffsetFlag == kOpen || q.OffsetFlag == '\0') {
    const std::int64_t price = q.Direction == kBuy ? tick.upper : tick.lower;
    const double per_lot = margin_per_lot(*sp, price) + fee(*sp, price, 1, kOpen);
    const double avail = available(a);
    if (per_lot <= 0 || avail <= 0) return 0;
    return std::min(sp->max_limit_volume, static_cast<int>(std::floor(avail / per_lot)));
  }
  const char pos_dir = q.Direction == kBuy ? '1' : '0';
  const Position& p = a.positions[PositionKey{sp->index, pos_dir, hedge}];
  int total = 0;
  for (const Lot& l : p.lots) total += l.volume;
  const int today = today_lots(p, day_);
  const int free_today = today - p.frozen_today;
  const int free_yd = total - today - p.frozen_yesterday;
  if (sp->uses_close_today()) return q.OffsetFlag == kCloseToday ? free_today : free_yd;
  return free_today + free_yd;
}

}  // namespace ctpgw::sim
