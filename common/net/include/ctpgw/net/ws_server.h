// WebSocket server core shared by md_service and td_service (websocketpp on Boost.Asio).
//
// Accepts WebSocket upgrades on the configured paths only, answers `GET /health` (and `HEAD`)
// with a small JSON, closes frames above max_message_bytes with 1009 (that connection only), pings
// every ping_interval and closes connections whose pong does not come back. Each connection has a
// bounded send buffer: send_text() refuses (BufferFull) rather than queue past the limit, so a
// client that stops reading can never grow the process without bound; the caller decides what
// to do (conflate, or disconnect with a reason). When accepting fails (out of file descriptors:
// EMFILE/ENFILE) it pauses accepting for accept_retry and logs once per interval instead of
// retrying in a busy loop; existing connections keep being served. Closes the gateway makes for
// protocol reasons (1002, 1007, 1009) and failed handshakes are logged with the peer address.
//
// Threading: everything, including the handler callbacks, runs on the io_context given to the
// constructor, which must be run by exactly one thread. No method may be called from another
// thread; post to the io_context instead.
//
// This header is deliberately C++17: the one translation unit that includes websocketpp is
// compiled as C++17 (Debian's websocketpp 0.8.2 does not build as C++20, see docs/adr).
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctpgw::net {

using ConnectionId = std::uint64_t;

/// wss:// (PEM files; TLS 1.2 and 1.3 only, forward-secret AEAD ciphers).
struct TlsOptions {
  std::string certificate_chain_file;
  std::string private_key_file;
};

struct WsServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0 picks a free port; see WsServer::listen()
  std::vector<std::string> paths;
  std::size_t max_message_bytes = 1 << 20;
  std::size_t send_buffer_bytes = 16 << 20;
  std::chrono::milliseconds ping_interval{20000};  ///< zero disables pings
  std::chrono::milliseconds pong_timeout{20000};
  std::chrono::milliseconds accept_retry{100};  ///< pause after a failed accept
  /// A connection whose HTTP upgrade is not complete by then is dropped (slow-loris). Request
  /// headers are capped by websocketpp at 16,000 bytes (answered 431/400 and closed).
  std::chrono::milliseconds handshake_timeout{5000};
  std::string server_name = "ctp-gateway";  ///< HTTP Server header
  /// Browser Origins allowed to upgrade (empty: any). A request without Origin (not a browser)
  /// is not affected. A disallowed Origin gets HTTP 403 and no upgrade.
  std::vector<std::string> allowed_origins;
  std::size_t max_connections = 20000;     ///< beyond: HTTP 503 at the handshake
  std::size_t max_connections_per_ip = 0;  ///< beyond: HTTP 429 (0: no limit)
  /// TCP connections from one address not yet upgraded; beyond: closed at accept (0: no limit).
  std::size_t max_pending_handshakes_per_ip = 64;
  std::optional<TlsOptions> tls;  ///< set: the port speaks TLS only
  /// SHA-256 digests of the access tokens (load_token_hashes); empty: no token needed. A
  /// token comes as "Authorization: Bearer <token>" or "?token=<token>"; HTTP 401 without one.
  std::vector<std::array<unsigned char, 32>> token_hashes;
};

/// A file served at a fixed path (the web console). The views must outlive the server.
struct StaticAsset {
  std::string_view content_type;
  std::string_view body;
};

/// Receives connection events. Called on the io thread only.
class WsHandler {
 public:
  virtual ~WsHandler() = default;
  virtual void on_open(ConnectionId id) = 0;
  virtual void on_text(ConnectionId id, std::string_view payload) = 0;
  virtual void on_binary(ConnectionId id, std::size_t size) = 0;
  /// The connection is gone (closed cleanly, failed or timed out); its id is never reused.
  virtual void on_close(ConnectionId id) = 0;
  /// Body of the `GET /health` answer (a JSON object).
  virtual std::string health_json() = 0;
  /// Body of `GET /metrics` (Prometheus text format); empty: 404.
  virtual std::string metrics_text() { return {}; }
  /// A static file for `GET path` (query stripped), or nullptr: 404.
  virtual const StaticAsset* asset(std::string_view /*path*/) { return nullptr; }
};

enum class SendResult { Sent, BufferFull, NotConnected };

/// Data frames respect the send-buffer cap; control messages (replies, notices) may exceed it by
/// kControlHeadroomBytes so a client can always be told what happened.
enum class SendPriority { Data, Control };
inline constexpr std::size_t kControlHeadroomBytes = 64 * 1024;

/// A text frame serialised and framed once, queued as-is on any number of connections.
/// Immutable; may be built and released on any thread. Frames are pooled: a frame released by
/// its last owner keeps its payload's memory for the next prepare_text_frame (bounded; see
/// recycling_pool.h), so a steady stream of pushes allocates nothing per frame.
struct PreparedFrame;
using FramePtr = std::shared_ptr<const PreparedFrame>;
FramePtr prepare_text_frame(std::string_view payload);
/// Frames waiting in the pool for reuse (for tests and metrics).
std::size_t idle_frames();
std::string_view frame_payload(const FramePtr& frame);

/// Close codes used by the gateway (RFC 6455 §7.4.1).
enum class CloseCode : std::uint16_t {
  Normal = 1000,
  GoingAway = 1001,
  PolicyViolation = 1008,
  MessageTooBig = 1009,
  InternalError = 1011,
  TryAgainLater = 1013,
};

class WsServer {
 public:
  WsServer(boost::asio::io_context& io, WsServerOptions options, WsHandler& handler);
  ~WsServer();
  WsServer(const WsServer&) = delete;
  WsServer& operator=(const WsServer&) = delete;

  /// Binds, starts accepting and returns the bound port. Throws std::runtime_error on failure.
  std::uint16_t listen();

  SendResult send_text(ConnectionId id, std::string_view payload,
                       SendPriority priority = SendPriority::Data);
  /// Queues a prepared frame without copying it.
  SendResult send_frame(ConnectionId id, const FramePtr& frame,
                        SendPriority priority = SendPriority::Data);
  /// Bytes accepted by send_text() but not yet written to the socket.
  std::size_t buffered_bytes(ConnectionId id) const;
  void close(ConnectionId id, CloseCode code, std::string_view reason);

  /// Stops accepting and closes every connection with 1001. Idempotent.
  void shutdown();
  std::size_t connection_count() const;
  /// "ip:port" of the connection's client ("?" once it is gone).
  std::string peer_address(ConnectionId id) const;

  struct Impl;  ///< plain or TLS, in ws_server.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ctpgw::net
