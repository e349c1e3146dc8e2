// A simulated trading day through the built services, on a simulated clock (Sim.ClockStart,
// Sim.ClockRate): the day's range, the close (GFD expiry, instrument status), md publishing the
// close and settlement on its last tick and the next day starting from them, td settling the
// account at that price and serving the statement.
#include <gtest/gtest.h>

#include <cstdio>
#include <thread>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"
#include "td_client.h"

namespace ctpgw::testkit {
namespace {

// Monday 30 November 2026, 30 simulated seconds before the roll at 18:00, ten times real speed.
std::string day_end_clock() {
  return sim_yaml(500, "Calendar: " CTPGW_SOURCE_DIR
                       "/configs/sim/calendar.yaml, ClockStart: \"2026-11-30 17:59:30\","
                       " ClockRate: 10");
}

TEST(SimTradingDay, MdPublishesTheSettlementOnTheDaysLastTickAndTheNextDayStartsFromIt) {
  ServiceProcess md(CTPGW_MD_SERVICE, "", day_end_clock());
  WsClient c(md.port(), "/md/");
  c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
  ASSERT_TRUE(c.next_text(10s).has_value());
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["m2705","T2703"]})");
  std::map<std::string, rapidjson::Document> last_of_day1;
  std::map<std::string, rapidjson::Document> first_of_day2;
  while (first_of_day2.size() < 2) {
    const auto text = c.next_text(20s);
    ASSERT_TRUE(text.has_value()) << "no tick";
    auto d = parse_json(*text);
    if (str(d, "MsgType") != "RtnDepthMarketData") continue;
    const auto& m = d["DepthMarketData"];
    const std::string id = str(m, "InstrumentID");
    if (str(m, "TradingDay") == "20261130") {
      last_of_day1[id] = std::move(d);
    } else if (!first_of_day2.count(id)) {
      ASSERT_EQ(str(m, "TradingDay"), "20261201");
      first_of_day2[id] = std::move(d);
    }
  }
  for (const char* id : {"m2705", "T2703"}) {
    ASSERT_TRUE(last_of_day1.count(id)) << id;
    const auto& day1 = last_of_day1[id]["DepthMarketData"];
    const auto& day2 = first_of_day2[id]["DepthMarketData"];
    EXPECT_EQ(str(day1, "UpdateTime"), "17:59:59") << id;
    const double settlement = day1["SettlementPrice"].GetDouble();
    EXPECT_GT(settlement, 0) << id << ": the day's last tick carries its settlement";
    EXPECT_GT(day1["ClosePrice"].GetDouble(), 0) << id;
    EXPECT_EQ(day2["PreSettlementPrice"].GetDouble(), settlement) << id;
    EXPECT_EQ(day2["PreClosePrice"].GetDouble(), day1["ClosePrice"].GetDouble()) << id;
    EXPECT_EQ(day2["PreOpenInterest"].GetDouble(), day1["OpenInterest"].GetDouble()) << id;
    EXPECT_EQ(day2["SettlementPrice"].GetDouble(), 0) << id << ": no settlement intraday";
  }
}

TEST(SimTradingDay, TdSettlesTheAccountAndServesTheStatementAfterTheRoll) {
  ServiceProcess td(CTPGW_TD_SERVICE, "", day_end_clock());
  TdClient c(td.port());
  ASSERT_EQ(c.login_code(), 0);
  c.send(
      R"({"MsgType":"ReqOrderInsert","RequestID":5,"InputOrder":{"ExchangeID":"DCE","InstrumentID":"m2705","OrderPriceType":"1","LimitPrice":0,"Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"1","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  const auto fill = c.until_type("RtnTrade");
  ASSERT_FALSE(fill.empty());
  const auto& trade = fill.back()["Trade"];
  ASSERT_EQ(str(trade, "TradingDay"), "20261130") << "filled after the roll: the clock ran ahead";
  const double price = trade["Price"].GetDouble();
  const auto fees = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 6);
  const double commission = fees.back()["TradingAccount"]["Commission"].GetDouble();

  // Wait for the roll (18:00 simulated, about three seconds away).
  std::string trading_day;
  double pre_settlement = 0;
  for (int i = 0; i < 200 && trading_day != "20261201"; ++i) {
    const auto rows =
        c.request("ReqQryDepthMarketData", "QryDepthMarketData", R"({"InstrumentID":"m2705"})", 7);
    ASSERT_FALSE(rows.empty());
    trading_day = str(rows.back()["DepthMarketData"], "TradingDay");
    pre_settlement = rows.back()["DepthMarketData"]["PreSettlementPrice"].GetDouble();
    if (trading_day != "20261201") std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(trading_day, "20261201");

  const auto statement = c.request("ReqQrySettlementInfo", "QrySettlementInfo", "{}", 8);
  std::string text;
  int sequence = 0;
  for (const auto& row : statement) {
    ASSERT_EQ(error_id(row), 0);
    ASSERT_TRUE(row["SettlementInfo"].IsObject());
    EXPECT_EQ(str(row["SettlementInfo"], "TradingDay"), "20261130");
    EXPECT_EQ(row["SettlementInfo"]["SequenceNo"].GetInt(), ++sequence);
    text += str(row["SettlementInfo"], "Content");
  }
  EXPECT_GE(sequence, 2) << "a statement longer than one 500-byte chunk";
  EXPECT_NE(text.find("交易结算单"), std::string::npos) << text;
  EXPECT_NE(text.find("m2705"), std::string::npos) << text;
  char settle_text[32];
  std::snprintf(settle_text, sizeof settle_text, "%.3f", pre_settlement);
  EXPECT_NE(text.find(settle_text), std::string::npos) << "settled at " << settle_text << "\n"
                                                       << text;

  // PreBalance = the initial balance - the fee + the mark to the settlement price (m: 10/lot).
  const auto account = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 9);
  const auto& a = account.back()["TradingAccount"];
  EXPECT_NEAR(a["PreBalance"].GetDouble(), 10'000'000 - commission + (pre_settlement - price) * 10,
              1e-6);
  EXPECT_EQ(a["Commission"].GetDouble(), 0);
  const auto positions = c.request("ReqQryInvestorPosition", "QryInvestorPosition", "{}", 10);
  EXPECT_EQ(positions.back()["InvestorPosition"]["YdPosition"].GetInt(), 1);

  const auto confirm =
      c.request("ReqQrySettlementInfoConfirm", "QrySettlementInfoConfirm", "{}", 11);
  EXPECT_EQ(str(confirm.back()["SettlementInfoConfirm"], "ConfirmDate"), "20261130");
}

std::string real_sessions_at(const std::string& start, int rate) {
  return "Instruments: " CTPGW_SOURCE_DIR
         "/configs/sim/instruments.yaml, Calendar: " CTPGW_SOURCE_DIR
         "/configs/sim/calendar.yaml, AlwaysOpen: false, TickIntervalMs: 500, ClockStart: \"" +
         start + "\", ClockRate: " + std::to_string(rate);
}

// The 10-year treasury future moves a few tenths of a percent in a day: its range at the close
// (High/Low are the day's) over the pre-settlement price.
TEST(SimTradingDay, ATreasuryFuturesDailyRangeIsOfTheRealOrder) {
  for (const char* day : {"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"}) {
    ServiceProcess md(CTPGW_MD_SERVICE, "", real_sessions_at(std::string(day) + " 15:14:58", 1));
    WsClient c(md.port(), "/md/");
    c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
    ASSERT_TRUE(c.next_text(10s).has_value());
    c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["T2703"]})");
    for (;;) {
      const auto text = c.next_text(20s);
      ASSERT_TRUE(text.has_value()) << day << ": no tick";
      auto d = parse_json(*text);
      if (str(d, "MsgType") != "RtnDepthMarketData") continue;
      const auto& m = d["DepthMarketData"];
      const double range = (m["HighestPrice"].GetDouble() - m["LowestPrice"].GetDouble()) /
                           m["PreSettlementPrice"].GetDouble();
      EXPECT_GT(range, 0.0005) << day;  // it moved
      EXPECT_LT(range, 0.012) << day;   // but not like a commodity (the limit is 2 %)
      EXPECT_GT(m["Volume"].GetInt(), 1000) << day;
      break;
    }
  }
}

// At 15:00 SHFE closes: a resting GFD order expires with an RtnOrder push, and the instrument's
// status turns to closed (6).
TEST(SimTradingDay, AGfdOrderExpiresAtTheCloseWithAPushAndTheStatusTurnsClosed) {
  ServiceProcess td(CTPGW_TD_SERVICE, "", real_sessions_at("2026-11-30 14:59:50", 2));
  TdClient c(td.port());
  ASSERT_EQ(c.login_code(), 0);
  const double lower = c.depth_price("rb2705", "LowerLimitPrice");
  c.send(
      R"({"MsgType":"ReqOrderInsert","RequestID":5,"InputOrder":{"ExchangeID":"SHFE","InstrumentID":"rb2705","OrderPriceType":"2","LimitPrice":)" +
      std::to_string(lower) +
      R"(,"Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  ASSERT_FALSE(c.until_order_status('3').empty()) << "the order rests";
  bool expired = false, closed = false;
  c.until([&](const rapidjson::Document& d) {
    const std::string type = str(d, "MsgType");
    if (type == "RtnOrder" && str(d["Order"], "OrderStatus") == "5") {
      EXPECT_EQ(str(d["Order"], "StatusMsg"), "已撤单:交易日结束");
      expired = true;
    }
    if (type == "RtnInstrumentStatus" && str(d["InstrumentStatus"], "InstrumentID") == "rb2705") {
      EXPECT_EQ(str(d["InstrumentStatus"], "InstrumentStatus"), "6");
      EXPECT_EQ(str(d["InstrumentStatus"], "EnterTime"), "15:00:00");
      closed = true;
    }
    return expired && closed;
  });
  EXPECT_TRUE(expired);
  EXPECT_TRUE(closed);
  const auto account = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 9);
  EXPECT_EQ(account.back()["TradingAccount"]["FrozenMargin"].GetDouble(), 0);
}

// The night session's opening auction: md publishes its result (the opening price) once in the
// match minute, then continuous ticks from 21:00 open at that price.
TEST(SimTradingDay, MdPublishesTheOpeningAuctionsPriceBeforeTheOpen) {
  ServiceProcess md(CTPGW_MD_SERVICE, "", real_sessions_at("2026-11-30 20:59:50", 5));
  WsClient c(md.port(), "/md/");
  c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
  ASSERT_TRUE(c.next_text(10s).has_value());
  c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"]})");
  std::vector<rapidjson::Document> ticks;
  while (ticks.empty() || str(ticks.back()["DepthMarketData"], "UpdateTime") < "21:00:00") {
    const auto text = c.next_text(20s);
    ASSERT_TRUE(text.has_value()) << "no tick";
    auto d = parse_json(*text);
    if (str(d, "MsgType") == "RtnDepthMarketData") ticks.push_back(std::move(d));
  }
  ASSERT_GE(ticks.size(), 3u);  // the snapshot (the last close), the auction, the open
  std::vector<std::string> auction;
  for (const auto& t : ticks) {
    const std::string at = str(t["DepthMarketData"], "UpdateTime");
    if (at >= "20:59:00" && at < "21:00:00") auction.push_back(at);
  }
  ASSERT_EQ(auction.size(), 1u) << "the auction's result, once";
  const auto& open = ticks.back()["DepthMarketData"];
  const auto& result = ticks[ticks.size() - 2]["DepthMarketData"];
  EXPECT_EQ(str(result, "TradingDay"), "20261201");
  EXPECT_EQ(result["LastPrice"].GetDouble(), open["OpenPrice"].GetDouble());
  EXPECT_EQ(result["OpenPrice"].GetDouble(), open["OpenPrice"].GetDouble());
}

// A resting sell is the maker: when the market comes to it, it fills at its own limit, never at
// a better displayed price. A hundred times real speed, so the market moves within seconds.
TEST(SimTradingDay, ARestingSellFillsAtItsLimitOrBetter) {
  // On a wall-driven clock the order reaches the counter at a moment the test does not choose:
  // if the bid has risen to the quoted ask by then, the sell takes it on arrival, at that better
  // price; otherwise it rests and fills at its own limit. Never worse than the limit. (The
  // resting path alone is checked deterministically by resting_sell_fills_at_own_limit.yaml.)
  ServiceProcess td(CTPGW_TD_SERVICE, "",
                    sim_yaml(500, "ClockStart: \"2026-12-02 10:00:00\", ClockRate: 100"));
  TdClient c(td.port());
  ASSERT_EQ(c.login_code(), 0);
  const double limit = c.depth_price("jm2705", "AskPrice1");  // joins the best ask's queue
  c.send(
      R"({"MsgType":"ReqOrderInsert","RequestID":5,"InputOrder":{"ExchangeID":"DCE","InstrumentID":"jm2705","OrderPriceType":"2","LimitPrice":)" +
      std::to_string(limit) +
      R"(,"Direction":"1","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  ASSERT_FALSE(c.until_order_status('3').empty()) << "the sell rests";
  const auto fill = c.until_type("RtnTrade");
  ASSERT_FALSE(fill.empty()) << "the market never came up to the sell";
  EXPECT_GE(fill.back()["Trade"]["Price"].GetDouble(), limit);
}

}  // namespace
}  // namespace ctpgw::testkit
