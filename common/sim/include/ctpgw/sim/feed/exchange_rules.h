// Rules that differ by exchange or product, as data (the 'exchanges' and 'products' maps of the
// instrument master; docs/simulator.md lists each rule with its source). Adding a rule means an
// entry there and its test, not a branch in the counter. Immutable after loading.
#pragma once

#include <string>
#include <vector>

namespace ctpgw::sim {

/// An order type the exchange itself refuses: the counter accepts the order (RtnOrder 'a'), the
/// exchange answers it cancelled (OrderStatus '5', OrderSubmitStatus '4') with `status_msg`.
/// A zero field matches any value.
struct OrderRefusal {
  char price_type = 0;        ///< OrderPriceType
  char time_condition = 0;    ///< TimeCondition
  char volume_condition = 0;  ///< VolumeCondition
  std::string status_msg;     ///< UTF-8, as the exchange words it
  bool matches(char price, char time, char volume) const noexcept {
    return (price_type == 0 || price_type == price) &&
           (time_condition == 0 || time_condition == time) &&
           (volume_condition == 0 || volume_condition == volume);
  }
};

struct ExchangeRules {
  std::string id;
  /// Today's and yesterday's positions are separate: CloseToday closes only today's lots,
  /// Close/CloseYesterday only yesterday's (SHFE, INE). Otherwise a close takes yesterday's
  /// lots first, then today's.
  bool separate_close_today = false;
  /// A long and a short position of one product are margined on the larger side only
  /// (单向大边); otherwise both sides pay.
  bool larger_side_margin = false;
  std::vector<OrderRefusal> refusals;
  /// The settlement price is the volume-weighted average price of the day's last this many
  /// trading minutes (CFFEX: the last hour); 0: of the whole trading day.
  int settlement_minutes = 0;
  /// The opening call auction: this many minutes before the trading day's first session, order
  /// entry (limit GFD orders rest unmatched) and, in its last minute, the match at the opening
  /// price; 0: none.
  int auction_minutes = 0;
  /// The simulated broker's member number at the exchange and its trading seat (ParticipantID,
  /// TraderID on orders and trades).
  std::string participant_id;
  std::string trader_id;
  /// OrderSysID as the exchange writes it: its number right-aligned in this many characters
  /// (CTP's field holds 20).
  int order_sys_id_width = 12;

  const OrderRefusal* refusal_for(char price, char time, char volume) const noexcept {
    for (const OrderRefusal& r : refusals) {
      if (r.matches(price, time, volume)) return &r;
    }
    return nullptr;
  }
};

}  // namespace ctpgw::sim
