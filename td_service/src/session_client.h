// The socket side of a trading session: what a TradingSession needs from a connection. Lets
// the session (and its login state machine) be tested without a WebSocket or a process.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/net/ws_server.h"

namespace ctpgw::td {

/// A ReqUserLogin as the session needs it, with the gateway's extensions (docs/protocol.md,
/// "Sessions").
struct LoginRequest {
  std::string password;  ///< never logged
  int request_id = 0;
  std::optional<std::uint64_t> resume_after;  ///< "ResumeAfterSeqNo"
  bool cancel_on_disconnect = false;          ///< "CancelOnDisconnect"
};

class SessionClient {
 public:
  virtual ~SessionClient() = default;
  virtual net::ConnectionId connection_id() const = 0;
  /// A reply or notice for this socket only.
  virtual void deliver(std::string_view json) = 0;
  /// A numbered push (or its replay), shared by every socket of the session.
  virtual void deliver_frame(const net::FramePtr& frame) = 0;
  /// This client's ReqUserLogin has been answered on the wire; ErrorID 0: it is attached.
  virtual void login_answered(const ctp::CThostFtdcRspInfoField& info) = 0;
};

}  // namespace ctpgw::td
