// One td client socket: webctp request routing (-400/-401/-404 precedence of protocol §7.3), the
// per-connection rate limit and login lock-out, and attaching to the user's TradingSession by
// logging in (docs/protocol.md, "Sessions"). The session owns everything upstream; this class
// owns nothing that outlives the socket. io thread only.
//
// Login attempts (docs/protocol.md, "Login on one connection"): one at a time per connection,
// each judged on its own credentials. A ReqUserLogin while one is in flight is answered at once
// with ErrorID 5; one on a logged-in connection is answered by the session (same password: the
// session's RspUserLogin; another: ErrorID 3) and never changes what the connection may do.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ctpgw/core/token_bucket.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/request.h"
#include "session_client.h"

namespace ctpgw::td {

class TdApp;
class TradingSession;

class TdConnection final : public SessionClient {
 public:
  TdConnection(net::ConnectionId id, TdApp& app);
  ~TdConnection() override;
  TdConnection(const TdConnection&) = delete;
  TdConnection& operator=(const TdConnection&) = delete;

  void on_text(std::string_view text);
  void on_binary(std::size_t size);

  // SessionClient
  net::ConnectionId connection_id() const override { return id_; }
  void deliver(std::string_view json) override;
  void deliver_frame(const net::FramePtr& frame) override;
  void login_answered(const ctp::CThostFtdcRspInfoField& info) override;

 private:
  enum class LoginState { None, InFlight, LoggedIn };

  void send(std::string_view json);
  void send_error(const protocol::RequestError& err);
  void handle_login(const protocol::ParsedRequest& req, const protocol::MessageSpec& spec,
                    int request_id);
  void handle_logout(const protocol::MessageSpec& spec, int request_id);
  void audit_request(const protocol::MessageSpec& spec, protocol::AnyStruct& body, int request_id);
  void leave_session();

  net::ConnectionId id_;
  TdApp& app_;
  LoginState state_ = LoginState::None;
  std::string user_id_;
  std::shared_ptr<TradingSession> session_;  ///< while logging in or logged in
  core::TokenBucket requests_;               ///< Security.MaxRequestsPerSecond
};

}  // namespace ctpgw::td
