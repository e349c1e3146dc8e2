// TraderApi served by the embedded simulated counter.
//
// Requests are queued to the SimExchange callback thread and answered there through the Spi,
// with CTP's callback sequences and ErrorIDs; trading state lives in the shared SimCounter.
// Create with SimTraderApi::create; free with Release(). Methods may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ctpgw/ctp_api/spi_slot.h"
#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/sim/ctp/sim_counter.h"
#include "ctpgw/sim/runtime/sim_exchange.h"

namespace ctpgw::sim {

class SimTraderApi final : public ctp::TraderApi {
 public:
  static SimTraderApi* create(SimExchange& exchange, SimCounter& counter);

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
  SimTraderApi(SimExchange& exchange, SimCounter& counter);
  ~SimTraderApi() override = default;

  /// Session state shared with queued callbacks; touched only on the exchange thread.
  struct Session final : TradeSessionSink {
    Session(SimExchange& ex, SimCounter& c) : exchange(ex), counter(c) {}
    void on_rtn_order(const ctp::CThostFtdcOrderField& order) override;
    void on_rtn_trade(const ctp::CThostFtdcTradeField& trade) override;
    void on_err_rtn_order_insert(const ctp::CThostFtdcInputOrderField& order,
                                 const ctp::CThostFtdcRspInfoField& info) override;
    void on_err_rtn_order_action(const ctp::CThostFtdcOrderActionField& action,
                                 const ctp::CThostFtdcRspInfoField& info) override;
    void on_rtn_instrument_status(const ctp::CThostFtdcInstrumentStatusField& st) override;

    SimExchange& exchange;
    SimCounter& counter;
    ctp::SpiSlot<ctp::TraderSpi> spi;
    bool authenticated = false;
    bool logged_in = false;
    /// A query was admitted and not yet handled (Sim.QueriesPerSecond; set by the caller's
    /// thread, cleared on the exchange thread).
    std::atomic<bool> query_in_flight{false};
    SessionContext ctx;
  };

  /// Runs `f(session)` on the exchange thread; logged_in_only answers CTP's "not logged in".
  template <class F>
  int on_exchange(int request_id, bool logged_in_only, F&& f);
  /// A query: admitted by the flow control first (-2/-3 as a CTP front answers), then on_exchange.
  template <class F>
  int on_query(int request_id, F&& f);
  int admit_query();
  /// A bank-futures transfer: a deposit into the fund account, or a withdrawal from it.
  int transfer(ctp::CThostFtdcReqTransferField* field, int request_id, bool deposit);
  template <class F>
  static void deliver(const std::shared_ptr<Session>& s, F f);
  template <class F, class G>
  static void deliver_or(const std::shared_ptr<Session>& s, F f, G failed);
  template <class Row, class Callback>
  static void respond(const std::shared_ptr<Session>& s, Callback callback, std::vector<Row> rows,
                      int request_id);

  SimExchange& exchange_;
  SimCounter& counter_;
  std::shared_ptr<Session> session_;
  std::mutex query_gate_;
  std::optional<std::chrono::steady_clock::time_point> last_query_;
  std::string trading_day_;
};

}  // namespace ctpgw::sim
