// TraderSpi for one trading session. Runs on the backend's callback thread: it encodes replies
// and pushes to JSON right there (pure work, off the io thread), with the asking socket's
// RequestID (RequestRoutes) or the push's sequence number, and posts the result, or the
// login-chain event, to the session on the io thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/catalog.h"
#include "request_routes.h"

namespace ctpgw::td {

class TradingSession;

/// Hands the bridge's events to the session on the io thread, in the order given; drops them if
/// the session is gone by then. Callable from the backend's callback thread.
class SessionMailbox {
 public:
  virtual ~SessionMailbox() = default;
  virtual void post(std::function<void(TradingSession&)> event) = 0;
  /// A numbered push (the hot path: no closure); `order` for RtnOrder, which the session tracks.
  virtual void post_push(std::uint64_t seq, std::string json,
                         const ctp::CThostFtdcOrderField* order) = 0;
};

class TdSpiBridge final : public ctp::TraderSpi {
 public:
  TdSpiBridge(RequestRoutes& routes, std::atomic<std::uint64_t>& push_seq, SessionMailbox& mailbox)
      : routes_(routes), push_seq_(push_seq), mailbox_(mailbox) {}

  void OnFrontConnected() override;
  void OnFrontDisconnected(int nReason) override;
  void OnRspAuthenticate(ctp::CThostFtdcRspAuthenticateField* field,
                         ctp::CThostFtdcRspInfoField* info, int request_id, bool is_last) override;
  void OnRspUserLogin(ctp::CThostFtdcRspUserLoginField* field, ctp::CThostFtdcRspInfoField* info,
                      int request_id, bool is_last) override;
  void OnRspUserLogout(ctp::CThostFtdcUserLogoutField* field, ctp::CThostFtdcRspInfoField* info,
                       int request_id, bool is_last) override;
  void OnRspSettlementInfoConfirm(ctp::CThostFtdcSettlementInfoConfirmField* field,
                                  ctp::CThostFtdcRspInfoField* info, int request_id,
                                  bool is_last) override;

#define CTPGW_BRIDGE_FORWARD(req, req_struct, callback, rsp_struct)                           \
  void callback(ctp::CThostFtdc##rsp_struct##Field* field, ctp::CThostFtdcRspInfoField* info, \
                int request_id, bool is_last) override;
  CTPGW_TRADER_BUSINESS_REQUESTS(CTPGW_BRIDGE_FORWARD)
#undef CTPGW_BRIDGE_FORWARD

  void OnRspError(ctp::CThostFtdcRspInfoField* info, int request_id, bool is_last) override;
  void OnRtnOrder(ctp::CThostFtdcOrderField* order) override;
  void OnRtnTrade(ctp::CThostFtdcTradeField* trade) override;
  void OnErrRtnOrderInsert(ctp::CThostFtdcInputOrderField* order,
                           ctp::CThostFtdcRspInfoField* info) override;
  void OnErrRtnOrderAction(ctp::CThostFtdcOrderActionField* action,
                           ctp::CThostFtdcRspInfoField* info) override;
  void OnRtnInstrumentStatus(ctp::CThostFtdcInstrumentStatusField* status) override;
  void OnRtnFromBankToFutureByFuture(ctp::CThostFtdcRspTransferField* report) override;
  void OnRtnFromFutureToBankByFuture(ctp::CThostFtdcRspTransferField* report) override;

 private:
  void forward(std::string_view request, ctp::StructId type, const void* field,
               const ctp::CThostFtdcRspInfoField* info, int request_id, bool is_last);
  void push(std::string_view msg_type, const void* body, const ctp::CThostFtdcRspInfoField* info);
  void reply(const RequestRoute& route, std::string json, int upstream_id, bool done);

  RequestRoutes& routes_;
  std::atomic<std::uint64_t>& push_seq_;
  SessionMailbox& mailbox_;
};

}  // namespace ctpgw::td
