// What the exchange itself checks when an order reaches it, in the order it checks: the order
// types it takes (the exchange's rules as data), the tick grid, the price band of the day, its
// volume limits, and whether the instrument is in a phase that takes orders. A refusal comes
// back as the exchange's status message (UTF-8), which the order carries when it is cancelled.
#pragma once

#include <cstdint>

#include "ctpgw/sim/feed/instrument_master.h"
#include "ctpgw/sim/feed/market_feed.h"

namespace ctpgw::sim {

struct OrderTerms {
  char price_type = '2';  ///< '1' any price (market), '2' limit
  char time_condition = '3';
  char volume_condition = '1';
  std::int64_t limit = 0;  ///< ticks (a market order: the band's edge it may reach)
  bool on_grid = true;     ///< the price the client sent lies on the tick grid
  int volume = 0;
  bool market() const noexcept { return price_type == '1'; }
};

/// The exchange's StatusMsg refusing the order, or nullptr when the exchange takes it.
/// `tick`: the market as of now (its upper/lower band); `phase`: the instrument's phase now.
const char* exchange_refusal(const InstrumentSpec& spec, const OrderTerms& order, const Tick& tick,
                             Phase phase) noexcept;

}  // namespace ctpgw::sim
