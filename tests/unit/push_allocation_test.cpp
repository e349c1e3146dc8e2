// The push path allocates nothing per push once warm: a numbered RtnOrder/RtnTrade handed over
// by the backend's callback, queued in the session's mailbox, encoded once, framed, sent to
// every socket and kept in the resume journal. This binary replaces the global operator new to
// count the calls made while pushes flow (its own executable: the counting is process-wide).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/envelope.h"
#include "trading_session_fixture.h"

namespace {
std::atomic<long> g_news{0};
}  // namespace

void* operator new(std::size_t n) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace ctpgw::td {
namespace {

using namespace ctpgw::ctp;
using namespace ctpgw::td::session_test;

/// A socket that keeps nothing but a count and the size of the last frame: it must not
/// allocate itself.
class CountingClient final : public SessionClient {
 public:
  explicit CountingClient(net::ConnectionId id) : id_(id) {}
  net::ConnectionId connection_id() const override { return id_; }
  void deliver(std::string_view) override { ++replies; }
  void deliver_frame(const net::FramePtr& frame) override {
    ++frames;
    last_size = net::frame_payload(frame).size();
  }
  void login_answered(const CThostFtdcRspInfoField&) override {}
  long replies = 0;
  long frames = 0;
  std::size_t last_size = 0;

 private:
  net::ConnectionId id_;
};

class PushAllocationTest : public TradingSessionTest {
 protected:
  /// One order's pushes as the counter sends them: accepted, queued, traded, all traded.
  void one_order(int n) {
    char ref[13];
    std::snprintf(ref, sizeof ref, "%d", 1000 + n % 500);
    for (const char status : {'a', '3'}) push(order(ref, status));
    CThostFtdcTradeField t{};
    set_text(t.OrderRef, ref);
    set_text(t.InstrumentID, "m2705");
    set_text(t.TradeID, ref);
    t.Price = 3281;
    t.Volume = 1;
    log_->spi->OnRtnTrade(&t);
    push(order(ref, '0'));
    run();
  }
  void push(CThostFtdcOrderField o) {
    o.FrontID = 3;  // the session's own (answer_login's defaults): tracked for round trips
    o.SessionID = 9;
    log_->spi->OnRtnOrder(&o);
  }
};

TEST_F(PushAllocationTest, AWarmSessionPushesWithoutAllocating) {
  SessionSettings s;
  s.journal_entries = 256;  // full after 64 orders: from then on a push replaces the oldest
  make(s);
  CountingClient a(1), b(2);
  session_->login(a, login("right-pw1"));
  answer_login(0);
  session_->login(b, login("right-pw1", 2));
  ASSERT_EQ(session_->client_count(), 2u);

  for (int i = 0; i < 200; ++i) one_order(i);  // warm: journal full, pools and buffers sized
  const long frames_before = a.frames;
  const long news_before = g_news.load();
  for (int i = 200; i < 1200; ++i) one_order(i);
  const long news = g_news.load() - news_before;

  EXPECT_EQ(a.frames - frames_before, 4000);
  EXPECT_EQ(b.frames, a.frames) << "every socket gets every push";
  EXPECT_GT(a.last_size, 500u) << "the frames carry the encoded RtnOrder";
  EXPECT_EQ(session_->last_seq(), 4800u);
  EXPECT_EQ(news, 0) << "allocations for 4000 pushes (1000 orders) through a warm session";
  EXPECT_GT(net::idle_frames(), 0u) << "frames out of the journal went back to the pool";
}

TEST(PushAllocation, AFrameReleasedByItsLastOwnerIsReusedWithItsMemory) {
  const std::string big(1500, 'x');
  { const net::FramePtr warm = net::prepare_text_frame(big); }
  const long before = g_news.load();
  for (int i = 0; i < 100; ++i) {
    const net::FramePtr f = net::prepare_text_frame(big);
    ASSERT_EQ(net::frame_payload(f).size(), big.size());
    const net::FramePtr shared = f;  // a second owner (another socket, the journal)
  }
  EXPECT_EQ(g_news.load() - before, 0);
  const net::FramePtr a = net::prepare_text_frame("{\"a\":1}");
  const net::FramePtr b = net::prepare_text_frame("{\"b\":2}");
  EXPECT_EQ(net::frame_payload(a), "{\"a\":1}") << "a reused frame holds only its own payload";
  EXPECT_EQ(net::frame_payload(b), "{\"b\":2}");
}

}  // namespace
}  // namespace ctpgw::td
