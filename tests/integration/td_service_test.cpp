#include <gtest/gtest.h>

#include <random>

#include "ctpgw/protocol/catalog.h"
#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

class TdService : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { svc_ = new ServiceProcess(CTPGW_TD_SERVICE, "", sim_yaml()); }
  static void TearDownTestSuite() {
    delete svc_;
    svc_ = nullptr;
  }
  void TearDown() override { ASSERT_TRUE(svc_->running()) << svc_->output(); }

  static std::unique_ptr<WsClient> connect() {
    return std::make_unique<WsClient>(svc_->port(), "/td/");
  }

  static void login(WsClient& c, const std::string& user = "000001") {
    c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":")" + user +
                R"(","Password":"pw"},"RequestID":1})");
    auto rsp = next_json(c);
    ASSERT_EQ(str(rsp, "MsgType"), "RspUserLogin");
    ASSERT_EQ(error_id(rsp), 0);
  }

  static ServiceProcess* svc_;
};
ServiceProcess* TdService::svc_ = nullptr;

TEST_F(TdService, UnknownMsgTypeIs404EchoingTheRequest) {
  auto c = connect();
  c->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  auto rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "MsgType"), "ReqQryFoo");
  EXPECT_EQ(error_id(rsp), -404);
  EXPECT_EQ(str(rsp["RspInfo"], "ErrorMsg"), "Not implemented");
  EXPECT_EQ(rsp["RequestID"].GetInt(), 1);  // an addition to webctp: errors name their request
}

TEST_F(TdService, GarbageIs400AndTheConnectionStaysOpen) {
  auto c = connect();
  for (const char* bad :
       {"not json", "[1,2]", "{\"RequestID\":1}", "{\"MsgType\":3}", "{", "null"}) {
    c->send_text(bad);
    auto rsp = next_json(*c);
    EXPECT_EQ(str(rsp, "MsgType"), "") << bad;
    EXPECT_EQ(error_id(rsp), -400) << bad;
    EXPECT_TRUE(rsp.HasMember("Detail")) << bad;
  }
  c->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(*c)), -404);
}

TEST_F(TdService, WrongTypesAre400NamingTheField) {
  auto c = connect();
  c->send_text(R"({"MsgType":"ReqOrderInsert","InputOrder":{"LimitPrice":"3500"},"RequestID":2})");
  auto rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "MsgType"), "ReqOrderInsert");
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_EQ(str(rsp, "Detail"), "InputOrder.LimitPrice: expected a number, got a string");

  c->send_text(R"({"MsgType":"ReqQryInstrument","QryInstrument":{}})");
  rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_EQ(str(rsp, "Detail"), "RequestID is missing");

  c->send_text(R"({"MsgType":"ReqQryInstrument","RequestID":1})");
  rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "Detail"), "QryInstrument is missing");

  c->send_text(R"({"MsgType":"ReqQryInstrument","QryInstrument":{"InstrumentID":")" +
               std::string(81, 'x') + R"("},"RequestID":1})");
  rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_EQ(
      str(rsp, "Detail"),
      "QryInstrument.InstrumentID: string of 81 bytes is longer than the 80 bytes the field holds");
}

TEST_F(TdService, EveryRequestBeforeLoginIs401) {
  auto c = connect();
  for (const protocol::MessageSpec& m : protocol::messages()) {
    if (m.service != protocol::Service::Td || m.request == "ReqUserLogin") continue;
    c->send_text(R"({"MsgType":")" + std::string(m.request) + R"(",")" +
                 std::string(m.request_body) + R"(":{},"RequestID":9})");
    auto rsp = next_json(*c);
    EXPECT_EQ(str(rsp, "MsgType"), m.request);
    EXPECT_EQ(error_id(rsp), -401) << m.request;
    EXPECT_EQ(str(rsp["RspInfo"], "ErrorMsg"), "未登录");
    EXPECT_EQ(rsp["RequestID"].GetInt(), 9) << m.request;
  }
}

TEST_F(TdService, BinaryFrameIs400AndTheConnectionStaysOpen) {
  auto c = connect();
  c->send_binary(std::string("\x00\x01\x02", 3));
  auto rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_NE(str(rsp, "Detail").find("binary frames are not supported"), std::string::npos);
  c->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(*c)), -404);
}

TEST_F(TdService, OversizedFrameClosesOnlyThatConnectionWith1009) {
  auto bystander = connect();
  auto c = connect();
  // Announce a 2 MiB text frame and send its first kilobyte: the server judges by the header,
  // and a client blocked writing the rest to a socket nobody reads would only test the kernel.
  std::string header = {static_cast<char>(0x81), static_cast<char>(0x80 | 127)};
  const std::uint64_t announced = 2u << 20;
  for (int shift = 56; shift >= 0; shift -= 8) {
    header.push_back(static_cast<char>((announced >> shift) & 0xFF));
  }
  header.append(4, '\0');  // mask key 0: payload bytes go as they are
  c->send_raw(header + std::string(1024, ' '));
  EXPECT_EQ(c->wait_close(), 1009);
  bystander->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(*bystander)), -404);
  auto fresh = connect();
  fresh->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(*fresh)), -404);
}

TEST_F(TdService, InvalidUtf8TextFrameClosesOnlyThatConnectionWith1007) {
  auto bystander = connect();
  auto c = connect();
  c->send_text("{\"MsgType\":\"\xff\xfe\"}");
  EXPECT_EQ(c->wait_close(), 1007);
  bystander->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(*bystander)), -404);
}

TEST_F(TdService, RandomPayloadsNeverCrashTheProcess) {
  std::mt19937 rng(7);
  auto c = connect();
  for (int i = 0; i < 300; ++i) {
    std::string payload(rng() % 200, '\0');
    for (char& ch : payload)
      ch = static_cast<char>(0x20 + rng() % 95);  // printable ASCII: valid UTF-8
    if (i % 3 == 0)
      payload = "{\"MsgType\":\"ReqOrderInsert\",\"RequestID\":1,\"InputOrder\":" + payload + "}";
    c->send_text(payload);
    auto rsp = next_json(*c);
    EXPECT_LT(error_id(rsp), 0) << payload;
  }
  // Raw bytes that are not WebSocket framing: the server drops that socket, nothing else.
  for (int i = 0; i < 20; ++i) {
    WsClient raw(svc_->port(), "/td/");
    std::string junk(64 + rng() % 512, '\0');
    for (char& ch : junk) ch = static_cast<char>(rng());
    try {
      raw.send_raw(junk);
    } catch (const std::exception&) {
    }
    while (raw.next_frame(2s)) {
    }
  }
  c->send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(*c)), -404);
}

TEST_F(TdService, LoginAnswersRspUserLoginWithSessionIdentity) {
  auto c = connect();
  c->send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"028742","Password":"123456"},"RequestID":1})");
  auto rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "MsgType"), "RspUserLogin");
  EXPECT_EQ(error_id(rsp), 0);
  EXPECT_TRUE(rsp["IsLast"].GetBool());
  // webctp never echoes the login RequestID; the gateway adds it so a reply matches its attempt.
  EXPECT_EQ(rsp["RequestID"].GetInt(), 1);
  const auto& body = rsp["RspUserLogin"];
  EXPECT_EQ(str(body, "UserID"), "028742");
  EXPECT_EQ(str(body, "BrokerID"), "9999");
  EXPECT_EQ(str(body, "TradingDay").size(), 8u);
  EXPECT_EQ(body["FrontID"].GetInt(), 1);
  EXPECT_GT(body["SessionID"].GetInt(), 0);
  EXPECT_TRUE(body["MaxOrderRef"].IsString());
}

TEST_F(TdService, LoginWithoutPasswordKeyIs400) {
  auto c = connect();
  c->send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"1"},"RequestID":1})");
  auto rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_EQ(str(rsp, "Detail"), "ReqUserLogin.Password is missing");
}

TEST_F(TdService, AfterLoginRequestsReachTheBackend) {
  auto c = connect();
  login(*c);
  c->send_text(R"({"MsgType":"ReqQryInstrument","QryInstrument":{},"RequestID":5})");
  auto rsp = next_json(*c);
  EXPECT_NE(error_id(rsp), -401);
  EXPECT_EQ(rsp["RequestID"].GetInt(), 5);
}

TEST_F(TdService, OneConnectionCannotSwitchAccounts) {
  auto c = connect();
  login(*c, "000001");
  c->send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"000002","Password":"x"},"RequestID":1})");
  auto rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_NE(str(rsp, "Detail").find("logged in as '000001'"), std::string::npos);
}

TEST_F(TdService, PathWithoutTrailingSlashIsAccepted) {
  WsClient c(svc_->port(), "/td");
  c.send_text(R"({"MsgType":"ReqQryFoo","RequestID":1})");
  EXPECT_EQ(error_id(next_json(c)), -404);
}

}  // namespace
}  // namespace ctpgw::testkit
