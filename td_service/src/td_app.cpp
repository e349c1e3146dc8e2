#include "td_app.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include <cstdlib>
#include <map>

#include "ctpgw/core/audit.h"
#include "ctpgw/core/version.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/catalog.h"

namespace ctpgw::td {

TdApp::TdApp(boost::asio::io_context& io, const core::Config& config)
    : TdApp(io, config,
            backend::make_backend(
                config, config.td_front_address, backend::Role::Td,
                [&io](std::function<void()> f) { boost::asio::post(io, std::move(f)); })) {}

TdApp::TdApp(boost::asio::io_context& io, const core::Config& config,
             std::unique_ptr<backend::Backend> backend)
    : io_(io),
      config_(config),
      backend_(std::move(backend)),
      server_(io, service::server_options(config, "/td/"), *this),
      registry_(io, config_, *backend_, metrics_),
      login_guard_(config.security.login_failures_before_lockout,
                   std::chrono::seconds(config.security.lockout_seconds)) {
  using T = core::Metrics::Type;
  metrics_.declare("ctpgw_connections", T::Gauge, "Open WebSocket connections.");
  metrics_.declare("ctpgw_messages_in_total", T::Counter,
                   "Requests received, by MsgType of the catalogue (\"other\" for the rest).");
  metrics_.declare("ctpgw_messages_out_total", T::Counter,
                   "Messages sent to clients, by MsgType (\"other\" for error replies echoing an "
                   "unknown one).");
  metrics_.declare("ctpgw_send_buffer_bytes", T::Gauge, "Unsent bytes over all connections.");
  metrics_.declare("ctpgw_errors_total", T::Counter,
                   "Error replies the gateway made itself, by ErrorID (-400/-401/-404, -1/-2/-3).");
  metrics_.declare("ctpgw_slow_client_disconnects_total", T::Counter,
                   "Clients disconnected because their send buffer was full.");
  metrics_.declare_histogram(
      "ctpgw_order_round_trip_seconds",
      "From a ReqOrderInsert arriving to its first RtnOrder leaving (the counter's "
      "acknowledgement).",
      {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1});
  metrics_.declare("ctpgw_sessions_upstream_connected", T::Gauge,
                   "Trading sessions whose CTP front is connected.");
  metrics_.declare("ctpgw_sessions", T::Gauge,
                   "Trading sessions (one per logged-in user), lingering ones included.");
  metrics_.declare("ctpgw_storage_writable", T::Gauge, "1 while the simulator can write.");
  metrics_.declare("ctpgw_storage_wal_bytes", T::Gauge, "Size of the simulator's WAL.");
  metrics_.declare("ctpgw_storage_backlog_bytes", T::Gauge,
                   "Committed changes in the simulator's journal not yet in its database.");
}

TdApp::~TdApp() {
  connections_.clear();  // detach from their sessions
  registry_.clear();     // releases every TraderApi while the backend is still alive
}

std::uint16_t TdApp::start() {
  spdlog::info("trading backend: {} ({})", backend_->description(), config_.td_front_address);
  return server_.listen();
}

void TdApp::shutdown() {
  server_.shutdown();
}

bool TdApp::idle() const {
  return server_.connection_count() == 0;
}

void TdApp::on_open(net::ConnectionId id) {
  connections_.emplace(id, std::make_unique<TdConnection>(id, *this));
}

void TdApp::on_text(net::ConnectionId id, std::string_view payload) {
  if (auto it = connections_.find(id); it != connections_.end()) it->second->on_text(payload);
}

void TdApp::on_binary(net::ConnectionId id, std::size_t size) {
  if (auto it = connections_.find(id); it != connections_.end()) it->second->on_binary(size);
}

void TdApp::on_close(net::ConnectionId id) {
  connections_.erase(id);
}

std::string TdApp::health_json() {
  const auto up =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
          .count();
  const backend::BackendHealth health = backend_->health();
  return R"({"status":")" + std::string(health.ok ? "ok" : "degraded") +
         R"(","service":"td_service","version":")" + std::string(core::kVersion) +
         R"(","connections":)" + std::to_string(server_.connection_count()) + R"(,"uptime_s":)" +
         std::to_string(up) + health.json_fields + "}";
}

std::string TdApp::metrics_text() {
  metrics_.set("ctpgw_connections", {}, static_cast<double>(server_.connection_count()));
  double buffered = 0;
  metrics_.set("ctpgw_sessions", {}, static_cast<double>(registry_.size()));
  metrics_.set("ctpgw_sessions_upstream_connected", {},
               static_cast<double>(registry_.upstream_connected()));
  for (const auto& [id, c] : connections_)
    buffered += static_cast<double>(server_.buffered_bytes(id));
  metrics_.set("ctpgw_send_buffer_bytes", {}, buffered);
  const backend::BackendHealth h = backend_->health();
  metrics_.set("ctpgw_storage_writable", {}, h.ok ? 1 : 0);
  for (const auto& [field, metric] :
       {std::pair{std::string_view(R"("wal_bytes":)"), "ctpgw_storage_wal_bytes"},
        std::pair{std::string_view(R"("backlog_bytes":)"), "ctpgw_storage_backlog_bytes"}}) {
    if (const auto p = h.json_fields.find(field); p != std::string::npos) {
      metrics_.set(metric, {}, std::strtod(h.json_fields.c_str() + p + field.size(), nullptr));
    }
  }
  return metrics_.render();
}

namespace {

/// The MsgType at the head of an outgoing message, as a metrics label: only the catalogue's
/// requests (error replies to a known request carry its MsgType), replies and pushes and the
/// gateway's own messages; anything a client typed is "other". Labels are built once: every push
/// passes here.
const std::string& out_label(std::string_view json) {
  static const auto labels = [] {
    std::map<std::string, std::string, std::less<>> k;
    const auto add = [&k](std::string_view type) {
      k.emplace(std::string(type), "msg_type=\"" + std::string(type) + "\"");
    };
    for (const char* t :
         {"RspResume", "RtnUpstreamStatus", "RspError", "RspAuthenticate", "other"}) {
      add(t);
    }
    for (const auto& m : protocol::messages()) {
      add(m.reply);
      add(m.request);
    }
    for (const auto& p : protocol::pushes()) add(p.msg_type);
    return k;
  }();
  constexpr std::string_view kHead = R"({"MsgType":")";
  if (json.substr(0, kHead.size()) == kHead) {
    const std::string_view rest = json.substr(kHead.size(), 64);
    if (const auto end = rest.find('"'); end != std::string_view::npos) {
      if (const auto it = labels.find(rest.substr(0, end)); it != labels.end()) return it->second;
    }
  }
  return labels.find("other")->second;
}

}  // namespace

void TdApp::send(net::ConnectionId id, std::string_view json) {
  metrics_.add("ctpgw_messages_out_total", out_label(json));
  // Gateway-made errors begin {"MsgType":..,"RspInfo":{"ErrorID":-N: count them by code. Only
  // the head is searched: every push passes here, and its body may be kilobytes.
  if (const auto p = json.substr(0, 96).find(R"("RspInfo":{"ErrorID":-)");
      p != std::string_view::npos) {
    const std::string_view code = json.substr(p + 21, json.find(',', p + 21) - (p + 21));
    if (code == "-400" || code == "-401" || code == "-404" || code == "-1" || code == "-2" ||
        code == "-3") {
      metrics_.add("ctpgw_errors_total", "code=\"" + std::string(code) + "\"");
    }
  }
  if (server_.send_text(id, json) == net::SendResult::BufferFull) {
    metrics_.add("ctpgw_slow_client_disconnects_total");
    spdlog::warn("connection {}: send buffer full, disconnecting the slow client", id);
    server_.close(id, net::CloseCode::PolicyViolation, "send buffer full: client too slow");
  }
}

void TdApp::send_frame(net::ConnectionId id, const net::FramePtr& frame) {
  metrics_.add("ctpgw_messages_out_total", out_label(net::frame_payload(frame)));
  if (server_.send_frame(id, frame) == net::SendResult::BufferFull) {
    metrics_.add("ctpgw_slow_client_disconnects_total");
    spdlog::warn("connection {}: send buffer full, disconnecting the slow client", id);
    server_.close(id, net::CloseCode::PolicyViolation, "send buffer full: client too slow");
  }
}

void TdApp::log_failed_login(net::ConnectionId id, const std::string& user,
                             const ctp::CThostFtdcRspInfoField& info) {
  core::audit(info.ErrorID == 75 ? "login_locked_out" : "login_failed",
              {{"connection", std::to_string(id)},
               {"peer", peer(id)},
               {"user", user},
               {"error", std::to_string(info.ErrorID)}});
  if (!failed_login_log_.allow()) return;
  const std::uint64_t suppressed = failed_login_log_.take_suppressed();
  spdlog::warn("connection {} ({}): login failed for user '{}': ErrorID {} {}{}", id, peer(id),
               user, info.ErrorID, ctp::utf8_of(info.ErrorMsg),
               suppressed > 0 ? " (" + std::to_string(suppressed) + " more not logged)" : "");
}

}  // namespace ctpgw::td
