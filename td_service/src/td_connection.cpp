#include "td_connection.h"

#include <spdlog/spdlog.h>

#include "ctpgw/core/audit.h"
#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/front_events.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/errors.h"
#include "request_invoker.h"
#include "td_app.h"
#include "trading_session.h"

namespace ctpgw::td {

using namespace ctpgw::ctp;
namespace proto = ctpgw::protocol;

TdConnection::TdConnection(net::ConnectionId id, TdApp& app)
    : id_(id),
      app_(app),
      requests_(app.config().security.max_requests_per_second,
                2.0 * app.config().security.max_requests_per_second) {}

TdConnection::~TdConnection() {
  leave_session();
}

void TdConnection::leave_session() {
  if (!session_) return;
  std::shared_ptr<TradingSession> session = std::move(session_);
  session->detach(*this);
}

void TdConnection::send(std::string_view json) {
  app_.send(id_, json);
}

void TdConnection::deliver(std::string_view json) {
  app_.send(id_, json);
}

void TdConnection::deliver_frame(const net::FramePtr& frame) {
  app_.send_frame(id_, frame);
}

void TdConnection::send_error(const proto::RequestError& err) {
  send(err.encode());
}

void TdConnection::on_binary(std::size_t size) {
  send(proto::encode_error("", proto::kBadRequest,
                           "binary frames are not supported (got " + std::to_string(size) +
                               " bytes): send one JSON object per text frame"));
}

void TdConnection::on_text(std::string_view text) {
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
  if (state_ != LoginState::LoggedIn || !session_) {
    return send(proto::encode_error(req.msg_type, proto::kNotLoggedIn,
                                    state_ == LoginState::InFlight
                                        ? "wait for the RspUserLogin of this connection's login"
                                        : "send ReqUserLogin on this connection first",
                                    {}, rid));
  }
  if (spec->request == "ReqUserLogout") return handle_logout(*spec, request_id);
  const RequestInvoker* invoker = find_invoker(spec->request);
  if (invoker == nullptr) {
    return send(proto::encode_error(req.msg_type, proto::kNotImplemented, {}, {}, rid));
  }
  audit_request(*spec, body, request_id);
  session_->request(*this, *invoker, spec->reply, body, request_id);
}

void TdConnection::audit_request(const proto::MessageSpec& spec, proto::AnyStruct& body,
                                 int request_id) {
  if (spec.request == "ReqOrderInsert") {
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
  } else if (spec.request == "ReqOrderAction") {
    const auto& a = body.as<CThostFtdcInputOrderActionField>();
    core::audit("cancel", {{"connection", std::to_string(id_)},
                           {"user", user_id_},
                           {"request_id", std::to_string(request_id)},
                           {"order_sys_id", a.OrderSysID},
                           {"order_ref", a.OrderRef}});
  }
}

namespace {

/// The gateway's login extensions (docs/protocol.md, "Sessions"): top-level keys beside the
/// ReqUserLogin body.
std::optional<proto::RequestError> read_login_options(const proto::ParsedRequest& req,
                                                      LoginRequest& out, int request_id) {
  const auto bad = [&](std::string detail) {
    return proto::RequestError{proto::kBadRequest, std::string(req.msg_type), std::move(detail),
                               request_id};
  };
  if (const auto it = req.doc.FindMember("ResumeAfterSeqNo"); it != req.doc.MemberEnd()) {
    if (!it->value.IsUint64()) return bad("ResumeAfterSeqNo must be a non-negative integer");
    out.resume_after = it->value.GetUint64();
  }
  if (const auto it = req.doc.FindMember("CancelOnDisconnect"); it != req.doc.MemberEnd()) {
    if (!it->value.IsBool()) return bad("CancelOnDisconnect must be true or false");
    out.cancel_on_disconnect = it->value.GetBool();
  }
  return std::nullopt;
}

}  // namespace

void TdConnection::handle_login(const proto::ParsedRequest& req, const proto::MessageSpec& spec,
                                int request_id) {
  proto::AnyStruct body;
  proto::read_body(req, spec, body.data());
  const auto& login = body.as<CThostFtdcReqUserLoginField>();
  const std::string user_id = login.UserID;
  LoginRequest request;
  request.password = login.Password;
  request.request_id = request_id;
  if (auto err = read_login_options(req, request, request_id)) return send_error(*err);

  const auto login_error = [&](const CThostFtdcRspInfoField& info, std::string_view detail) {
    proto::Reply r;
    r.msg_type = "RspUserLogin";
    r.rsp_info = &info;
    r.request_id = request_id;  // an addition to webctp's reply: ties it to its attempt
    r.is_last = true;
    r.detail = detail;
    send(proto::encode_reply(r));
  };
  if (state_ == LoginState::InFlight) {
    return login_error(make_rsp_info(ErrorCode::DuplicateLogin),
                       "a ReqUserLogin is already in progress on this connection; wait for its "
                       "RspUserLogin");
  }
  if (state_ == LoginState::LoggedIn && user_id != user_id_) {
    return send(proto::encode_error(req.msg_type, proto::kBadRequest,
                                    "this connection is logged in as '" + user_id_ +
                                        "'; open another connection to log in as another user",
                                    {}, request_id));
  }
  if (state_ == LoginState::LoggedIn) return session_->login(*this, request);
  if (const long wait =
          app_.login_guard().locked_for(app_.client_ip(id_), user_id, LoginGuard::Clock::now())) {
    const CThostFtdcRspInfoField locked = make_rsp_info(ErrorCode::LoginForbidden);
    app_.log_failed_login(id_, user_id, locked);
    return login_error(locked,
                       "too many failed logins for this user from this address; try "
                       "again in " +
                           std::to_string(wait) + " s");
  }
  std::shared_ptr<TradingSession> session = app_.sessions().session_for(user_id);
  if (!session) {
    CThostFtdcRspInfoField full{};
    full.ErrorID = proto::kTooManySessions;
    set_gb_text(full.ErrorMsg, proto::webctp_error_message(proto::kTooManySessions));
    return login_error(full, "Session.MaxSessions users are logged in; try again later");
  }
  user_id_ = user_id;
  state_ = LoginState::InFlight;
  session_ = std::move(session);
  spdlog::info("connection {} ({}): ReqUserLogin for user '{}'", id_, app_.peer(id_), user_id_);
  session_->login(*this, request);
}

void TdConnection::login_answered(const CThostFtdcRspInfoField& info) {
  if (info.ErrorID == 0) {
    if (state_ != LoginState::LoggedIn) {
      app_.login_guard().succeeded(app_.client_ip(id_), user_id_);
      core::audit(
          "login",
          {{"connection", std::to_string(id_)}, {"peer", app_.peer(id_)}, {"user", user_id_}});
    }
    state_ = LoginState::LoggedIn;
    return;
  }
  app_.log_failed_login(id_, user_id_, info);
  if (is_credential_error(info.ErrorID)) {
    app_.login_guard().failed(app_.client_ip(id_), user_id_, LoginGuard::Clock::now());
  }
  // A wrong password on a logged-in connection changes nothing; otherwise the attempt is over.
  if (state_ == LoginState::LoggedIn && session_ && session_->attached(*this)) return;
  state_ = LoginState::None;
  leave_session();
}

void TdConnection::handle_logout(const proto::MessageSpec&, int request_id) {
  spdlog::info("connection {} ({}): user '{}' logs out", id_, app_.peer(id_), user_id_);
  state_ = LoginState::None;
  std::shared_ptr<TradingSession> session = std::move(session_);
  session->logout(*this, request_id);
}

}  // namespace ctpgw::td
