// SimCounter: loading, group commit, the trading-day roll and recovery from storage failures.
#include "ctpgw/sim/ctp/sim_counter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include "ctp/counter_text.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/accounts/password_hash.h"
#include "ctpgw/sim/engine/book_matching.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

SimCounter::SimCounter(SimExchange& exchange, std::unique_ptr<CounterStore> store,
                       bool group_commit)
    : exchange_(exchange),
      store_(std::move(store)),
      money_(exchange.instruments(),
             [this](const InstrumentSpec& s) { return current_tick(s).last; }),
      engine_(*this, exchange.config().liquidity_half_life_ms) {
  group_commit_ = group_commit;
  day_ = trading_day();
  load();
  hash_clear_text_passwords();
  const std::string stored_day = std::to_string(store_->counter("trading_day"));
  if (store_->counter("trading_day") == 0) {
    store_->set_counter("trading_day", std::stoll(day_));
  } else if (stored_day != day_) {
    // The process was down across a trading-day boundary: close the stored day first.
    day_ = stored_day;
    for (auto& [id, a] : accounts_) a.commission = a.close_profit = Money();
    for (const StoredTrade& t : trades_) {
      if (t.trade.TradingDay != day_) continue;
      Investor& a = account(t.trade.InvestorID);
      a.commission += t.commission;
      a.close_profit += t.close_profit_by_date;
    }
    roll_day_if_needed();
  }
}

void SimCounter::write_begin() {
  if (in_transaction_) return;
  store_->begin();
  in_transaction_ = true;
}

void SimCounter::write_end() {
  if (!group_commit_) commit_batch();
}

void SimCounter::end_batch() {
  guarded([this] { commit_batch(); });
}

void SimCounter::commit_batch() {
  if (in_transaction_) {
    store_->set_counter("next_order_sys_id", next_order_sys_id_);
    store_->set_counter("next_trade_id", next_trade_id_);
    store_->set_counter("next_lot_sequence", next_lot_sequence_);
    store_->set_counter("next_sequence_no", next_sequence_no_);
    store_->set_counter("next_transfer_serial", next_transfer_serial_);
    for (const auto& [exchange, next] : next_exchange_sys_id_) {
      store_->set_counter("next_order_sys_id." + exchange, next);
    }
    store_->set_counter("next_session_id", last_session_id_);
    const bool wrote = store_->commit();
    in_transaction_ = false;
    if (storage_failed_ && wrote) {
      storage_failed_ = false;
      store_->mark_written();
      spdlog::info("simulator storage '{}' is writable again", store_->path().string());
    }
  }
  flush();
}

void SimCounter::defer(std::function<void()> f, std::function<void()> on_failure) {
  if (group_commit_) {
    outbox_.push_back(Outgoing{std::move(f), std::move(on_failure)});
  } else {
    f();
  }
}

void SimCounter::fail_batch(const std::exception& error) {
  const std::string what = error.what();
  if (!storage_failed_) {
    spdlog::error(
        "{}; nothing of the current batch is acknowledged, requests get ErrorID {} "
        "until a write succeeds again",
        what, static_cast<int>(kStorageFailure));
  } else {
    spdlog::debug("storage still failing: {}", what);
  }
  storage_failed_ = true;
  store_->mark_failed(what);
  store_->rollback();
  in_transaction_ = false;
  reload();
  // Nothing of this batch was committed: its pushes are dropped, its requests refused.
  auto out = std::move(outbox_);
  outbox_.clear();
  pushed_orders_.clear();
  pushed_trades_.clear();
  for (Outgoing& o : out) {
    if (o.on_failure) o.on_failure();
  }
}

void SimCounter::hash_clear_text_passwords() {
  // Data written before passwords were hashed (ADR 0006) is migrated once, at start-up.
  bool any = false;
  for (auto& [id, a] : accounts_) {
    if (a.stored.password.empty() || is_password_hash(a.stored.password)) continue;
    if (!any) store_->begin();
    any = true;
    a.stored.password = hash_password(a.stored.password);
    store_->put_account(a.stored);
  }
  if (any) {
    store_->commit();
    spdlog::info("simulator storage: clear-text passwords replaced by salted hashes");
  }
}

void SimCounter::reload() {
  std::map<std::string, std::vector<std::weak_ptr<TradeSessionSink>>> sinks;
  for (auto& [id, a] : accounts_) sinks[id] = std::move(a.sinks);
  accounts_.clear();
  orders_.clear();
  order_sequence_.clear();
  trades_.clear();
  by_ref_.clear();
  by_sys_id_.clear();
  max_ref_.clear();
  resting_.clear();
  try {
    load();  // for day_, unchanged: a roll that was rolled back is redone by the next request
  } catch (const std::exception& e) {
    // Reading failed too; what was loaded stays, and the next request tries again.
    spdlog::error("reloading the simulator state failed: {}", e.what());
  }
  for (auto& [id, list] : sinks) account(id).sinks = std::move(list);
}

// ---- state loading and the trading day ---------------------------------------------------------

std::string SimCounter::trading_day() const {
  return sim::trading_day(exchange_.clock().now(), exchange_.calendar());
}

void SimCounter::load() {
  next_order_sys_id_ = std::max<std::int64_t>(1, store_->counter("next_order_sys_id"));
  next_trade_id_ = std::max<std::int64_t>(1, store_->counter("next_trade_id"));
  next_lot_sequence_ = std::max<std::int64_t>(1, store_->counter("next_lot_sequence"));
  next_sequence_no_ = std::max<std::int64_t>(1, store_->counter("next_sequence_no"));
  next_transfer_serial_ = std::max<std::int64_t>(1, store_->counter("next_transfer_serial"));
  for (const std::string& exchange : exchange_.instruments().exchanges()) {
    next_exchange_sys_id_[exchange] =
        std::max<std::int64_t>(1, store_->counter("next_order_sys_id." + exchange));
  }
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
    OrderState o{so, *s, so.order.InvestorID};
    // OrderLocalID: unique for every order, including exchange-rejected ones (no OrderSysID).
    const std::string id = so.order.OrderLocalID;
    last_session_id_ = std::max(last_session_id_, so.order.SessionID);
    by_ref_[{so.order.FrontID, so.order.SessionID, so.order.OrderRef}] = id;
    if (!text_empty(so.order.OrderSysID)) {
      const std::string exchange_id = trimmed(so.order.OrderSysID);
      by_sys_id_[{so.order.ExchangeID, exchange_id}] = id;
      // Orders of older versions numbered all exchanges together: continue past them.
      if (auto n = parse_ref(so.order.OrderSysID); n && *n >= 0) {
        auto& next = next_exchange_sys_id_[so.order.ExchangeID];
        next = std::max<std::int64_t>(next, *n + 1);
      }
    }
    if (auto ref = parse_ref(so.order.OrderRef); ref && *ref >= 0) {
      auto& m = max_ref_[{so.order.FrontID, so.order.SessionID}];
      m = std::max(m, *ref);
    }
    if (!is_finished(so.order.OrderStatus)) {
      Investor& a = account(o.investor);
      a.frozen_margin += so.frozen_margin;
      a.frozen_commission += so.frozen_commission;
      const char close_dir = position_direction::closed_by(so.order.Direction);
      Position& p = a.positions[PositionKey{s->index, close_dir, so.order.CombHedgeFlag[0]}];
      p.frozen_today += so.frozen_today;
      p.frozen_yesterday += so.frozen_yesterday;
      resting_.push_back(id);
    }
    order_sequence_.push_back(id);
    orders_.emplace(id, std::move(o));
  }
  // Sessions of earlier runs may have left no order: ids handed out before stay used.
  last_session_id_ = std::max<int>(
      last_session_id_, static_cast<int>(std::min<std::int64_t>(store_->counter("next_session_id"),
                                                                std::numeric_limits<int>::max())));
  for (const auto& [investor, amount] : store_->transfers(day_)) {
    Investor& a = account(investor);
    (amount > Money() ? a.deposit : a.withdraw) += amount > Money() ? amount : -amount;
  }
  for (auto& [id, a] : accounts_) {
    for (const StoredTrade& t : trades_) {
      if (t.trade.InvestorID == id && t.trade.TradingDay == day_) {
        a.commission += t.commission;
        a.close_profit += t.close_profit_by_date;
        const InstrumentSpec* sp = exchange_.instruments().find(t.trade.InstrumentID);
        if (sp != nullptr && MoneyRules::is_option(*sp)) {
          const std::int64_t ticks = sp->to_ticks(t.trade.Price);
          a.cash_in += sp->value(t.trade.Direction == kBuy ? -ticks : ticks) * t.trade.Volume;
        }
      }
    }
  }
}

void SimCounter::flush() {
  // A released callback may queue more (through defer); release those too, in order.
  while (!outbox_.empty()) {
    std::vector<Outgoing> out;
    std::vector<CThostFtdcOrderField> orders;
    std::vector<CThostFtdcTradeField> trades;
    out.swap(outbox_);
    orders.swap(pushed_orders_);
    trades.swap(pushed_trades_);
    for (const Outgoing& o : out) {
      if (o.push != Outgoing::Push::None) {
        // The account's sessions as they are now (a session gone meanwhile is skipped).
        for (const auto& weak : o.to->sinks) {
          const auto sink = weak.lock();
          if (!sink) continue;
          if (o.push == Outgoing::Push::Order) {
            sink->on_rtn_order(orders[o.index]);
          } else {
            sink->on_rtn_trade(trades[o.index]);
          }
        }
      }
      if (o.deliver) o.deliver();
    }
    if (outbox_.empty()) {  // keep the buffers' capacity for the next batch
      out.clear();
      orders.clear();
      trades.clear();
      outbox_.swap(out);
      pushed_orders_.swap(orders);
      pushed_trades_.swap(trades);
    }
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

SimCounter::Investor& SimCounter::account(const std::string& investor_id) {
  Investor& a = accounts_[investor_id];
  if (a.stored.investor_id.empty()) a.stored.investor_id = investor_id;
  return a;
}

SimCounter::Investor* SimCounter::find_account(const std::string& investor_id) {
  auto it = accounts_.find(investor_id);
  return it == accounts_.end() ? nullptr : &it->second;
}

const Tick& SimCounter::current_tick(const InstrumentSpec& s) {
  MarketFeed& feed = exchange_.feed();
  const std::int64_t now = exchange_.current_index();
  return feed.tick(s, feed.last_trading_index(s, now).value_or(now));
}

}  // namespace ctpgw::sim
