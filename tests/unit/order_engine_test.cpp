// The matching engine on its own: integer orders against a hand-made book, every change an
// event through the transition table, illegal pairs refused.
#include "ctpgw/sim/engine/order_engine.h"

#include <gtest/gtest.h>

#include <vector>

namespace ctpgw::sim {
namespace {

struct Event {
  OrderEvent event;
  char status;
  Fill fill;  ///< volume 0 when the event is not a fill
  bool operator==(const Event&) const = default;
};

struct Recorder : OrderEvents {
  std::vector<Event> events;
  void on_order_event(EngineOrder& order, OrderEvent event, const Fill* fill) override {
    events.push_back({event, order.status, fill != nullptr ? *fill : Fill{}});
  }
};

bool operator==(const Fill& a, const Fill& b) {
  return a.price == b.price && a.volume == b.volume;
}

/// Asks 101..105 and bids 99..95, ten lots at each level.
Tick book() {
  Tick t;
  t.last = 100;
  for (int i = 0; i < 5; ++i) {
    t.ask[i] = 101 + i;
    t.bid[i] = 99 - i;
    t.ask_volume[i] = t.bid_volume[i] = 10;
  }
  t.volume = 1000;
  return t;
}

EngineOrder order(bool buy, std::int64_t limit, int volume) {
  EngineOrder o;
  o.buy = buy;
  o.limit = limit;
  o.volume_total = volume;
  return o;
}

class OrderEngineTest : public ::testing::Test {
 protected:
  Recorder events_;
  OrderEngine engine_{events_, 10'000};
};

TEST_F(OrderEngineTest, AnArrivingOrderTakesTheLevelsAtTheirPricesEachFillAnEvent) {
  EngineOrder o = order(true, 102, 25);
  ASSERT_TRUE(engine_.apply(o, OrderEvent::Accept));
  EXPECT_EQ(engine_.take(o, book(), 0), 20);  // two levels of ten reach the limit
  EXPECT_EQ(events_.events, (std::vector<Event>{{OrderEvent::Accept, '3', {}},
                                                {OrderEvent::PartFill, '1', {101, 10}},
                                                {OrderEvent::PartFill, '1', {102, 10}}}));
  EXPECT_EQ(o.volume_traded, 20);
  EXPECT_EQ(o.volume_total, 5);
  // What it took is gone from the book until it recovers: the same book gives nothing now.
  EngineOrder again = order(true, 102, 5);
  EXPECT_EQ(engine_.take(again, book(), 0), 0);
  EXPECT_EQ(engine_.take(again, book(), 600'000), 5) << "recovered after a minute and more";
  EXPECT_EQ(again.status, order_status::kAllTraded);
  EXPECT_EQ(events_.events.back(), (Event{OrderEvent::FullFill, '0', {101, 5}}));
}

TEST_F(OrderEngineTest, ARestingOrderFillsAtItsOwnLimitWhenTheMarketTradesThroughIt) {
  EngineOrder o = order(false, 100, 5);  // a sell at 100 resting above the bid
  engine_.apply(o, OrderEvent::Accept);
  engine_.join_queue(o, book());
  EXPECT_EQ(o.queue_ahead, 0);  // inside the spread: nobody ahead
  Tick through = book();
  for (auto& bid : through.bid) bid += 3;  // bids 102..98: 101 and 102 are beyond its limit
  EXPECT_EQ(engine_.rematch(o, through, 0), 5);
  EXPECT_EQ(events_.events.back(), (Event{OrderEvent::FullFill, '0', {100, 5}}));
}

TEST_F(OrderEngineTest, ARestingOrderWaitsBehindTheQueueAtItsPrice) {
  EngineOrder o = order(true, 99, 4);  // joins behind the ten lots bid at 99
  engine_.apply(o, OrderEvent::Accept);
  engine_.join_queue(o, book());
  EXPECT_EQ(o.queue_ahead, 10);
  Tick traded = book();
  traded.last = 99;
  traded.volume += 8;  // eight lots traded at its price: two still ahead
  EXPECT_EQ(engine_.rematch(o, traded, 0), 0);
  EXPECT_EQ(o.queue_ahead, 2);
  traded.volume += 5;  // five more: two for the queue, three for the order
  engine_.rematch(o, traded, 0);
  EXPECT_EQ(events_.events.back(), (Event{OrderEvent::PartFill, '1', {99, 3}}));
}

TEST_F(OrderEngineTest, TheOpeningAuctionFillsACrossingOrderInFullAtTheOpeningPrice) {
  EngineOrder crossing = order(true, 105, 7);
  EngineOrder away = order(true, 90, 7);
  engine_.apply(crossing, OrderEvent::Accept);
  engine_.apply(away, OrderEvent::Accept);
  engine_.open_auction(crossing, 100);
  engine_.open_auction(away, 100);
  EXPECT_EQ(events_.events.back(), (Event{OrderEvent::FullFill, '0', {100, 7}}));
  EXPECT_EQ(away.status, order_status::kNoTradeQueueing);
  EXPECT_FALSE(away.auction);
}

TEST_F(OrderEngineTest, EveryStateAndEventPairIsAppliedOrRefusedExactlyAsTheTableSays) {
  for (char state : kOrderStatuses) {
    for (OrderEvent event : kOrderEvents) {
      events_.events.clear();
      EngineOrder o = order(true, 100, 1);
      o.status = state;
      const auto before = engine_.illegal_transitions();
      const auto next = next_status(state, event);
      EXPECT_EQ(engine_.apply(o, event), next.has_value()) << state << " " << event_name(event);
      if (next) {
        EXPECT_EQ(o.status, *next);
        EXPECT_EQ(events_.events, (std::vector<Event>{{event, *next, {}}}));
        EXPECT_EQ(engine_.illegal_transitions(), before);
      } else {
        // An error, not a silent no-op: counted, nothing reported, the order unchanged.
        EXPECT_EQ(o.status, state);
        EXPECT_TRUE(events_.events.empty());
        EXPECT_EQ(engine_.illegal_transitions(), before + 1);
      }
    }
  }
}

TEST_F(OrderEngineTest, AFinishedOrderTakesNoFillAndItsVolumesStay) {
  EngineOrder o = order(true, 105, 3);
  engine_.apply(o, OrderEvent::Accept);
  engine_.apply(o, OrderEvent::Cancel);
  events_.events.clear();
  engine_.open_auction(o, 100);
  EXPECT_EQ(engine_.take(o, book(), 0), 0);
  EngineOrder live = order(true, 105, 3);
  EXPECT_EQ(engine_.take(live, book(), 0), 3) << "nothing was taken from the book for it";
  EXPECT_EQ(events_.events.size(), 1u);  // the live order's fill only
  EXPECT_EQ(o.volume_traded, 0);
  EXPECT_EQ(o.volume_total, 3);
  EXPECT_EQ(engine_.illegal_transitions(), 2);
}

}  // namespace
}  // namespace ctpgw::sim
