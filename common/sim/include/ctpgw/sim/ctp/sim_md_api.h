// MdApi served by the embedded simulator's market-data feed.
// Same threading and lifetime rules as SimTraderApi.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "ctpgw/ctp_api/md_api.h"
#include "ctpgw/ctp_api/spi_slot.h"
#include "ctpgw/sim/runtime/sim_exchange.h"

namespace ctpgw::sim {

class SimMdApi final : public ctp::MdApi {
 public:
  static SimMdApi* create(SimExchange& exchange);

  void RegisterSpi(ctp::MdSpi* spi) override;
  void RegisterFront(const char* address) override;
  void Init() override;
  void Release() override;
  const char* GetTradingDay() override;
  int ReqUserLogin(ctp::CThostFtdcReqUserLoginField* field, int nRequestID) override;
  int ReqUserLogout(ctp::CThostFtdcUserLogoutField* field, int nRequestID) override;
  int SubscribeMarketData(char* ppInstrumentID[], int nCount) override;
  int UnSubscribeMarketData(char* ppInstrumentID[], int nCount) override;

 private:
  explicit SimMdApi(SimExchange& exchange);
  ~SimMdApi() override = default;

  /// State shared with queued callbacks; touched only on the exchange thread.
  struct Session final : FeedSubscriber {
    struct Pushed {
      std::int64_t last = -1;     ///< the last tick index pushed
      std::int64_t day_end = -1;  ///< the last tick of that tick's trading day
    };
    explicit Session(SimExchange& ex) : exchange(ex) {}
    void on_feed_tick(std::int64_t index) override;
    /// Sends the instrument's tick at `index` (or its last trading tick before it).
    void push_tick(const InstrumentSpec& spec, std::int64_t index);
    void send(const InstrumentSpec& spec, std::int64_t index, Pushed& pushed);

    SimExchange& exchange;
    ctp::SpiSlot<ctp::MdSpi> spi;
    bool logged_in = false;
    /// Subscribed instruments and what was pushed for each: a snapshot sent on subscribe must
    /// not be followed by the same tick again from the pump, and a day's last tick (its close
    /// and settlement) is pushed even when the pump skipped it.
    std::map<std::string, Pushed> subscribed;
  };

  template <class F>
  void on_exchange(F&& f) {
    exchange_.post([session = session_, f = std::forward<F>(f)]() mutable { f(*session); });
  }

  SimExchange& exchange_;
  std::shared_ptr<Session> session_;
  std::string trading_day_;
};

}  // namespace ctpgw::sim
