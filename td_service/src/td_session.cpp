#include "td_session.h"

#include <spdlog/spdlog.h>

#include "ctpgw/core/audit.h"
#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/front_events.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/errors.h"
#include "ctpgw/protocol/upstream_status.h"
#include "request_invoker.h"
#include "td_app.h"

namespace ctpgw::td {

using namespace ctpgw::ctp;
namespace proto = ctpgw::protocol;

TdSession::TdSession(net::ConnectionId id, TdApp& app)
    : id_(id),
      app_(app),
      bridge_(id,
              [&app](net::ConnectionId cid, std::function<void(TdSession&)> fn) {
                app.post_to_session(cid, std::move(fn));
              }),
      relogin_timer_(app.io()),
      requests_(app.config().security.max_requests_per_second,
                2.0 * app.config().security.max_requests_per_second) {
  if (app.config().query_pacing) {
    pacer_.emplace(app.io(),
                   std::chrono::milliseconds(app.backend().query_interval_ms(app.config())));
  }
}

TdSession::~TdSession() = default;

void TdSession::send(std::string_view json) {
  app_.send(id_, json);
}

void TdSession::send_error(const proto::RequestError& err) {
  send(err.encode());
}

void TdSession::on_binary(std::size_t size) {
  send(proto::encode_error("", proto::kBadRequest,
                           "binary frames are not supported (got " + std::to_string(size) +
                               " bytes): send one JSON object per text frame"));
}

void TdSession::on_text(std::string_view text) {
  proto::ParsedRequest req;
  if (auto err = proto::parse_request(text, req)) return send_error(*err);

  // Every reply the gateway makes itself echoes the request's RequestID (an addition to webctp).
  const int rid = proto::peek_request_id(req);
  // MsgType and RequestID only: bodies can hold passwords.
  spdlog::debug("connection {}: {} RequestID {}", id_, req.msg_type.substr(0, 64), rid);
  if (!requests_.take()) {
    core::audit("rate_limited", {{"connection", std::to_string(id_)}, {"peer", app_.peer(id_)}});
    // CTP's own "too many requests per second"; the connection stays open.
    return send(proto::encode_error(
        req.msg_type, proto::kRateExceeded,
        "more than " + std::to_string(app_.config().security.max_requests_per_second) +
            " requests a second on this connection (Security.MaxRequestsPerSecond)",
        {}, rid));
  }
  const proto::MessageSpec* spec = proto::find_message(proto::Service::Td, req.msg_type);
  app_.metrics().add("ctpgw_messages_in_total",
                     "msg_type=\"" + std::string(spec != nullptr ? spec->request : "other") + "\"");
  if (spec == nullptr) {
    return send(proto::encode_error(req.msg_type, proto::kNotImplemented,
                                    "unknown MsgType for td_service", {}, rid));
  }
  int request_id = 0;
  if (auto err = proto::read_request_id(req, /*required=*/true, request_id))
    return send_error(*err);
  proto::AnyStruct body;
  if (auto err = proto::read_body(req, *spec, body.data())) return send_error(*err);

  if (spec->request == "ReqUserLogin") {
    if (auto err = proto::require_body_keys(req, *spec, {"UserID", "Password"})) {
      return send_error(*err);
    }
    return handle_login(req, *spec, request_id);
  }
  // webctp: "logged in" means a ReqUserLogin was received on this connection.
  if (state_ == LoginState::None || !api_) {
    return send(proto::encode_error(req.msg_type, proto::kNotLoggedIn,
                                    "send ReqUserLogin on this connection first", {}, rid));
  }
  if (spec->request == "ReqUserLogout") return handle_logout(*spec, request_id);
  const RequestInvoker* invoker = find_invoker(spec->request);
  if (invoker == nullptr) {
    return send(proto::encode_error(req.msg_type, proto::kNotImplemented, {}, {}, rid));
  }
  if (spec->request == "ReqOrderInsert") {
    const auto& o = body.as<CThostFtdcInputOrderField>();
    core::audit("order", {{"connection", std::to_string(id_)},
                          {"user", user_id_},
                          {"request_id", std::to_string(request_id)},
                          {"instrument", o.InstrumentID},
                          {"order_ref", o.OrderRef},
                          {"direction", std::string(1, o.Direction)},
                          {"offset", std::string(1, o.CombOffsetFlag[0])},
                          {"price", std::to_string(o.LimitPrice)},
                          {"volume", std::to_string(o.VolumeTotalOriginal)}});
  } else if (spec->request == "ReqOrderAction") {
    const auto& a = body.as<CThostFtdcInputOrderActionField>();
    core::audit("cancel", {{"connection", std::to_string(id_)},
                           {"user", user_id_},
                           {"request_id", std::to_string(request_id)},
                           {"order_sys_id", a.OrderSysID},
                           {"order_ref", a.OrderRef}});
  }
  const std::string_view reply = spec->reply;
  if (pacer_ && spec->request.starts_with("ReqQry")) {
    // One query at a time per session, spaced as the front requires (docs/protocol.md).
    auto copy = std::make_shared<proto::AnyStruct>(body);
    return pacer_->submit(
        request_id,
        [this, invoker, copy, request_id] {
          return invoker->invoke(*api_, copy->data(), request_id);
        },
        [this, reply, request_id](int rc) {
          send(proto::encode_error(reply, rc, {}, "CTP:请求失败", request_id));
        });
  }
  const int rc = invoker->invoke(*api_, body.data(), request_id);
  if (rc != 0) {
    // CTP-return errors use the reply MsgType (protocol §4.3); the RequestID is our addition.
    send(proto::encode_error(reply, rc, {}, "CTP:请求失败", request_id));
  }
}

void TdSession::on_query_done(int request_id) {
  if (pacer_) pacer_->done(request_id);
}

void TdSession::send_login_reply(const CThostFtdcRspUserLoginField* field,
                                 const CThostFtdcRspInfoField* info, int request_id,
                                 std::string_view detail) {
  proto::Reply r;
  r.msg_type = "RspUserLogin";
  r.rsp_info = info;
  r.request_id = request_id;  // an addition to webctp's reply: ties it to its attempt
  r.is_last = true;
  if (field != nullptr) {
    r.body_key = "RspUserLogin";
    r.body_type = StructId::RspUserLogin;
    r.body = field;
  }
  r.detail = detail;
  send(proto::encode_reply(r));
}

void TdSession::handle_login(const proto::ParsedRequest& req, const proto::MessageSpec& spec,
                             int request_id) {
  proto::AnyStruct body;
  proto::read_body(req, spec, body.data());
  const auto& login = body.as<CThostFtdcReqUserLoginField>();
  const std::string user_id = login.UserID;
  if (state_ == LoginState::InFlight) {
    const CThostFtdcRspInfoField busy = make_rsp_info(ErrorCode::DuplicateLogin);
    return send_login_reply(nullptr, &busy, request_id,
                            "a ReqUserLogin is already in progress on this connection; wait for "
                            "its RspUserLogin");
  }
  if (api_ && user_id != user_id_) {
    return send(proto::encode_error(req.msg_type, proto::kBadRequest,
                                    "this connection is logged in as '" + user_id_ +
                                        "'; open another connection to log in as another user",
                                    {}, request_id));
  }
  if (state_ == LoginState::LoggedIn) return answer_relogin(login.Password, request_id);
  if (const long wait =
          app_.login_guard().locked_for(app_.client_ip(id_), user_id, LoginGuard::Clock::now())) {
    const CThostFtdcRspInfoField locked = make_rsp_info(ErrorCode::LoginForbidden);
    app_.log_failed_login(id_, user_id, locked);
    return send_login_reply(nullptr, &locked, request_id,
                            "too many failed logins for this user from this address; try again "
                            "in " +
                                std::to_string(wait) + " s");
  }

  user_id_ = user_id;
  password_ = login.Password;
  login_request_id_ = request_id;
  state_ = LoginState::InFlight;
  spdlog::info("connection {} ({}): ReqUserLogin for user '{}'", id_, app_.peer(id_), user_id_);
  if (!api_) {
    api_ = app_.backend().create_trader_api(backend::flow_path(app_.config(), "td", user_id_));
    api_->RegisterSpi(&bridge_);
    for (const std::string& front : app_.config().td_fronts) api_->RegisterFront(front.c_str());
    // QUICK: like webctp, only what happens after login is pushed; history comes from queries.
    api_->SubscribePrivateTopic(ResumeType::Quick);
    api_->SubscribePublicTopic(ResumeType::Quick);
    api_->Init();
  } else if (front_connected_) {
    authenticate();
  }
}

void TdSession::answer_relogin(const std::string& password, int request_id) {
  // Never sent to the backend: the session exists, nothing is attached a second time.
  if (password == password_ && login_reply_) {
    const CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
    return send_login_reply(&*login_reply_, &ok, request_id,
                            "already logged in on this connection; the session is unchanged");
  }
  const CThostFtdcRspInfoField wrong = make_rsp_info(ErrorCode::InvalidLogin);
  login_failed(wrong);
  send_login_reply(nullptr, &wrong, request_id,
                   "already logged in on this connection; the session is unchanged");
}

void TdSession::handle_logout(const proto::MessageSpec& spec, int request_id) {
  if (state_ != LoginState::LoggedIn) {
    return send(proto::encode_error(spec.request, proto::kNotLoggedIn,
                                    "this connection has no logged-in session to log out of", {},
                                    request_id));
  }
  CThostFtdcUserLogoutField logout{};
  set_text(logout.BrokerID, app_.config().broker_id);
  set_text(logout.UserID, user_id_);
  const int rc = api_->ReqUserLogout(&logout, request_id);
  if (rc != 0) return send(proto::encode_error(spec.reply, rc, {}, "CTP:请求失败", request_id));
  // The connection stops acting for the user now; the reply confirms it.
  state_ = LoginState::None;
  login_reply_.reset();
  password_.clear();
}

void TdSession::on_rsp_user_logout() {
  spdlog::info("connection {} ({}): user '{}' logged out", id_, app_.peer(id_), user_id_);
}

void TdSession::authenticate() {
  const core::Config& cfg = app_.config();
  CThostFtdcReqAuthenticateField auth{};
  set_text(auth.BrokerID, cfg.broker_id);
  set_text(auth.UserID, user_id_);
  set_text(auth.AuthCode, cfg.auth_code);
  set_text(auth.AppID, cfg.app_id);
  const int rc = api_->ReqAuthenticate(&auth, 0);
  if (rc != 0) {
    send(proto::encode_error("RspAuthenticate", rc, {}, "CTP:请求失败", login_request_id_));
  }
}

void TdSession::on_front_connected() {
  front_connected_ = true;
  if (!api_) return;
  if (state_ == LoginState::InFlight) {
    authenticate();  // the client's attempt was waiting for the front
  } else if (state_ == LoginState::LoggedIn) {
    relogin_ = true;  // a reconnect: log in again as the client did
    authenticate();
  }
}

void TdSession::on_front_disconnected(int reason) {
  front_connected_ = false;
  relogin_timer_.cancel();
  if (pacer_) pacer_->front_lost();
  spdlog::warn("connection {} ({}): trading front disconnected (reason {:#x}, {})", id_,
               app_.peer(id_), reason, disconnect_reason_text(reason));
  if (state_ == LoginState::None) return;
  send_status(false, reason,
              state_ == LoginState::LoggedIn
                  ? "requests fail with -1 until the front is back; the gateway then logs in again"
                  : "requests fail with -1 until the front is back");
}

void TdSession::send_status(bool ready, int reason, std::string_view detail) {
  proto::UpstreamStatus status;
  status.connected = front_connected_;
  status.ready = ready;
  status.reason = reason;
  status.detail = detail;
  send(proto::encode_upstream_status(status));
}

void TdSession::relogin_failed(const CThostFtdcRspInfoField& info) {
  relogin_ = false;
  app_.log_failed_login(id_, user_id_, info);
  send_login_reply(nullptr, &info, 0);  // unsolicited, as webctp sends the re-login's answer
  if (is_credential_error(info.ErrorID)) {
    // Retrying the same credentials would lock the account at the broker.
    state_ = LoginState::Failed;
    return send_status(false, 0,
                       "the front refused the saved credentials after a reconnect; not retried: "
                       "send ReqUserLogin");
  }
  const int shift = std::min(relogin_failures_++, 6);
  const auto delay =
      std::min(std::chrono::milliseconds(app_.config().relogin_backoff_ms) * (1 << shift),
               std::chrono::milliseconds(60'000));
  send_status(false, 0,
              "logging in again failed; retrying in " + std::to_string(delay.count()) + " ms");
  relogin_timer_.expires_after(delay);
  relogin_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !front_connected_ || state_ != LoginState::LoggedIn) return;
    relogin_ = true;
    authenticate();
  });
}

void TdSession::login_failed(const CThostFtdcRspInfoField& info) {
  if (state_ == LoginState::InFlight) state_ = LoginState::Failed;
  app_.log_failed_login(id_, user_id_, info);
  if (is_credential_error(info.ErrorID)) {
    app_.login_guard().failed(app_.client_ip(id_), user_id_, LoginGuard::Clock::now());
  }
}

void TdSession::on_rsp_authenticate(const CThostFtdcRspInfoField& info) {
  if (info.ErrorID != 0 && relogin_) return relogin_failed(info);
  if (info.ErrorID != 0) {
    login_failed(info);
    proto::Reply r;
    r.msg_type = "RspAuthenticate";
    r.rsp_info = &info;
    r.request_id = login_request_id_;
    r.is_last = true;
    return send(proto::encode_reply(r));
  }
  CThostFtdcReqUserLoginField login{};
  set_text(login.BrokerID, app_.config().broker_id);
  set_text(login.UserID, user_id_);
  set_text(login.Password, password_);
  set_text(login.UserProductInfo, "ctpgw");
  const int rc = api_->ReqUserLogin(&login, 0);
  if (rc != 0) send(proto::encode_error("RspUserLogin", rc, {}, "CTP:请求失败", login_request_id_));
}

void TdSession::on_rsp_user_login(const std::optional<CThostFtdcRspUserLoginField>& field,
                                  const std::optional<CThostFtdcRspInfoField>& info) {
  const bool ok = !info || info->ErrorID == 0;
  if (!ok && relogin_) return relogin_failed(*info);
  if (ok && relogin_) {
    relogin_ = false;
    relogin_failures_ = 0;
    login_reply_ = field;
    CThostFtdcSettlementInfoConfirmField confirm{};
    set_text(confirm.BrokerID, app_.config().broker_id);
    set_text(confirm.InvestorID, user_id_);
    api_->ReqSettlementInfoConfirm(&confirm, 0);
    // webctp's only reconnect signal is this unsolicited reply; the status push says it plainly.
    send_login_reply(field ? &*field : nullptr, info ? &*info : nullptr, 0);
    return send_status(true, 0, "logged in again after a reconnect");
  }
  if (ok) {
    state_ = LoginState::LoggedIn;
    app_.login_guard().succeeded(app_.client_ip(id_), user_id_);
    core::audit(
        "login",
        {{"connection", std::to_string(id_)}, {"peer", app_.peer(id_)}, {"user", user_id_}});
    // The front may say how far apart its queries must be (GetFrontInfo); it knows best.
    if (const int front_ms = api_->FrontQueryIntervalMs(); pacer_ && front_ms >= 0) {
      pacer_->set_interval(std::chrono::milliseconds(front_ms));
    }
    login_reply_ = field;
    CThostFtdcSettlementInfoConfirmField confirm{};
    set_text(confirm.BrokerID, app_.config().broker_id);
    set_text(confirm.InvestorID, user_id_);
    api_->ReqSettlementInfoConfirm(&confirm, 0);
  } else {
    login_failed(*info);
  }
  send_login_reply(ok && field ? &*field : nullptr, info ? &*info : nullptr, login_request_id_);
}

void TdSession::on_rsp_settlement_confirm(const CThostFtdcRspInfoField& info) {
  if (info.ErrorID != 0) {
    spdlog::warn("connection {}: settlement confirm failed: {} {}", id_, info.ErrorID,
                 utf8_of(info.ErrorMsg));
  }
}

}  // namespace ctpgw::td
