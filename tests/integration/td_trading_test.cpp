// td_service against the simulated counter, over WebSocket: login, every query, orders that
// fill, rest and are cancelled, rejects with CTP's codes, and kill -9 with everything intact.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "ctpgw/protocol/catalog.h"
#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"
#include "td_client.h"

namespace ctpgw::testkit {
namespace {

using Doc = rapidjson::Document;

std::string insert_json(const std::string& instrument, const std::string& exchange, char direction,
                        char offset, double price, int volume, const std::string& ref = "") {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      R"({"MsgType":"ReqOrderInsert","RequestID":11,"InputOrder":{"BrokerID":"9999","InvestorID":"000001","ExchangeID":"%s","InstrumentID":"%s","LimitPrice":%.4f,"OrderPriceType":"2","Direction":"%c","CombOffsetFlag":"%c","CombHedgeFlag":"1","VolumeTotalOriginal":%d,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0","IsAutoSuspend":0,"OrderRef":"%s"}})",
      exchange.c_str(), instrument.c_str(), price, direction, offset, volume, ref.c_str());
  return buf;
}

Doc depth(TdClient& c, const std::string& instrument) {
  auto rows = c.request("ReqQryDepthMarketData", "QryDepthMarketData",
                        R"({"InstrumentID":")" + instrument + "\"}", 3);
  Doc d;
  d.CopyFrom(rows.back()["DepthMarketData"], d.GetAllocator());
  return d;
}

class TdTrading : public ::testing::Test {
 protected:
  void SetUp() override {
    svc_ = std::make_unique<ServiceProcess>(CTPGW_TD_SERVICE, "", sim_yaml(50));
  }
  std::unique_ptr<ServiceProcess> svc_;
};

TEST_F(TdTrading, EveryQueryIsAnsweredFromTheCountersState) {
  TdClient c(svc_->port());
  const Doc login = c.login("000001", "pw");
  ASSERT_EQ(error_id(login), 0);
  int rid = 100;
  for (const protocol::MessageSpec& m : protocol::messages()) {
    if (m.service != protocol::Service::Td || m.request == "ReqUserLogin" ||
        m.request == "ReqOrderInsert" || m.request == "ReqOrderAction" ||
        m.request == "ReqUserPasswordUpdate" || m.request == "ReqUserLogout" ||
        m.request.starts_with("ReqFrom")) {  // transfers: td_transfer_test.cpp
      continue;
    }
    const std::string body =
        m.request == "ReqQryMaxOrderVolume"
            ? R"({"InstrumentID":"rb2705","Direction":"0","OffsetFlag":"0","HedgeFlag":"1"})"
            : "{}";
    const auto replies =
        c.request(std::string(m.request), std::string(m.request_body), body, ++rid);
    ASSERT_FALSE(replies.empty()) << m.request;
    for (const Doc& r : replies) {
      EXPECT_EQ(str(r, "MsgType"), m.reply) << m.request;
      EXPECT_EQ(error_id(r), 0) << m.request;
    }
    const Doc& last = replies.back();
    const std::string req(m.request);
    if (req == "ReqQryInstrument" || req == "ReqQryDepthMarketData") {
      EXPECT_GE(replies.size(), 30u);
    } else if (req == "ReqQryExchange") {
      EXPECT_EQ(replies.size(), 6u);
    } else if (req == "ReqQryTradingAccount") {
      EXPECT_EQ(last["TradingAccount"]["Balance"].GetDouble(), 10'000'000.0);
      EXPECT_EQ(last["TradingAccount"]["Available"].GetDouble(), 10'000'000.0);
    } else if (req == "ReqQryMaxOrderVolume") {
      EXPECT_GT(last["QryMaxOrderVolume"]["MaxVolume"].GetInt(), 0);
    } else if (req == "ReqQryOrder") {
      EXPECT_TRUE(last["Order"].IsNull());  // no orders yet: one reply with a null body
    } else if (req == "ReqQryInstrumentMarginRate") {
      EXPECT_GT(last["InstrumentMarginRate"]["LongMarginRatioByMoney"].GetDouble(), 0);
    } else if (req == "ReqQryOptionInstrTradeCost") {
      EXPECT_GT(last["OptionInstrTradeCost"]["FixedMargin"].GetDouble(), 0);
    }
  }
}

TEST_F(TdTrading, FillRestCancelAndClose) {
  TdClient c(svc_->port());
  const Doc login = c.login("000001", "pw");
  const int front = login["RspUserLogin"]["FrontID"].GetInt();
  const int session = login["RspUserLogin"]["SessionID"].GetInt();
  Doc md = depth(c, "rb2705");
  const double upper = md["UpperLimitPrice"].GetDouble(), lower = md["LowerLimitPrice"].GetDouble();

  // A marketable buy fills: RtnOrder unknown -> accepted -> all traded, and a trade.
  c.send(insert_json("rb2705", "SHFE", '0', '0', upper, 1));
  auto msgs = c.until_type("RtnTrade");
  ASSERT_EQ(msgs.size(), 4u);
  EXPECT_EQ(str(msgs[0]["Order"], "OrderStatus"), "a");
  EXPECT_EQ(str(msgs[1]["Order"], "OrderStatus"), "3");
  EXPECT_EQ(str(msgs[2]["Order"], "OrderStatus"), "0");
  EXPECT_TRUE(msgs[0]["RspInfo"].IsNull());
  const std::string sys_id = str(msgs[2]["Order"], "OrderSysID");
  EXPECT_EQ(str(msgs[3]["Trade"], "OrderSysID"), sys_id);
  EXPECT_LE(msgs[3]["Trade"]["Price"].GetDouble(), upper);

  auto pos = c.request("ReqQryInvestorPosition", "QryInvestorPosition", "{}", 20);
  ASSERT_EQ(pos.size(), 1u);
  EXPECT_EQ(str(pos[0]["InvestorPosition"], "InstrumentID"), "rb2705");
  EXPECT_EQ(pos[0]["InvestorPosition"]["Position"].GetInt(), 1);
  EXPECT_EQ(str(pos[0]["InvestorPosition"], "PosiDirection"), "2");
  EXPECT_EQ(c.request("ReqQryTrade", "QryTrade", "{}", 21).size(), 1u);
  auto acc = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 22);
  EXPECT_GT(acc[0]["TradingAccount"]["Commission"].GetDouble(), 0);
  EXPECT_GT(acc[0]["TradingAccount"]["CurrMargin"].GetDouble(), 0);

  // A passive order rests; cancel it by (FrontID, SessionID, OrderRef).
  c.send(insert_json("rb2705", "SHFE", '0', '0', lower, 2, "100"));
  msgs = c.until_order_status('3');
  c.send(
      R"({"MsgType":"ReqOrderAction","RequestID":30,"InputOrderAction":{"BrokerID":"9999","InvestorID":"000001","ActionFlag":"0","FrontID":)" +
      std::to_string(front) + R"(,"SessionID":)" + std::to_string(session) +
      R"(,"OrderRef":"100","InstrumentID":"rb2705"}})");
  msgs = c.until_order_status('5');
  EXPECT_EQ(str(msgs.back()["Order"], "StatusMsg"), "已撤单");

  // Another, cancelled by (ExchangeID, OrderSysID); cancelling it twice is refused with 26.
  c.send(insert_json("rb2705", "SHFE", '0', '0', lower, 1));
  msgs = c.until_order_status('3');
  const std::string resting = str(msgs.back()["Order"], "OrderSysID");
  const std::string cancel =
      R"({"MsgType":"ReqOrderAction","RequestID":31,"InputOrderAction":{"BrokerID":"9999","InvestorID":"000001","ActionFlag":"0","ExchangeID":"SHFE","OrderSysID":")" +
      resting + R"(","InstrumentID":"rb2705"}})";
  c.send(cancel);
  c.until_order_status('5');
  c.send(cancel);
  msgs = c.until_type("ErrRtnOrderAction");
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(str(msgs[0], "MsgType"), "RspOrderAction");
  EXPECT_EQ(error_id(msgs[0]), 26);
  EXPECT_EQ(msgs[0]["RequestID"].GetInt(), 31);
  EXPECT_TRUE(msgs[0]["IsLast"].GetBool());
  EXPECT_EQ(error_id(msgs[1]), 26);
  EXPECT_EQ(str(msgs[1]["RspInfo"], "ErrorMsg"), "CTP:报单已全成交或已撤销，不能再撤");

  // Close today's position (SHFE needs CloseToday) with a marketable sell.
  c.send(insert_json("rb2705", "SHFE", '1', '3', lower, 1));
  c.until_type("RtnTrade");
  pos = c.request("ReqQryInvestorPosition", "QryInvestorPosition", "{}", 23);
  ASSERT_EQ(pos.size(), 1u);
  EXPECT_EQ(pos[0]["InvestorPosition"]["Position"].GetInt(), 0);
  EXPECT_EQ(pos[0]["InvestorPosition"]["CloseVolume"].GetInt(), 1);
  EXPECT_EQ(c.request("ReqQryOrder", "QryOrder", "{}", 24).size(), 4u);
}

TEST_F(TdTrading, RejectsUseCtpErrorIds) {
  TdClient c(svc_->port());
  c.login("000001", "pw");
  c.send(insert_json("nope2701", "SHFE", '0', '0', 100, 1));
  auto msgs = c.until_type("ErrRtnOrderInsert");
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(str(msgs[0], "MsgType"), "RspOrderInsert");
  EXPECT_EQ(error_id(msgs[0]), 16);
  EXPECT_EQ(str(msgs[0]["RspInfo"], "ErrorMsg"), "CTP:找不到合约");
  EXPECT_EQ(msgs[0]["RequestID"].GetInt(), 11);
  EXPECT_EQ(str(msgs[0]["InputOrder"], "InstrumentID"), "nope2701");
  EXPECT_EQ(error_id(msgs[1]), 16);

  Doc md = depth(c, "m2705");
  c.send(insert_json("m2705", "DCE", '1', '1', md["LowerLimitPrice"].GetDouble(), 1));
  msgs = c.until_type("ErrRtnOrderInsert");
  EXPECT_EQ(error_id(msgs[0]), 30);

  c.send(insert_json("m2705", "DCE", '0', '0', md["UpperLimitPrice"].GetDouble() + 100, 1));
  msgs = c.until_order_status('5');
  EXPECT_EQ(str(msgs.back()["Order"], "OrderSubmitStatus"), "4");
  EXPECT_EQ(str(msgs.back()["Order"], "StatusMsg"), "报单价格超出涨跌停板范围");
}

TEST_F(TdTrading, PasswordUpdateChangesTheNextLogin) {
  {
    TdClient c(svc_->port());
    c.login("000007", "old");
    auto r = c.request(
        "ReqUserPasswordUpdate", "UserPasswordUpdate",
        R"({"BrokerID":"9999","UserID":"000007","OldPassword":"old","NewPassword":"new-pass1"})",
        40);
    EXPECT_EQ(str(r[0], "MsgType"), "RspUserPasswordUpdate");
    EXPECT_EQ(error_id(r[0]), 0);
  }
  TdClient wrong(svc_->port());
  const Doc bad = wrong.login("000007", "old");
  EXPECT_EQ(error_id(bad), 3);
  EXPECT_FALSE(bad.HasMember("RspUserLogin"));
  TdClient right(svc_->port());
  EXPECT_EQ(error_id(right.login("000007", "new-pass1")), 0);
}

TEST(TdCounterThread, OnItsOwnThreadTheCounterAnswersAsOnTheWebSocketThread) {
  // Sim.CounterThread: own puts the cross-thread hand-off of a vendor SDK between the socket and
  // the counter, Sim.SyncCommits a disk flush under every commit; the conversation is the same.
  ServiceProcess svc(CTPGW_TD_SERVICE, "", sim_yaml(50, "CounterThread: own, SyncCommits: true"));
  TdClient c(svc.port());
  ASSERT_EQ(error_id(c.login("000001", "pw")), 0);
  Doc md = depth(c, "cu2701");
  c.send(insert_json("cu2701", "SHFE", '0', '0', md["UpperLimitPrice"].GetDouble(), 1));
  const auto trade = c.until_type("RtnTrade");
  EXPECT_EQ(str(trade.back()["Trade"], "InstrumentID"), "cu2701");
  c.send(insert_json("cu2701", "SHFE", '0', '0', md["LowerLimitPrice"].GetDouble(), 2));
  c.until_order_status('3');
  EXPECT_EQ(c.request("ReqQryOrder", "QryOrder", "{}", 3).size(), 2u);
  EXPECT_EQ(c.request("ReqQryTrade", "QryTrade", "{}", 4).size(), 1u);
}

TEST(TdDurability, KillMinus9AndRestartLoseNothing) {
  const auto data =
      std::filesystem::temp_directory_path() / ("ctpgw-durable-" + std::to_string(::getpid()));
  std::filesystem::remove_all(data);
  const std::string sim = sim_yaml(50, "DataDir: " + data.string());
  std::string resting, filled;
  {
    ServiceProcess svc(CTPGW_TD_SERVICE, "", sim);
    TdClient c(svc.port());
    c.login("000001", "pw");
    Doc md = depth(c, "cu2701");
    c.send(insert_json("cu2701", "SHFE", '0', '0', md["UpperLimitPrice"].GetDouble(), 1));
    filled = str(c.until_type("RtnTrade").back()["Trade"], "OrderSysID");
    c.send(insert_json("cu2701", "SHFE", '0', '0', md["LowerLimitPrice"].GetDouble(), 2));
    resting = str(c.until_order_status('3').back()["Order"], "OrderSysID");
    svc.stop(SIGKILL);  // no shutdown path runs
  }
  ServiceProcess svc(CTPGW_TD_SERVICE, "", sim);
  TdClient c(svc.port());
  ASSERT_EQ(error_id(c.login("000001", "pw")), 0);
  const auto orders = c.request("ReqQryOrder", "QryOrder", "{}", 50);
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(str(orders[0]["Order"], "OrderSysID"), filled);
  EXPECT_EQ(str(orders[0]["Order"], "OrderStatus"), "0");
  EXPECT_EQ(str(orders[1]["Order"], "OrderSysID"), resting);
  EXPECT_EQ(str(orders[1]["Order"], "OrderStatus"), "3");
  EXPECT_EQ(c.request("ReqQryTrade", "QryTrade", "{}", 51).size(), 1u);
  const auto pos = c.request("ReqQryInvestorPosition", "QryInvestorPosition", "{}", 52);
  ASSERT_EQ(pos.size(), 1u);
  EXPECT_EQ(pos[0]["InvestorPosition"]["Position"].GetInt(), 1);
  const auto acc = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 53);
  EXPECT_GT(acc[0]["TradingAccount"]["FrozenMargin"].GetDouble(), 0);  // the resting order's
  c.send(
      R"({"MsgType":"ReqOrderAction","RequestID":54,"InputOrderAction":{"ActionFlag":"0","ExchangeID":"SHFE","OrderSysID":")" +
      resting + R"("}})");
  const auto cancelled = c.until_order_status('5');
  EXPECT_EQ(str(cancelled.back()["Order"], "OrderSysID"), resting);
  // The wrong password is still the wrong password after a restart.
  TdClient other(svc.port());
  EXPECT_EQ(error_id(other.login("000001", "nope")), 3);
  std::filesystem::remove_all(data);
}

TEST(TdStorage, UnreadableDataDirectoryStopsStartup) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-badstore-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "counter.db") << "not sqlite"; }
  const auto cfg = dir / "c.yaml";
  std::ofstream(cfg) << "Port: 0\nTdFrontAddress: sim://\nSim: {DataDir: " << dir.string() << ", "
                     << sim_yaml() << "}\n";
  auto [rc, out] = ServiceProcess::run_to_exit(CTPGW_TD_SERVICE, {"--config=" + cfg.string()});
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("counter.db"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ctpgw::testkit

namespace ctpgw::testkit {
namespace {

TEST(TdExchangeRules, VisibleThroughTheApi) {
  ServiceProcess svc(CTPGW_TD_SERVICE, "", sim_yaml(50));
  TdClient c(svc.port());
  ASSERT_EQ(error_id(c.login("000001", "rules-pw1")), 0);
  // An SHFE market order is refused by the exchange, not the counter.
  c.send(
      R"({"MsgType":"ReqOrderInsert","RequestID":5,"InputOrder":{"ExchangeID":"SHFE","InstrumentID":"rb2705","OrderPriceType":"1","LimitPrice":0,"Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"1","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  const auto msgs = c.until_order_status('5');
  EXPECT_EQ(str(msgs.back()["Order"], "OrderSubmitStatus"), "4");
  EXPECT_EQ(str(msgs.back()["Order"], "StatusMsg"), "79:已撤单报单被拒绝SHFE:不被支持的报单类型");
  // Price limits from the product rules: IF +-10 %, T +-2 %.
  for (const auto& [id, ratio] : {std::pair{"IF2612", 0.10}, std::pair{"T2703", 0.02}}) {
    const Doc d = depth(c, id);
    const double pre = d["PreSettlementPrice"].GetDouble();
    EXPECT_NEAR(d["UpperLimitPrice"].GetDouble() / pre, 1 + ratio, 0.001) << id;
    EXPECT_NEAR(d["LowerLimitPrice"].GetDouble() / pre, 1 - ratio, 0.001) << id;
  }
}

}  // namespace
}  // namespace ctpgw::testkit

namespace ctpgw::testkit {
namespace {

/// Sends `n` queries in one burst; returns {answered, refused with -2/-3}.
std::pair<int, int> query_burst(TdClient& c, int n) {
  for (int i = 0; i < n; ++i) {
    c.send(R"({"MsgType":"ReqQryTradingAccount","QryTradingAccount":{},"RequestID":)" +
           std::to_string(100 + i) + "}");
  }
  int answered = 0, refused = 0;
  while (answered + refused < n) {
    const auto msgs = c.until([](const Doc& d) {
      return str(d, "MsgType") == "RspQryTradingAccount" && d.HasMember("RequestID");
    });
    if (msgs.empty()) break;
    const int code = error_id(msgs.back());
    if (code == 0) {
      ++answered;
    } else {
      EXPECT_TRUE(code == -2 || code == -3) << code;
      ++refused;
    }
  }
  return {answered, refused};
}

TEST(TdQueryFlowControl, ABurstMeetsTheCountersLimitUnlessTheGatewayPacesIt) {
  {
    // Pacing off: the simulated counter refuses what comes too fast, as a CTP front does.
    ServiceProcess svc(CTPGW_TD_SERVICE, "QueryPacing: false",
                       sim_yaml(50, "QueriesPerSecond: 20"));
    TdClient c(svc.port());
    ASSERT_EQ(error_id(c.login("000001", "flow-pw1")), 0);
    const auto [answered, refused] = query_burst(c, 40);
    EXPECT_GE(answered, 1);
    EXPECT_GE(refused, 30) << "answered " << answered;
  }
  {
    // Pacing on (the default): the gateway spaces them at 1/QueriesPerSecond; none fails.
    ServiceProcess svc(CTPGW_TD_SERVICE, "", sim_yaml(50, "QueriesPerSecond: 20"));
    TdClient c(svc.port());
    ASSERT_EQ(error_id(c.login("000001", "flow-pw1")), 0);
    const auto [answered, refused] = query_burst(c, 40);
    EXPECT_EQ(answered, 40);
    EXPECT_EQ(refused, 0);
  }
}

}  // namespace
}  // namespace ctpgw::testkit
