// The order lifecycle as one transition table over CTP's OrderStatus letters.
//
// Every legal (state, event) pair is listed once; next_status() answers nullopt for anything
// else. The counter changes OrderStatus only through this table; an illegal pair is refused and
// logged as an error (a bug in the counter), never applied. Pure; any thread.
#pragma once

#include <array>
#include <optional>

namespace ctpgw::sim {

namespace order_status {
inline constexpr char kAllTraded = '0';
inline constexpr char kPartTradedQueueing = '1';
inline constexpr char kNoTradeQueueing = '3';
inline constexpr char kCanceled = '5';
inline constexpr char kUnknown = 'a';  ///< submitted, exchange answer pending
}  // namespace order_status

enum class OrderEvent {
  Accept,    ///< the exchange queued the order
  Reject,    ///< the exchange refused it
  PartFill,  ///< some volume traded, some remains
  FullFill,  ///< the rest traded
  Cancel,    ///< cancelled by the client, or the unfilled rest of an IOC order
  Expire,    ///< a good-for-day order still queueing when its trading day ends
};

inline constexpr std::array kOrderEvents{OrderEvent::Accept,   OrderEvent::Reject,
                                         OrderEvent::PartFill, OrderEvent::FullFill,
                                         OrderEvent::Cancel,   OrderEvent::Expire};
inline constexpr std::array kOrderStatuses{order_status::kUnknown, order_status::kNoTradeQueueing,
                                           order_status::kPartTradedQueueing,
                                           order_status::kAllTraded, order_status::kCanceled};

struct OrderTransition {
  char from;
  OrderEvent event;
  char to;
};

inline constexpr std::array kOrderTransitions{
    OrderTransition{order_status::kUnknown, OrderEvent::Accept, order_status::kNoTradeQueueing},
    OrderTransition{order_status::kUnknown, OrderEvent::Reject, order_status::kCanceled},
    OrderTransition{order_status::kUnknown, OrderEvent::PartFill,
                    order_status::kPartTradedQueueing},
    OrderTransition{order_status::kUnknown, OrderEvent::FullFill, order_status::kAllTraded},
    OrderTransition{order_status::kUnknown, OrderEvent::Cancel, order_status::kCanceled},
    OrderTransition{order_status::kNoTradeQueueing, OrderEvent::PartFill,
                    order_status::kPartTradedQueueing},
    OrderTransition{order_status::kNoTradeQueueing, OrderEvent::FullFill, order_status::kAllTraded},
    OrderTransition{order_status::kNoTradeQueueing, OrderEvent::Cancel, order_status::kCanceled},
    OrderTransition{order_status::kPartTradedQueueing, OrderEvent::PartFill,
                    order_status::kPartTradedQueueing},
    OrderTransition{order_status::kPartTradedQueueing, OrderEvent::FullFill,
                    order_status::kAllTraded},
    OrderTransition{order_status::kPartTradedQueueing, OrderEvent::Cancel, order_status::kCanceled},
    OrderTransition{order_status::kNoTradeQueueing, OrderEvent::Expire, order_status::kCanceled},
    OrderTransition{order_status::kPartTradedQueueing, OrderEvent::Expire, order_status::kCanceled},
};

constexpr std::optional<char> next_status(char from, OrderEvent event) {
  for (const OrderTransition& t : kOrderTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}

constexpr const char* event_name(OrderEvent e) {
  switch (e) {
    case OrderEvent::Accept:
      return "Accept";
    case OrderEvent::Reject:
      return "Reject";
    case OrderEvent::PartFill:
      return "PartFill";
    case OrderEvent::FullFill:
      return "FullFill";
    case OrderEvent::Cancel:
      return "Cancel";
    case OrderEvent::Expire:
      return "Expire";
  }
  return "?";
}

/// Finished orders can no longer trade or be cancelled (a cancel gets ErrorID 26).
constexpr bool is_finished(char status) {
  return status == order_status::kAllTraded || status == order_status::kCanceled;
}

}  // namespace ctpgw::sim
