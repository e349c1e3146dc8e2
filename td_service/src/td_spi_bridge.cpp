#include "td_spi_bridge.h"

#include <optional>

#include "ctpgw/protocol/envelope.h"
#include "td_session.h"

namespace ctpgw::td {

using namespace ctpgw::ctp;
using protocol::Reply;

void TdSpiBridge::send(std::string json) {
  post_(id_, [json = std::move(json)](TdSession& s) { s.send(json); });
}

void TdSpiBridge::OnFrontConnected() {
  post_(id_, [](TdSession& s) { s.on_front_connected(); });
}

void TdSpiBridge::OnFrontDisconnected(int nReason) {
  post_(id_, [nReason](TdSession& s) { s.on_front_disconnected(nReason); });
}

void TdSpiBridge::OnRspAuthenticate(CThostFtdcRspAuthenticateField*, CThostFtdcRspInfoField* info,
                                    int, bool) {
  const CThostFtdcRspInfoField copy = info != nullptr ? *info : CThostFtdcRspInfoField{};
  post_(id_, [copy](TdSession& s) { s.on_rsp_authenticate(copy); });
}

void TdSpiBridge::OnRspUserLogin(CThostFtdcRspUserLoginField* field, CThostFtdcRspInfoField* info,
                                 int, bool) {
  std::optional<CThostFtdcRspUserLoginField> body;
  if (field != nullptr) body = *field;
  std::optional<CThostFtdcRspInfoField> rsp;
  if (info != nullptr) rsp = *info;
  post_(id_, [body, rsp](TdSession& s) { s.on_rsp_user_login(body, rsp); });
}

void TdSpiBridge::OnRspUserLogout(CThostFtdcUserLogoutField* field, CThostFtdcRspInfoField* info,
                                  int request_id, bool is_last) {
  forward("ReqUserLogout", StructId::UserLogout, field, info, request_id, is_last);
  post_(id_, [](TdSession& s) { s.on_rsp_user_logout(); });
}

void TdSpiBridge::OnRspSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField*,
                                             CThostFtdcRspInfoField* info, int, bool) {
  const CThostFtdcRspInfoField copy = info != nullptr ? *info : CThostFtdcRspInfoField{};
  post_(id_, [copy](TdSession& s) { s.on_rsp_settlement_confirm(copy); });
}

void TdSpiBridge::forward(std::string_view request, StructId type, const void* field,
                          const CThostFtdcRspInfoField* info, int request_id, bool is_last) {
  const protocol::MessageSpec* spec = protocol::find_message(protocol::Service::Td, request);
  if (spec == nullptr || spec->reply_type != type) return;
  Reply r;
  r.msg_type = spec->reply;
  r.rsp_info = info;
  r.request_id = request_id;
  r.is_last = is_last;
  r.body_key = spec->reply_body;
  r.body_type = spec->reply_type;
  r.body = field;
  r.empty_body = spec->empty_body;
  send(protocol::encode_reply(r));
  if (is_last && request.starts_with("ReqQry")) {
    post_(id_, [request_id](TdSession& s) { s.on_query_done(request_id); });
  }
}

#define CTPGW_BRIDGE_FORWARD_IMPL(req, req_struct, callback, rsp_struct)                         \
  void TdSpiBridge::callback(CThostFtdc##rsp_struct##Field* field, CThostFtdcRspInfoField* info, \
                             int request_id, bool is_last) {                                     \
    forward(#req, StructId::rsp_struct, field, info, request_id, is_last);                       \
  }
CTPGW_TRADER_BUSINESS_REQUESTS(CTPGW_BRIDGE_FORWARD_IMPL)
#undef CTPGW_BRIDGE_FORWARD_IMPL

void TdSpiBridge::OnRspError(CThostFtdcRspInfoField* info, int request_id, bool is_last) {
  Reply r;
  r.msg_type = "RspError";
  r.rsp_info = info;
  r.request_id = request_id;
  r.is_last = is_last;
  send(protocol::encode_reply(r));
  if (is_last) post_(id_, [request_id](TdSession& s) { s.on_query_done(request_id); });
}

void TdSpiBridge::push(std::string_view msg_type, const void* body,
                       const CThostFtdcRspInfoField* info) {
  const protocol::PushSpec* spec = protocol::find_push(protocol::Service::Td, msg_type);
  if (spec == nullptr) return;
  Reply r;
  r.msg_type = spec->msg_type;
  r.rsp_info = info;
  r.body_key = spec->body_key;
  r.body_type = spec->body_type;
  r.body = body;
  send(protocol::encode_reply(r));
}

void TdSpiBridge::OnRtnOrder(CThostFtdcOrderField* order) {
  push("RtnOrder", order, nullptr);
}
void TdSpiBridge::OnRtnTrade(CThostFtdcTradeField* trade) {
  push("RtnTrade", trade, nullptr);
}
void TdSpiBridge::OnErrRtnOrderInsert(CThostFtdcInputOrderField* order,
                                      CThostFtdcRspInfoField* info) {
  push("ErrRtnOrderInsert", order, info);
}
void TdSpiBridge::OnErrRtnOrderAction(CThostFtdcOrderActionField* action,
                                      CThostFtdcRspInfoField* info) {
  push("ErrRtnOrderAction", action, info);
}
void TdSpiBridge::OnRtnInstrumentStatus(CThostFtdcInstrumentStatusField* status) {
  push("RtnInstrumentStatus", status, nullptr);
}

}  // namespace ctpgw::td
