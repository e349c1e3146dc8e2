#include "ctpgw/sim/engine/order_engine.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace ctpgw::sim {

void OrderEngine::refuse(const EngineOrder& order, OrderEvent event) {
  // A bug in the counter, not a client's doing: refuse it loudly, keep the order as it is.
  ++illegal_transitions_;
  spdlog::error("order engine: illegal transition {} from status '{}' refused", event_name(event),
                order.status);
}

bool OrderEngine::legal(const EngineOrder& order, OrderEvent event) {
  if (next_status(order.status, event)) return true;
  refuse(order, event);
  return false;
}

bool OrderEngine::apply(EngineOrder& order, OrderEvent event, const Fill* fill) {
  if (!legal(order, event)) return false;
  order.status = *next_status(order.status, event);
  events_.on_order_event(order, event, fill);
  return true;
}

int OrderEngine::take(EngineOrder& order, const Tick& tick, std::int64_t now_ms) {
  return match(order, tick, now_ms, false);
}

int OrderEngine::rematch(EngineOrder& order, const Tick& tick, std::int64_t now_ms) {
  return match(order, tick, now_ms, true);
}

int OrderEngine::match(EngineOrder& order, const Tick& tick, std::int64_t now_ms, bool resting) {
  if (is_finished(order.status)) {  // takes nothing from the book
    refuse(order, OrderEvent::PartFill);
    return 0;
  }
  TakenLiquidity& taken = taken_[order.instrument];
  taken.age(now_ms, half_life_ms_);
  // An order arriving takes the displayed levels at their prices. An order already resting is
  // the one the market trades through: it fills at its own limit from levels beyond it; a level
  // at its price is the queue it stands in (work_queue).
  const std::int64_t reach =
      resting ? (order.buy ? order.limit - 1 : order.limit + 1) : order.limit;
  const BookFills result = match_book(tick, order.buy, reach, order.volume_total,
                                      order.volume_condition, order.min_volume, taken);
  for (int i = 0; i < result.count; ++i) {
    fill(order, resting ? order.limit : result.fills[i].price, result.fills[i].volume);
  }
  if (resting && result.volume == 0) work_queue(order, tick);
  return result.volume;
}

void OrderEngine::join_queue(EngineOrder& order, const Tick& tick) noexcept {
  // Behind what the book shows at the price; a price inside the spread has nobody ahead, one
  // beyond the five levels a typical level's volume.
  constexpr int kUnseenLevelVolume = 30;
  order.queue_ahead = 0;
  const auto& prices = order.buy ? tick.bid : tick.ask;
  const auto& volumes = order.buy ? tick.bid_volume : tick.ask_volume;
  const bool beyond = order.buy ? order.limit < prices[4] : order.limit > prices[4];
  if (beyond) order.queue_ahead = kUnseenLevelVolume;
  for (int i = 0; i < 5; ++i) {
    if (prices[i] == order.limit) order.queue_ahead = volumes[i];
  }
  order.seen_volume = tick.volume;
}

void OrderEngine::work_queue(EngineOrder& order, const Tick& tick) {
  if (order.queue_ahead < 0 || tick.volume < order.seen_volume) return join_queue(order, tick);
  // Volume that traded while the market stood at the order's price (the last price there, or
  // the other side's best quote reaching it) came out of its level.
  const auto traded = static_cast<int>(tick.volume - order.seen_volume);
  order.seen_volume = tick.volume;
  const bool at_price = tick.last == order.limit ||
                        (order.buy ? tick.ask[0] == order.limit : tick.bid[0] == order.limit);
  if (!at_price || traded <= 0) return;
  order.queue_ahead -= traded;
  if (order.queue_ahead >= 0) return;
  const int volume = std::min(-order.queue_ahead, order.volume_total);
  order.queue_ahead = 0;
  fill(order, order.limit, volume);
}

void OrderEngine::open_auction(EngineOrder& order, std::int64_t open) {
  order.auction = false;
  // One price for the whole auction; its volume is the market's, enough for any order.
  if (order.buy ? order.limit >= open : order.limit <= open) fill(order, open, order.volume_total);
}

void OrderEngine::fill(EngineOrder& order, std::int64_t price, int volume) {
  const OrderEvent event =
      volume >= order.volume_total ? OrderEvent::FullFill : OrderEvent::PartFill;
  if (volume <= 0 || !legal(order, event)) return;  // volumes change only with a legal event
  order.volume_traded += volume;
  order.volume_total -= volume;
  const Fill f{price, volume};
  apply(order, event, &f);
}

}  // namespace ctpgw::sim
