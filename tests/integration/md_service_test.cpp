#include <gtest/gtest.h>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"

namespace ctpgw::testkit {
namespace {

class MdService : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { svc_ = new ServiceProcess(CTPGW_MD_SERVICE); }
  static void TearDownTestSuite() {
    delete svc_;
    svc_ = nullptr;
  }
  void TearDown() override { ASSERT_TRUE(svc_->running()) << svc_->output(); }

  static std::unique_ptr<WsClient> connect() {
    return std::make_unique<WsClient>(svc_->port(), "/md/");
  }

  static void login(WsClient& c) {
    c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
    auto rsp = next_json(c);
    ASSERT_EQ(str(rsp, "MsgType"), "RspUserLogin");
    ASSERT_EQ(error_id(rsp), 0);
    ASSERT_TRUE(rsp["IsLast"].GetBool());
    ASSERT_EQ(str(rsp["RspUserLogin"], "TradingDay").size(), 8u);
  }

  static ServiceProcess* svc_;
};
ServiceProcess* MdService::svc_ = nullptr;

TEST_F(MdService, EverythingBeforeLoginIs404LikeWebctp) {
  auto c = connect();
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2510"]})");
  auto rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "MsgType"), "SubscribeMarketData");
  EXPECT_EQ(error_id(rsp), -404);
}

TEST_F(MdService, SubscribeAnswersOncePerInstrumentWithIsLastOnTheLast) {
  auto c = connect();
  login(*c);
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2510","au2512"]})");
  std::vector<std::string> replied;
  for (int i = 0; i < 2; ++i) {
    auto rsp = next_json(*c);
    ASSERT_EQ(str(rsp, "MsgType"), "RspSubMarketData");
    EXPECT_EQ(error_id(rsp), 0);
    EXPECT_FALSE(rsp.HasMember("RequestID"));
    EXPECT_EQ(rsp.HasMember("IsLast"), i == 1);
    replied.push_back(str(rsp["SpecificInstrument"], "InstrumentID"));
  }
  std::sort(replied.begin(), replied.end());
  EXPECT_EQ(replied, (std::vector<std::string>{"au2512", "rb2510"}));

  c->send_text(R"({"MsgType":"UnSubscribeMarketData","InstrumentID":["rb2510"]})");
  auto rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "MsgType"), "RspUnSubMarketData");
  EXPECT_TRUE(rsp["IsLast"].GetBool());
  EXPECT_EQ(str(rsp["SpecificInstrument"], "InstrumentID"), "rb2510");
}

TEST_F(MdService, BadInputGetsWebctpErrorsAndTheConnectionStays) {
  auto c = connect();
  login(*c);
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":"rb2510"})");
  auto rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_EQ(str(rsp, "Detail"), "InstrumentID must be an array of strings, got a string");
  c->send_text("garbage");
  EXPECT_EQ(error_id(next_json(*c)), -400);
  c->send_binary("x");
  EXPECT_EQ(error_id(next_json(*c)), -400);
  c->send_text(R"({"MsgType":"ReqQryInstrument","QryInstrument":{},"RequestID":1})");
  rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -404);
  EXPECT_EQ(str(rsp, "MsgType"), "ReqQryInstrument");
}

TEST_F(MdService, LoginWithoutCredentialKeysIs400) {
  auto c = connect();
  c->send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{}})");
  auto rsp = next_json(*c);
  EXPECT_EQ(error_id(rsp), -400);
  EXPECT_EQ(str(rsp, "Detail"), "ReqUserLogin.UserID is missing");
}

}  // namespace
}  // namespace ctpgw::testkit
