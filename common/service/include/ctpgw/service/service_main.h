// Process entry shared by md_service and td_service: command line (CLI11), config, logging,
// signals and the io loop. main.cpp of each service only names its app factory.
//
// Exit codes: 0 after a clean SIGINT/SIGTERM shutdown, 1 when start-up fails (port in use,
// unsupported backend), 2 for a bad command line or config.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "ctpgw/core/config.h"
#include "ctpgw/net/ws_server.h"

namespace ctpgw::service {

class ServiceApp {
 public:
  virtual ~ServiceApp() = default;
  /// Starts listening; returns the bound port.
  virtual std::uint16_t start() = 0;
  /// Begins a graceful shutdown: stop accepting, close every connection with 1001.
  virtual void shutdown() = 0;
  /// True once shutdown() has nothing left to wait for.
  virtual bool idle() const = 0;
};

struct ServiceInfo {
  std::string_view name;  ///< "md_service"
  std::string_view path;  ///< "/md/"
  std::function<std::unique_ptr<ServiceApp>(boost::asio::io_context&, const core::Config&)> make;
};

int run_service(int argc, char** argv, const ServiceInfo& info);

/// WebSocket server settings from the config, accepting upgrades on `path` with and without
/// its trailing slash.
net::WsServerOptions server_options(const core::Config& config, std::string_view path);

}  // namespace ctpgw::service
