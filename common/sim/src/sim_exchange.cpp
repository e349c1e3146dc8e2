#include "ctpgw/sim/sim_exchange.h"

namespace ctpgw::sim {

SimExchange::SimExchange(core::SimConfig config, std::shared_ptr<const Clock> clock)
    : config_(std::move(config)), clock_(std::move(clock)) {}

SimExchange::~SimExchange() = default;

}  // namespace ctpgw::sim
