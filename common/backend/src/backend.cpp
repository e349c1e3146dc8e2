#include "ctpgw/backend/backend.h"

#include "ctpgw/sim/sim_exchange.h"
#include "ctpgw/sim/sim_md_api.h"
#include "ctpgw/sim/sim_trader_api.h"

namespace ctpgw::backend {
namespace {

class SimBackend final : public Backend {
 public:
  explicit SimBackend(const core::Config& config)
      : exchange_(config.sim, std::make_shared<sim::SystemClock>()) {}

  TraderApiPtr create_trader_api(const std::string&) override {
    return TraderApiPtr(sim::SimTraderApi::create(exchange_));
  }
  MdApiPtr create_md_api(const std::string&) override {
    return MdApiPtr(sim::SimMdApi::create(exchange_));
  }
  std::string_view description() const override { return "embedded simulator"; }

 private:
  sim::SimExchange exchange_;
};

}  // namespace

std::unique_ptr<Backend> make_backend(const core::Config& config, std::string_view front_address) {
  if (core::is_sim_front(front_address)) return std::make_unique<SimBackend>(config);
  if (front_address.empty()) {
    throw BackendError("no front address configured: set it to sim:// for the embedded simulator");
  }
  throw BackendError("front '" + std::string(front_address) +
                     "' needs the CTP SDK backend, which this build does not include; "
                     "use sim:// for the embedded simulator");
}

std::string flow_path(const core::Config& config, std::string_view prefix,
                      std::string_view user_id) {
  std::string path = config.con_file_path;
  path.append(prefix);
  for (char c : user_id) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
    path.push_back(safe ? c : '_');
  }
  return path;
}

}  // namespace ctpgw::backend
