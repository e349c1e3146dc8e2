// Drives a SimCounter directly with a manual clock and records every callback it makes, so
// scenario tests can assert exact CTP callback sequences. The exchange runs no pump and nothing
// is posted to its thread, so the test thread is the only one touching the simulator.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/ctp/sim_counter.h"

namespace ctpgw::sim::testing {

using namespace std::chrono;

struct Event {
  std::string type;  ///< RtnOrder, RtnTrade, RspOrderInsert, ErrRtnOrderInsert, RspOrderAction, ...
  char status = 0;   ///< OrderStatus
  char submit_status = 0;  ///< OrderSubmitStatus
  int error = 0;
  int traded = 0;  ///< VolumeTraded (orders) or Volume (trades)
  int remaining = 0;
  double price = 0;  ///< trade price
  std::string sys_id;
  std::string status_msg;
  ctp::CThostFtdcOrderField order{};
  ctp::CThostFtdcTradeField trade{};
};

inline Event error_event(const char* type, int error) {
  Event e;
  e.type = type;
  e.error = error;
  return e;
}

struct Recorder final : TradeSessionSink {
  std::vector<Event> events;
  void on_rtn_order(const ctp::CThostFtdcOrderField& o) override {
    Event e;
    e.type = "RtnOrder";
    e.status = o.OrderStatus;
    e.submit_status = o.OrderSubmitStatus;
    e.traded = o.VolumeTraded;
    e.remaining = o.VolumeTotal;
    e.sys_id = o.OrderSysID;
    e.status_msg = ctp::utf8_of(o.StatusMsg);  // structs hold GB18030
    e.order = o;
    events.push_back(e);
  }
  void on_rtn_trade(const ctp::CThostFtdcTradeField& t) override {
    Event e;
    e.type = "RtnTrade";
    e.traded = t.Volume;
    e.price = t.Price;
    e.sys_id = t.OrderSysID;
    e.trade = t;
    events.push_back(e);
  }
  void on_err_rtn_order_insert(const ctp::CThostFtdcInputOrderField&,
                               const ctp::CThostFtdcRspInfoField& i) override {
    events.push_back(error_event("ErrRtnOrderInsert", i.ErrorID));
  }
  void on_err_rtn_order_action(const ctp::CThostFtdcOrderActionField&,
                               const ctp::CThostFtdcRspInfoField& i) override {
    events.push_back(error_event("ErrRtnOrderAction", i.ErrorID));
  }
  void on_rtn_instrument_status(const ctp::CThostFtdcInstrumentStatusField& st) override {
    Event e;
    e.type = std::string("RtnInstrumentStatus:") + st.InstrumentID;
    e.status = st.InstrumentStatus;
    e.status_msg = st.EnterTime;
    events.push_back(e);
  }
};

/// Named order builder: order("rb2705").buy().open().limit(3300).volume(2)
struct OrderBuilder {
  ctp::CThostFtdcInputOrderField f{};
  explicit OrderBuilder(const std::string& instrument) {
    ctp::set_text(f.InstrumentID, instrument);
    f.Direction = '0';
    f.CombOffsetFlag[0] = '0';
    f.CombHedgeFlag[0] = '1';
    f.OrderPriceType = '2';
    f.TimeCondition = '3';
    f.VolumeCondition = '1';
    f.ContingentCondition = '1';
    f.ForceCloseReason = '0';
    f.VolumeTotalOriginal = 1;
  }
  OrderBuilder& buy() {
    f.Direction = '0';
    return *this;
  }
  OrderBuilder& sell() {
    f.Direction = '1';
    return *this;
  }
  OrderBuilder& open() {
    f.CombOffsetFlag[0] = '0';
    return *this;
  }
  OrderBuilder& close() {
    f.CombOffsetFlag[0] = '1';
    return *this;
  }
  OrderBuilder& close_today() {
    f.CombOffsetFlag[0] = '3';
    return *this;
  }
  OrderBuilder& close_yesterday() {
    f.CombOffsetFlag[0] = '4';
    return *this;
  }
  OrderBuilder& limit(double p) {
    f.LimitPrice = p;
    return *this;
  }
  OrderBuilder& market() {
    f.OrderPriceType = '1';
    return *this;
  }
  OrderBuilder& volume(int v) {
    f.VolumeTotalOriginal = v;
    return *this;
  }
  OrderBuilder& fak() {
    f.TimeCondition = '1';
    f.VolumeCondition = '1';
    return *this;
  }
  OrderBuilder& fok() {
    f.TimeCondition = '1';
    f.VolumeCondition = '3';
    return *this;
  }
  OrderBuilder& ref(const std::string& r) {
    ctp::set_text(f.OrderRef, r);
    return *this;
  }
  OrderBuilder& exchange(const std::string& e) {
    ctp::set_text(f.ExchangeID, e);
    return *this;
  }
};
inline OrderBuilder order(const std::string& instrument) {
  return OrderBuilder(instrument);
}

// A Wednesday 10:00 in China: inside every day session.
inline TimePoint wednesday_morning() {
  return TimePoint(sys_days(year_month_day(year(2026), month(11), day(18))) + hours(2));
}

class CounterFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ctpgw-counter-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    cfg_.instruments = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";
    cfg_.seed = 20240101;
    cfg_.always_open = always_open();
    cfg_.tick_interval_ms = 500;
    cfg_.initial_balance = 1'000'000;
    cfg_.data_dir = dir_;
    clock_ = std::make_shared<ManualClock>(wednesday_morning());
    exchange_ = std::make_unique<SimExchange>(cfg_, clock_, false);
    reopen();
  }
  /// Around the clock (the shipped configs); false: the instruments' real sessions.
  virtual bool always_open() const { return true; }
  void TearDown() override {
    // Every order moved only along the transition table (order_fsm.h).
    if (counter_) {
      EXPECT_EQ(counter_->illegal_transitions(), 0);
    }
    counter_.reset();
    exchange_.reset();
    std::filesystem::remove_all(dir_);
  }
  /// Builds a new counter over the same storage, as a restart would.
  void reopen() {
    counter_.reset();
    counter_ = std::make_unique<SimCounter>(*exchange_, std::make_unique<CounterStore>(dir_));
    recorder_ = std::make_shared<Recorder>();
    EXPECT_EQ(counter_->login(ctx_.investor_id, "pw"), ctp::ErrorCode::None);
    counter_->attach(ctx_.investor_id, recorder_);
  }

  std::vector<Event> insert(const OrderBuilder& b) {
    recorder_->events.clear();
    counter_->insert_order(
        ctx_, b.f, 1,
        [&](const ctp::CThostFtdcInputOrderField&, const ctp::CThostFtdcRspInfoField& i) {
          recorder_->events.push_back(error_event("RspOrderInsert", i.ErrorID));
        });
    return recorder_->events;
  }
  std::vector<Event> cancel(const ctp::CThostFtdcInputOrderActionField& a) {
    recorder_->events.clear();
    counter_->cancel_order(
        ctx_, a,
        [&](const ctp::CThostFtdcInputOrderActionField&, const ctp::CThostFtdcRspInfoField& i) {
          recorder_->events.push_back(error_event("RspOrderAction", i.ErrorID));
        });
    return recorder_->events;
  }
  std::vector<Event> cancel_by_sys_id(const std::string& sys_id, const std::string& exchange) {
    ctp::CThostFtdcInputOrderActionField a{};
    a.ActionFlag = '0';
    ctp::set_text(a.OrderSysID, sys_id);
    ctp::set_text(a.ExchangeID, exchange);
    return cancel(a);
  }
  /// Moves the clock one tick on and lets resting orders match against the new tick.
  std::vector<Event> next_tick() {
    recorder_->events.clear();
    clock_->advance(milliseconds(cfg_.tick_interval_ms));
    counter_->on_feed_tick(exchange_->current_index());
    return recorder_->events;
  }
  const InstrumentSpec& spec(const std::string& id) { return *exchange_->instruments().find(id); }
  const Tick& tick(const std::string& id) {
    return exchange_->feed().tick(spec(id), exchange_->current_index());
  }
  double ask(const std::string& id, int level = 0) {
    return spec(id).to_price(tick(id).ask[level]);
  }
  double bid(const std::string& id, int level = 0) {
    return spec(id).to_price(tick(id).bid[level]);
  }
  ctp::CThostFtdcTradingAccountField account() { return counter_->query_account(ctx_); }

  static std::vector<std::string> types(const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const Event& e : events) {
      out.push_back(e.type == "RtnOrder"
                        ? "RtnOrder:" + std::string(1, e.submit_status) + std::string(1, e.status)
                        : e.type + (e.error != 0 ? ":" + std::to_string(e.error) : ""));
    }
    return out;
  }

  std::filesystem::path dir_;
  core::SimConfig cfg_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<SimExchange> exchange_;
  std::unique_ptr<SimCounter> counter_;
  std::shared_ptr<Recorder> recorder_;
  SessionContext ctx_{"9999", "000001", 1, 1, true};
};

}  // namespace ctpgw::sim::testing
