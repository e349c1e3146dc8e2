// td_service composition root: the WebSocket server on /td/, one TdConnection per socket, the
// registry of trading sessions they attach to, and the trading backend. io thread only.
#pragma once

#include <chrono>
#include <memory>
#include <unordered_map>

#include "ctpgw/backend/backend.h"
#include "ctpgw/console/console.h"
#include "ctpgw/core/config.h"
#include "ctpgw/core/log_throttle.h"
#include "ctpgw/core/metrics.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/service/service_main.h"
#include "login_guard.h"
#include "session_registry.h"
#include "td_connection.h"

namespace ctpgw::td {

class TdApp final : public service::ServiceApp, public net::WsHandler {
 public:
  TdApp(boost::asio::io_context& io, const core::Config& config);
  /// With a given backend (tests run the sessions against the SDK adapter over a vendor double).
  TdApp(boost::asio::io_context& io, const core::Config& config,
        std::unique_ptr<backend::Backend> backend);
  ~TdApp() override;

  std::uint16_t start() override;
  void shutdown() override;
  bool idle() const override;

  void on_open(net::ConnectionId id) override;
  void on_text(net::ConnectionId id, std::string_view payload) override;
  void on_binary(net::ConnectionId id, std::size_t size) override;
  void on_close(net::ConnectionId id) override;
  std::string health_json() override;
  std::string metrics_text() override;
  const net::StaticAsset* asset(std::string_view path) override { return console_.find(path); }
  core::Metrics& metrics() { return metrics_; }
  LoginGuard& login_guard() { return login_guard_; }

  /// Sends to a client. Order and trade pushes are never dropped: a client whose send buffer is
  /// full is disconnected with a reason instead (nothing is lost on the counter side).
  void send(net::ConnectionId id, std::string_view json);
  /// The same for a frame shared by several sockets (a session's numbered pushes).
  void send_frame(net::ConnectionId id, const net::FramePtr& frame);
  SessionRegistry& sessions() { return registry_; }

  backend::Backend& backend() { return *backend_; }
  boost::asio::io_context& io() { return io_; }
  /// "ip:port" of a connection's client, for logs.
  std::string peer(net::ConnectionId id) const { return server_.peer_address(id); }
  /// The address part of peer(), the unit of the login lock-out.
  std::string client_ip(net::ConnectionId id) const {
    const std::string p = peer(id);
    return p.substr(0, p.rfind(':'));
  }
  /// WARN with peer and user, at most 20 lines per 10 s across all connections.
  void log_failed_login(net::ConnectionId id, const std::string& user,
                        const ctp::CThostFtdcRspInfoField& info);
  const core::Config& config() const { return config_; }

 private:
  boost::asio::io_context& io_;
  core::Config config_;
  std::unique_ptr<backend::Backend> backend_;
  net::WsServer server_;
  core::Metrics metrics_;
  SessionRegistry registry_;  ///< after backend_: sessions release their APIs first
  std::unordered_map<net::ConnectionId, std::unique_ptr<TdConnection>> connections_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  core::LogThrottle failed_login_log_{20, std::chrono::seconds(10)};
  LoginGuard login_guard_;
  console::Console console_{"td"};  ///< GET / (docs/console.md)
};

}  // namespace ctpgw::td
