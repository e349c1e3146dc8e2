#include "ctpgw/service/service_main.h"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <sys/resource.h>
#include <array>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <csignal>
#include <iostream>

#include "ctpgw/core/audit.h"
#include "ctpgw/core/logging.h"
#include "ctpgw/core/version.h"

namespace ctpgw::service {
namespace {

// Closing handshakes normally finish in milliseconds; this bounds a shutdown whose clients
// never answer the close frame.
constexpr auto kShutdownGrace = std::chrono::seconds(3);

void wait_until_idle(boost::asio::steady_timer& timer, ServiceApp& app,
                     std::chrono::steady_clock::time_point deadline, boost::asio::io_context& io) {
  if (app.idle() || std::chrono::steady_clock::now() >= deadline) {
    io.stop();
    return;
  }
  timer.expires_after(std::chrono::milliseconds(10));
  timer.async_wait([&timer, &app, deadline, &io](const boost::system::error_code& ec) {
    if (!ec) wait_until_idle(timer, app, deadline, io);
  });
}

/// Security.Tokens: one "sha256:<64 hex digits>" per line, optionally followed by a name;
/// blank lines and lines starting with # are skipped (scripts/make-token.sh writes them).
std::vector<std::array<unsigned char, 32>> load_token_hashes(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("Security.Tokens: cannot read '" + file.string() + "'");
  std::vector<std::array<unsigned char, 32>> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::string hex = line.substr(0, line.find(' '));
    std::array<unsigned char, 32> digest{};
    bool ok = hex.size() == 7 + 64 && hex.rfind("sha256:", 0) == 0;
    for (std::size_t i = 0; ok && i < 32; ++i) {
      const auto nibble = [&](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        ok = false;
        return 0;
      };
      digest[i] = static_cast<unsigned char>(nibble(hex[7 + 2 * i]) * 16 + nibble(hex[8 + 2 * i]));
    }
    if (!ok) {
      throw std::runtime_error("Security.Tokens: line " + std::to_string(number) + " of '" +
                               file.string() + "' is not sha256:<64 lowercase hex digits>");
    }
    out.push_back(digest);
  }
  if (out.empty()) {
    throw std::runtime_error("Security.Tokens: '" + file.string() +
                             "' holds no token (nobody could connect)");
  }
  return out;
}

}  // namespace

static bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.rfind("127.", 0) == 0;
}

net::WsServerOptions server_options(const core::Config& c, std::string_view path) {
  net::WsServerOptions o;
  o.host = c.host;
  o.port = c.port;
  o.paths = {std::string(path), std::string(path.substr(0, path.size() - 1))};
  o.max_message_bytes = c.websocket.max_message_bytes;
  o.send_buffer_bytes = c.websocket.send_buffer_bytes;
  o.ping_interval = std::chrono::milliseconds(c.websocket.ping_interval_ms);
  o.pong_timeout = std::chrono::milliseconds(c.websocket.pong_timeout_ms);
  o.handshake_timeout = std::chrono::milliseconds(c.websocket.handshake_timeout_ms);
  o.server_name = std::string("ctp-gateway/") + std::string(core::kVersion);
  o.allowed_origins = c.security.allowed_origins;
  o.max_connections = c.security.max_connections;
  o.max_connections_per_ip = c.security.max_connections_per_ip;
  o.max_pending_handshakes_per_ip = c.security.max_pending_handshakes_per_ip;
  if (c.tls.enabled()) {
    o.tls = net::TlsOptions{c.tls.certificate_chain_file.string(), c.tls.private_key_file.string()};
  }
  if (!c.security.tokens_file.empty()) o.token_hashes = load_token_hashes(c.security.tokens_file);
  return o;
}

int run_service(int argc, char** argv, const ServiceInfo& info) {
  CLI::App cli{std::string(info.name) + ": webctp-compatible WebSocket gateway to CTP"};
  std::string config_path = "./config.yaml";
  bool show_version = false;
  cli.add_option(
         "--config", config_path,
         "YAML config file: webctp's keys (TdFrontAddress, MdFrontAddress, BrokerID, AppID, "
         "AuthCode, Host, Port, LogLevel, ConFilePath) plus the gateway's maps WebSocket, "
         "Limits, Security, TLS, Session, Log, Audit and Sim; unknown keys stop start-up")
      ->capture_default_str();
  cli.footer(
      "Every config key, its default and meaning: README.md, section Configuration.\n"
      "Shipped configs: configs/config_md.yaml, configs/config_td.yaml (embedded simulator);\n"
      "real CTP fronts: configs/examples/ (needs a build with -DCTPGW_CTP_SDK_DIR).\n"
      "Protocol: docs/protocol.md and docs/protocol-reference.md.");
  cli.add_flag("--version", show_version, "Print the version and exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (show_version) {
    std::cout << info.name << " " << core::kVersion << "\n";
    return 0;
  }

  core::Config config;
  try {
    config = core::load_config(config_path);
  } catch (const core::ConfigError& e) {
    std::cerr << info.name << ": " << e.what() << "\n";
    return 2;
  }

  core::setup_logging(info.name, config.log_level, config.log_format);
  if (!config.audit.file.empty()) {
    try {
      core::open_audit_log(config.audit.file, config.audit.max_file_bytes, config.audit.max_files);
    } catch (const std::exception& e) {
      spdlog::critical("cannot open the audit log '{}': {}", config.audit.file, e.what());
      core::shutdown_logging();
      return 2;
    }
  }
  // Each WebSocket is a descriptor: take the hard limit so 10,000 clients fit (the default
  // soft limit is often 1024).
  if (rlimit lim{}; ::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
  }
  int rc = 0;
  {
    boost::asio::io_context io(1);
    // Installed before "listening on" is announced: a signal that follows must already find it.
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    std::signal(SIGPIPE, SIG_IGN);
    std::unique_ptr<ServiceApp> app;
    try {
      app = info.make(io, config);
      const std::uint16_t port = app->start();
      spdlog::info("{} {} listening on {}://{}:{}{} (config {}){}", info.name, core::kVersion,
                   config.tls.enabled() ? "wss" : "ws", config.host, port, info.path,
                   config.source.string(),
                   config.security.tokens_file.empty() ? "" : "; access tokens required");
      if (!is_loopback(config.host) && !config.tls.enabled() &&
          config.security.tokens_file.empty()) {
        // Whoever reaches this port can log in and trade, and passwords cross the network in
        // clear text.
        spdlog::warn(
            "!!! {} listens on {} without TLS or access tokens: anyone who can reach "
            "port {} can use it. Set TLS and Security.Tokens, bind to 127.0.0.1 behind a TLS "
            "proxy (deploy/), or restrict the network. !!!",
            info.name, config.host, port);
      }
    } catch (const std::exception& e) {
      spdlog::critical("start-up failed: {}", e.what());
      app.reset();
      core::close_audit_log();
      core::shutdown_logging();
      return 1;
    }

    boost::asio::steady_timer shutdown_timer(io);
    signals.async_wait([&](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      spdlog::info("signal {} received, shutting down", signo);
      app->shutdown();
      wait_until_idle(shutdown_timer, *app, std::chrono::steady_clock::now() + kShutdownGrace, io);
    });
    try {
      io.run();
    } catch (const std::exception& e) {
      spdlog::critical("io loop failed: {}", e.what());
      rc = 1;
    }
    app.reset();
  }
  spdlog::info("{} stopped", info.name);
  core::close_audit_log();
  core::shutdown_logging();
  return rc;
}

}  // namespace ctpgw::service
