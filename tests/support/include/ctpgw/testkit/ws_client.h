// A small blocking WebSocket client over a raw TCP socket, for tests and load programs.
//
// Raw on purpose: tests must be able to send what a well-behaved library never would (binary
// frames, oversized frames, garbage bytes). Answers server pings automatically. Not thread-safe:
// one thread per client.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ctpgw::testkit {

using namespace std::chrono_literals;

struct WsFrame {
  std::uint8_t opcode = 0;  ///< 1 text, 2 binary, 8 close
  std::string payload;
};

class WsClient {
 public:
  /// Connects to 127.0.0.1:port and upgrades on `path`. Throws std::runtime_error on failure,
  /// including a non-101 answer (the status line is in the message).
  WsClient(std::uint16_t port, const std::string& path, std::chrono::milliseconds timeout = 5s);
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  void send_text(std::string_view payload) { send_frame(0x1, payload); }
  void send_binary(std::string_view payload) { send_frame(0x2, payload); }
  void send_frame(std::uint8_t opcode, std::string_view payload, bool fin = true);
  /// A masked client frame, for tests that write several frames in one send_raw().
  static std::string encode_frame(std::uint8_t opcode, std::string_view payload, bool fin = true);
  /// Writes bytes to the socket as they are.
  void send_raw(std::string_view bytes);

  /// Next data or close frame; nullopt on timeout or when the connection is gone.
  std::optional<WsFrame> next_frame(std::chrono::milliseconds timeout = 5s);
  /// Next text message; nullopt on timeout, close or disconnect.
  std::optional<std::string> next_text(std::chrono::milliseconds timeout = 5s);

  /// Reads until the server's close frame; returns its code (0 if the connection just ended).
  std::uint16_t wait_close(std::chrono::milliseconds timeout = 10s);
  /// Close code the server sent (0 if none yet).
  std::uint16_t close_code() const noexcept { return close_code_; }
  /// True once a close frame arrived or the socket hit EOF.
  bool closed() const noexcept { return closed_; }
  /// Sends a close frame (does not wait for the answer).
  void close(std::uint16_t code = 1000);
  int fd() const noexcept { return fd_; }

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
  std::uint16_t close_code_ = 0;
};

/// One plain HTTP/1.1 GET on 127.0.0.1; returns the whole response (status line, headers, body).
std::string http_get(std::uint16_t port, const std::string& path,
                     std::chrono::milliseconds timeout = 5s);
/// The same with any method; for HEAD it returns once the headers are complete.
std::string http_request(std::uint16_t port, const std::string& method, const std::string& path,
                         std::chrono::milliseconds timeout = 5s);

}  // namespace ctpgw::testkit
