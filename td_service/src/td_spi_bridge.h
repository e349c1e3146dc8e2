// TraderSpi for one client session. Runs on the backend's callback thread: it encodes replies
// and pushes to JSON right there (pure work, off the io thread) and posts the result, or the
// login-chain event, to the session on the io thread. Holds no session state itself.
#pragma once

#include <functional>
#include <string>

#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/catalog.h"

namespace ctpgw::td {

class TdSession;

/// Hands work to a session on the io thread; drops it if the session is gone by then.
using SessionPost = std::function<void(net::ConnectionId, std::function<void(TdSession&)>)>;

class TdSpiBridge final : public ctp::TraderSpi {
 public:
  TdSpiBridge(net::ConnectionId id, SessionPost post) : id_(id), post_(std::move(post)) {}

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

 private:
  void forward(std::string_view request, ctp::StructId type, const void* field,
               const ctp::CThostFtdcRspInfoField* info, int request_id, bool is_last);
  void push(std::string_view msg_type, const void* body, const ctp::CThostFtdcRspInfoField* info);
  void send(std::string json);

  net::ConnectionId id_;
  SessionPost post_;
};

}  // namespace ctpgw::td
