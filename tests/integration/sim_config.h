// Sim map entries the integration tests run the services with: the shipped instrument master,
// ticking around the clock.
#pragma once

#include <string>

namespace ctpgw::testkit {

inline std::string sim_yaml(int tick_interval_ms = 500, const std::string& extra = "") {
  return "Instruments: " + std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml" +
         ", AlwaysOpen: true, TickIntervalMs: " + std::to_string(tick_interval_ms) +
         (extra.empty() ? "" : ", " + extra);
}

}  // namespace ctpgw::testkit
