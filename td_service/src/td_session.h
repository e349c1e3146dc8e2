// One td client connection: webctp request routing (-400/-401/-404 precedence of protocol §7.3),
// the automatic authenticate -> login -> settlement-confirm sequence, and the CTP trading
// session it owns. io thread only. Destroying the session releases its TraderApi, after which
// no callback for it can arrive.
//
// Login attempts (docs/protocol.md, "Login on one connection"): one at a time per connection,
// each judged on its own credentials. A ReqUserLogin while one is in flight is answered at once
// with ErrorID 5; one on a logged-in connection is answered from the existing session (same
// password: the cached RspUserLogin; another password: ErrorID 3) and never reaches the backend,
// so nothing is attached twice and a wrong password never changes what the connection may do.
//
// Upstream life cycle (docs/protocol.md, "Upstream status"): the CTP API reconnects by itself;
// after a reconnect a logged-in session authenticates and logs in again with the credentials it
// logged in with. A credential failure (is_credential_error) is never retried automatically, so
// a changed password cannot lock the account; other failures are retried with a backoff that
// doubles up to 60 s. The client is told with RtnUpstreamStatus at each change.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ctpgw/backend/backend.h"
#include "ctpgw/core/token_bucket.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/request.h"
#include "query_pacer.h"
#include "td_spi_bridge.h"

namespace ctpgw::td {

class TdApp;

class TdSession {
 public:
  TdSession(net::ConnectionId id, TdApp& app);
  ~TdSession();
  TdSession(const TdSession&) = delete;
  TdSession& operator=(const TdSession&) = delete;

  void on_text(std::string_view text);
  void on_binary(std::size_t size);
  void send(std::string_view json);

  // Login-sequence events posted by the bridge.
  void on_front_connected();
  void on_front_disconnected(int reason);
  void on_rsp_authenticate(const ctp::CThostFtdcRspInfoField& info);
  void on_rsp_user_login(const std::optional<ctp::CThostFtdcRspUserLoginField>& field,
                         const std::optional<ctp::CThostFtdcRspInfoField>& info);
  void on_rsp_settlement_confirm(const ctp::CThostFtdcRspInfoField& info);
  void on_rsp_user_logout();
  /// A query's last reply (or its RspError) arrived: the pacer may send the next one.
  void on_query_done(int request_id);

 private:
  enum class LoginState { None, InFlight, LoggedIn, Failed };

  void handle_login(const protocol::ParsedRequest& req, const protocol::MessageSpec& spec,
                    int request_id);
  void handle_logout(const protocol::MessageSpec& spec, int request_id);
  void answer_relogin(const std::string& password, int request_id);
  void send_error(const protocol::RequestError& err);
  void send_login_reply(const ctp::CThostFtdcRspUserLoginField* field,
                        const ctp::CThostFtdcRspInfoField* info, int request_id,
                        std::string_view detail = {});
  void login_failed(const ctp::CThostFtdcRspInfoField& info);
  void relogin_failed(const ctp::CThostFtdcRspInfoField& info);
  void send_status(bool ready, int reason, std::string_view detail);
  void authenticate();

  net::ConnectionId id_;
  TdApp& app_;
  TdSpiBridge bridge_;
  backend::TraderApiPtr api_;  // declared after bridge_ so it is released first
  LoginState state_ = LoginState::None;
  bool front_connected_ = false;
  std::string user_id_;
  std::string password_;  ///< of the attempt in flight, then of the session; never logged
  int login_request_id_ = 0;
  std::optional<ctp::CThostFtdcRspUserLoginField> login_reply_;  ///< answers a repeated login
  bool relogin_ = false;  ///< the login in flight is the automatic one after a reconnect
  int relogin_failures_ = 0;
  boost::asio::steady_timer relogin_timer_;
  std::optional<QueryPacer> pacer_;  ///< with QueryPacing
  core::TokenBucket requests_;       ///< Security.MaxRequestsPerSecond
};

}  // namespace ctpgw::td
