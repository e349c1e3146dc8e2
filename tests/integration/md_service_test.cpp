#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cmath>
#include <map>
#include <set>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

constexpr int kTickMs = 50;

class MdService : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = new ServiceProcess(CTPGW_MD_SERVICE, "WebSocket: {SendBufferBytes: 65536}",
                              sim_yaml(kTickMs));
  }
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

  // Subscribes and consumes the replies (ticks arriving in between are returned).
  static std::vector<rapidjson::Document> subscribe(WsClient& c,
                                                    const std::vector<std::string>& ids) {
    std::string list;
    for (const auto& id : ids) list += (list.empty() ? "\"" : ",\"") + id + "\"";
    c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":[)" + list + "]}");
    std::vector<rapidjson::Document> ticks;
    std::size_t replies = 0;
    while (replies < ids.size()) {
      auto msg = next_json(c);
      if (str(msg, "MsgType") == "RspSubMarketData") {
        EXPECT_EQ(error_id(msg), 0);
        ++replies;
      } else {
        EXPECT_EQ(str(msg, "MsgType"), "RtnDepthMarketData");
        ticks.push_back(std::move(msg));
      }
    }
    return ticks;
  }

  static ServiceProcess* svc_;
};
ServiceProcess* MdService::svc_ = nullptr;

TEST_F(MdService, EverythingBeforeLoginIs404LikeWebctp) {
  auto c = connect();
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"]})");
  auto rsp = next_json(*c);
  EXPECT_EQ(str(rsp, "MsgType"), "SubscribeMarketData");
  EXPECT_EQ(error_id(rsp), -404);
}

TEST_F(MdService, RepliesEchoTheRequestIdWhenTheRequestHasOne) {
  auto c = connect();
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"],"RequestID":4})");
  auto early = next_json(*c);
  EXPECT_EQ(error_id(early), -404);
  EXPECT_EQ(early["RequestID"].GetInt(), 4);
  login(*c);
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705"],"RequestID":5})");
  for (;;) {
    auto rsp = next_json(*c);
    if (str(rsp, "MsgType") != "RspSubMarketData") continue;
    EXPECT_EQ(rsp["RequestID"].GetInt(), 5);
    break;
  }
}

TEST_F(MdService, SubscribeAnswersOncePerInstrumentWithIsLastOnTheLast) {
  auto c = connect();
  login(*c);
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2705","nope999","au2702"]})");
  std::map<std::string, int> errors;
  int last_flags = 0, replies = 0;
  while (replies < 3) {
    auto rsp = next_json(*c);
    if (str(rsp, "MsgType") != "RspSubMarketData") continue;
    ++replies;
    EXPECT_FALSE(rsp.HasMember("RequestID"));
    if (rsp.HasMember("IsLast")) {
      ++last_flags;
      EXPECT_EQ(replies, 3);
    }
    errors[str(rsp["SpecificInstrument"], "InstrumentID")] = error_id(rsp);
  }
  EXPECT_EQ(last_flags, 1);
  EXPECT_EQ(errors, (std::map<std::string, int>{{"au2702", 0}, {"nope999", 16}, {"rb2705", 0}}));
}

TEST_F(MdService, TicksAreCompleteAndConsistent) {
  auto c = connect();
  login(*c);
  subscribe(*c, {"rb2705"});
  std::int64_t last_volume = -1;
  std::string last_stamp;
  for (int i = 0; i < 10; ++i) {
    auto t = next_json(*c);
    ASSERT_EQ(str(t, "MsgType"), "RtnDepthMarketData");
    EXPECT_FALSE(t.HasMember("RspInfo"));
    const auto& md = t["DepthMarketData"];
    EXPECT_EQ(str(md, "InstrumentID"), "rb2705");
    EXPECT_EQ(str(md, "ExchangeID"), "SHFE");
    EXPECT_EQ(md.MemberCount(), 46u);
    const double last = md["LastPrice"].GetDouble();
    EXPECT_EQ(last, std::round(last));  // rb ticks in whole yuan
    EXPECT_LE(md["LowerLimitPrice"].GetDouble(), last);
    EXPECT_GE(md["UpperLimitPrice"].GetDouble(), last);
    EXPECT_LE(md["LowestPrice"].GetDouble(), last);
    EXPECT_GE(md["HighestPrice"].GetDouble(), last);
    EXPECT_LT(md["BidPrice1"].GetDouble(), md["AskPrice1"].GetDouble());
    EXPECT_GT(md["BidVolume1"].GetInt(), 0);
    EXPECT_EQ(md["ClosePrice"].GetInt(), 0);  // DBL_MAX "no value" is sent as 0
    EXPECT_GE(md["Volume"].GetInt64(), last_volume);
    last_volume = md["Volume"].GetInt64();
    const std::string stamp =
        str(md, "UpdateTime") + "." + std::to_string(md["UpdateMillisec"].GetInt());
    EXPECT_NE(stamp, last_stamp);
    last_stamp = stamp;
  }
}

TEST_F(MdService, EachClientGetsExactlyItsInstruments) {
  auto a = connect(), b = connect();
  login(*a);
  login(*b);
  subscribe(*a, {"rb2705", "cu2701"});
  subscribe(*b, {"IF2612"});
  std::set<std::string> seen_a, seen_b;
  for (int i = 0; i < 12; ++i) seen_a.insert(str(next_json(*a)["DepthMarketData"], "InstrumentID"));
  for (int i = 0; i < 6; ++i) seen_b.insert(str(next_json(*b)["DepthMarketData"], "InstrumentID"));
  EXPECT_EQ(seen_a, (std::set<std::string>{"cu2701", "rb2705"}));
  EXPECT_EQ(seen_b, (std::set<std::string>{"IF2612"}));
}

TEST_F(MdService, UnsubscribeStopsTheFlow) {
  auto c = connect();
  login(*c);
  subscribe(*c, {"m2705", "SR705"});
  c->send_text(R"({"MsgType":"UnSubscribeMarketData","InstrumentID":["m2705"]})");
  for (;;) {
    auto msg = next_json(*c);
    if (str(msg, "MsgType") == "RspUnSubMarketData") {
      EXPECT_TRUE(msg["IsLast"].GetBool());
      break;
    }
  }
  // Replies and ticks share one ordered stream: nothing for m2705 may follow the reply.
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(str(next_json(*c)["DepthMarketData"], "InstrumentID"), "SR705");
  }
}

TEST_F(MdService, LateSubscriberGetsTheLatestTickAtOnce) {
  auto first = connect();
  login(*first);
  subscribe(*first, {"ag2702"});
  next_json(*first);  // the instrument is ticking now
  auto late = connect();
  login(*late);
  const auto ticks = subscribe(*late, {"ag2702"});
  // The cached tick is sent right after the reply, before the feed's next tick could arrive.
  auto t = ticks.empty() ? next_json(*late, 5s) : parse_json("{}");
  if (!ticks.empty()) t.CopyFrom(ticks.front(), t.GetAllocator());
  EXPECT_EQ(str(t, "MsgType"), "RtnDepthMarketData");
  EXPECT_EQ(str(t["DepthMarketData"], "InstrumentID"), "ag2702");
}

TEST_F(MdService, AbruptDisconnectsLeaveOthersUntouched) {
  auto keeper = connect();
  login(*keeper);
  subscribe(*keeper, {"TA705"});
  for (int round = 0; round < 5; ++round) {
    std::vector<std::unique_ptr<WsClient>> doomed;
    for (int i = 0; i < 10; ++i) {
      doomed.push_back(connect());
      login(*doomed.back());
      subscribe(*doomed.back(), {"TA705", "MA705"});
    }
    for (auto& d : doomed) ::shutdown(d->fd(), SHUT_RDWR);  // no close handshake
    doomed.clear();
    EXPECT_EQ(str(next_json(*keeper)["DepthMarketData"], "InstrumentID"), "TA705");
  }
  const std::string health = http_get(svc_->port(), "/health");
  EXPECT_NE(health.find(R"("connections":1)"), std::string::npos) << health;
}

TEST_F(MdService, BadInputGetsWebctpErrorsAndTheConnectionStays) {
  auto c = connect();
  login(*c);
  c->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":"rb2705"})");
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

// A separate, fast-ticking service so the silent client's buffers fill within a second or two.
TEST(MdServiceConflation, ANonReadingClientIsConflatedAndToldWhileOthersKeepTheFullRate) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "WebSocket: {SendBufferBytes: 65536}", sim_yaml(5));
  auto connect = [&] { return std::make_unique<WsClient>(svc.port(), "/md/"); };
  auto login = [](WsClient& c) {
    c.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
    ASSERT_EQ(error_id(next_json(c)), 0);
  };
  auto subscribe = [](WsClient& c, const std::vector<std::string>& ids) {
    std::string list;
    for (const auto& id : ids) list += (list.empty() ? "\"" : ",\"") + id + "\"";
    c.send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":[)" + list + "]}");
  };
  auto slow = connect();
  login(*slow);
  // Many instruments at 50 ms fill the 64 KiB send buffer of a client that does not read.
  std::vector<std::string> all = {"rb2705", "hc2705", "cu2701", "al2701", "zn2701", "ni2701",
                                  "au2702", "ag2702", "ru2705", "bu2706", "fu2705", "sc2701",
                                  "lu2705", "bc2701", "m2705",  "y2705",  "p2705",  "i2705",
                                  "c2705",  "jm2705", "pp2705"};
  subscribe(*slow, all);
  auto fast = connect();
  login(*fast);
  subscribe(*fast, {"rb2705"});
  while (str(next_json(*fast), "MsgType") != "RspSubMarketData") {
  }
  // Socket buffers hold a few hundred kB before the server's buffer fills; keep the fast client
  // reading meanwhile and check that its ticks keep coming.
  int fast_ticks = 0;
  std::string fast_last;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto t = next_json(*fast);
    if (str(t, "MsgType") != "RtnDepthMarketData") continue;
    const std::string stamp = str(t["DepthMarketData"], "UpdateTime") +
                              std::to_string(t["DepthMarketData"]["UpdateMillisec"].GetInt());
    EXPECT_NE(stamp, fast_last);
    fast_last = stamp;
    ++fast_ticks;
    if (svc.output().find("conflating market data") != std::string::npos) break;
  }
  ASSERT_NE(svc.output().find("conflating market data"), std::string::npos)
      << "the silent client was never conflated";
  for (int i = 0; i < 20; ++i) {  // the fast client is unaffected
    EXPECT_EQ(str(next_json(*fast), "MsgType"), "RtnDepthMarketData");
  }
  // Now the slow client reads: somewhere in its backlog is the notice, then it catches up.
  bool started = false, ended = false;
  const auto read_deadline = std::chrono::steady_clock::now() + 30s;
  while (!ended && std::chrono::steady_clock::now() < read_deadline) {
    auto msg = next_json(*slow);
    if (str(msg, "MsgType") != "RtnMarketDataConflation") continue;
    const bool active = msg["MarketDataConflation"]["Active"].GetBool();
    if (active) started = true;
    if (!active) {
      ended = true;
      EXPECT_GT(msg["MarketDataConflation"]["DroppedTicks"].GetUint64(), 0u);
    }
  }
  EXPECT_TRUE(started);
  EXPECT_TRUE(ended);
}

}  // namespace
}  // namespace ctpgw::testkit

namespace ctpgw::testkit {
namespace {

// 100 clients with 5 instruments each all receive their ticks; closing half of them without a
// close handshake disturbs none of the others.
TEST(MdServiceFanOut, HundredClientsThenHalfVanishAbruptly) {
  ServiceProcess svc(CTPGW_MD_SERVICE, "", sim_yaml(100));
  const std::vector<std::string> universe = {"rb2705", "hc2705", "cu2701", "al2701", "zn2701",
                                             "au2702", "ag2702", "m2705",  "y2705",  "p2705",
                                             "SR705",  "CF705",  "TA705",  "IF2612", "IC2612"};
  struct Client {
    std::unique_ptr<WsClient> ws;
    std::set<std::string> instruments;
  };
  std::vector<Client> clients;
  for (int i = 0; i < 100; ++i) {
    Client c{std::make_unique<WsClient>(svc.port(), "/md/"), {}};
    c.ws->send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
    std::string list;
    for (int j = 0; j < 5; ++j) {
      const std::string& id = universe[static_cast<std::size_t>(i + j * 3) % universe.size()];
      c.instruments.insert(id);
      list += (list.empty() ? "\"" : ",\"") + id + "\"";
    }
    c.ws->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":[)" + list + "]}");
    clients.push_back(std::move(c));
  }
  // Every client sees a tick of every one of its instruments, and nothing else.
  auto check_all_ticking = [](Client& c) {
    std::set<std::string> seen;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (seen != c.instruments && std::chrono::steady_clock::now() < deadline) {
      auto msg = next_json(*c.ws);
      if (str(msg, "MsgType") != "RtnDepthMarketData") continue;
      const std::string id = str(msg["DepthMarketData"], "InstrumentID");
      EXPECT_TRUE(c.instruments.contains(id)) << id;
      seen.insert(id);
    }
    EXPECT_EQ(seen, c.instruments);
  };
  for (Client& c : clients) check_all_ticking(c);
  for (std::size_t i = 0; i < clients.size(); i += 2) {
    ::shutdown(clients[i].ws->fd(), SHUT_RDWR);
    clients[i].ws.reset();
  }
  for (std::size_t i = 1; i < clients.size(); i += 2) check_all_ticking(clients[i]);
  // The server learns of the vanished sockets asynchronously; wait for it (bounded).
  std::string health;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  do {
    health = http_get(svc.port(), "/health");
  } while (health.find(R"("connections":50,)") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline);
  EXPECT_NE(health.find(R"("connections":50,)"), std::string::npos) << health;
  ASSERT_TRUE(svc.running());
}

}  // namespace
}  // namespace ctpgw::testkit
