// Who may connect, on the built td_service: wss:// with the certificate scripts/make-cert.sh
// makes (a client that trusts another certificate refuses it; plain text on the TLS port is
// dropped without harming others), access tokens (Security.Tokens, from scripts/make-token.sh),
// and a flood of half-open connections from one address next to a client that trades.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

namespace fs = std::filesystem;
using Doc = rapidjson::Document;

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("ctpgw-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
  EXPECT_EQ(::pclose(p), 0) << command;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

fs::path make_cert(const std::string& name) {
  const fs::path dir = scratch(name);
  run(std::string(CTPGW_SOURCE_DIR) + "/scripts/make-cert.sh " + dir.string());
  return dir;
}

int tcp_connect(std::uint16_t port, const char* from = "127.0.0.1") {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &local.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    ::close(fd);
    return -1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

/// A WebSocket client over TLS that trusts exactly `trusted_cert`.
class TlsWs {
 public:
  TlsWs(std::uint16_t port, const fs::path& trusted_cert) {
    ctx_ = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_load_verify_locations(ctx_, trusted_cert.c_str(), nullptr);
    fd_ = tcp_connect(port);
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    SSL_set1_host(ssl_, "localhost");
    handshake_ok_ = SSL_connect(ssl_) == 1;
    if (!handshake_ok_) verify_result_ = SSL_get_verify_result(ssl_);
  }
  ~TlsWs() {
    SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
    SSL_CTX_free(ctx_);
  }
  bool handshake_ok() const { return handshake_ok_; }
  long verify_result() const { return verify_result_; }
  std::string protocol() const { return SSL_get_version(ssl_); }

  /// The HTTP status line of the upgrade.
  std::string upgrade() {
    write(
        "GET /td/ HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    while (buffer_.find("\r\n\r\n") == std::string::npos && fill()) {
    }
    const std::string status = buffer_.substr(0, buffer_.find("\r\n"));
    buffer_.erase(0, buffer_.find("\r\n\r\n") + 4);
    return status;
  }
  void send_text(const std::string& text) { write(WsClient::encode_frame(1, text)); }
  /// The next text frame's payload (server frames are unmasked).
  std::string next_text() {
    for (;;) {
      if (buffer_.size() >= 2) {
        const std::size_t len7 = static_cast<unsigned char>(buffer_[1]) & 0x7F;
        std::size_t len = len7, head = 2;
        if (len7 == 126 && buffer_.size() >= 4) {
          len = (static_cast<std::size_t>(static_cast<unsigned char>(buffer_[2])) << 8) |
                static_cast<unsigned char>(buffer_[3]);
          head = 4;
        }
        if (len7 < 127 && (len7 < 126 || head == 4) && buffer_.size() >= head + len) {
          std::string payload = buffer_.substr(head, len);
          buffer_.erase(0, head + len);
          return payload;
        }
      }
      if (!fill()) return {};
    }
  }

 private:
  void write(const std::string& bytes) {
    SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
  }
  bool fill() {
    char buf[4096];
    const int n = SSL_read(ssl_, buf, sizeof buf);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  int fd_ = -1;
  bool handshake_ok_ = false;
  long verify_result_ = 0;
  std::string buffer_;
};

const char* kLogin =
    R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"000001","Password":"pw-tls1"},"RequestID":1})";

std::string tls_config(const fs::path& dir) {
  return "TLS: {CertificateChainFile: " + (dir / "cert.pem").string() +
         ", PrivateKeyFile: " + (dir / "key.pem").string() + "}";
}

TEST(Tls, WssWorksWithTheGeneratedCertificateAndPlainTextIsDroppedAlone) {
  const fs::path dir = make_cert("tls");
  ServiceProcess svc(CTPGW_TD_SERVICE, tls_config(dir), sim_yaml(200));
  TlsWs client(svc.port(), dir / "cert.pem");
  ASSERT_TRUE(client.handshake_ok()) << "verify result " << client.verify_result();
  EXPECT_TRUE(client.protocol() == "TLSv1.3" || client.protocol() == "TLSv1.2")
      << client.protocol();
  ASSERT_EQ(client.upgrade(), "HTTP/1.1 101 Switching Protocols");
  client.send_text(kLogin);
  std::string reply = client.next_text();
  ASSERT_FALSE(reply.empty()) << "no reply over TLS: " << svc.output();
  EXPECT_EQ(error_id(parse_json(reply)), 0) << reply;

  // Plain HTTP on the TLS port: the connection is closed, nothing is answered in clear text.
  const int plain = tcp_connect(svc.port());
  const std::string get = "GET /td/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n";
  ASSERT_EQ(::write(plain, get.data(), get.size()), static_cast<ssize_t>(get.size()));
  char buf[512];
  ssize_t n = 0, total = 0;
  while ((n = ::read(plain, buf, sizeof buf)) > 0) total += n;
  ::close(plain);
  EXPECT_FALSE(total >= 4 && std::string(buf, 4) == "HTTP") << "answered in clear text";

  // The TLS client is unharmed.
  client.send_text(R"({"MsgType":"ReqQryTradingAccount","QryTradingAccount":{},"RequestID":2})");
  do {
    reply = client.next_text();
  } while (!reply.empty() && str(parse_json(reply), "MsgType") != "RspQryTradingAccount");
  EXPECT_EQ(error_id(parse_json(reply)), 0) << reply;
  EXPECT_TRUE(svc.running());
}

TEST(Tls, AClientThatTrustsAnotherCertificateRefusesTheServer) {
  const fs::path dir = make_cert("tls-server");
  const fs::path other = make_cert("tls-other");
  ServiceProcess svc(CTPGW_TD_SERVICE, tls_config(dir), sim_yaml(200));
  TlsWs client(svc.port(), other / "cert.pem");
  EXPECT_FALSE(client.handshake_ok());
  EXPECT_NE(client.verify_result(), X509_V_OK);
  EXPECT_TRUE(svc.running());
}

TEST(Tls, AKeyThatDoesNotMatchStopsStartUpNamingTheProblem) {
  const fs::path dir = make_cert("tls-a");
  const fs::path other = make_cert("tls-b");
  std::ofstream(dir / "c.yaml") << "Port: 0\nTdFrontAddress: sim://\nMdFrontAddress: sim://\n"
                                << "Sim: {Instruments: " << CTPGW_SOURCE_DIR
                                << "/configs/sim/instruments.yaml, DataDir: "
                                << (dir / "data").string() << "}\n"
                                << "TLS: {CertificateChainFile: " << (dir / "cert.pem").string()
                                << ", PrivateKeyFile: " << (other / "key.pem").string() << "}\n";
  auto [rc, out] =
      ServiceProcess::run_to_exit(CTPGW_TD_SERVICE, {"--config=" + (dir / "c.yaml").string()});
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("TLS.PrivateKeyFile"), std::string::npos) << out;
  EXPECT_NE(out.find("mismatch"), std::string::npos) << out;
}

TEST(AccessTokens, OnlyAValidTokenUpgradesAndNoTokenIsLogged) {
  const fs::path dir = scratch("tokens");
  const std::string tokens = (dir / "tokens").string();
  const std::string token =
      run(std::string(CTPGW_SOURCE_DIR) + "/scripts/make-token.sh " + tokens + " console");
  ASSERT_EQ(token.size(), 48u);
  ServiceProcess svc(CTPGW_TD_SERVICE, "Security: {Tokens: " + tokens + "}", sim_yaml(200));
  const auto status = [&](const std::string& path, const std::string& header) {
    const int fd = tcp_connect(svc.port());
    const std::string req = "GET " + path +
                            " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                            "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n" +
                            header + "\r\n";
    (void)::write(fd, req.data(), req.size());
    char buf[256] = {};
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    const std::string answer(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    return answer.substr(0, answer.find("\r\n"));
  };
  EXPECT_EQ(status("/td/", ""), "HTTP/1.1 401 Unauthorized");
  EXPECT_EQ(status("/td/?token=wrong", ""), "HTTP/1.1 401 Unauthorized");
  EXPECT_EQ(status("/td/", "Authorization: Bearer " + token.substr(1) + "x\r\n"),
            "HTTP/1.1 401 Unauthorized");
  EXPECT_EQ(status("/td/", "Authorization: Bearer " + token + "\r\n"),
            "HTTP/1.1 101 Switching Protocols");
  WsClient browser(svc.port(), "/td/?token=" + token);  // browsers cannot set headers
  browser.send_text(kLogin);
  EXPECT_EQ(error_id(next_json(browser)), 0);
  EXPECT_EQ(svc.output().find(token), std::string::npos) << "the token reached the log";
}

TEST(HalfOpenFlood, AThousandSilentConnectionsFromOneAddressDoNotStopATrader) {
  rlimit lim{};
  ::getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = std::min<rlim_t>(lim.rlim_max, 4096);
  ::setrlimit(RLIMIT_NOFILE, &lim);
  ASSERT_GE(lim.rlim_cur, 1100u) << "the test needs 1,100 descriptors";
  ServiceProcess svc(CTPGW_TD_SERVICE, "", sim_yaml(200));
  std::vector<int> silent;
  for (int i = 0; i < 1000; ++i) {
    const int fd = tcp_connect(svc.port(), "127.0.0.2");  // connects, never says a word
    if (fd >= 0) silent.push_back(fd);
  }
  EXPECT_EQ(silent.size(), 1000u);
  WsClient trader(svc.port(), "/td/");
  trader.send_text(kLogin);
  EXPECT_EQ(error_id(next_json(trader)), 0);
  trader.send_text(
      R"({"MsgType":"ReqQryDepthMarketData","QryDepthMarketData":{"InstrumentID":"rb2705"},"RequestID":2})");
  const Doc depth = next_json(trader);
  const double upper = depth["DepthMarketData"]["UpperLimitPrice"].GetDouble();
  trader.send_text(
      R"({"MsgType":"ReqOrderInsert","RequestID":3,"InputOrder":{"InstrumentID":"rb2705","ExchangeID":"SHFE","LimitPrice":)" +
      std::to_string(upper) +
      R"(,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  bool traded = false;
  for (int i = 0; i < 10 && !traded; ++i) traded = str(next_json(trader), "MsgType") == "RtnTrade";
  EXPECT_TRUE(traded);
  EXPECT_TRUE(svc.wait_for_output("Security.MaxPendingHandshakesPerIp"))
      << svc.output().substr(0, 3000);
  // The flood holds no more than the limit (64 by default): the oldest were dropped.
  std::size_t dropped = 0;
  for (const int fd : silent) {
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) ++dropped;
  }
  EXPECT_GE(dropped, 1000u - 64u);
  for (const int fd : silent) ::close(fd);
  EXPECT_TRUE(svc.running());
}

}  // namespace
}  // namespace ctpgw::testkit
