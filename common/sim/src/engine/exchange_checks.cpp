#include "ctpgw/sim/engine/exchange_checks.h"

namespace ctpgw::sim {

const char* exchange_refusal(const InstrumentSpec& spec, const OrderTerms& order, const Tick& tick,
                             Phase phase) noexcept {
  if (const OrderRefusal* refusal =
          spec.rules->refusal_for(order.price_type, order.time_condition, order.volume_condition)) {
    return refusal->status_msg.c_str();  // an order type this exchange does not take
  }
  if (!order.market() && !order.on_grid) return "报单价格不是最小变动价位的整数倍";
  if (order.limit > tick.upper || order.limit < tick.lower) return "报单价格超出涨跌停板范围";
  const int max_volume = order.market() ? spec.max_market_volume : spec.max_limit_volume;
  if (order.volume < spec.min_limit_volume || order.volume > max_volume) {
    return "报单数量超出交易所限制";
  }
  // The opening auction takes orders too; the break and the closed market do not.
  if (phase != Phase::Continuous && phase != Phase::AuctionOrdering) return "合约不在交易时段";
  return nullptr;
}

}  // namespace ctpgw::sim
