// One td client connection: webctp request routing (-400/-401/-404 precedence of protocol §7.3),
// the automatic authenticate -> login -> settlement-confirm sequence, and the CTP trading
// session it owns. io thread only. Destroying the session releases its TraderApi, after which
// no callback for it can arrive.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ctpgw/backend/backend.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/request.h"
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

 private:
  void handle_login(const protocol::ParsedRequest& req, const protocol::MessageSpec& spec);
  void send_error(const protocol::RequestError& err);
  void authenticate();

  net::ConnectionId id_;
  TdApp& app_;
  TdSpiBridge bridge_;
  backend::TraderApiPtr api_;  // declared after bridge_ so it is released first
  bool login_received_ = false;
  bool front_connected_ = false;
  std::string user_id_;
  std::string password_;  // kept for re-login after a front reconnect; never logged
};

}  // namespace ctpgw::td
