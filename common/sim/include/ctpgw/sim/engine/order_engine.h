// The matching engine: an order's life cycle and its fills, in integer ticks and lots, with no
// CTP structs and no storage. Every change of an order is an event, reported to OrderEvents after
// it was applied; the counter's CTP edge turns events into RtnOrder/RtnTrade, accounts and
// journal rows.
//
// The life cycle is driven only by order_fsm.h's table: apply() refuses an illegal (state, event)
// pair as an error (counted, logged, nothing reported) instead of ignoring it. Fills, cancels,
// rejects and the day-end expiry all go through it. One thread (the simulator's).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "ctpgw/sim/engine/book_matching.h"
#include "ctpgw/sim/engine/order_fsm.h"
#include "ctpgw/sim/feed/market_feed.h"

namespace ctpgw::sim {

/// What the engine knows of an order: side, limit and volumes in integers, its status letter and
/// its place in the queue at its price.
struct EngineOrder {
  std::size_t instrument = 0;  ///< index in the instrument master
  bool buy = true;
  std::int64_t limit = 0;  ///< ticks
  int volume_total = 0;    ///< still to trade
  int volume_traded = 0;
  char volume_condition = '1';  ///< '1' any volume, '2' at least min_volume, '3' all at once
  int min_volume = 0;
  char status = order_status::kUnknown;
  /// A resting order's place in its price level: lots displayed ahead of it when it started
  /// resting, worked off by the volume traded at its price (not stored: after a restart the
  /// queue is taken again from the book).
  int queue_ahead = -1;          ///< -1: not yet placed
  std::int64_t seen_volume = 0;  ///< the instrument's Volume when the queue was last worked
  bool auction = false;          ///< entered in the opening auction: matched at the opening price
};

struct Fill {
  std::int64_t price = 0;  ///< ticks
  int volume = 0;
};

/// Receives every applied event, in order. `fill` is set for PartFill and FullFill.
class OrderEvents {
 public:
  virtual ~OrderEvents() = default;
  virtual void on_order_event(EngineOrder& order, OrderEvent event, const Fill* fill) = 0;
};

class OrderEngine {
 public:
  /// `liquidity_half_life_ms`: how fast displayed volume the orders took comes back.
  OrderEngine(OrderEvents& events, double liquidity_half_life_ms) noexcept
      : events_(events), half_life_ms_(liquidity_half_life_ms) {}

  /// Moves the order along the table and reports the event; false (and nothing reported) for an
  /// illegal pair.
  bool apply(EngineOrder& order, OrderEvent event, const Fill* fill = nullptr);

  /// An arriving order takes the displayed levels at or better than its limit, each at its
  /// price. `now_ms`: the tick's time (liquidity recovery). Returns the volume traded.
  int take(EngineOrder& order, const Tick& tick, std::int64_t now_ms);
  /// A resting order at a new tick: the market trades through it (fills at its own limit from
  /// levels beyond it) or the volume traded at its price works off the queue ahead of it.
  int rematch(EngineOrder& order, const Tick& tick, std::int64_t now_ms);
  /// Places a new resting order behind what the book shows at its price.
  void join_queue(EngineOrder& order, const Tick& tick) noexcept;
  /// The opening auction's match: an order crossing the opening price fills there in full.
  void open_auction(EngineOrder& order, std::int64_t open);

  /// Illegal (state, event) pairs refused since start (a counter bug if ever above zero).
  std::int64_t illegal_transitions() const noexcept { return illegal_transitions_; }

 private:
  /// Counts and logs an illegal (state, event) pair.
  void refuse(const EngineOrder& order, OrderEvent event);
  /// False (refused) for an illegal pair.
  bool legal(const EngineOrder& order, OrderEvent event);
  int match(EngineOrder& order, const Tick& tick, std::int64_t now_ms, bool resting);
  void work_queue(EngineOrder& order, const Tick& tick);
  void fill(EngineOrder& order, std::int64_t price, int volume);

  OrderEvents& events_;
  double half_life_ms_;
  /// Displayed volume taken and not recovered yet, by instrument: fills never exceed what the
  /// book shows, however many orders hit it, and a swept level refills slowly.
  std::unordered_map<std::size_t, TakenLiquidity> taken_;
  std::int64_t illegal_transitions_ = 0;
};

}  // namespace ctpgw::sim
