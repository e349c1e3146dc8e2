// The SDK adapter's real code (SdkTraderApi / SdkMdApi) against the project's vendor double:
// requests and their return codes, callbacks copied across threads, GB18030 passed through,
// disconnects and reconnects, and Release() while the vendor is still calling back.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/ctp_sdk/sdk_md_api.h"
#include "ctpgw/ctp_sdk/sdk_trader_api.h"
#include "ctpgw/testkit/vendor_double.h"

#ifdef CTPGW_ADAPTER_ON_SFIT_ABI
// Built by tests/sdk with the user's SDK headers: the same scenarios through the vendor's ABI,
// against fake vendor libraries that forward to the double.
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#include "ctpgw/ctp_sdk/sfit_vendor.h"
#endif

namespace ctpgw::ctp_sdk {
namespace {

using namespace std::chrono_literals;
using testkit::DoubleFront;
#ifdef CTPGW_ADAPTER_ON_SFIT_ABI
using Vendor = SfitVendor;
#else
using Vendor = testkit::DoubleVendor;
#endif
using TraderAdapter = SdkTraderApi<Vendor>;
using MdAdapter = SdkMdApi<Vendor>;

/// Records what reaches the gateway's side, and lets the test wait for it.
class Events {
 public:
  void add(std::string e) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(e));
    cv_.notify_all();
  }
  bool wait_for(const std::string& e, int times = 1, std::chrono::milliseconds t = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, t,
                        [&] { return std::count(events_.begin(), events_.end(), e) >= times; });
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return events_.size();
  }
  std::vector<std::string> all() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::string> events_;
};

struct RecordingTraderSpi final : ctp::TraderSpi {
  Events events;
  std::string instrument_name;
  std::atomic<int> orders{0};
  void OnFrontConnected() override { events.add("connected"); }
  void OnFrontDisconnected(int reason) override {
    events.add("disconnected:" + std::to_string(reason));
  }
  void OnRspAuthenticate(ctp::CThostFtdcRspAuthenticateField*, ctp::CThostFtdcRspInfoField* i, int,
                         bool) override {
    events.add("auth:" + std::to_string(i->ErrorID));
  }
  void OnRspUserLogin(ctp::CThostFtdcRspUserLoginField* f, ctp::CThostFtdcRspInfoField* i, int,
                      bool) override {
    events.add("login:" + std::to_string(i->ErrorID) + (f != nullptr ? ":body" : ":null") + ":" +
               ctp::utf8_of(i->ErrorMsg));
  }
  void OnRspQryInstrument(ctp::CThostFtdcInstrumentField* f, ctp::CThostFtdcRspInfoField*, int id,
                          bool last) override {
    instrument_name = f != nullptr ? f->InstrumentName : "";
    events.add("instrument:" + std::to_string(id) + (last ? ":last" : ""));
  }
  void OnRspQryOrder(ctp::CThostFtdcOrderField* f, ctp::CThostFtdcRspInfoField*, int id,
                     bool) override {
    events.add("orders:" + std::to_string(id) + (f == nullptr ? ":none" : ""));
  }
  void OnRspError(ctp::CThostFtdcRspInfoField* i, int id, bool) override {
    events.add("error:" + std::to_string(i->ErrorID) + ":" + std::to_string(id));
  }
  void OnRtnOrder(ctp::CThostFtdcOrderField*) override {
    ++orders;
    events.add("order");
  }
};

class SdkAdapter : public ::testing::Test {
 protected:
  void SetUp() override {
    DoubleFront::instance().reset();
    DoubleFront::instance().set_password("028742", "secret-1");
  }
  TraderAdapter* start_trader() {
    auto* api = TraderAdapter::create("/tmp/ctpgw-flow/td028742", true);
    api->RegisterSpi(&spi_);
    api->RegisterFront("tcp://127.0.0.1:1");
    api->SubscribePrivateTopic(ctp::ResumeType::Quick);
    api->Init();
    EXPECT_TRUE(spi_.events.wait_for("connected"));
    return api;
  }
  RecordingTraderSpi spi_;
};

TEST_F(SdkAdapter, LoginChainAndGb18030TextPassThroughUnchanged) {
  auto* api = start_trader();
  EXPECT_EQ(DoubleFront::instance().last_flow_path(), "/tmp/ctpgw-flow/td028742");
  EXPECT_EQ(DoubleFront::instance().last_front(), "tcp://127.0.0.1:1");
  ctp::CThostFtdcReqAuthenticateField auth{};
  ctp::set_text(auth.UserID, "028742");
  EXPECT_EQ(api->ReqAuthenticate(&auth, 1), 0);
  EXPECT_TRUE(spi_.events.wait_for("auth:0"));
  ctp::CThostFtdcReqUserLoginField login{};
  ctp::set_text(login.UserID, "028742");
  ctp::set_text(login.Password, "wrong");
  EXPECT_EQ(api->ReqUserLogin(&login, 2), 0);
  EXPECT_TRUE(spi_.events.wait_for("login:3:null:CTP:不合法的登录"));
  ctp::set_text(login.Password, "secret-1");
  EXPECT_EQ(api->ReqUserLogin(&login, 3), 0);
  EXPECT_TRUE(spi_.events.wait_for("login:0:body:CTP:正确"));

  const std::string name = ctp::utf8_to_gb18030("上海期货螺纹钢指数一");  // 20 bytes
  DoubleFront::instance().set_instrument_name(name);
  ctp::CThostFtdcQryInstrumentField q{};
  ctp::set_text(q.InstrumentID, "rb2705");
  EXPECT_EQ(api->ReqQryInstrument(&q, 9), 0);
  EXPECT_TRUE(spi_.events.wait_for("instrument:9:last"));
  EXPECT_EQ(spi_.instrument_name, name);  // bytes as the vendor sent them
  api->Release();
}

TEST_F(SdkAdapter, ReturnCodesOfTheVendorAreReturnedUnchanged) {
  auto* api = start_trader();
  DoubleFront::instance().force_returns({-1, -2, -3});
  ctp::CThostFtdcQryOrderField q{};
  EXPECT_EQ(api->ReqQryOrder(&q, 1), -1);
  EXPECT_EQ(api->ReqQryOrder(&q, 2), -2);
  EXPECT_EQ(api->ReqQryOrder(&q, 3), -3);
  EXPECT_EQ(api->ReqQryOrder(&q, 4), 0);
  EXPECT_TRUE(spi_.events.wait_for("orders:4:none"));
  // The front's flow control: a second query while one is answered, or too soon.
  DoubleFront::instance().set_query_interval(10s);
  DoubleFront::instance().set_reply_delay(100ms);
  EXPECT_EQ(api->ReqQryOrder(&q, 5), -3);
  api->Release();
}

TEST_F(SdkAdapter, DisconnectsWithEveryReasonAndReconnects) {
  auto* api = start_trader();
  for (const int reason : {0x1001, 0x1002, 0x2001, 0x2002, 0x2003}) {
    DoubleFront::instance().disconnect(reason, /*reconnect=*/true);
    EXPECT_TRUE(spi_.events.wait_for("disconnected:" + std::to_string(reason)));
  }
  EXPECT_TRUE(spi_.events.wait_for("connected", 6));
  // While disconnected (no reconnect) every request fails at once with -1.
  DoubleFront::instance().disconnect(0x1001, /*reconnect=*/false);
  EXPECT_TRUE(spi_.events.wait_for("disconnected:4097", 2));
  ctp::CThostFtdcInputOrderField o{};
  EXPECT_EQ(api->ReqOrderInsert(&o, 1), -1);
  DoubleFront::instance().rsp_error(90, 44);
  EXPECT_TRUE(spi_.events.wait_for("error:90:44"));
  api->Release();
}

// The guarantee is checked by the sanitizers: the gateway's Spi is destroyed the moment
// Release() returns, so a callback arriving later would be a use after free (ASan) and one
// racing with Release() a data race (TSan). A plain count could not fail here.
TEST_F(SdkAdapter, NoCallbackReachesTheGatewayAfterRelease) {
  for (int round = 0; round < 20; ++round) {
    auto spi = std::make_unique<RecordingTraderSpi>();
    auto* api = TraderAdapter::create("/tmp/ctpgw-flow/x", true);
    api->RegisterSpi(spi.get());
    api->Init();
    ASSERT_TRUE(spi->events.wait_for("connected"));
    DoubleFront::instance().push_tick("", 5000);  // a burst of pushes in flight
    ASSERT_TRUE(spi->events.wait_for("order"));
    api->Release();  // while the vendor thread is still calling back
    spi.reset();
  }
}

struct RecordingMdSpi final : ctp::MdSpi {
  Events events;
  void OnFrontConnected() override { events.add("connected"); }
  void OnRspUserLogin(ctp::CThostFtdcRspUserLoginField*, ctp::CThostFtdcRspInfoField* i, int,
                      bool) override {
    events.add("login:" + std::to_string(i->ErrorID));
  }
  void OnRspSubMarketData(ctp::CThostFtdcSpecificInstrumentField* f, ctp::CThostFtdcRspInfoField* i,
                          int, bool last) override {
    events.add(std::string("sub:") + (f != nullptr ? f->InstrumentID : "<null>") + ":" +
               std::to_string(i->ErrorID) + (last ? ":last" : ""));
  }
  void OnRtnDepthMarketData(ctp::CThostFtdcDepthMarketDataField* t) override {
    events.add(std::string("tick:") + t->InstrumentID);
  }
};

TEST_F(SdkAdapter, MarketDataSubscribeTicksAndRepliesWithoutAField) {
  RecordingMdSpi spi;
  auto* api = MdAdapter::create("/tmp/ctpgw-flow/md", false);
  api->RegisterSpi(&spi);
  api->Init();
  ASSERT_TRUE(spi.events.wait_for("connected"));
  ctp::CThostFtdcReqUserLoginField login{};
  EXPECT_EQ(api->ReqUserLogin(&login, 0), 0);
  EXPECT_TRUE(spi.events.wait_for("login:0"));
  std::string a = "rb2705", b = "cu2701";
  char* ids[] = {a.data(), b.data()};
  EXPECT_EQ(api->SubscribeMarketData(ids, 2), 0);
  EXPECT_TRUE(spi.events.wait_for("sub:cu2701:0:last"));
  DoubleFront::instance().push_tick("rb2705", 3);
  EXPECT_TRUE(spi.events.wait_for("tick:rb2705", 3));
  DoubleFront::instance().set_sub_reply_without_field(true);
  EXPECT_EQ(api->SubscribeMarketData(ids, 1), 0);
  EXPECT_TRUE(spi.events.wait_for("sub:<null>:16:last"));
  EXPECT_EQ(DoubleFront::instance().count("sub:rb2705"), 2);
  api->Release();
}

// A vendor struct from an older SDK: fewer members, another order. Copies go by name.
struct OldInputOrder {
  char InstrumentID[31];
  double LimitPrice;
  char BrokerID[11];
  int VolumeTotalOriginal;
};

TEST(StructCopy, SameLayoutIsOneCopyOtherLayoutsGoByName) {
  static_assert(has_same_layout<ctp::CThostFtdcInputOrderField, ctp::CThostFtdcInputOrderField>());
  static_assert(!has_same_layout<ctp::CThostFtdcInputOrderField, OldInputOrder>());
  ctp::CThostFtdcInputOrderField ours{};
  ctp::set_text(ours.InstrumentID, "rb2705");
  ctp::set_text(ours.BrokerID, "9999");
  ours.LimitPrice = 3500.5;
  ours.VolumeTotalOriginal = 3;
  ctp::set_text(ours.OrderRef, "12");
  OldInputOrder old{};
  to_vendor(ours, old);
  EXPECT_STREQ(old.InstrumentID, "rb2705");
  EXPECT_STREQ(old.BrokerID, "9999");
  EXPECT_EQ(old.LimitPrice, 3500.5);
  EXPECT_EQ(old.VolumeTotalOriginal, 3);
  ctp::CThostFtdcInputOrderField back{};
  ctp::set_text(back.OrderRef, "stale");
  from_vendor(old, back);
  EXPECT_STREQ(back.InstrumentID, "rb2705");
  EXPECT_EQ(back.VolumeTotalOriginal, 3);
  EXPECT_STREQ(back.OrderRef, "");  // a member the vendor lacks comes back empty
}

}  // namespace
}  // namespace ctpgw::ctp_sdk
