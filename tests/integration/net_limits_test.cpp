// What a stranger can make the services hold or do: subscription limits, file-descriptor
// exhaustion, protocol closes in the log, HEAD /health and the Server header.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <fstream>
#include <sstream>
#include <thread>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

void md_login(WsClient& c) {
  c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
  ASSERT_EQ(error_id(next_json(c)), 0);
}

std::string ids_json(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() > 1 ? ",\"" : "\"") + id + "\"";
  return out + "]";
}

/// The next message that is not a market-data push.
rapidjson::Document next_reply(WsClient& c) {
  for (;;) {
    auto d = next_json(c, 5s);
    if (str(d, "MsgType") != "RtnDepthMarketData") return d;
  }
}

/// Reads `n` replies to one (un)subscribe request; returns their ErrorIDs.
std::vector<int> replies(WsClient& c, std::size_t n) {
  std::vector<int> out;
  while (out.size() < n) {
    const auto d = next_json(c, 5s);
    if (str(d, "MsgType") == "RtnDepthMarketData") continue;
    if (!d.IsObject() || !d.HasMember("MsgType")) return out;
    out.push_back(error_id(d));
  }
  return out;
}

/// CPU time (user + system) of a process in clock ticks.
long cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;  // state .. cmajflt
  long utime = 0, stime = 0;
  fields >> utime >> stime;
  return utime + stime;
}

TEST(MdLimits, SubscriptionsAreBoundedPerRequestAndPerConnection) {
  ServiceProcess svc(CTPGW_MD_SERVICE,
                     "Limits: {MaxInstrumentsPerRequest: 5, MaxSubscriptionsPerConnection: 3}",
                     sim_yaml(200));
  WsClient c(svc.port(), "/md/");
  md_login(c);
  for (const char* type : {"SubscribeMarketData", "UnSubscribeMarketData"}) {
    c.send_text(std::string(R"({"MsgType":")") + type + R"(","InstrumentID":[]})");
    const auto empty = next_json(c);
    EXPECT_EQ(error_id(empty), -400) << type;
    EXPECT_EQ(str(empty, "Detail"), "InstrumentID must list at least one instrument");
  }
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":)" +
              ids_json({"a", "b", "c", "d", "e", "f"}) + "}");
  const auto too_many = next_json(c);
  EXPECT_EQ(error_id(too_many), -400);
  EXPECT_NE(str(too_many, "Detail").find("at most 5"), std::string::npos);

  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705","cu2701"]})");
  EXPECT_EQ(replies(c, 2), (std::vector<int>{0, 0}));
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705","m2705","au2612"]})");
  const auto over = next_reply(c);
  EXPECT_EQ(str(over, "MsgType"), "RspSubMarketData");
  EXPECT_EQ(error_id(over), 6000);
  EXPECT_NE(str(over, "Detail").find("at most 3"), std::string::npos);
  // Nothing of the refused request was applied; one more still fits.
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["m2705"]})");
  EXPECT_EQ(replies(c, 1), (std::vector<int>{0}));
  EXPECT_TRUE(svc.running());
}

TEST(MdLimits, AHugeSubscribeIsRefusedCheaplyAndTheConnectionKeepsServing) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "", sim_yaml(200));
  WsClient c(svc.port(), "/md/");
  md_login(c);
  std::vector<std::string> ids;
  for (int i = 0; i < 80'000; ++i) ids.push_back("x" + std::to_string(i));
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":)" + ids_json(ids) + "}");
  const auto rsp = next_json(c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_NE(str(rsp, "Detail").find("lists 80000 instruments; at most 1000"), std::string::npos);
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"]})");
  EXPECT_EQ(replies(c, 1), (std::vector<int>{0}));
}

TEST(Http, HeadHealthAnswersLikeGetWithoutABodyAndTheServerIsNamed) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "", sim_yaml(200));
  const std::string get = http_get(svc.port(), "/health");
  const std::string head = http_request(svc.port(), "HEAD", "/health");
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: application/json"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Length: "), std::string::npos) << head;
  EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "");  // no body
  EXPECT_NE(get.find("Server: ctp-gateway/"), std::string::npos) << get;
  EXPECT_EQ(get.find("WebSocket++"), std::string::npos) << get;
}

int raw_connect(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// The status line of a WebSocket upgrade request, with an optional Origin header.
std::string upgrade_status(std::uint16_t port, const std::string& origin) {
  std::string request =
      "GET /md/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  if (!origin.empty()) request += "Origin: " + origin + "\r\n";
  const int fd = raw_connect(port);
  if (fd < 0) return "connect failed";
  request += "\r\n";
  (void)::write(fd, request.data(), request.size());
  char buf[256] = {};
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  const std::string answer(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  return answer.substr(0, answer.find("\r\n"));
}

TEST(Security, DisallowedBrowserOriginsGet403AtTheHandshake) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "Security: {AllowedOrigins: ['https://console.example']}",
                     sim_yaml(200));
  EXPECT_EQ(upgrade_status(svc.port(), "https://evil.example"), "HTTP/1.1 403 Forbidden");
  EXPECT_EQ(upgrade_status(svc.port(), "https://console.example"),
            "HTTP/1.1 101 Switching Protocols");
  EXPECT_EQ(upgrade_status(svc.port(), ""), "HTTP/1.1 101 Switching Protocols");
  EXPECT_TRUE(svc.wait_for_output("refused with HTTP 403"));
}

TEST(Security, ConnectionsAreLimitedInAllAndPerAddress) {
  {
    ServiceProcess svc(CTPGW_MD_SERVICE, "Security: {MaxConnectionsPerIp: 2}", sim_yaml(200));
    WsClient a(svc.port(), "/md/"), b(svc.port(), "/md/");
    try {
      WsClient c(svc.port(), "/md/");
      ADD_FAILURE() << "a third connection from one address was accepted";
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find("429"), std::string::npos) << e.what();
    }
    md_login(a);  // the others keep working
  }
  ServiceProcess svc(CTPGW_MD_SERVICE, "Security: {MaxConnections: 1}", sim_yaml(200));
  WsClient a(svc.port(), "/md/");
  try {
    WsClient b(svc.port(), "/md/");
    ADD_FAILURE() << "a second connection was accepted";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("503"), std::string::npos) << e.what();
  }
}

TEST(Security, HalfOpenConnectionsNeitherStayNorStopALegitimateClient) {
  ServiceProcess td(CTPGW_TD_SERVICE, "WebSocket: {HandshakeTimeoutMs: 500}", sim_yaml(50));
  std::vector<int> idle;  // 1,000 connections that never finish their upgrade
  for (int i = 0; i < 1000; ++i) {
    const int fd = raw_connect(td.port());
    ASSERT_GE(fd, 0);
    if (i % 2 == 0) {
      const std::string half = "GET /td/ HTTP/1.1\r\nHost: x\r\n";  // half a request
      (void)::write(fd, half.data(), half.size());
    }
    idle.push_back(fd);
  }
  WsClient c(td.port(), "/td/", 10s);  // a legitimate client still logs in and trades
  c.send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"000001","Password":"pw-0001"},"RequestID":1})");
  auto login = next_json(c);
  EXPECT_EQ(error_id(login), 0);
  // The half-open ones are dropped once the handshake timeout has passed.
  timeval tv{5, 0};
  ::setsockopt(idle.front(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[256];
  const ssize_t n = ::read(idle.front(), buf, sizeof buf);  // EOF or reset, not a timeout
  EXPECT_TRUE(n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
      << "the server did not close a connection that never upgraded";
  for (const int fd : idle) ::close(fd);
  // Oversized headers are refused, not buffered.
  const int big = raw_connect(td.port());
  const std::string request =
      "GET /td/ HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(20000, 'a') + "\r\n\r\n";
  (void)::write(big, request.data(), request.size());
  ::setsockopt(big, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string answer;
  for (ssize_t r; (r = ::read(big, buf, sizeof buf)) > 0;) answer.append(buf, r);
  ::close(big);
  EXPECT_EQ(answer.find("101"), std::string::npos) << answer;
  EXPECT_TRUE(td.running());
}

TEST(Logging, ConnectionsAreLoggedWithThePeerAndRequestsAtDebug) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "", sim_yaml(200));
  {
    WsClient c(svc.port(), "/md/");
    md_login(c);
  }
  EXPECT_TRUE(svc.wait_for_output(") closed: local"));
  const std::string log = svc.output();
  EXPECT_NE(log.find("opened from 127.0.0.1:"), std::string::npos);
  EXPECT_NE(log.find(": ReqUserLogin"), std::string::npos);  // LogLevel DEBUG in tests
}

TEST(Metrics, PrometheusCountersMoveWithTraffic) {
  ServiceProcess td(CTPGW_TD_SERVICE, "", sim_yaml(200));
  WsClient c(td.port(), "/td/");
  c.send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  c.next_text(5s);
  c.send_text(R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":2})");  // -401
  c.next_text(5s);
  const std::string m = http_get(td.port(), "/metrics");
  EXPECT_NE(m.find("Content-Type: text/plain; version=0.0.4"), std::string::npos) << m;
  EXPECT_NE(m.find("ctpgw_connections 1"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(ctpgw_messages_in_total{msg_type="other"} 1)"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(ctpgw_messages_in_total{msg_type="ReqQryOrder"} 1)"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(ctpgw_errors_total{code="-404"} 1)"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(ctpgw_errors_total{code="-401"} 1)"), std::string::npos) << m;
  EXPECT_NE(m.find("ctpgw_storage_writable 1"), std::string::npos) << m;
  EXPECT_NE(m.find("ctpgw_storage_backlog_bytes "), std::string::npos) << m;
  EXPECT_NE(m.find("ctpgw_order_round_trip_seconds_count 0"), std::string::npos) << m;

  // An order: the round-trip histogram and the session gauges move.
  c.send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"000001","Password":"pw-0001"},"RequestID":3})");
  c.next_text(5s);
  c.send_text(
      R"({"MsgType":"ReqOrderInsert","RequestID":4,"InputOrder":{"ExchangeID":"DCE","InstrumentID":"m2705","OrderPriceType":"1","LimitPrice":0,"Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"1","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  for (bool traded = false; !traded;) {
    auto text = c.next_text(5s);
    ASSERT_TRUE(text);
    traded = text->find("RtnTrade") != std::string::npos;
  }
  const std::string after = http_get(td.port(), "/metrics");
  EXPECT_NE(after.find("ctpgw_order_round_trip_seconds_count 1"), std::string::npos) << after;
  EXPECT_NE(after.find(R"(ctpgw_order_round_trip_seconds_bucket{le="+Inf"} 1)"), std::string::npos);
  EXPECT_NE(after.find("ctpgw_sessions 1"), std::string::npos) << after;
  EXPECT_NE(after.find(R"(ctpgw_messages_out_total{msg_type="RtnTrade"} 1)"), std::string::npos);
  EXPECT_NE(after.find(R"(ctpgw_messages_out_total{msg_type="other"} 1)"), std::string::npos)
      << after;
  EXPECT_NE(after.find("ctpgw_sessions_upstream_connected 1"), std::string::npos) << after;

  ServiceProcess md(CTPGW_MD_SERVICE, "", sim_yaml(20));
  WsClient d(md.port(), "/md/");
  md_login(d);
  d.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"]})");
  for (int ticks = 0; ticks < 3;) {
    auto text = d.next_text(5s);
    ASSERT_TRUE(text);
    ticks += text->find("RtnDepthMarketData") != std::string::npos;
  }
  const std::string mm = http_get(md.port(), "/metrics");
  EXPECT_NE(mm.find("ctpgw_upstream_ready 1"), std::string::npos) << mm;
  EXPECT_NE(mm.find("ctpgw_md_instruments 1"), std::string::npos) << mm;
  EXPECT_EQ(mm.find("ctpgw_md_frames_out_total 0"), std::string::npos) << mm;
}

TEST(Logging, JsonFormatWritesOneEscapedObjectALine) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "Log: {Format: json}", sim_yaml(200));
  {
    WsClient c(svc.port(), "/md/");
    c.send_text(R"({"MsgType":"Quote\"d\\and\u0001ctl"})");  // logged at DEBUG, escaped
    ASSERT_TRUE(c.next_text(5s));
  }
  ASSERT_TRUE(svc.wait_for_output(") closed: local"));
  std::istringstream lines(svc.output());
  std::string line;
  int objects = 0;
  bool saw_quote = false;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    rapidjson::Document d;
    d.Parse(line.c_str());
    ASSERT_FALSE(d.HasParseError()) << line;
    ASSERT_TRUE(d.IsObject() && d.HasMember("time") && d.HasMember("level") &&
                d.HasMember("service") && d.HasMember("message"))
        << line;
    saw_quote =
        saw_quote ||
        std::string(d["message"].GetString()).find(std::string("Quote\"d\\and\x01") + "ctl") !=
            std::string::npos;
    ++objects;
  }
  EXPECT_GE(objects, 3);
  EXPECT_TRUE(saw_quote) << svc.output();
}

TEST(Logging, ProtocolClosesNameThePeer) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "WebSocket: {MaxMessageBytes: 1024}", sim_yaml(200));
  WsClient c(svc.port(), "/md/");
  c.send_text(std::string(4096, 'x'));
  EXPECT_EQ(c.wait_close(), 1009);
  EXPECT_TRUE(svc.wait_for_output("closed by the gateway with 1009"));
  EXPECT_NE(svc.output().find("(127.0.0.1:"), std::string::npos);
}

TEST(FileDescriptors, ExhaustionPausesAcceptingInsteadOfSpinning) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "", sim_yaml(200), 30s, {}, ChildLimits{48, 0});
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int i = 0; i < 60; ++i) {
    try {
      clients.push_back(std::make_unique<WsClient>(svc.port(), "/md/", 2s));
    } catch (const std::exception&) {
      break;  // the service could not accept it: out of descriptors
    }
  }
  ASSERT_LT(clients.size(), 60u) << "the descriptor limit was never reached";
  ASSERT_GT(clients.size(), 3u);
  ASSERT_TRUE(svc.wait_for_output("out of file descriptors (EMFILE)"));

  // While the limit holds the process must be idle, not spinning on accept(). The sleep is
  // the window the CPU time is measured over, not a wait for something to happen.
  const long before = cpu_ticks(svc.pid());
  std::this_thread::sleep_for(1s);
  const long used = cpu_ticks(svc.pid()) - before;
  EXPECT_LT(used, ::sysconf(_SC_CLK_TCK) / 4) << "busy while out of descriptors";
  const std::string log = svc.output();
  std::size_t warnings = 0;
  for (auto p = log.find("cannot accept connections"); p != std::string::npos;
       p = log.find("cannot accept connections", p + 1)) {
    ++warnings;
  }
  EXPECT_LE(warnings, 2u) << "logged per attempt instead of per interval";

  md_login(*clients.front());          // existing connections are still served
  clients.resize(clients.size() - 3);  // free some descriptors: accepting resumes
  try {
    WsClient again(svc.port(), "/md/", 10s);
    md_login(again);
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what() << "\n" << svc.output();
  }
  EXPECT_TRUE(svc.running());
}

}  // namespace
}  // namespace ctpgw::testkit
