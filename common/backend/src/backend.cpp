#include "ctpgw/backend/backend.h"

#include "ctpgw/sim/ctp/sim_counter.h"
#include "ctpgw/sim/ctp/sim_md_api.h"
#include "ctpgw/sim/ctp/sim_trader_api.h"
#include "ctpgw/sim/runtime/sim_exchange.h"
#ifdef CTPGW_HAVE_CTP_SDK
#include "sdk_backend.h"
#endif

namespace ctpgw::backend {
namespace {

std::string json_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::shared_ptr<const sim::Clock> make_clock(const core::SimConfig& sim) {
  if (sim.clock_start.empty() && sim.clock_rate == 1.0) return std::make_shared<sim::SystemClock>();
  const sim::TimePoint start =
      sim.clock_start.empty()
          ? std::chrono::system_clock::now()
          : sim::TimePoint(std::chrono::seconds(*core::parse_china_time(sim.clock_start)));
  return std::make_shared<sim::ScaledClock>(start, sim.clock_rate);
}

class SimBackend final : public Backend {
 public:
  SimBackend(const core::Config& config, Role role, LoopPost loop)
      : exchange_(std::make_unique<sim::SimExchange>(
            config.sim, make_clock(config.sim), /*run_pump=*/true,
            role == Role::Td && config.sim.counter_on_io_thread ? std::move(loop) : LoopPost{})) {
    if (role == Role::Td) {
      counter_ = std::make_shared<sim::SimCounter>(
          *exchange_,
          std::make_unique<sim::CounterStore>(config.sim.data_dir, config.sim.sync_commits),
          /*group_commit=*/true);
      exchange_->post([weak = std::weak_ptr<sim::SimCounter>(counter_), ex = exchange_.get()] {
        ex->add_feed_subscriber(weak);
        // One commit per batch of requests; their callbacks leave after it.
        ex->add_batch_end_hook([weak] {
          if (auto counter = weak.lock()) counter->end_batch();
        });
      });
    }
  }
  ~SimBackend() override {
    exchange_.reset();  // drains the simulator thread while the counter is still alive
  }

  TraderApiPtr create_trader_api(const std::string&) override {
    if (!counter_) throw BackendError("this backend serves market data only");
    return TraderApiPtr(sim::SimTraderApi::create(*exchange_, *counter_));
  }
  MdApiPtr create_md_api(const std::string&) override {
    return MdApiPtr(sim::SimMdApi::create(*exchange_));
  }
  std::string_view description() const override { return "embedded simulator"; }

  /// With Sim.QueriesPerSecond the simulated counter flow-controls queries like a front: the
  /// pacer spaces them accordingly; without, pacing only serialises.
  int query_interval_ms(const core::Config& config) const override {
    const int per_second = config.sim.queries_per_second;
    return per_second > 0 ? (1000 + per_second - 1) / per_second : 0;
  }

  BackendHealth health() const override {
    if (!counter_) return {};
    const sim::StoreHealth h = counter_->storage_health();
    BackendHealth out;
    out.ok = h.writable;
    out.json_fields = R"(,"storage":{"writable":)" + std::string(h.writable ? "true" : "false") +
                      R"(,"wal_bytes":)" + std::to_string(h.wal_bytes) + R"(,"backlog_bytes":)" +
                      std::to_string(h.backlog_bytes) + R"(,"checkpoints":)" +
                      std::to_string(h.checkpoints) + R"(,"last_error":")" +
                      json_escape(h.last_error) + R"("})";
    return out;
  }

 private:
  std::shared_ptr<sim::SimCounter> counter_;
  std::unique_ptr<sim::SimExchange> exchange_;
};

}  // namespace

std::unique_ptr<Backend> make_backend(const core::Config& config, std::string_view front_address,
                                      Role role, LoopPost loop) {
  if (core::is_sim_front(front_address)) {
    return std::make_unique<SimBackend>(config, role, std::move(loop));
  }
  if (front_address.empty()) {
    throw BackendError("no front address configured: set it to sim:// for the embedded simulator");
  }
#ifdef CTPGW_HAVE_CTP_SDK
  return make_sdk_backend(config);
#else
  throw BackendError("front '" + std::string(front_address) +
                     "' needs the CTP SDK, and this build has none: rebuild with "
                     "cmake -DCTPGW_CTP_SDK_DIR=/path/to/your/ctp/sdk (README, \"Connecting to a "
                     "real CTP front\"), or use sim:// for the embedded simulator");
#endif
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
