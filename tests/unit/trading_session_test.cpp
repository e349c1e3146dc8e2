// TradingSession against a fake TraderApi: the login state machine, attaching, numbering and
// resume, cancel-on-disconnect and release, without sockets or processes. Callbacks are made
// by the test on its own thread, as a backend's thread would, then the io_context is polled.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trading_session_fixture.h"

namespace ctpgw::td {
namespace {

using namespace ctpgw::ctp;
using namespace ctpgw::td::session_test;

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
