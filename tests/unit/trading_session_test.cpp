// TradingSession against a fake TraderApi: the login state machine, attaching, numbering and
// resume, cancel-on-disconnect and release, without sockets or processes. Callbacks are made
// by the test on its own thread, as a backend's thread would, then the io_context is polled.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "ctpgw/ctp_api/error_codes.h"
#include "trading_session.h"

namespace ctpgw::td {
namespace {

using namespace ctpgw::ctp;
using Doc = rapidjson::Document;

Doc parse_json(const std::string& text) {
  Doc d;
  d.Parse(text.c_str(), text.size());
  return d;
}
std::string str(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : std::string();
}
int error_id(const rapidjson::Value& v) {
  return v.HasMember("RspInfo") && v["RspInfo"].IsObject() ? v["RspInfo"]["ErrorID"].GetInt() : 0;
}

/// What the fake API saw; outlives the API (the session releases it).
struct ApiLog {
  TraderSpi* spi = nullptr;
  std::vector<std::string> calls;
  std::vector<std::string> passwords;
  std::vector<CThostFtdcInputOrderActionField> actions;
  bool released = false;
  int count(const std::string& name) const {
    return static_cast<int>(std::count(calls.begin(), calls.end(), name));
  }
};

class FakeTraderApi final : public TraderApi {
 public:
  explicit FakeTraderApi(std::shared_ptr<ApiLog> log) : log_(std::move(log)) {}
  void RegisterSpi(TraderSpi* spi) override { log_->spi = spi; }
  void RegisterFront(const char*) override {}
  void SubscribePrivateTopic(ResumeType) override {}
  void SubscribePublicTopic(ResumeType) override {}
  void Init() override { log_->calls.push_back("Init"); }
  void Release() override {
    log_->released = true;
    delete this;
  }
  const char* GetTradingDay() override { return "20261201"; }
#define FAKE_REQ(req, req_struct, callback, rsp_struct)         \
  int req(CThostFtdc##req_struct##Field* field, int) override { \
    log_->calls.push_back(#req);                                \
    record(field);                                              \
    return 0;                                                   \
  }
  CTPGW_TRADER_REQUESTS(FAKE_REQ)
#undef FAKE_REQ

 private:
  template <class T>
  void record(T* field) {
    if constexpr (std::is_same_v<T, CThostFtdcReqUserLoginField>) {
      log_->passwords.push_back(field->Password);
    } else if constexpr (std::is_same_v<T, CThostFtdcInputOrderActionField>) {
      log_->actions.push_back(*field);
    }
  }
  std::shared_ptr<ApiLog> log_;
};

class FakeClient final : public SessionClient {
 public:
  explicit FakeClient(net::ConnectionId id) : id_(id) {}
  net::ConnectionId connection_id() const override { return id_; }
  void deliver(std::string_view json) override { messages.emplace_back(json); }
  void deliver_frame(const net::FramePtr& frame) override {
    messages.emplace_back(net::frame_payload(frame));
  }
  void login_answered(const CThostFtdcRspInfoField& info) override {
    answers.push_back(info.ErrorID);
  }
  std::vector<Doc> docs() const {
    std::vector<Doc> out;
    for (const auto& m : messages) out.push_back(parse_json(m));
    return out;
  }
  std::vector<std::uint64_t> seqs() const {
    std::vector<std::uint64_t> out;
    for (const Doc& d : docs()) {
      if (d.HasMember("SeqNo")) out.push_back(d["SeqNo"].GetUint64());
    }
    return out;
  }
  std::vector<std::string> messages;
  std::vector<int> answers;

 private:
  net::ConnectionId id_;
};

LoginRequest login(const std::string& password, int request_id = 1) {
  LoginRequest r;
  r.password = password;
  r.request_id = request_id;
  return r;
}

CThostFtdcOrderField order(const char* ref, char status) {
  CThostFtdcOrderField o{};
  set_text(o.OrderRef, ref);
  set_text(o.InstrumentID, "m2705");
  set_text(o.ExchangeID, "DCE");
  o.FrontID = 1;
  o.SessionID = 7;
  o.OrderStatus = status;
  return o;
}

class TradingSessionTest : public ::testing::Test {
 protected:
  void make(SessionSettings s = {}) {
    s.user_id = "000001";
    s.broker_id = "9999";
    s.query_pacing = false;
    session_ = std::make_unique<TradingSession>(
        io_, s, [this] { return backend::TraderApiPtr(new FakeTraderApi(log_)); },
        [this](TradingSession&) { ++released_; });
  }
  void run() {
    io_.restart();
    io_.poll();
  }
  /// Drives the first login through authenticate -> login with the front's answer `error`.
  void answer_login(int error, int front_id = 3, int session_id = 9) {
    log_->spi->OnFrontConnected();
    run();
    CThostFtdcRspInfoField ok{};
    log_->spi->OnRspAuthenticate(nullptr, &ok, 0, true);
    run();
    CThostFtdcRspUserLoginField field{};
    field.FrontID = front_id;
    field.SessionID = session_id;
    set_text(field.MaxOrderRef, "100");
    CThostFtdcRspInfoField info = make_rsp_info(static_cast<ErrorCode>(error));
    log_->spi->OnRspUserLogin(error == 0 ? &field : nullptr, &info, 0, true);
    run();
  }
  void push_order(const char* ref, char status) {
    CThostFtdcOrderField o = order(ref, status);
    log_->spi->OnRtnOrder(&o);
    run();
  }

  boost::asio::io_context io_;
  std::shared_ptr<ApiLog> log_ = std::make_shared<ApiLog>();
  std::unique_ptr<TradingSession> session_;
  int released_ = 0;
};

TEST_F(TradingSessionTest, TheFirstLoginRunsTheChainLaterOnesAttachWithoutTheBackend) {
  make();
  FakeClient a(1), b(2), c(3);
  session_->login(a, login("right-pw1"));
  EXPECT_EQ(log_->count("Init"), 1);
  answer_login(0);
  EXPECT_EQ(log_->count("ReqAuthenticate"), 1);
  ASSERT_EQ(log_->passwords, std::vector<std::string>{"right-pw1"});
  EXPECT_EQ(log_->count("ReqSettlementInfoConfirm"), 1);
  ASSERT_EQ(a.answers, std::vector<int>{0});
  EXPECT_EQ(a.docs().back()["RspUserLogin"]["SessionID"].GetInt(), 9);

  session_->login(b, login("right-pw1", 5));
  session_->login(c, login("wrong-pw1", 6));
  EXPECT_EQ(log_->count("ReqUserLogin"), 1) << "a later login reached the backend";
  ASSERT_EQ(b.answers, std::vector<int>{0});
  const auto b_docs = b.docs();
  const Doc& rb = b_docs.back();
  EXPECT_EQ(rb["RspUserLogin"]["FrontID"].GetInt(), 3);
  EXPECT_EQ(rb["RspUserLogin"]["SessionID"].GetInt(), 9);
  EXPECT_EQ(rb["RequestID"].GetInt(), 5);
  ASSERT_EQ(c.answers, std::vector<int>{3});
  EXPECT_EQ(session_->client_count(), 2u);
}

TEST_F(TradingSessionTest, LoginsQueuedBehindAFailedAttemptGetTheirOwnAttempt) {
  make();
  FakeClient a(1), b(2), c(3);
  session_->login(a, login("guess-1"));
  session_->login(b, login("right-pw1"));
  session_->login(c, login("guess-1"));  // fails with a's attempt, never sent
  answer_login(3);
  EXPECT_EQ(a.answers, std::vector<int>{3});
  EXPECT_EQ(c.answers, std::vector<int>{3});
  EXPECT_TRUE(b.answers.empty());
  CThostFtdcRspInfoField ok{};
  log_->spi->OnRspAuthenticate(nullptr, &ok, 0, true);
  run();
  CThostFtdcRspUserLoginField field{};
  log_->spi->OnRspUserLogin(&field, &ok, 0, true);
  run();
  EXPECT_EQ(log_->passwords, (std::vector<std::string>{"guess-1", "right-pw1"}));
  EXPECT_EQ(b.answers, std::vector<int>{0});
}

TEST_F(TradingSessionTest, PushesAreNumberedForEverySocketAndResumeReplaysExactlyTheGap) {
  make();
  FakeClient a(1), b(2);
  session_->login(a, login("right-pw1"));
  answer_login(0);
  session_->login(b, login("right-pw1"));
  push_order("1", '3');
  push_order("2", '3');
  push_order("3", '0');
  EXPECT_EQ(a.seqs(), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(b.seqs(), a.seqs());
  EXPECT_EQ(a.messages.back(), b.messages.back()) << "the same push, byte for byte";

  session_->detach(b);
  push_order("4", '3');
  push_order("5", '3');
  FakeClient b2(4);
  LoginRequest resume = login("right-pw1", 8);
  resume.resume_after = 3;
  session_->login(b2, resume);
  push_order("6", '3');
  const auto docs = b2.docs();
  ASSERT_GE(docs.size(), 2u);
  EXPECT_EQ(str(docs[0], "MsgType"), "RspUserLogin");
  EXPECT_EQ(docs[0]["LastSeqNo"].GetUint64(), 5u);
  EXPECT_EQ(str(docs[1], "MsgType"), "RspResume");
  EXPECT_EQ(error_id(docs[1]), 0);
  EXPECT_EQ(b2.seqs(), (std::vector<std::uint64_t>{4, 5, 6})) << "a gap or a duplicate";
}

TEST_F(TradingSessionTest, AResumePointOlderThanTheJournalIsRefusedAndLiveContinues) {
  SessionSettings s;
  s.journal_entries = 2;
  make(s);
  FakeClient a(1);
  session_->login(a, login("right-pw1"));
  answer_login(0);
  for (const char* ref : {"1", "2", "3", "4", "5"}) push_order(ref, '3');
  session_->detach(a);
  FakeClient a2(2);
  LoginRequest resume = login("right-pw1", 3);
  resume.resume_after = 1;
  session_->login(a2, resume);
  push_order("6", '3');
  const auto docs = a2.docs();
  ASSERT_EQ(str(docs[1], "MsgType"), "RspResume");
  EXPECT_EQ(error_id(docs[1]), -410);
  EXPECT_EQ(docs[1]["FirstSeqNo"].GetUint64(), 4u);
  EXPECT_EQ(a2.seqs(), std::vector<std::uint64_t>{6});
}

TEST_F(TradingSessionTest, CancelOnDisconnectCancelsOnlyRestingOrdersAndOnlyWhenAsked) {
  for (const bool asked : {false, true}) {
    log_ = std::make_shared<ApiLog>();
    make();
    FakeClient a(1), b(2);
    LoginRequest req = login("right-pw1");
    req.cancel_on_disconnect = asked;
    session_->login(a, req);
    answer_login(0);
    session_->login(b, login("right-pw1"));
    push_order("1", '3');
    push_order("2", '0');  // filled
    push_order("3", '1');  // part filled, still queueing
    session_->detach(a);
    EXPECT_TRUE(log_->actions.empty()) << "cancelled while a socket was still attached";
    session_->detach(b);
    if (!asked) {
      EXPECT_TRUE(log_->actions.empty());
      continue;
    }
    ASSERT_EQ(log_->actions.size(), 2u);
    EXPECT_STREQ(log_->actions[0].OrderRef, "1");
    EXPECT_STREQ(log_->actions[1].OrderRef, "3");
    EXPECT_EQ(log_->actions[0].ActionFlag, '0');
    EXPECT_EQ(log_->actions[0].FrontID, 1);
    EXPECT_EQ(log_->actions[0].SessionID, 7);
  }
}

TEST_F(TradingSessionTest, TheSessionLingersThenIsReleasedALogoutReleasesAtOnce) {
  SessionSettings s;
  s.linger = std::chrono::seconds(0);
  make(s);
  FakeClient a(1);
  session_->login(a, login("right-pw1"));
  answer_login(0);
  session_->detach(a);
  EXPECT_EQ(released_, 0) << "released before the linger time";
  run();
  EXPECT_EQ(released_, 1);

  log_ = std::make_shared<ApiLog>();
  released_ = 0;
  make();  // 60 s linger
  FakeClient b(2);
  session_->login(b, login("right-pw1"));
  answer_login(0);
  session_->logout(b, 4);
  EXPECT_EQ(released_, 1);
  EXPECT_EQ(log_->count("ReqUserLogout"), 1);
  EXPECT_EQ(str(b.docs().back(), "MsgType"), "RspUserLogout");
}

TEST_F(TradingSessionTest, EmptyOrderRefsGetTheSessionsNextOneGivenOnesMoveItOn) {
  make();
  FakeClient a(1);
  session_->login(a, login("right-pw1"));
  answer_login(0);  // MaxOrderRef 100
  const RequestInvoker* insert = find_invoker("ReqOrderInsert");
  ASSERT_NE(insert, nullptr);
  std::vector<std::string> refs;
  for (const char* given : {"", "250", ""}) {
    protocol::AnyStruct body{};
    set_text(body.as<CThostFtdcInputOrderField>().OrderRef, given);
    session_->request(a, *insert, "RspOrderInsert", body, 1);
    refs.emplace_back(body.as<CThostFtdcInputOrderField>().OrderRef);
  }
  EXPECT_EQ(refs, (std::vector<std::string>{"101", "250", "251"}));
}

}  // namespace
}  // namespace ctpgw::td
