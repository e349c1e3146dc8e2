// Logins attacked over real sockets: pipelined guesses, repeated logins on one connection,
// logout, and what the log says about failures.
#include <gtest/gtest.h>

#include <signal.h>

#include <sys/stat.h>
#include <filesystem>
#include <fstream>

#include <map>
#include <set>
#include <thread>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

using Doc = rapidjson::Document;

std::string login_json(const std::string& user, const std::string& password, int request_id) {
  return R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":")" + user + R"(","Password":")" +
         password + R"("},"RequestID":)" + std::to_string(request_id) + "}";
}

/// Reads until every one of `ids` has had a RspUserLogin; returns ErrorID by RequestID.
std::map<int, int> login_replies(WsClient& c, std::size_t count) {
  std::map<int, int> out;
  while (out.size() < count) {
    auto text = c.next_text(10s);
    if (!text) {
      ADD_FAILURE() << "missing login replies; got " << out.size();
      return out;
    }
    const Doc d = parse_json(*text);
    if (str(d, "MsgType") != "RspUserLogin") continue;
    EXPECT_TRUE(d.HasMember("RequestID")) << *text;
    if (d.HasMember("RequestID")) out[d["RequestID"].GetInt()] = error_id(d);
  }
  return out;
}

/// Messages up to and including the reply with `request_id` and IsLast.
std::vector<Doc> until_reply(WsClient& c, int request_id) {
  std::vector<Doc> out;
  for (;;) {
    auto text = c.next_text(10s);
    if (!text) {
      ADD_FAILURE() << "no reply for RequestID " << request_id;
      return out;
    }
    out.push_back(parse_json(*text));
    const Doc& d = out.back();
    if (d.HasMember("RequestID") && d["RequestID"].GetInt() == request_id && d.HasMember("IsLast"))
      return out;
  }
}

class TdLogin : public ::testing::Test {
 protected:
  void SetUp() override {
    // Lock-out off here: these tests guess on purpose (TdLoginLockout tests it).
    svc_ = std::make_unique<ServiceProcess>(
        CTPGW_TD_SERVICE, "Security: {LoginFailuresBeforeLockout: 0}\nSession: {LingerSeconds: 0}",
        sim_yaml(50));
    WsClient first(svc_->port(), "/td/");
    first.send_text(login_json("000001", "right-pw1", 1));
    ASSERT_EQ(login_replies(first, 1)[1], 0);  // creates the account with this password
  }
  void TearDown() override {
    if (!HasFailure() && ::testing::UnitTest::GetInstance()->current_test_info()->name() !=
                             std::string("NoPasswordInTheDataFilesOrTheDebugLog")) {
      ASSERT_TRUE(svc_->running()) << svc_->output();
    }
  }
  std::unique_ptr<ServiceProcess> svc_;
};

/// Waits until the service holds no trading session (LingerSeconds 0 releases a session as its
/// last socket closes), so the next login goes to the backend.
void wait_no_sessions(std::uint16_t port) {
  for (int i = 0; i < 500; ++i) {
    if (http_get(port, "/metrics").find("\nctpgw_sessions 0\n") != std::string::npos) return;
    std::this_thread::sleep_for(10ms);
  }
  ADD_FAILURE() << "the sessions were never released";
}

TEST_F(TdLogin, PipelinedGuessesAreEachJudgedOnTheirOwnCredentials) {
  for (int round = 0; round < 40; ++round) {
    wait_no_sessions(svc_->port());  // the guess reaches the backend, not the session's hash
    WsClient c(svc_->port(), "/td/");
    // A wrong guess followed at once by the right password, as the attack did: one write, so
    // the service reads both before the first can have been answered.
    c.send_raw(WsClient::encode_frame(1, login_json("000001", "guess" + std::to_string(round), 1)) +
               WsClient::encode_frame(1, login_json("000001", "right-pw1", 2)));
    const auto replies = login_replies(c, 2);
    EXPECT_EQ(replies.at(1), 3) << "a wrong password was accepted in round " << round;
    EXPECT_EQ(replies.at(2), 5) << "second attempt while the first was in flight";
    c.send_text(login_json("000001", "right-pw1", 3));
    EXPECT_EQ(login_replies(c, 1).at(3), 0);
  }
  const std::string log = svc_->output();
  EXPECT_NE(log.find("login failed for user '000001'"), std::string::npos);
  EXPECT_NE(log.find("(127.0.0.1:"), std::string::npos) << "peer address missing";
  EXPECT_EQ(log.find("guess"), std::string::npos) << "a password reached the log";
}

TEST_F(TdLogin, FailedLoginLinesAreRateLimited) {
  for (int i = 0; i < 60; ++i) {
    WsClient c(svc_->port(), "/td/");
    c.send_text(login_json("000001", "wrong", 1));
    ASSERT_EQ(login_replies(c, 1).at(1), 3);
  }
  const std::string log = svc_->output();
  std::size_t lines = 0;
  for (auto p = log.find("login failed for user"); p != std::string::npos;
       p = log.find("login failed for user", p + 1)) {
    ++lines;
  }
  EXPECT_GE(lines, 20u);
  EXPECT_LE(lines, 25u);  // 20 per 10 s, plus a window that may have turned during the loop
}

TEST_F(TdLogin, RepeatedLoginsOnOneConnectionNeverDuplicatePushes) {
  WsClient c(svc_->port(), "/td/");
  c.send_text(login_json("000001", "right-pw1", 1));
  ASSERT_EQ(login_replies(c, 1).at(1), 0);
  for (int i = 0; i < 100; ++i) {
    c.send_text(login_json("000001", "right-pw1", 1000 + i));
    c.send_text(login_json("000001", "wrong", 2000 + i));
  }
  const auto replies = login_replies(c, 200);
  for (const auto& [id, err] : replies) EXPECT_EQ(err, id < 2000 ? 0 : 3) << id;

  // A wrong password did not take the session away, and one fill arrives once.
  c.send_text(
      R"({"MsgType":"ReqQryDepthMarketData","QryDepthMarketData":{"InstrumentID":"rb2705"},"RequestID":3})");
  const auto depth = until_reply(c, 3);
  const double upper = depth.back()["DepthMarketData"]["UpperLimitPrice"].GetDouble();
  c.send_text(
      R"({"MsgType":"ReqOrderInsert","RequestID":4,"InputOrder":{"InstrumentID":"rb2705","ExchangeID":"SHFE","LimitPrice":)" +
      std::to_string(upper) +
      R"(,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  // Queries are answered after every push of the order that came before them.
  c.send_text(R"({"MsgType":"ReqQryInvestor","QryInvestor":{},"RequestID":5})");
  const auto msgs = until_reply(c, 5);
  int orders = 0, trades = 0;
  for (const Doc& d : msgs) {
    orders += str(d, "MsgType") == "RtnOrder";
    trades += str(d, "MsgType") == "RtnTrade";
  }
  EXPECT_EQ(orders, 3);
  EXPECT_EQ(trades, 1);
}

TEST_F(TdLogin, NoPasswordInTheDataFilesOrTheDebugLog) {
  {
    WsClient c(svc_->port(), "/td/");
    c.send_text(login_json("000001", "wrong-guess-7", 1));
    ASSERT_EQ(login_replies(c, 1).at(1), 3);
    c.send_text(login_json("000001", "right-pw1", 2));
    ASSERT_EQ(login_replies(c, 1).at(2), 0);
    c.send_text(
        R"({"MsgType":"ReqUserPasswordUpdate","UserPasswordUpdate":{"UserID":"000001","OldPassword":"right-pw1","NewPassword":"changed-pw2"},"RequestID":3})");
    EXPECT_EQ(error_id(until_reply(c, 3).back()), 0);
  }
  svc_->stop(SIGTERM);  // flushes the log; the files stay
  for (const char* file : {"counter.db", "counter.db-wal"}) {
    const auto path = svc_->dir() / "sim_data" / file;
    if (!std::filesystem::exists(path)) continue;
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* secret : {"right-pw1", "changed-pw2", "wrong-guess-7"}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " in " << file;
    }
  }
  const std::string log = svc_->output();  // LogLevel DEBUG
  for (const char* secret : {"right-pw1", "changed-pw2", "wrong-guess-7", "auth-code-secret9"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log";
  }
}

TEST_F(TdLogin, LogoutNeedsALoginAndEndsTheSession) {
  WsClient c(svc_->port(), "/td/");
  c.send_text(R"({"MsgType":"ReqUserLogout","UserLogout":{},"RequestID":8})");
  Doc rsp = next_json(c);
  EXPECT_EQ(error_id(rsp), -401);
  c.send_text(login_json("000001", "right-pw1", 1));
  ASSERT_EQ(login_replies(c, 1).at(1), 0);
  c.send_text(R"({"MsgType":"ReqUserLogout","UserLogout":{},"RequestID":9})");
  rsp = next_json(c);
  EXPECT_EQ(str(rsp, "MsgType"), "RspUserLogout");
  EXPECT_EQ(error_id(rsp), 0);
  EXPECT_EQ(rsp["RequestID"].GetInt(), 9);
  c.send_text(R"({"MsgType":"ReqQryInvestor","QryInvestor":{},"RequestID":10})");
  EXPECT_EQ(error_id(next_json(c)), -401);
  c.send_text(login_json("000001", "right-pw1", 11));
  EXPECT_EQ(login_replies(c, 1).at(11), 0);  // and may log in again
}

TEST(TdLoginLockout, RepeatedFailuresLockTheUserOutFromThatAddressOnly) {
  // The default of 10 failures; a short lock-out so its end is observed too.
  ServiceProcess svc(CTPGW_TD_SERVICE, "Security: {LockoutSeconds: 1}", sim_yaml(50));
  {
    WsClient first(svc.port(), "/td/");
    first.send_text(login_json("000001", "right-pw1", 1));
    ASSERT_EQ(login_replies(first, 1).at(1), 0);
  }
  for (int i = 0; i < 10; ++i) {
    WsClient c(svc.port(), "/td/");
    c.send_text(login_json("000001", "guess", 1));
    ASSERT_EQ(login_replies(c, 1).at(1), 3);
  }
  WsClient c(svc.port(), "/td/");
  c.send_text(login_json("000001", "right-pw1", 1));  // even the right password waits now
  auto text = c.next_text(10s);
  ASSERT_TRUE(text);
  const auto rsp = parse_json(*text);
  EXPECT_EQ(error_id(rsp), 75);
  EXPECT_EQ(str(rsp["RspInfo"], "ErrorMsg"), "CTP:连续登录失败次数超限，登录被禁止");
  EXPECT_NE(str(rsp, "Detail").find("try again in"), std::string::npos);
  WsClient other(svc.port(), "/td/");  // another user from the same address is not affected
  other.send_text(login_json("000002", "pass-0002", 1));
  EXPECT_EQ(login_replies(other, 1).at(1), 0);
  std::this_thread::sleep_for(1100ms);  // LockoutSeconds: 1 has passed
  WsClient later(svc.port(), "/td/");
  later.send_text(login_json("000001", "right-pw1", 1));
  EXPECT_EQ(login_replies(later, 1).at(1), 0) << "still locked out after LockoutSeconds";
}

TEST(Audit, OneJsonLineForEachSecurityAndMoneyEventAndNoSecrets) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("ctpgw-audit-" + std::to_string(::getpid()) + ".jsonl");
  std::filesystem::remove(file);
  {
    ServiceProcess svc(CTPGW_TD_SERVICE,
                       "Audit: {File: " + file.string() +
                           "}\nSecurity: {MaxRequestsPerSecond: 2}\nSession: {LingerSeconds: 0}",
                       sim_yaml(50));
    {
      WsClient c(svc.port(), "/td/");
      c.send_text(login_json("000001", "right-pw1", 1));
      ASSERT_EQ(login_replies(c, 1).at(1), 0);
      WsClient d(svc.port(), "/td/");
      d.send_text(login_json("000001", "wrong-one", 1));
      ASSERT_EQ(login_replies(d, 1).at(1), 3);
      c.send_raw(
          WsClient::encode_frame(
              1,
              R"({"MsgType":"ReqOrderInsert","RequestID":5,"InputOrder":{"InstrumentID":"rb2705","ExchangeID":"SHFE","LimitPrice":1,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0","OrderRef":"77"}})") +
          WsClient::encode_frame(
              1,
              R"({"MsgType":"ReqOrderAction","RequestID":6,"InputOrderAction":{"ActionFlag":"0","OrderRef":"77"}})") +
          WsClient::encode_frame(1, R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":7})") +
          WsClient::encode_frame(1, R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":8})") +
          WsClient::encode_frame(1, R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":9})"));
      // The last ones are refused by the rate limit (burst of 4), answered at once.
      for (;;) {
        auto text = c.next_text(10s);
        ASSERT_TRUE(text);
        if (text->find(R"("RequestID":9)") != std::string::npos) break;
      }
    }
    ASSERT_TRUE(svc.wait_for_output(") closed: local"));
    ASSERT_TRUE(svc.wait_for_output("session released"));
    svc.stop(SIGTERM);
  }
  std::ifstream in(file);
  std::string line;
  std::set<std::string> events;
  while (std::getline(in, line)) {
    const auto d = parse_json(line);
    ASSERT_TRUE(d.IsObject() && d.HasMember("time") && d.HasMember("event")) << line;
    events.insert(d["event"].GetString());
    EXPECT_EQ(line.find("right-pw1"), std::string::npos) << line;
    EXPECT_EQ(line.find("wrong-one"), std::string::npos) << line;
  }
  for (const char* e : {"connect", "login", "login_failed", "order", "cancel", "rate_limited",
                        "disconnect", "session_attach", "session_detach", "session_release"}) {
    EXPECT_TRUE(events.count(e)) << "no " << e << " event";
  }
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  std::filesystem::remove(file);
}

TEST(TdRateLimit, AFloodGetsMinus3AndTheConnectionStaysOpen) {
  ServiceProcess svc(CTPGW_TD_SERVICE, "Security: {MaxRequestsPerSecond: 5}", sim_yaml(50));
  WsClient c(svc.port(), "/td/");
  std::string burst;  // one write: all arrive within the same instant
  for (int i = 0; i < 30; ++i) {
    burst += WsClient::encode_frame(
        1, R"({"MsgType":"ReqQryOrder","QryOrder":{},"RequestID":)" + std::to_string(i + 1) + "}");
  }
  c.send_raw(burst);
  int limited = 0;
  for (int i = 0; i < 30; ++i) {
    auto text = c.next_text(10s);
    ASSERT_TRUE(text) << "reply " << i << " missing";
    const auto d = parse_json(*text);
    if (error_id(d) == -3) {
      ++limited;
      EXPECT_NE(str(d, "Detail").find("Security.MaxRequestsPerSecond"), std::string::npos);
    } else {
      EXPECT_EQ(error_id(d), -401);  // not logged in: answered normally
    }
  }
  EXPECT_GE(limited, 15);  // a burst of 10 passes, the rest is refused
  EXPECT_FALSE(c.closed());
}

}  // namespace
}  // namespace ctpgw::testkit
