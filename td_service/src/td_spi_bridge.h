// TraderSpi for one trading session. Runs on the backend's callback thread (with the simulated
// counter, the simulator's thread). Replies are encoded to JSON right there, with the asking
// socket's RequestID (RequestRoutes); pushes are numbered and handed over as the structs they
// are, so the callback thread spends nothing on JSON for them: the session encodes each push
// once, on the io thread, into a pooled frame that all its sockets and its journal share.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <string>

#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/catalog.h"
#include "request_routes.h"

namespace ctpgw::td {

class TradingSession;

/// A push as the backend gave it, copied out of the callback: no allocation, no JSON yet.
struct PushMail {
  /// Room for the largest struct pushed (TdSpiBridge::push checks every one at compile time).
  static constexpr std::size_t kBodyBytes = std::max(
      {sizeof(ctp::CThostFtdcOrderField), sizeof(ctp::CThostFtdcTradeField),
       sizeof(ctp::CThostFtdcInputOrderField), sizeof(ctp::CThostFtdcOrderActionField),
       sizeof(ctp::CThostFtdcInstrumentStatusField), sizeof(ctp::CThostFtdcRspTransferField)});

  const protocol::PushSpec* spec = nullptr;  ///< nullptr: no push
  std::uint64_t seq = 0;
  bool has_info = false;
  ctp::CThostFtdcRspInfoField info{};
  std::size_t body_bytes = 0;  ///< of `body`; 0: the callback gave no struct (an empty body)
  alignas(std::max_align_t) unsigned char body[kBodyBytes];

  /// A copy of `other` that copies only the bytes its struct uses.
  void copy_from(const PushMail& other) noexcept {
    spec = other.spec;
    seq = other.seq;
    has_info = other.has_info;
    info = other.info;
    body_bytes = other.body_bytes;
    std::memcpy(body, other.body, other.body_bytes);
  }

  bool has_body() const noexcept { return body_bytes != 0; }
  /// The struct pushed (has_body()), as the type spec->body_type names.
  template <class T>
  const T& as() const noexcept {
    static_assert(sizeof(T) <= kBodyBytes);
    return *std::launder(reinterpret_cast<const T*>(body));
  }
};

/// Hands the bridge's events to the session on the io thread, in the order given; drops them if
/// the session is gone by then. Callable from the backend's callback thread.
class SessionMailbox {
 public:
  virtual ~SessionMailbox() = default;
  virtual void post(std::function<void(TradingSession&)> event) = 0;
  /// A numbered push (the hot path: no closure, no allocation), copied.
  virtual void post_push(const PushMail& push) = 0;
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
  template <class T>
  void push(std::string_view msg_type, const T* body, const ctp::CThostFtdcRspInfoField* info);
  void reply(const RequestRoute& route, std::string json, int upstream_id, bool done);

  RequestRoutes& routes_;
  std::atomic<std::uint64_t>& push_seq_;
  SessionMailbox& mailbox_;
};

}  // namespace ctpgw::td
