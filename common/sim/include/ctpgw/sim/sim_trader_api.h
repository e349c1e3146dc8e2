// TraderApi served by the embedded simulated counter.
//
// Requests are queued to the SimExchange callback thread and answered there through the Spi,
// with CTP's callback sequences and ErrorIDs. Create with SimTraderApi::create; free with
// Release(). Methods may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/sim/sim_exchange.h"
#include "ctpgw/sim/spi_slot.h"

namespace ctpgw::sim {

class SimTraderApi final : public ctp::TraderApi {
 public:
  static SimTraderApi* create(SimExchange& exchange);

  void RegisterSpi(ctp::TraderSpi* spi) override;
  void RegisterFront(const char* address) override;
  void SubscribePrivateTopic(ctp::ResumeType type) override;
  void SubscribePublicTopic(ctp::ResumeType type) override;
  void Init() override;
  void Release() override;
  const char* GetTradingDay() override;

#define CTPGW_SIM_DECLARE_REQ(req, req_struct, callback, rsp_struct) \
  int req(ctp::CThostFtdc##req_struct##Field* field, int nRequestID) override;
  CTPGW_TRADER_REQUESTS(CTPGW_SIM_DECLARE_REQ)
#undef CTPGW_SIM_DECLARE_REQ

 private:
  explicit SimTraderApi(SimExchange& exchange);
  ~SimTraderApi() override = default;

  /// Session state shared with queued callbacks; touched only on the exchange thread.
  struct Session {
    SpiSlot<ctp::TraderSpi> spi;
    bool authenticated = false;
    bool logged_in = false;
    std::string broker_id;
    std::string user_id;
    int session_id = 0;
  };

  template <class F>
  void on_exchange(F&& f) {
    exchange_.post([session = session_, f = std::forward<F>(f)]() mutable { f(*session); });
  }
  /// Answers a request this counter does not model yet with OnRspError(27).
  int unsupported(int request_id);

  SimExchange& exchange_;
  std::shared_ptr<Session> session_ = std::make_shared<Session>();
  std::string trading_day_;
};

}  // namespace ctpgw::sim
