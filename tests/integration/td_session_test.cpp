// Trading sessions that outlive a socket (docs/protocol.md, "Sessions"), through real sockets on
// the built td_service: several sockets of one user, numbered pushes and resume, and
// cancel-on-disconnect.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

using Doc = rapidjson::Document;

std::string login_json(const std::string& user, int request_id, const std::string& extra = "") {
  return R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":")" + user +
         R"(","Password":"pw-sess1"},"RequestID":)" + std::to_string(request_id) + extra + "}";
}

std::string order_json(const std::string& user, double price, int request_id) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      R"({"MsgType":"ReqOrderInsert","RequestID":%d,"InputOrder":{"BrokerID":"9999","InvestorID":"%s","ExchangeID":"SHFE","InstrumentID":"rb2705","LimitPrice":%.4f,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0","IsAutoSuspend":0,"OrderRef":""}})",
      request_id, user.c_str(), price);
  return buf;
}

/// Raw texts up to and including the first for which `done` holds.
std::vector<std::string> read_until(WsClient& c, const std::function<bool(const Doc&)>& done) {
  std::vector<std::string> out;
  for (;;) {
    auto text = c.next_text(20s);
    if (!text) {
      ADD_FAILURE() << "stream ended after " << out.size() << " messages";
      return out;
    }
    out.push_back(*text);
    if (done(parse_json(*text))) return out;
  }
}

std::vector<std::string> until_type(WsClient& c, const std::string& type) {
  return read_until(c, [&](const Doc& d) { return str(d, "MsgType") == type; });
}

/// Reads until `n` numbered pushes have arrived; returns them.
std::vector<std::string> read_pushes(WsClient& c, std::size_t n) {
  std::vector<std::string> pushes;
  while (pushes.size() < n) {
    auto text = c.next_text(20s);
    if (!text) {
      ADD_FAILURE() << "only " << pushes.size() << " of " << n << " pushes";
      break;
    }
    if (parse_json(*text).HasMember("SeqNo")) pushes.push_back(*text);
  }
  return pushes;
}

std::uint64_t seq_of(const std::string& text) {
  return parse_json(text)["SeqNo"].GetUint64();
}

class TdSessions : public ::testing::Test {
 protected:
  void start(const std::string& extra_config = "") {
    svc_ = std::make_unique<ServiceProcess>(CTPGW_TD_SERVICE, extra_config, sim_yaml(50));
  }
  std::unique_ptr<WsClient> connect(const std::string& user, const std::string& extra = "") {
    auto c = std::make_unique<WsClient>(svc_->port(), "/td/");
    c->send_text(login_json(user, 1, extra));
    const auto msgs = until_type(*c, "RspUserLogin");
    EXPECT_EQ(error_id(parse_json(msgs.back())), 0) << msgs.back();
    return c;
  }
  double limit(WsClient& c, const char* field) {
    c.send_text(
        R"({"MsgType":"ReqQryDepthMarketData","QryDepthMarketData":{"InstrumentID":"rb2705"},"RequestID":90})");
    const auto msgs = until_type(c, "RspQryDepthMarketData");
    return parse_json(msgs.back())["DepthMarketData"][field].GetDouble();
  }
  /// Sends one marketable order; returns once its trade has arrived on `c`.
  void fill(WsClient& c, const std::string& user, int request_id) {
    c.send_text(order_json(user, limit(c, "UpperLimitPrice"), request_id));
    until_type(c, "RtnTrade");
  }
  std::unique_ptr<ServiceProcess> svc_;
};

TEST_F(TdSessions, AnOrderSentOnOneSocketIsPushedIdenticallyToBoth) {
  start();
  auto a = connect("000001");
  auto b = connect("000001");
  a->send_text(order_json("000001", limit(*a, "UpperLimitPrice"), 7));
  std::vector<std::string> on_a;
  for (const std::string& m : until_type(*a, "RtnTrade")) {
    if (parse_json(m).HasMember("SeqNo")) on_a.push_back(m);
  }
  const std::vector<std::string> on_b = read_pushes(*b, on_a.size());
  ASSERT_GE(on_a.size(), 2u);
  EXPECT_EQ(on_a, on_b) << "the sockets saw different pushes";
  EXPECT_EQ(str(parse_json(on_b.back()), "MsgType"), "RtnTrade");
}

TEST_F(TdSessions, ADroppedSocketResumesWithEveryLaterPushExactlyOnceInOrder) {
  start();
  auto watcher = connect("000001");
  auto trader = connect("000001");
  for (int i = 0; i < 5; ++i) fill(*trader, "000001", 10 + i);
  // The watcher processes part of the stream, then its socket drops (no logout, no close).
  const auto seen = read_pushes(*watcher, 6);
  const std::uint64_t processed = seq_of(seen.back());
  watcher.reset();
  for (int i = 0; i < 3; ++i) fill(*trader, "000001", 20 + i);

  auto back = std::make_unique<WsClient>(svc_->port(), "/td/");
  back->send_text(login_json("000001", 2, ",\"ResumeAfterSeqNo\":" + std::to_string(processed)));
  const auto head = until_type(*back, "RspResume");
  const Doc login = parse_json(head.front());
  ASSERT_EQ(str(login, "MsgType"), "RspUserLogin");
  const std::uint64_t last = login["LastSeqNo"].GetUint64();
  EXPECT_EQ(error_id(parse_json(head.back())), 0) << head.back();
  auto replayed = read_pushes(*back, last - processed);
  fill(*trader, "000001", 30);           // live again after the replay
  const auto live_on_trader_count = 4u;  // unknown, accepted, traded, trade
  const auto live = read_pushes(*back, live_on_trader_count);
  replayed.insert(replayed.end(), live.begin(), live.end());
  for (std::size_t i = 0; i < replayed.size(); ++i) {
    EXPECT_EQ(seq_of(replayed[i]), processed + 1 + i) << "a gap or a duplicate at " << i;
  }
  EXPECT_EQ(str(parse_json(replayed.back()), "MsgType"), "RtnTrade");
  EXPECT_FALSE(back->next_text(300ms)) << "more than the session pushed";
}

TEST_F(TdSessions, AResumePointTheJournalNoLongerHoldsGetsTheDocumentedAnswer) {
  start("Session: {JournalEntries: 4}");
  auto a = connect("000001");
  for (int i = 0; i < 3; ++i) fill(*a, "000001", 10 + i);
  auto b = std::make_unique<WsClient>(svc_->port(), "/td/");
  b->send_text(login_json("000001", 2, ",\"ResumeAfterSeqNo\":1"));
  const Doc gone = parse_json(until_type(*b, "RspResume").back());
  EXPECT_EQ(error_id(gone), -410);
  EXPECT_EQ(gone["RequestID"].GetInt(), 2);
  EXPECT_EQ(gone["FirstSeqNo"].GetUint64() + 3, gone["LastSeqNo"].GetUint64());
  EXPECT_NE(str(gone, "Detail").find("query"), std::string::npos);
  b->send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"000001","Password":"pw-sess1"},"RequestID":3,"ResumeAfterSeqNo":"x"})");
  EXPECT_EQ(error_id(parse_json(*b->next_text(5s))), -400);
}

/// The OrderStatus of every order of the user, from a query on `c`.
std::vector<std::string> order_statuses(WsClient& c) {
  c.send_text(R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":77})");
  std::vector<std::string> out;
  for (const std::string& m : read_until(c, [](const Doc& d) {
         return str(d, "MsgType") == "RspQryOrder" && d.HasMember("IsLast") &&
                d["IsLast"].GetBool();
       })) {
    const Doc d = parse_json(m);
    if (str(d, "MsgType") == "RspQryOrder" && d["Order"].IsObject()) {
      out.push_back(str(d["Order"], "OrderStatus"));
    }
  }
  return out;
}

TEST_F(TdSessions, CancelOnDisconnectCancelsRestingOrdersOnlyWhenAsked) {
  start();
  for (const bool asked : {true, false}) {
    const std::string user = asked ? "000011" : "000012";
    auto a = connect(user, asked ? ",\"CancelOnDisconnect\":true" : "");
    a->send_text(order_json(user, limit(*a, "LowerLimitPrice"), 5));  // rests
    const auto msgs = read_until(*a, [](const Doc& d) {
      return str(d, "MsgType") == "RtnOrder" && str(d["Order"], "OrderStatus") == "3";
    });
    const std::uint64_t resting_seq = seq_of(msgs.back());
    a.reset();  // the socket goes away without a logout

    auto b = std::make_unique<WsClient>(svc_->port(), "/td/");
    b->send_text(login_json(user, 2, ",\"ResumeAfterSeqNo\":" + std::to_string(resting_seq)));
    until_type(*b, "RspResume");
    if (asked) {
      // The cancel's RtnOrder is in the journal (replayed) or arrives live.
      read_until(*b, [](const Doc& d) {
        return str(d, "MsgType") == "RtnOrder" && str(d["Order"], "OrderStatus") == "5";
      });
      EXPECT_EQ(order_statuses(*b), std::vector<std::string>{"5"});
    } else {
      fill(*b, user, 6);  // a later round trip: a cancel would have been processed before it
      const auto statuses = order_statuses(*b);
      ASSERT_EQ(statuses.size(), 2u);
      EXPECT_EQ(statuses[0], "3") << "cancelled although CancelOnDisconnect was off";
    }
  }
}

}  // namespace
}  // namespace ctpgw::testkit
