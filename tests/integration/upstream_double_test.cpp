// The real services' sessions (TdApp, MdApp) over the real SDK adapter over the vendor double,
// in process, driven over WebSocket: the upstream life cycle a CTP front puts a gateway through.
// Disconnects, reconnects, automatic re-login, the latch on refused credentials, backoff,
// requests while the front is down, md re-subscription, upstream errors.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <functional>
#include <map>
#include <thread>

#include "ctpgw/backend/backend.h"
#include "ctpgw/ctp_sdk/sdk_md_api.h"
#include "ctpgw/ctp_sdk/sdk_trader_api.h"
#include "ctpgw/testkit/vendor_double.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "md_app.h"
#include "td_app.h"

namespace ctpgw::testkit {
namespace {

using Doc = rapidjson::Document;

class DoubleBackend final : public backend::Backend {
 public:
  backend::TraderApiPtr create_trader_api(const std::string& flow_path) override {
    return backend::TraderApiPtr(ctp_sdk::SdkTraderApi<DoubleVendor>::create(flow_path, true));
  }
  backend::MdApiPtr create_md_api(const std::string& flow_path) override {
    return backend::MdApiPtr(ctp_sdk::SdkMdApi<DoubleVendor>::create(flow_path, true));
  }
  std::string_view description() const override { return "SDK adapter over the vendor double"; }
};

/// A service app running on its own io thread, on a free port.
template <class App>
class InProcess {
 public:
  explicit InProcess(const std::string& path,
                     const std::function<void(core::Config&)>& tweak = {}) {
    config_.host = "127.0.0.1";
    config_.port = 0;
    config_.broker_id = "9999";
    config_.relogin_backoff_ms = 20;
    config_.td_fronts = config_.md_fronts = {"tcp://double:1"};
    config_.td_front_address = config_.md_front_address = "tcp://double:1";
    config_.con_file_path = "/tmp/ctpgw-double-con/";
    if (tweak) tweak(config_);
    app_ = std::make_unique<App>(io_, config_, std::make_unique<DoubleBackend>());
    port_ = app_->start();
    thread_ = std::thread([this] { io_.run(); });
    path_ = path;
  }
  ~InProcess() {
    boost::asio::post(io_, [this] { app_->shutdown(); });
    io_.stop();
    thread_.join();
    app_.reset();  // releases every API: no callback after this
  }
  std::unique_ptr<WsClient> connect() { return std::make_unique<WsClient>(port_, path_); }

 private:
  boost::asio::io_context io_;
  core::Config config_;
  std::unique_ptr<App> app_;
  std::uint16_t port_ = 0;
  std::string path_;
  std::thread thread_;
};

/// Messages until one of type `type` (inclusive).
std::vector<Doc> until_type(WsClient& c, const std::string& type) {
  std::vector<Doc> out;
  for (;;) {
    auto text = c.next_text(10s);
    if (!text) {
      ADD_FAILURE() << "no " << type << " after " << out.size() << " messages";
      return out;
    }
    out.push_back(parse_json(*text));
    if (str(out.back(), "MsgType") == type) return out;
  }
}

Doc next_status(WsClient& c) {
  auto msgs = until_type(c, "RtnUpstreamStatus");
  Doc d;
  if (!msgs.empty()) d.CopyFrom(msgs.back()["UpstreamStatus"], d.GetAllocator());
  return d;
}

class UpstreamTd : public ::testing::Test {
 protected:
  void SetUp() override {
    DoubleFront::instance().reset();
    DoubleFront::instance().set_password("028742", "secret-1");
    svc_ = std::make_unique<InProcess<td::TdApp>>("/td/");
    client_ = svc_->connect();
    client_->send_text(
        R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"028742","Password":"secret-1"},"RequestID":1})");
    const auto login = until_type(*client_, "RspUserLogin");
    ASSERT_EQ(error_id(login.back()), 0);
    ASSERT_EQ(DoubleFront::instance().count("ReqUserLogin"), 1);
  }
  std::unique_ptr<InProcess<td::TdApp>> svc_;
  std::unique_ptr<WsClient> client_;
};

TEST_F(UpstreamTd, AReconnectIsAnnouncedAndTheSessionLogsInAgain) {
  DoubleFront::instance().disconnect(0x2001, /*reconnect=*/true);
  Doc down = next_status(*client_);
  EXPECT_FALSE(down["Connected"].GetBool());
  EXPECT_FALSE(down["Ready"].GetBool());
  EXPECT_EQ(down["Reason"].GetInt(), 0x2001);
  EXPECT_EQ(str(down, "ReasonText"), "heartbeat receive timeout");
  const auto back = until_type(*client_, "RtnUpstreamStatus");
  EXPECT_EQ(str(back[0], "MsgType"), "RspUserLogin");  // unsolicited, as webctp sends it
  EXPECT_EQ(error_id(back[0]), 0);
  EXPECT_TRUE(back.back()["UpstreamStatus"]["Ready"].GetBool());
  EXPECT_EQ(DoubleFront::instance().count("ReqUserLogin"), 2);
  EXPECT_EQ(DoubleFront::instance().count("ReqAuthenticate"), 2);
}

TEST_F(UpstreamTd, RefusedCredentialsAreNeverRetriedAutomatically) {
  DoubleFront::instance().set_password("028742", "changed-elsewhere");
  DoubleFront::instance().disconnect(0x1001, true);
  next_status(*client_);  // down
  const auto refused = until_type(*client_, "RtnUpstreamStatus");
  EXPECT_EQ(error_id(refused[0]), 3);
  EXPECT_FALSE(refused.back()["UpstreamStatus"]["Ready"].GetBool());
  EXPECT_NE(str(refused.back()["UpstreamStatus"], "Detail").find("not retried"), std::string::npos);
  // Another reconnect: the session stays latched, nothing is sent with the old password.
  DoubleFront::instance().disconnect(0x1001, true);
  ASSERT_TRUE(DoubleFront::instance().wait_count("OnFrontConnected", 3));
  client_->send_text(R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":5})");
  until_type(*client_, "RspQryOrder");  // processed after the reconnect event
  EXPECT_EQ(DoubleFront::instance().count("ReqUserLogin"), 2);
  // The client logs in with the new password and is back.
  client_->send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"028742","Password":"changed-elsewhere"},"RequestID":6})");
  EXPECT_EQ(error_id(until_type(*client_, "RspUserLogin").back()), 0);
}

TEST_F(UpstreamTd, OtherReloginFailuresAreRetriedWithBackoff) {
  DoubleFront::instance().set_login_error(7);  // counter not ready yet
  DoubleFront::instance().disconnect(0x1001, true);
  next_status(*client_);
  const auto retrying = until_type(*client_, "RtnUpstreamStatus");
  EXPECT_NE(str(retrying.back()["UpstreamStatus"], "Detail").find("retrying in 20 ms"),
            std::string::npos);
  ASSERT_TRUE(DoubleFront::instance().wait_count("ReqUserLogin", 3));
  DoubleFront::instance().set_login_error(0);
  for (;;) {
    Doc s = next_status(*client_);
    if (!s.IsObject() || s["Ready"].GetBool()) break;
  }
  EXPECT_GE(DoubleFront::instance().count("ReqUserLogin"), 4);
}

TEST_F(UpstreamTd, RequestsWhileTheFrontIsDownFailAtOnce) {
  DoubleFront::instance().disconnect(0x1002, /*reconnect=*/false);
  next_status(*client_);
  client_->send_text(R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":7})");
  const Doc rsp = parse_json(client_->next_text(10s).value_or("{}"));
  EXPECT_EQ(str(rsp, "MsgType"), "RspQryOrder");
  EXPECT_EQ(error_id(rsp), -1);
  EXPECT_EQ(rsp["RequestID"].GetInt(), 7);
  EXPECT_EQ(str(rsp["RspInfo"], "ErrorMsg"), "CTP:请求失败");
}

/// Sends 50 queries in one burst; returns the ErrorIDs of their final replies by RequestID.
std::map<int, int> query_burst(WsClient& c) {
  std::string burst;
  for (int id = 100; id < 150; ++id) {
    burst += WsClient::encode_frame(
        1, R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":)" + std::to_string(id) + "}");
  }
  c.send_raw(burst);
  std::map<int, int> results;
  while (results.size() < 50) {
    auto text = c.next_text(10s);
    if (!text) break;
    const Doc d = parse_json(*text);
    if (str(d, "MsgType") != "RspQryOrder") continue;
    // Refused calls carry the RequestID too (the gateway's addition), so every reply is counted.
    EXPECT_TRUE(d.HasMember("RequestID")) << *text;
    if (d.HasMember("RequestID")) results[d["RequestID"].GetInt()] = error_id(d);
  }
  return results;
}

TEST(UpstreamPacing, ABurstOf50QueriesMeetsTheFrontsFlowControlOnlyWithoutPacing) {
  DoubleFront::instance().reset();
  DoubleFront::instance().set_password("028742", "secret-1");
  DoubleFront::instance().set_query_interval(std::chrono::milliseconds(5));
  for (const bool pacing : {true, false}) {
    InProcess<td::TdApp> svc("/td/", [pacing](core::Config& c) {
      c.query_pacing = pacing;
      c.query_interval_ms = 0;
    });
    auto c = svc.connect();
    c->send_text(
        R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"028742","Password":"secret-1"},"RequestID":1})");
    ASSERT_EQ(error_id(until_type(*c, "RspUserLogin").back()), 0);
    const auto results = query_burst(*c);
    ASSERT_EQ(results.size(), 50u);
    int refused = 0;
    for (const auto& [id, err] : results) refused += err == -2 || err == -3;
    if (pacing) {
      EXPECT_EQ(refused, 0) << "the pacer let the front refuse queries";
      // The configured interval is too short; the front's own (GetFrontInfo) is used.
      EXPECT_EQ(DoubleFront::instance().count("query refused"), 0);
    } else {
      EXPECT_GT(refused, 0) << "without pacing the front's flow control must show";
    }
  }
}

class UpstreamMd : public ::testing::Test {
 protected:
  void SetUp() override {
    DoubleFront::instance().reset();
    svc_ = std::make_unique<InProcess<md::MdApp>>("/md/");
    client_ = svc_->connect();
    client_->send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
    ASSERT_EQ(error_id(until_type(*client_, "RspUserLogin").back()), 0);
    client_->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"]})");
    ASSERT_EQ(error_id(until_type(*client_, "RspSubMarketData").back()), 0);
  }
  std::unique_ptr<InProcess<md::MdApp>> svc_;
  std::unique_ptr<WsClient> client_;
};

TEST_F(UpstreamMd, AfterAReconnectEverySubscriptionIsRestored) {
  DoubleFront::instance().disconnect(0x1001, true);
  Doc down = next_status(*client_);
  EXPECT_FALSE(down["Connected"].GetBool());
  EXPECT_EQ(down["Reason"].GetInt(), 0x1001);
  Doc up = next_status(*client_);
  EXPECT_TRUE(up["Ready"].GetBool());
  EXPECT_EQ(DoubleFront::instance().count("sub:rb2705"), 2);
  DoubleFront::instance().push_tick("rb2705", 1);
  const auto tick = until_type(*client_, "RtnDepthMarketData");
  EXPECT_EQ(str(tick.back()["DepthMarketData"], "InstrumentID"), "rb2705");
}

TEST_F(UpstreamMd, UpstreamErrorsReachTheClients) {
  DoubleFront::instance().rsp_error(90, 0);
  const auto err = until_type(*client_, "RspError");
  EXPECT_EQ(error_id(err.back()), 90);
}

TEST_F(UpstreamMd, ASubscribeReplyWithoutAFieldFailsThePendingSubscribers) {
  DoubleFront::instance().set_sub_reply_without_field(true);
  client_->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["cu2701"]})");
  const auto rsp = until_type(*client_, "RspSubMarketData");
  EXPECT_EQ(error_id(rsp.back()), 16);
  EXPECT_EQ(str(rsp.back()["SpecificInstrument"], "InstrumentID"), "cu2701");
  EXPECT_TRUE(rsp.back()["IsLast"].GetBool());
}

}  // namespace
}  // namespace ctpgw::testkit
