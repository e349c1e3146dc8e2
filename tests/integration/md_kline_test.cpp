// K-line bars on the built md_service: the extension's requests, errors, and a live bar built
// from the simulator's ticks.
#include <gtest/gtest.h>

#include <thread>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

using Doc = rapidjson::Document;

TEST(MdKLine, SubscribeQueryAndErrors) {
  ServiceProcess md(CTPGW_MD_SERVICE, "", sim_yaml(20));
  WsClient c(md.port(), "/md/");
  c.send_text(
      R"({"MsgType":"SubscribeKLine","RequestID":1,"InstrumentID":["m2705"],"Period":"1m"})");
  EXPECT_EQ(error_id(next_json(c)), -401);
  c.send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""},"RequestID":2})");
  EXPECT_EQ(error_id(next_json(c)), 0);
  c.send_text(
      R"({"MsgType":"SubscribeKLine","RequestID":3,"InstrumentID":["m2705"],"Period":"1m"})");
  const Doc sub = next_json(c);
  EXPECT_EQ(str(sub, "MsgType"), "RspSubKLine");
  EXPECT_EQ(error_id(sub), 0);
  EXPECT_EQ(str(sub["KLineSubscription"], "Period"), "1m");
  c.send_text(
      R"({"MsgType":"SubscribeKLine","RequestID":4,"InstrumentID":["m2705"],"Period":"7m"})");
  const Doc bad = next_json(c);
  EXPECT_EQ(error_id(bad), -400);
  EXPECT_NE(str(bad, "Detail").find("1m, 5m"), std::string::npos);

  // The subscription made the service watch m2705: a bar in progress appears from its ticks.
  Doc bar;
  for (int i = 0; i < 100; ++i) {
    c.send_text(R"({"MsgType":"ReqQryKLine","RequestID":5,"InstrumentID":"m2705","Period":"1m"})");
    Doc d = next_json(c);
    if (str(d, "MsgType") == "RspQryKLine" && d["KLine"].IsObject()) {
      bar = std::move(d);
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(bar.IsObject()) << "no bar from the ticks";
  const auto& k = bar["KLine"];
  EXPECT_EQ(str(k, "InstrumentID"), "m2705");
  EXPECT_EQ(str(k, "StartTime").substr(6), "00") << "aligned to the minute";
  EXPECT_GE(k["High"].GetDouble(), k["Open"].GetDouble());
  EXPECT_GE(k["High"].GetDouble(), k["Close"].GetDouble());
  EXPECT_LE(k["Low"].GetDouble(), k["Close"].GetDouble());
  EXPECT_GT(k["OpenInterest"].GetDouble(), 0);
  c.send_text(R"({"MsgType":"ReqQryKLine","RequestID":6,"InstrumentID":"m2705","Period":"1d"})");
  const Doc day = next_json(c);
  EXPECT_EQ(str(day["KLine"], "Period"), "1d");
  c.send_text(
      R"({"MsgType":"UnSubscribeKLine","RequestID":7,"InstrumentID":["m2705"],"Period":"1m"})");
  EXPECT_EQ(str(next_json(c), "MsgType"), "RspUnSubKLine");
}

}  // namespace
}  // namespace ctpgw::testkit
