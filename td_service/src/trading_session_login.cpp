// The upstream half of TradingSession: authenticate -> login -> settlement confirm, one attempt
// at a time, and logging in again after the front reconnects (see trading_session.h).
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/front_events.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/errors.h"
#include "ctpgw/protocol/request.h"
#include "trading_session.h"

namespace ctpgw::td {

using namespace ctpgw::ctp;
namespace proto = ctpgw::protocol;

std::array<unsigned char, 32> TradingSession::mac(const std::string& password) const {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), mac_key_.data(), static_cast<int>(mac_key_.size()),
       reinterpret_cast<const unsigned char*>(password.data()), password.size(), out.data(), &len);
  return out;
}

bool TradingSession::password_matches(const std::string& password) const {
  const std::array<unsigned char, 32> given = mac(password);
  return CRYPTO_memcmp(given.data(), password_mac_.data(), given.size()) == 0;
}

void TradingSession::start_attempt() {
  if (waiting_.empty()) {
    state_ = State::Idle;
    return maybe_idle();
  }
  attempt_ = std::move(waiting_.front());
  waiting_.pop_front();
  state_ = State::InFlight;
  if (!api_) {
    if (RAND_bytes(mac_key_.data(), static_cast<int>(mac_key_.size())) != 1) {
      throw std::runtime_error("no random bytes for the session key");
    }
    api_ = factory_();
    api_->RegisterSpi(&bridge_);
    for (const std::string& front : settings_.fronts) api_->RegisterFront(front.c_str());
    // QUICK: like webctp, only what happens after login is pushed; history comes from queries.
    api_->SubscribePrivateTopic(ResumeType::Quick);
    api_->SubscribePublicTopic(ResumeType::Quick);
    api_->Init();
  } else if (front_connected_) {
    authenticate();
  }
}

void TradingSession::authenticate() {
  CThostFtdcReqAuthenticateField auth{};
  set_text(auth.BrokerID, settings_.broker_id);
  set_text(auth.UserID, settings_.user_id);
  set_text(auth.AuthCode, settings_.auth_code);
  set_text(auth.AppID, settings_.app_id);
  if (const int rc = api_->ReqAuthenticate(&auth, routes_.internal()); rc != 0) {
    CThostFtdcRspInfoField failed{};
    failed.ErrorID = rc;
    set_gb_text(failed.ErrorMsg, proto::webctp_error_message(rc));
    if (relogin_) return relogin_failed(failed);
    attempt_failed(failed, "RspAuthenticate");
  }
}

void TradingSession::on_front_connected() {
  front_connected_ = true;
  if (state_ == State::InFlight) {
    authenticate();  // the attempt was waiting for the front
  } else if (state_ == State::LoggedIn) {
    relogin_ = true;  // a reconnect: log in again as the client did
    authenticate();
  }
}

void TradingSession::on_front_disconnected(int reason) {
  front_connected_ = false;
  relogin_timer_.cancel();
  if (pacer_) pacer_->front_lost();
  routes_.clear();  // nothing in flight will be answered
  spdlog::warn("user '{}': trading front disconnected (reason {:#x}, {})", settings_.user_id,
               reason, disconnect_reason_text(reason));
  if (state_ == State::Idle) return;
  broadcast_status(false, reason,
                   state_ == State::LoggedIn ? "requests fail with -1 until the front is back; "
                                               "the gateway then logs in again"
                                             : "requests fail with -1 until the front is back");
}

void TradingSession::on_rsp_authenticate(const CThostFtdcRspInfoField& info) {
  if (info.ErrorID != 0 && relogin_) return relogin_failed(info);
  if (info.ErrorID != 0) return attempt_failed(info, "RspAuthenticate");
  if (!relogin_ && !attempt_) return;
  CThostFtdcReqUserLoginField login{};
  set_text(login.BrokerID, settings_.broker_id);
  set_text(login.UserID, settings_.user_id);
  set_text(login.Password, relogin_ ? password_ : attempt_->request.password);
  set_text(login.UserProductInfo, "ctpgw");
  if (const int rc = api_->ReqUserLogin(&login, routes_.internal()); rc != 0) {
    CThostFtdcRspInfoField failed{};
    failed.ErrorID = rc;
    set_gb_text(failed.ErrorMsg, proto::webctp_error_message(rc));
    if (relogin_) return relogin_failed(failed);
    attempt_failed(failed, "RspUserLogin");
  }
}

void TradingSession::confirm_settlement() {
  CThostFtdcSettlementInfoConfirmField confirm{};
  set_text(confirm.BrokerID, settings_.broker_id);
  set_text(confirm.InvestorID, settings_.user_id);
  api_->ReqSettlementInfoConfirm(&confirm, routes_.internal());
}

void TradingSession::on_rsp_user_login(const std::optional<CThostFtdcRspUserLoginField>& field,
                                       const std::optional<CThostFtdcRspInfoField>& info) {
  const bool ok = !info || info->ErrorID == 0;
  if (relogin_) {
    if (!ok) return relogin_failed(*info);
    relogin_ = false;
    relogin_failures_ = 0;
    if (field) login_reply_ = field;
    confirm_settlement();
    // webctp's only reconnect signal is this unsolicited reply; the status push says it plainly.
    proto::Reply r;
    r.msg_type = "RspUserLogin";
    r.rsp_info = info ? &*info : nullptr;
    r.is_last = true;
    r.body_key = "RspUserLogin";
    r.body_type = StructId::RspUserLogin;
    if (field) r.body = &*field;
    const std::string json = proto::encode_reply(r);
    for (const auto& [id, c] : clients_) c->deliver(json);
    return broadcast_status(true, 0, "logged in again after a reconnect");
  }
  if (!attempt_) return;
  if (!ok) return attempt_failed(*info, "RspUserLogin");

  state_ = State::LoggedIn;
  password_ = attempt_->request.password;
  password_mac_ = mac(password_);
  login_reply_ = field;
  if (field) max_order_ref_ = std::atoll(field->MaxOrderRef);
  spdlog::info("user '{}': logged in upstream (FrontID {}, SessionID {})", settings_.user_id,
               field ? field->FrontID : 0, field ? field->SessionID : 0);
  // The front may say how far apart its queries must be (GetFrontInfo); it knows best.
  if (const int front_ms = api_->FrontQueryIntervalMs(); pacer_ && front_ms >= 0) {
    pacer_->set_interval(std::chrono::milliseconds(front_ms));
  }
  confirm_settlement();
  const Waiting done = std::move(*attempt_);
  attempt_.reset();
  if (done.client != nullptr) attach(*done.client, done.request, {});
  // Logins that queued behind this one are judged against the password that succeeded.
  auto queued = std::move(waiting_);
  waiting_.clear();
  for (Waiting& w : queued) login(*w.client, w.request);
  maybe_idle();
}

void TradingSession::attempt_failed(const CThostFtdcRspInfoField& info, std::string_view msg_type) {
  if (!attempt_) return;
  const Waiting failed = std::move(*attempt_);
  attempt_.reset();
  state_ = State::Idle;
  if (failed.client != nullptr)
    refuse(*failed.client, info, failed.request.request_id, msg_type, {});
  // Queued logins with the same password would fail the same way; others get their own attempt.
  auto same = std::stable_partition(waiting_.begin(), waiting_.end(), [&](const Waiting& w) {
    return w.request.password != failed.request.password;
  });
  std::deque<Waiting> refused(std::make_move_iterator(same),
                              std::make_move_iterator(waiting_.end()));
  waiting_.erase(same, waiting_.end());
  for (Waiting& w : refused) refuse(*w.client, info, w.request.request_id, msg_type, {});
  start_attempt();
}

void TradingSession::relogin_failed(const CThostFtdcRspInfoField& info) {
  relogin_ = false;
  spdlog::warn("user '{}': logging in again after a reconnect failed: ErrorID {} {}",
               settings_.user_id, info.ErrorID, utf8_of(info.ErrorMsg));
  proto::Reply r;  // unsolicited, as webctp sends the re-login's answer
  r.msg_type = "RspUserLogin";
  r.rsp_info = &info;
  r.is_last = true;
  const std::string json = proto::encode_reply(r);
  for (const auto& [id, c] : clients_) c->deliver(json);
  if (is_credential_error(info.ErrorID)) {
    // Retrying the same credentials would lock the account at the broker. The sockets stay
    // attached (the front refuses their requests); a ReqUserLogin starts a new attempt.
    state_ = State::Idle;
    return broadcast_status(false, 0,
                            "the front refused the saved credentials after a reconnect; not "
                            "retried: send ReqUserLogin");
  }
  const int shift = std::min(relogin_failures_++, 6);
  const auto delay =
      std::min(settings_.relogin_backoff * (1 << shift), std::chrono::milliseconds(60'000));
  broadcast_status(false, 0,
                   "logging in again failed; retrying in " + std::to_string(delay.count()) + " ms");
  relogin_timer_.expires_after(delay);
  relogin_timer_.async_wait(
      [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
        if (ec || !alive.lock() || !front_connected_ || state_ != State::LoggedIn) return;
        relogin_ = true;
        authenticate();
      });
}

void TradingSession::on_rsp_settlement_confirm(const CThostFtdcRspInfoField& info) {
  if (info.ErrorID != 0) {
    spdlog::warn("user '{}': settlement confirm failed: {} {}", settings_.user_id, info.ErrorID,
                 utf8_of(info.ErrorMsg));
  }
}

}  // namespace ctpgw::td
