// The only translation unit that includes websocketpp (compiled as C++17).
#include "ctpgw/net/ws_server.h"

#include "access_tokens.h"
#include "ctpgw/core/audit.h"
#include "ctpgw/net/frame_header.h"
#include "ctpgw/net/recycling_pool.h"
#include "fd_reserve.h"
#include "gateway_config.h"
#include "pending_handshakes.h"
#include "tls_context.h"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <stdexcept>
#include <unordered_map>
#include <websocketpp/concurrency/none.hpp>
#include <websocketpp/config/asio.hpp>
#include <websocketpp/server.hpp>

namespace ctpgw::net {
namespace {

using websocketpp::connection_hdl;
using SslContext = boost::asio::ssl::context;

std::size_t cap_for(std::size_t limit, SendPriority priority) {
  return priority == SendPriority::Control ? limit + kControlHeadroomBytes : limit;
}

bool is_protocol_close(websocketpp::close::status::value code) {
  namespace cs = websocketpp::close::status;
  return code == cs::protocol_error || code == cs::invalid_payload || code == cs::message_too_big ||
         code == cs::policy_violation;
}

}  // namespace

/// The message itself: a frame is the websocketpp message the connections queue.
struct PreparedFrame : PlainConfig::message_type {
  PreparedFrame()
      : PlainConfig::message_type(con_msg_man_ptr(), websocketpp::frame::opcode::text,
                                  0 /* no payload reserve: the first use sizes it */) {}
};

namespace {

// Frames idle between pushes: enough for a burst of pushes still queued on slow sockets to come
// back, bounded so a burst of large ones does not stay resident.
constexpr std::size_t kIdleFrames = 4096;
constexpr std::size_t kIdleFrameBytes = 16u << 20;
constexpr std::size_t kLargestPooledPayload = 64u << 10;

ObjectPool<PreparedFrame>& frame_pool() {
  static auto* const pool = new ObjectPool<PreparedFrame>(kIdleFrames, kIdleFrameBytes);
  return *pool;  // never destroyed: a frame may be released after static destruction began
}

/// The last owner of a frame hands it back with its payload's capacity (none too large).
struct ReturnToPool {
  void operator()(PreparedFrame* frame) const noexcept {
    const std::size_t held = frame->get_raw_payload().capacity();
    if (held > kLargestPooledPayload) {
      delete frame;
      return;
    }
    frame_pool().give(frame, held);
  }
};

}  // namespace

FramePtr prepare_text_frame(std::string_view payload) {
  PreparedFrame* const msg = frame_pool().take();
  const std::size_t n = payload.size();
  msg->set_header(text_frame_header(n));
  std::string& body = msg->get_raw_payload();
  if (body.capacity() < n) {
    // Rounded up to 512 bytes: a frame that carried a shorter push (an RtnTrade) and is reused
    // for a longer one (an RtnOrder) grows once, not by a few bytes at a time, and a queued
    // frame holds at most 511 bytes more than it sends.
    constexpr std::size_t kStep = 512;
    body.reserve((n + kStep - 1) / kStep * kStep);
  }
  body.assign(payload.data(), payload.size());
  msg->set_prepared(true);
  return std::shared_ptr<PreparedFrame>(msg, ReturnToPool{}, PooledAllocator<PreparedFrame>{});
}

std::size_t idle_frames() {
  return frame_pool().idle();
}

std::string_view frame_payload(const FramePtr& frame) {
  return frame->get_payload();
}

/// What WsServer needs of a server, plain or TLS.
struct WsServer::Impl {
  virtual ~Impl() = default;
  virtual std::uint16_t listen() = 0;
  virtual SendResult send_text(ConnectionId id, std::string_view payload,
                               SendPriority priority) = 0;
  virtual SendResult send_frame(ConnectionId id, const FramePtr& frame, SendPriority priority) = 0;
  virtual std::size_t buffered_bytes(ConnectionId id) const = 0;
  virtual void close(ConnectionId id, CloseCode code, std::string_view reason) = 0;
  virtual void shutdown() = 0;
  virtual std::string peer_address(ConnectionId id) const = 0;
  virtual std::size_t connection_count() const = 0;
};

namespace {

template <class Config>
struct ServerImpl final : WsServer::Impl {
  using Server = websocketpp::server<Config>;
  using ConnectionPtr = typename Server::connection_ptr;

  boost::asio::io_context& io;
  WsServerOptions options;
  WsHandler& handler;
  Server server;
  std::shared_ptr<SslContext> tls;  ///< TLS only
  PendingHandshakes<typename Server::connection_type> pending;
  std::chrono::steady_clock::time_point last_pending_warning{};
  std::unordered_map<ConnectionId, ConnectionPtr> connections;
  std::unordered_map<std::string, std::size_t> per_ip;  ///< open connections by client address
  ConnectionId next_id = 1;
  boost::asio::steady_timer ping_timer;
  boost::asio::steady_timer accept_timer;
  std::chrono::steady_clock::time_point last_accept_warning{};
  std::uint64_t accept_failures = 0;  ///< since the last warning
  FdReserve fd_reserve{16};
  /// While out of descriptors: accept again only once fewer connections than this are open.
  std::size_t accept_ceiling = 0;
  bool shutting_down = false;

  ServerImpl(boost::asio::io_context& io_, WsServerOptions opts, WsHandler& h,
             std::shared_ptr<SslContext> tls_context)
      : io(io_),
        options(std::move(opts)),
        handler(h),
        tls(std::move(tls_context)),
        pending(options.max_pending_handshakes_per_ip),
        ping_timer(io_),
        accept_timer(io_) {
    if constexpr (std::is_same_v<Config, TlsConfig>) {
      server.set_tls_init_handler([this](connection_hdl) { return tls; });
    }
    server.clear_access_channels(websocketpp::log::alevel::all);
    server.clear_error_channels(websocketpp::log::elevel::all);
    server.init_asio(&io);
    server.set_reuse_addr(true);
    server.set_max_message_size(options.max_message_bytes);
    server.set_listen_backlog(1024);
    server.set_user_agent(options.server_name);
    server.set_open_handshake_timeout(static_cast<long>(options.handshake_timeout.count()));
    if (options.ping_interval.count() > 0) {
      server.set_pong_timeout(static_cast<long>(options.pong_timeout.count()));
    }
    // Disable Nagle once the TCP connection exists (websocketpp's socket-init hook runs before
    // accept, where the option cannot be set): small replies must not wait for delayed ACKs.
    server.set_tcp_post_init_handler([this](connection_hdl hdl) {
      websocketpp::lib::error_code ec;
      if (auto con = server.get_con_from_hdl(hdl, ec)) {
        boost::system::error_code opt_ec;
        con->get_raw_socket().set_option(boost::asio::ip::tcp::no_delay(true), opt_ec);
        const auto remote = con->get_raw_socket().remote_endpoint(opt_ec);
        if (!opt_ec) con->peer = remote.address().to_string() + ":" + std::to_string(remote.port());
      }
    });
    server.set_validate_handler([this](connection_hdl hdl) { return on_validate(hdl); });
    server.set_http_handler([this](connection_hdl hdl) { on_http(hdl); });
    server.set_open_handler([this](connection_hdl hdl) { on_open(hdl); });
    server.set_close_handler([this](connection_hdl hdl) { on_gone(hdl); });
    server.set_fail_handler([this](connection_hdl hdl) { on_failed(hdl); });
    server.set_message_handler(
        [this](connection_hdl hdl, typename Server::message_ptr msg) { on_message(hdl, msg); });
    server.set_pong_timeout_handler([this](connection_hdl hdl, std::string) {
      if (auto con = server.get_con_from_hdl(hdl)) {
        spdlog::info("connection {}: no pong within {} ms, closing", con->gateway_id,
                     options.pong_timeout.count());
        websocketpp::lib::error_code ec;
        con->close(websocketpp::close::status::policy_violation, "pong timeout", ec);
      }
    });
  }

  bool on_validate(connection_hdl hdl) {
    ConnectionPtr con = server.get_con_from_hdl(hdl);
    const std::string& resource = con->get_resource();
    const std::string path = path_of(resource);
    bool known_path = false;
    for (const std::string& p : options.paths) known_path = known_path || path == p;
    if (!known_path) return refuse(*con, websocketpp::http::status_code::not_found, "unknown path");
    if (!options.token_hashes.empty()) {
      const std::size_t q = resource.find('?');
      const std::string token =
          presented_token(con->get_request_header("Authorization"),
                          q == std::string::npos ? std::string_view() : resource.substr(q + 1));
      if (!token_allowed(options.token_hashes, token)) {
        con->append_header("WWW-Authenticate", "Bearer");
        return refuse(*con, websocketpp::http::status_code::unauthorized,
                      token.empty() ? "no access token (Security.Tokens is set)"
                                    : "the access token is not valid");
      }
    }
    const std::string origin = con->get_request_header("Origin");
    if (!origin.empty() && !options.allowed_origins.empty() &&
        std::find(options.allowed_origins.begin(), options.allowed_origins.end(), origin) ==
            options.allowed_origins.end()) {
      return refuse(*con, websocketpp::http::status_code::forbidden,
                    "Origin '" + origin.substr(0, 100) + "' is not in Security.AllowedOrigins");
    }
    if (connections.size() >= options.max_connections) {
      return refuse(*con, websocketpp::http::status_code::service_unavailable,
                    "Security.MaxConnections reached");
    }
    if (options.max_connections_per_ip > 0 &&
        per_ip[ip_of(con->peer)] >= options.max_connections_per_ip) {
      return refuse(*con, websocketpp::http::status_code::too_many_requests,
                    "Security.MaxConnectionsPerIp reached");
    }
    return true;
  }

  bool refuse(typename Server::connection_type& con, websocketpp::http::status_code::value status,
              const std::string& why) {
    spdlog::info("handshake from {} refused with HTTP {}: {}", con.peer, static_cast<int>(status),
                 why);
    core::audit("handshake_refused", {{"peer", con.peer},
                                      {"status", std::to_string(static_cast<int>(status))},
                                      {"reason", why}});
    con.set_status(status);
    return false;
  }

  static std::string ip_of(const std::string& peer) { return peer.substr(0, peer.rfind(':')); }
  /// The resource without its query (which may hold a token: never logged).
  static std::string path_of(const std::string& resource) {
    return resource.substr(0, resource.find('?'));
  }

  void on_http(connection_hdl hdl) {
    ConnectionPtr con = server.get_con_from_hdl(hdl);
    const std::string& method = con->get_request().get_method();
    if (con->get_resource() == "/health" && (method == "GET" || method == "HEAD")) {
      con->set_status(websocketpp::http::status_code::ok);
      con->append_header("Content-Type", "application/json");
      const std::string body = handler.health_json();
      if (method == "HEAD") {
        // Same headers as GET, no body (RFC 9110 §9.3.2).
        con->set_body("");
        con->replace_header("Content-Length", std::to_string(body.size()));
      } else {
        con->set_body(body);
      }
    } else if (con->get_resource() == "/metrics" && method == "GET") {
      std::string body = handler.metrics_text();
      if (body.empty()) return not_found(*con);
      con->set_status(websocketpp::http::status_code::ok);
      con->append_header("Content-Type", "text/plain; version=0.0.4");
      con->set_body(body);
    } else if (const StaticAsset* file = method == "GET" || method == "HEAD"
                                             ? handler.asset(path_of(con->get_resource()))
                                             : nullptr) {
      con->set_status(websocketpp::http::status_code::ok);
      con->append_header("Content-Type", std::string(file->content_type));
      // The console talks to the services' WebSocket ports only; nothing else loads.
      con->append_header("Content-Security-Policy",
                         "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:");
      con->append_header("X-Content-Type-Options", "nosniff");
      con->append_header("Cache-Control", "no-cache");
      con->set_body(method == "HEAD" ? std::string() : std::string(file->body));
    } else {
      not_found(*con);
    }
  }

  static void not_found(typename Server::connection_type& con) {
    con.set_status(websocketpp::http::status_code::not_found);
    con.append_header("Content-Type", "application/json");
    con.set_body(R"({"error":"not found"})");
  }

  void on_open(connection_hdl hdl) {
    ConnectionPtr con = server.get_con_from_hdl(hdl);
    con->gateway_id = next_id++;
    connections.emplace(con->gateway_id, con);
    ++per_ip[ip_of(con->peer)];
    const std::string path = path_of(con->get_resource());
    spdlog::info("connection {} opened from {} on {}{}", con->gateway_id, con->peer, path,
                 options.tls ? " (TLS)" : "");
    core::audit(
        "connect",
        {{"connection", std::to_string(con->gateway_id)}, {"peer", con->peer}, {"path", path}});
    handler.on_open(con->gateway_id);
  }

  void on_failed(connection_hdl hdl) {
    ConnectionPtr con = server.get_con_from_hdl(hdl);
    if (con->gateway_id == 0) {
      // Never upgraded: a refused or broken handshake.
      spdlog::info("handshake from {} failed: {}", con->peer, con->get_ec().message());
    }
    on_gone(hdl);
  }

  void on_gone(connection_hdl hdl) {
    ConnectionPtr con = server.get_con_from_hdl(hdl);
    if (is_protocol_close(con->get_local_close_code())) {
      spdlog::info("connection {} ({}): closed by the gateway with {} ({})", con->gateway_id,
                   con->peer, static_cast<int>(con->get_local_close_code()),
                   con->get_local_close_reason());
    }
    auto it = connections.find(con->gateway_id);
    if (con->gateway_id == 0 || it == connections.end()) return;  // never opened
    connections.erase(it);
    if (auto ip = per_ip.find(ip_of(con->peer)); ip != per_ip.end() && --ip->second == 0) {
      per_ip.erase(ip);
    }
    spdlog::info("connection {} ({}) closed: local {} remote {}", con->gateway_id, con->peer,
                 static_cast<int>(con->get_local_close_code()),
                 static_cast<int>(con->get_remote_close_code()));
    core::audit("disconnect",
                {{"connection", std::to_string(con->gateway_id)},
                 {"peer", con->peer},
                 {"code", std::to_string(static_cast<int>(con->get_local_close_code()))}});
    handler.on_close(con->gateway_id);
  }

  void on_message(connection_hdl hdl, const typename Server::message_ptr& msg) {
    ConnectionPtr con = server.get_con_from_hdl(hdl);
    const std::string& payload = msg->get_payload();
    if (msg->get_opcode() == websocketpp::frame::opcode::text) {
      handler.on_text(con->gateway_id, payload);
    } else {
      handler.on_binary(con->gateway_id, payload.size());
    }
  }

  void schedule_ping() {
    if (options.ping_interval.count() <= 0 || shutting_down) return;
    ping_timer.expires_after(options.ping_interval);
    ping_timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec || shutting_down) return;
      for (auto& [id, con] : connections) {
        websocketpp::lib::error_code ping_ec;
        con->ping("", ping_ec);
      }
      schedule_ping();
    });
  }

  // Accepting by hand rather than with websocketpp's start_accept(): its loop re-arms at once
  // after a failed accept, which spins a core while the process is out of file descriptors.
  void accept_next() {
    if (shutting_down || !server.is_listening()) return;
    if (!has_headroom()) {
      // Accepting now would leave the process without a free descriptor, which breaks more
      // than the accept (logging, storage, the sanitizers' probes): stop before the edge.
      fd_reserve.release();
      accept_ceiling = std::max<std::size_t>(connections.size(), 1);
      return pause_accepting("the process is out of file descriptors (EMFILE)");
    }
    ConnectionPtr con = server.get_connection();
    if (!con) return pause_accepting("cannot create a connection object");
    websocketpp::lib::error_code ec;
    server.async_accept(
        websocketpp::lib::static_pointer_cast<typename Server::transport_con_type>(con),
        [this, con](const websocketpp::lib::error_code& accept_ec) { on_accepted(con, accept_ec); },
        ec);
    if (ec) {
      con->terminate(websocketpp::lib::error_code());
      if (ec != websocketpp::error::async_accept_not_listening) pause_accepting(ec.message());
    }
  }

  // By value: terminate() may destroy the handler that holds the caller's copy.
  void on_accepted(ConnectionPtr con, websocketpp::lib::error_code ec) {
    if (ec) {
      // Not terminate(): that path (websocketpp's own) frees the never-opened socket twice under
      // EMFILE. The connection object was never started; dropping it is all it needs.
      if (ec == websocketpp::error::operation_canceled) return;  // stopped listening
      const char* why = fd_exhaustion();
      if (why != nullptr) {
        fd_reserve.release();
        accept_ceiling = std::max<std::size_t>(connections.size(), 1);
      }
      return pause_accepting(why != nullptr ? why : ec.message());
    }
    take_pending_slot(con);
    con->start();
    accept_next();
  }

  /// Security.MaxPendingHandshakesPerIp (pending_handshakes.h): drops the address's oldest
  /// connections that have not upgraded, beyond the limit.
  void take_pending_slot(const ConnectionPtr& con) {
    boost::system::error_code ec;
    const auto remote = con->get_raw_socket().remote_endpoint(ec);
    const std::string ip = ec ? std::string("?") : remote.address().to_string();
    const auto drop = pending.add(ip, con, [](const typename Server::connection_type& c) {
      return c.gateway_id == 0 && !c.dropped;
    });
    for (const ConnectionPtr& old : drop) {
      old->dropped = true;
      old->terminate(websocketpp::lib::error_code());
    }
    const auto now = std::chrono::steady_clock::now();
    if (!drop.empty() && now - last_pending_warning >= std::chrono::seconds(10)) {
      last_pending_warning = now;
      spdlog::warn(
          "more than {} connections from {} without a completed handshake "
          "(Security.MaxPendingHandshakesPerIp); dropping the oldest",
          options.max_pending_handshakes_per_ip, ip);
      core::audit("handshake_refused",
                  {{"peer", ip}, {"reason", "Security.MaxPendingHandshakesPerIp reached"}});
    }
  }

  /// True when a few descriptors are free beyond the one an accept takes.
  static bool has_headroom() {
    constexpr int kSpare = 4;
    int fds[kSpare];
    int opened = 0;
    while (opened < kSpare) {
      fds[opened] = ::eventfd(0, EFD_CLOEXEC);
      if (fds[opened] < 0) break;
      ++opened;
    }
    for (int i = 0; i < opened; ++i) ::close(fds[i]);
    return opened == kSpare;
  }

  void pause_accepting(const std::string& why) {
    ++accept_failures;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_accept_warning >= std::chrono::seconds(10)) {
      spdlog::warn(
          "cannot accept connections: {}; pausing accepts for {} ms ({} failed "
          "accepts since the last warning); existing connections are still served",
          why, options.accept_retry.count(), accept_failures);
      last_accept_warning = now;
      accept_failures = 0;
    }
    retry_accept_later();
  }

  void retry_accept_later() {
    accept_timer.expires_after(options.accept_retry);
    accept_timer.async_wait([this](const boost::system::error_code& timer_ec) {
      if (!timer_ec) resume_accepting();
    });
  }

  void resume_accepting() {
    if (accept_ceiling != 0) {
      // Out of descriptors: wait until a connection has gone and the reserve is whole again.
      if (connections.size() >= accept_ceiling || !fd_reserve.acquire()) {
        return retry_accept_later();
      }
      spdlog::info("file descriptors available again ({} connections); accepting",
                   connections.size());
      accept_ceiling = 0;
    }
    accept_next();
  }

  ConnectionPtr find(ConnectionId id) const {
    auto it = connections.find(id);
    return it == connections.end() ? nullptr : it->second;
  }

  std::uint16_t listen() override {
    websocketpp::lib::error_code ec;
    boost::system::error_code addr_ec;
    const auto address = boost::asio::ip::make_address(options.host, addr_ec);
    if (addr_ec) {
      throw std::runtime_error("invalid Host '" + options.host + "': " + addr_ec.message());
    }
    const boost::asio::ip::tcp::endpoint endpoint(address, options.port);
    server.listen(endpoint, ec);
    if (ec) {
      // websocketpp reports only "Underlying Transport Error"; a plain bind says what is wrong.
      std::string reason = ec.message();
      boost::asio::ip::tcp::acceptor probe(io);
      boost::system::error_code probe_ec;
      probe.open(endpoint.protocol(), probe_ec);
      if (!probe_ec) probe.set_option(boost::asio::socket_base::reuse_address(true), probe_ec);
      if (!probe_ec) probe.bind(endpoint, probe_ec);
      if (probe_ec) reason = probe_ec.message();
      throw std::runtime_error("cannot listen on " + options.host + ":" +
                               std::to_string(options.port) + ": " + reason);
    }
    accept_next();
    boost::system::error_code local_ec;
    const auto local = server.get_local_endpoint(local_ec);
    if (local_ec) throw std::runtime_error("cannot read the bound address: " + local_ec.message());
    schedule_ping();
    return local.port();
  }

  SendResult send_text(ConnectionId id, std::string_view payload, SendPriority priority) override {
    ConnectionPtr con = find(id);
    if (!con || con->get_state() != websocketpp::session::state::open) {
      return SendResult::NotConnected;
    }
    if (con->get_buffered_amount() + payload.size() >
        cap_for(options.send_buffer_bytes, priority)) {
      return SendResult::BufferFull;
    }
    const auto ec = con->send(payload.data(), payload.size(), websocketpp::frame::opcode::text);
    return ec ? SendResult::NotConnected : SendResult::Sent;
  }

  SendResult send_frame(ConnectionId id, const FramePtr& frame, SendPriority priority) override {
    ConnectionPtr con = find(id);
    if (!con || con->get_state() != websocketpp::session::state::open) {
      return SendResult::NotConnected;
    }
    if (con->get_buffered_amount() + frame->get_payload().size() >
        cap_for(options.send_buffer_bytes, priority)) {
      return SendResult::BufferFull;
    }
    // websocketpp takes a mutable message; a prepared one is only read from here on.
    const auto ec = con->send(std::const_pointer_cast<PreparedFrame>(frame));
    return ec ? SendResult::NotConnected : SendResult::Sent;
  }

  std::size_t buffered_bytes(ConnectionId id) const override {
    ConnectionPtr con = find(id);
    return con ? con->get_buffered_amount() : 0;
  }

  void close(ConnectionId id, CloseCode code, std::string_view reason) override {
    ConnectionPtr con = find(id);
    if (!con) return;
    websocketpp::lib::error_code ec;
    con->close(static_cast<websocketpp::close::status::value>(code), std::string(reason), ec);
  }

  void shutdown() override {
    if (shutting_down) return;
    shutting_down = true;
    ping_timer.cancel();
    accept_timer.cancel();
    websocketpp::lib::error_code ec;
    if (server.is_listening()) server.stop_listening(ec);
    for (auto& [id, con] : connections) {
      websocketpp::lib::error_code close_ec;
      con->close(websocketpp::close::status::going_away, "server shutting down", close_ec);
    }
  }

  std::string peer_address(ConnectionId id) const override {
    ConnectionPtr con = find(id);
    return con ? con->peer : std::string("?");
  }

  std::size_t connection_count() const override { return connections.size(); }
};

}  // namespace

WsServer::WsServer(boost::asio::io_context& io, WsServerOptions options, WsHandler& handler) {
  if (options.tls) {
    auto context = make_tls_context(*options.tls);  // throws, naming the file, when unusable
    impl_ = std::make_unique<ServerImpl<TlsConfig>>(io, std::move(options), handler,
                                                    std::move(context));
  } else {
    impl_ = std::make_unique<ServerImpl<PlainConfig>>(io, std::move(options), handler, nullptr);
  }
}

WsServer::~WsServer() = default;

std::uint16_t WsServer::listen() {
  return impl_->listen();
}
SendResult WsServer::send_text(ConnectionId id, std::string_view payload, SendPriority priority) {
  return impl_->send_text(id, payload, priority);
}
SendResult WsServer::send_frame(ConnectionId id, const FramePtr& frame, SendPriority priority) {
  return impl_->send_frame(id, frame, priority);
}
std::size_t WsServer::buffered_bytes(ConnectionId id) const {
  return impl_->buffered_bytes(id);
}
void WsServer::close(ConnectionId id, CloseCode code, std::string_view reason) {
  impl_->close(id, code, reason);
}
void WsServer::shutdown() {
  impl_->shutdown();
}
std::string WsServer::peer_address(ConnectionId id) const {
  return impl_->peer_address(id);
}
std::size_t WsServer::connection_count() const {
  return impl_->connection_count();
}

}  // namespace ctpgw::net
