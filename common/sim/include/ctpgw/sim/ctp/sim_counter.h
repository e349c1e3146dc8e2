// The simulated trading counter's CTP edge: sessions, the CTP-layer checks and rejects, the
// freezes, and the CTP records and callback sequences (ctp-model §5, simulator.md) of what the
// matching engine (engine/order_engine.h) does; the accounts' money rules are accounts/.
//
// Invariants: prices are integer ticks and money whole micro-yuan inside, CTP doubles only in
// the structs built here; every change is committed to the CounterStore before any callback
// about it leaves; an order's OrderStatus only moves by the engine's events (order_fsm.h).
// Business rejects carry CTP's real ErrorIDs and prompts, never a generic -1.
// Storage failures (a full disk, an I/O error) never escape: the batch's transaction is rolled
// back, the state is reloaded from what was committed, nothing of the batch is acknowledged and
// every request in it gets ErrorID 1 (kStorageFailure) instead; the next batch tries again.
// Threading: simulator thread only (SimExchange::post).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/accounts/account.h"
#include "ctpgw/sim/engine/book_matching.h"
#include "ctpgw/sim/engine/order_engine.h"
#include "ctpgw/sim/engine/order_fsm.h"
#include "ctpgw/sim/runtime/sim_exchange.h"
#include "ctpgw/sim/storage/counter_store.h"

namespace ctpgw::sim {

/// Where the counter delivers an account's private-flow pushes (every logged-in session).
class TradeSessionSink {
 public:
  virtual ~TradeSessionSink() = default;
  virtual void on_rtn_order(const ctp::CThostFtdcOrderField& order) = 0;
  virtual void on_rtn_trade(const ctp::CThostFtdcTradeField& trade) = 0;
  virtual void on_err_rtn_order_insert(const ctp::CThostFtdcInputOrderField& order,
                                       const ctp::CThostFtdcRspInfoField& info) = 0;
  virtual void on_err_rtn_order_action(const ctp::CThostFtdcOrderActionField& action,
                                       const ctp::CThostFtdcRspInfoField& info) = 0;
  /// Public flow: an instrument entered a trading phase (every logged-in session gets it).
  virtual void on_rtn_instrument_status(const ctp::CThostFtdcInstrumentStatusField& /*status*/) {}
};

struct SessionContext {
  std::string broker_id;
  std::string investor_id;
  int front_id = 0;
  int session_id = 0;
  bool settlement_confirmed = false;
};

class SimCounter final : public FeedSubscriber, private OrderEvents {
 public:
  /// Loads the stored state (throws StoreError on unreadable data). With `group_commit`, changes
  /// and callbacks are held until end_batch() (called after each batch of simulator-thread
  /// tasks): one commit for the batch, then every callback in order. Without it, each request
  /// commits and calls back at once (tests drive the counter this way).
  SimCounter(SimExchange& exchange, std::unique_ptr<CounterStore> store, bool group_commit = false);

  /// The CTP error a request gets when its effects could not be made durable.
  static constexpr ctp::ErrorCode kStorageFailure = ctp::ErrorCode::InvalidDataSyncStatus;

  /// Commits what the batch changed, then releases its callbacks in order.
  void end_batch();
  /// Runs `f` now, or with group commit after the batch's commit, in order with the pushes.
  /// If the batch cannot be committed, `on_failure` runs instead (when given).
  void defer(std::function<void()> f, std::function<void()> on_failure = {});
  /// Storage state for /health (any thread).
  StoreHealth storage_health() const { return store_->health(); }
  CounterStore& store() noexcept { return *store_; }

  // ---- sessions ---------------------------------------------------------------------------
  /// Checks (or, for a new account, records) the password; creates the account on first login.
  /// An empty password never logs in and is never stored.
  ctp::ErrorCode login(const std::string& investor_id, const std::string& password);
  /// A session id unused by any stored order (no storage write: logins work on a full disk).
  int next_session_id();
  ctp::ErrorCode change_password(const std::string& investor_id, const std::string& old_password,
                                 const std::string& new_password);
  /// Adds a session to the account's push recipients (once, however often it is called).
  void attach(const std::string& investor_id, std::weak_ptr<TradeSessionSink> sink);
  void detach(const std::string& investor_id, const std::shared_ptr<TradeSessionSink>& sink);
  /// Largest OrderRef the session has used ("0" for a new session).
  std::string max_order_ref(const SessionContext& s) const;

  // ---- orders -----------------------------------------------------------------------------
  /// A CTP-layer reject calls `reject` (the RspOrderInsert) before the ErrRtnOrderInsert push.
  void insert_order(const SessionContext& s, ctp::CThostFtdcInputOrderField order, int request_id,
                    const std::function<void(const ctp::CThostFtdcInputOrderField&,
                                             const ctp::CThostFtdcRspInfoField&)>& reject);
  void cancel_order(const SessionContext& s, const ctp::CThostFtdcInputOrderActionField& action,
                    const std::function<void(const ctp::CThostFtdcInputOrderActionField&,
                                             const ctp::CThostFtdcRspInfoField&)>& reject);

  void on_feed_tick(std::int64_t index) override;

 private:
  void insert_order_unguarded(
      const SessionContext& s, ctp::CThostFtdcInputOrderField order, int request_id,
      const std::function<void(const ctp::CThostFtdcInputOrderField&,
                               const ctp::CThostFtdcRspInfoField&)>& reject);
  void cancel_order_unguarded(
      const SessionContext& s, const ctp::CThostFtdcInputOrderActionField& action,
      const std::function<void(const ctp::CThostFtdcInputOrderActionField&,
                               const ctp::CThostFtdcRspInfoField&)>& reject);
  void match_resting(std::int64_t index);

 public:
  // ---- queries (rows in a stable order) -----------------------------------------------------
  std::vector<ctp::CThostFtdcOrderField> query_orders(const SessionContext& s,
                                                      const ctp::CThostFtdcQryOrderField& q) const;
  std::vector<ctp::CThostFtdcTradeField> query_trades(const SessionContext& s,
                                                      const ctp::CThostFtdcQryTradeField& q) const;
  std::vector<ctp::CThostFtdcInvestorPositionField> query_positions(
      const SessionContext& s, const ctp::CThostFtdcQryInvestorPositionField& q);
  std::vector<ctp::CThostFtdcInvestorPositionDetailField> query_position_details(
      const SessionContext& s, const ctp::CThostFtdcQryInvestorPositionDetailField& q);
  ctp::CThostFtdcTradingAccountField query_account(const SessionContext& s);
  int max_order_volume(const SessionContext& s, const ctp::CThostFtdcQryMaxOrderVolumeField& q);

  // ---- settlement ---------------------------------------------------------------------------
  /// The statement of `trading_day` ("": the latest) in ReqQrySettlementInfo's chunks.
  std::vector<ctp::CThostFtdcSettlementInfoField> settlement_info(const SessionContext& s,
                                                                  const std::string& trading_day);
  /// Records the investor's confirmation (for the current trading day).
  ctp::ErrorCode confirm_settlement(const SessionContext& s, const StoredConfirm& c);
  std::optional<StoredConfirm> settlement_confirm(const std::string& investor_id);
  /// Moves money into (amount > 0) or out of (< 0) the investor's fund account: the counter's
  /// side of a bank-futures transfer. `password` must be the account's (48 otherwise); a
  /// withdrawal at most WithdrawQuota (31 otherwise). Sets `serial` (FutureSerial).
  ctp::ErrorCode transfer(const SessionContext& s, Money amount, const std::string& password,
                          int& serial);
  /// The session, or any session of the investor, confirmed this trading day's statement.
  bool confirmed_today(const SessionContext& s);

  std::size_t account_count() const noexcept { return accounts_.size(); }
  /// Illegal (state, event) pairs refused since start (a counter bug if ever above zero).
  std::int64_t illegal_transitions() const noexcept { return engine_.illegal_transitions(); }

 private:
  using Lot = StoredLot;
  struct Investor;
  struct Outgoing {
    std::function<void()> deliver;     ///< after the batch commits
    std::function<void()> on_failure;  ///< instead, if it cannot be committed
    /// RtnOrder and RtnTrade, the pushes of every order, go without a closure: the record is
    /// in pushed_orders_ / pushed_trades_ at `index`, for the sessions of `to`.
    enum class Push : std::uint8_t { None, Order, Trade } push = Push::None;
    std::uint32_t index = 0;
    const Investor* to = nullptr;
  };

  /// An order: the engine's integer view (what matching and the life cycle work on) and the
  /// CTP record the edge keeps in step with it after every engine event.
  struct OrderState : EngineOrder {
    OrderState(StoredOrder s, const InstrumentSpec& spec, std::string investor_id);
    StoredOrder stored;
    std::string investor;
    const char* reject_text = nullptr;  ///< the exchange's StatusMsg for a Reject event
  };
  /// An account and the sessions its private flow goes to.
  struct Investor : Account {
    std::vector<std::weak_ptr<TradeSessionSink>> sinks;
  };

  Investor& account(const std::string& investor_id);
  Investor* find_account(const std::string& investor_id);
  const InstrumentSpec& spec(std::size_t index) const {
    return exchange_.instruments().all()[index];
  }
  const Tick& current_tick(const InstrumentSpec& spec);
  std::string trading_day() const;

  template <class F>
  void push(Investor& a, F&& f);
  /// Queues a snapshot of the order as it is now.
  void push_order(Investor& a, const ctp::CThostFtdcOrderField& order);
  void push_trade(Investor& a, const ctp::CThostFtdcTradeField& trade);
  /// The engine's events: brings the CTP record in step (status, volumes, StatusMsg), books a
  /// fill (trade, position lots, money), releases what a finished order froze, writes the rows
  /// and queues the pushes (RtnOrder, then RtnTrade for a fill).
  void on_order_event(EngineOrder& order, OrderEvent event, const Fill* fill) override;
  /// StatusMsg from a UTF-8 text that outlives the counter (a literal, rule data).
  void set_status_text(char (&field)[81], const char* utf8);
  /// The tick's time on the feed's clock, for the engine's liquidity recovery.
  std::int64_t tick_ms(const Tick& tick) const;
  /// RtnInstrumentStatus to every session for the instruments whose phase changed at `index`.
  void publish_status_changes(std::int64_t index);
  void push_status(Investor& a, const std::vector<ctp::CThostFtdcInstrumentStatusField>& changes);
  /// Cancels the instrument's resting (GFD) orders at its close, pushing each.
  void expire_day_orders(const InstrumentSpec& sp);
  /// The opening auction's match: orders entered in it that cross the opening price fill there.
  void open_auction(const InstrumentSpec& sp, std::int64_t index);
  /// The trade of a fill and what it does to positions and money (before the order's status).
  void book_fill(OrderState& o, const Fill& f);
  void release_order(OrderState& o);
  void load();
  void hash_clear_text_passwords();
  /// Drops every in-memory change and reloads what storage holds (sessions stay attached).
  void reload();
  /// A write failed: roll back, reload, and answer the batch's requests with kStorageFailure.
  void fail_batch(const std::exception& error);
  /// Runs a write entry point; a StoreError from it ends in fail_batch().
  /// Returns false when it failed that way.
  template <class F>
  bool guarded(F&& f) {
    try {
      f();
      return true;
    } catch (const StoreError& e) {
      fail_batch(e);
      return false;
    }
  }
  /// Commits the open transaction and releases the outbox; throws StoreError.
  void commit_batch();
  /// Moves the counter to a new trading day: settles each trading day since the state's own
  /// (settle_day), expires the resting GFD orders.
  void roll_day_if_needed();
  /// Marks every account to the day's settlement prices, moves the day's realised and marked
  /// profit into PreBalance, re-references held lots, stores the day's statements.
  void settle_day(std::chrono::sys_days day);
  void write_begin();
  void write_end();
  void flush();
  void save_lot(const std::string& investor, const PositionKey& key, const Lot& lot);
  /// The next exchange-style id from `counter`, which it advances.
  std::string next_id(std::int64_t& counter);

  std::vector<Outgoing> outbox_;  ///< callbacks released after the next commit
  std::vector<ctp::CThostFtdcOrderField> pushed_orders_;  ///< the outbox's RtnOrder records
  std::vector<ctp::CThostFtdcTradeField> pushed_trades_;  ///< the outbox's RtnTrade records
  bool group_commit_ = false;
  bool in_transaction_ = false;
  std::string day_;  ///< trading day the state belongs to
  /// Clock window in which the trading day is day_window_day_ (roll_day_if_needed's shortcut).
  std::pair<TimePoint, TimePoint> day_window_{};
  std::string day_window_day_;
  /// Tick indexes of the current trading day, [first, end): outside them a tick checks the roll.
  std::int64_t day_first_index_ = 0, day_end_index_ = -1;

  SimExchange& exchange_;
  std::unique_ptr<CounterStore> store_;
  std::map<std::string, Investor> accounts_;
  /// Each instrument's phase as last published ('2' continuous, '1' no trading), by index.
  std::vector<char> phase_;
  std::unordered_map<std::string, OrderState> orders_;  ///< by OrderLocalID
  std::vector<std::string> order_sequence_;             ///< OrderLocalIDs in insert order
  std::vector<StoredTrade> trades_;
  std::map<std::tuple<int, int, std::string>, std::string> by_ref_;  ///< (front, session, ref)
  /// (ExchangeID, OrderSysID without padding) -> OrderLocalID: each exchange numbers its orders.
  std::map<std::pair<std::string, std::string>, std::string> by_sys_id_;
  std::map<std::string, std::int64_t> next_exchange_sys_id_;  ///< by ExchangeID
  std::map<std::pair<int, int>, long long> max_ref_;          ///< per session
  std::vector<std::string> resting_;                          ///< OrderSysIDs still queueing
  std::int64_t next_order_sys_id_ = 1;  ///< the counter's OrderLocalID sequence
  std::int64_t next_trade_id_ = 1;
  std::int64_t next_lot_sequence_ = 1;
  std::int64_t next_sequence_no_ = 1;
  std::int64_t next_transfer_serial_ = 1;
  int last_session_id_ = 0;
  bool storage_failed_ = false;  ///< the last write failed; cleared by the next good commit
  std::unordered_map<const char*, std::string> gb_texts_;  ///< set_status_text's conversions
  MoneyRules money_;                                       ///< marks at current_tick()
  OrderEngine engine_;                                     ///< reports to on_order_event
};

}  // namespace ctpgw::sim
