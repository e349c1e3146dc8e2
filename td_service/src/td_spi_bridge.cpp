#include "td_spi_bridge.h"

#include <cstring>
#include <optional>
#include <type_traits>

#include "ctpgw/protocol/envelope.h"
#include "trading_session.h"

namespace ctpgw::td {

using namespace ctpgw::ctp;
using protocol::Reply;

void TdSpiBridge::reply(const RequestRoute& route, std::string json, int upstream_id, bool done) {
  mailbox_.post([route, json = std::move(json), upstream_id, done](TradingSession& s) {
    s.on_reply(route, json, upstream_id, done);
  });
}

void TdSpiBridge::OnFrontConnected() {
  mailbox_.post([](TradingSession& s) { s.on_front_connected(); });
}

void TdSpiBridge::OnFrontDisconnected(int nReason) {
  mailbox_.post([nReason](TradingSession& s) { s.on_front_disconnected(nReason); });
}

void TdSpiBridge::OnRspAuthenticate(CThostFtdcRspAuthenticateField*, CThostFtdcRspInfoField* info,
                                    int, bool) {
  const CThostFtdcRspInfoField copy = info != nullptr ? *info : CThostFtdcRspInfoField{};
  mailbox_.post([copy](TradingSession& s) { s.on_rsp_authenticate(copy); });
}

void TdSpiBridge::OnRspUserLogin(CThostFtdcRspUserLoginField* field, CThostFtdcRspInfoField* info,
                                 int, bool) {
  std::optional<CThostFtdcRspUserLoginField> body;
  if (field != nullptr) body = *field;
  std::optional<CThostFtdcRspInfoField> rsp;
  if (info != nullptr) rsp = *info;
  mailbox_.post([body, rsp](TradingSession& s) { s.on_rsp_user_login(body, rsp); });
}

void TdSpiBridge::OnRspUserLogout(CThostFtdcUserLogoutField* field, CThostFtdcRspInfoField* info,
                                  int request_id, bool is_last) {
  // The session's own logout (the client was answered when it asked): nothing to route.
  forward("ReqUserLogout", StructId::UserLogout, field, info, request_id, is_last);
}

void TdSpiBridge::OnRspSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField* field,
                                             CThostFtdcRspInfoField* info, int request_id,
                                             bool is_last) {
  if (const auto route = routes_.find(request_id, false)) {
    // A client's own ReqSettlementInfoConfirm.
    return forward("ReqSettlementInfoConfirm", StructId::SettlementInfoConfirm, field, info,
                   request_id, is_last);
  }
  const CThostFtdcRspInfoField copy = info != nullptr ? *info : CThostFtdcRspInfoField{};
  mailbox_.post([copy](TradingSession& s) { s.on_rsp_settlement_confirm(copy); });
}

void TdSpiBridge::forward(std::string_view request, StructId type, const void* field,
                          const CThostFtdcRspInfoField* info, int request_id, bool is_last) {
  const protocol::MessageSpec* spec = protocol::find_message(protocol::Service::Td, request);
  if (spec == nullptr || spec->reply_type != type) return;
  const std::optional<RequestRoute> route = routes_.find(request_id, is_last);
  if (!route) return;  // the session's own request
  if (type == StructId::UserPasswordUpdate) {
    const bool ok = info == nullptr || info->ErrorID == 0;
    mailbox_.post([request_id, ok](TradingSession& s) { s.on_password_update(request_id, ok); });
  }
  // A transfer request carries the bank and fund passwords: never echo them.
  CThostFtdcReqTransferField transfer{};
  if (type == StructId::ReqTransfer && field != nullptr) {
    transfer = *static_cast<const CThostFtdcReqTransferField*>(field);
    std::memset(transfer.BankPassWord, 0, sizeof transfer.BankPassWord);
    std::memset(transfer.Password, 0, sizeof transfer.Password);
    field = &transfer;
  }
  Reply r;
  r.msg_type = spec->reply;
  r.rsp_info = info;
  r.request_id = route->client_request_id;
  r.is_last = is_last;
  r.body_key = spec->reply_body;
  r.body_type = spec->reply_type;
  r.body = field;
  r.empty_body = spec->empty_body;
  reply(*route, protocol::encode_reply(r), request_id, is_last && request.starts_with("ReqQry"));
}

#define CTPGW_BRIDGE_FORWARD_IMPL(req, req_struct, callback, rsp_struct)                         \
  void TdSpiBridge::callback(CThostFtdc##rsp_struct##Field* field, CThostFtdcRspInfoField* info, \
                             int request_id, bool is_last) {                                     \
    forward(#req, StructId::rsp_struct, field, info, request_id, is_last);                       \
  }
CTPGW_TRADER_BUSINESS_REQUESTS(CTPGW_BRIDGE_FORWARD_IMPL)
#undef CTPGW_BRIDGE_FORWARD_IMPL

void TdSpiBridge::OnRspError(CThostFtdcRspInfoField* info, int request_id, bool is_last) {
  // Unrouted (RequestID 0, or the session's own request): every socket of the session sees it.
  const RequestRoute route = routes_.find(request_id, is_last).value_or(RequestRoute{});
  Reply r;
  r.msg_type = "RspError";
  r.rsp_info = info;
  r.request_id = route.client_request_id;
  r.is_last = is_last;
  reply(route, protocol::encode_reply(r), request_id, is_last);
}

template <class T>
void TdSpiBridge::push(std::string_view msg_type, const T* body,
                       const CThostFtdcRspInfoField* info) {
  static_assert(sizeof(T) <= PushMail::kBodyBytes && std::is_trivially_copyable_v<T>);
  const protocol::PushSpec* spec = protocol::find_push(protocol::Service::Td, msg_type);
  if (spec == nullptr || spec->body_type != StructTraits<T>::id) return;
  PushMail mail;
  mail.spec = spec;
  // Numbered here, in callback order; the mailbox keeps that order on the io thread.
  mail.seq = push_seq_.fetch_add(1, std::memory_order_relaxed) + 1;
  mail.has_info = info != nullptr;
  if (info != nullptr) mail.info = *info;
  mail.body_bytes = body != nullptr ? sizeof *body : 0;
  if (body != nullptr) std::memcpy(mail.body, body, sizeof *body);
  mailbox_.post_push(mail);
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

namespace {
CThostFtdcRspTransferField without_passwords(const CThostFtdcRspTransferField* report) {
  CThostFtdcRspTransferField copy = report != nullptr ? *report : CThostFtdcRspTransferField{};
  std::memset(copy.BankPassWord, 0, sizeof copy.BankPassWord);
  std::memset(copy.Password, 0, sizeof copy.Password);
  return copy;
}
}  // namespace

void TdSpiBridge::OnRtnFromBankToFutureByFuture(CThostFtdcRspTransferField* report) {
  const CThostFtdcRspTransferField copy = without_passwords(report);
  push("RtnFromBankToFutureByFuture", &copy, nullptr);
}

void TdSpiBridge::OnRtnFromFutureToBankByFuture(CThostFtdcRspTransferField* report) {
  const CThostFtdcRspTransferField copy = without_passwords(report);
  push("RtnFromFutureToBankByFuture", &copy, nullptr);
}

}  // namespace ctpgw::td
