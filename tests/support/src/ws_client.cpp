#include "ctpgw/testkit/ws_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ctpgw::testkit {
namespace {

using Clock = std::chrono::steady_clock;

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const std::string err = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("connect to port " + std::to_string(port) + ": " + err);
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("send: " + std::string(std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Reads what is available into `buffer`; false on timeout, EOF or error.
bool read_some(int fd, std::string& buffer, Clock::time_point deadline, bool& eof) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  pollfd p{fd, POLLIN, 0};
  const int rc = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count())));
  if (rc <= 0) return false;
  char chunk[65536];
  const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
  if (n <= 0) {
    eof = true;
    return false;
  }
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

}  // namespace

WsClient::WsClient(std::uint16_t port, const std::string& path, std::chrono::milliseconds timeout)
    : fd_(connect_loopback(port)) {
  try {
    write_all(fd_, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                       "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n");
    const auto deadline = Clock::now() + timeout;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      bool eof = false;
      if (!read_some(fd_, buffer_, deadline, eof)) {
        throw std::runtime_error("no handshake answer: " + buffer_.substr(0, buffer_.find("\r\n")));
      }
    }
    const std::string status = buffer_.substr(0, buffer_.find("\r\n"));
    if (status.find(" 101 ") == std::string::npos) throw std::runtime_error(status);
    buffer_.erase(0, end + 4);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

WsClient::~WsClient() {
  if (fd_ >= 0) ::close(fd_);
}

void WsClient::send_raw(std::string_view bytes) {
  write_all(fd_, bytes);
}

void WsClient::send_frame(std::uint8_t opcode, std::string_view payload, bool fin) {
  write_all(fd_, encode_frame(opcode, payload, fin));
}

std::string WsClient::encode_frame(std::uint8_t opcode, std::string_view payload, bool fin) {
  std::string frame;
  frame.reserve(payload.size() + 14);
  frame.push_back(static_cast<char>((fin ? 0x80 : 0x00) | opcode));
  const std::size_t n = payload.size();
  if (n < 126) {
    frame.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xFFFF) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>(n >> 8));
    frame.push_back(static_cast<char>(n & 0xFF));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8)
      frame.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
  frame.append(reinterpret_cast<const char*>(mask), 4);
  const std::size_t start = frame.size();
  frame.append(payload);
  for (std::size_t i = 0; i < n; ++i)
    frame[start + i] = static_cast<char>(frame[start + i] ^ mask[i % 4]);
  return frame;
}

bool WsClient::fill(Clock::time_point deadline) {
  bool eof = false;
  const bool got = read_some(fd_, buffer_, deadline, eof);
  if (eof) closed_ = true;
  return got;
}

std::optional<WsFrame> WsClient::next_frame(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    // Parse one complete frame from the buffer if there is one.
    if (buffer_.size() >= 2) {
      const auto b0 = static_cast<unsigned char>(buffer_[0]);
      const auto b1 = static_cast<unsigned char>(buffer_[1]);
      std::size_t header = 2;
      std::uint64_t len = b1 & 0x7F;
      bool complete = true;
      if (len == 126) {
        header = 4;
        complete = buffer_.size() >= header;
        if (complete)
          len = (static_cast<unsigned char>(buffer_[2]) << 8) |
                static_cast<unsigned char>(buffer_[3]);
      } else if (len == 127) {
        header = 10;
        complete = buffer_.size() >= header;
        if (complete) {
          len = 0;
          for (int i = 2; i < 10; ++i)
            len = (len << 8) | static_cast<unsigned char>(buffer_[static_cast<std::size_t>(i)]);
        }
      }
      if (complete && buffer_.size() >= header + len) {
        WsFrame f;
        f.opcode = b0 & 0x0F;
        f.payload = buffer_.substr(header, len);
        buffer_.erase(0, header + len);
        if (f.opcode == 0x9) {  // ping: answer and keep reading
          send_frame(0xA, f.payload);
          continue;
        }
        if (f.opcode == 0xA) continue;
        if (f.opcode == 0x8) {
          closed_ = true;
          if (f.payload.size() >= 2) {
            close_code_ =
                static_cast<std::uint16_t>((static_cast<unsigned char>(f.payload[0]) << 8) |
                                           static_cast<unsigned char>(f.payload[1]));
          }
        }
        return f;
      }
    }
    if (closed_ && buffer_.size() < 2) return std::nullopt;
    if (Clock::now() >= deadline) return std::nullopt;
    if (!fill(deadline) && (closed_ || Clock::now() >= deadline)) {
      if (closed_) continue;  // parse what is left, then report the end
      return std::nullopt;
    }
  }
}

std::optional<std::string> WsClient::next_text(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto f = next_frame(std::max(left, std::chrono::milliseconds(0)));
    if (!f || f->opcode == 0x8) return std::nullopt;
    if (f->opcode == 0x1) return std::move(f->payload);
  }
}

std::uint16_t WsClient::wait_close(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!closed_ && Clock::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!next_frame(std::max(left, std::chrono::milliseconds(0)))) break;
  }
  return close_code_;
}

void WsClient::close(std::uint16_t code) {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  try {
    send_frame(0x8, payload);
  } catch (const std::exception&) {
    // already gone
  }
}

std::string http_get(std::uint16_t port, const std::string& path,
                     std::chrono::milliseconds timeout) {
  return http_request(port, "GET", path, timeout);
}

std::string http_request(std::uint16_t port, const std::string& method, const std::string& path,
                         std::chrono::milliseconds timeout) {
  const int fd = connect_loopback(port);
  std::string response;
  const bool head = method == "HEAD";
  try {
    write_all(fd,
              method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const auto deadline = Clock::now() + timeout;
    bool eof = false;
    while (!eof && Clock::now() < deadline) {
      if (!read_some(fd, response, deadline, eof) && !eof) break;
      // websocketpp keeps the socket open; stop once the declared body is complete.
      const auto end = response.find("\r\n\r\n");
      if (head && end != std::string::npos) break;
      const auto cl = response.find("Content-Length: ");
      if (end != std::string::npos && cl != std::string::npos && cl < end) {
        const std::size_t len = std::stoul(response.substr(cl + 16));
        if (response.size() >= end + 4 + len) break;
      }
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return response;
}

}  // namespace ctpgw::testkit
