#include "trading_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include <charconv>
#include <cstring>

#include "ctpgw/core/audit.h"
#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/errors.h"
#include "ctpgw/protocol/request.h"
#include "ctpgw/protocol/upstream_status.h"

namespace ctpgw::td {

using namespace ctpgw::ctp;
namespace proto = ctpgw::protocol;

TradingSession::TradingSession(boost::asio::io_context& io, SessionSettings settings,
                               ApiFactory factory, Released released)
    : io_(io),
      settings_(std::move(settings)),
      factory_(std::move(factory)),
      released_(std::move(released)),
      bridge_(routes_, push_seq_, mailbox_),
      relogin_timer_(io),
      linger_timer_(io),
      journal_(settings_.journal_entries, settings_.journal_bytes) {
  if (settings_.query_pacing) pacer_.emplace(io, settings_.query_interval);
}

TradingSession::~TradingSession() {
  alive_.reset();  // events already posted by the bridge are dropped
  api_.reset();    // after which no callback can arrive
  password_.assign(password_.size(), '\0');
}

SessionClient* TradingSession::client(net::ConnectionId id) const {
  const auto it = clients_.find(id);
  return it == clients_.end() ? nullptr : it->second;
}

bool TradingSession::attached(const SessionClient& c) const {
  return client(c.connection_id()) == &c;
}

void TradingSession::login(SessionClient& c, const LoginRequest& request) {
  linger_timer_.cancel();
  if (state_ == State::LoggedIn) {
    if (password_matches(request.password)) {
      return attach(c, request, "attached to the existing session");
    }
    const CThostFtdcRspInfoField wrong = make_rsp_info(ErrorCode::InvalidLogin);
    return refuse(c, wrong, request.request_id, "RspUserLogin",
                  "the session of this user is logged in with another password");
  }
  waiting_.push_back(Waiting{&c, request});
  if (state_ == State::Idle) start_attempt();
}

void TradingSession::attach(SessionClient& c, const LoginRequest& request,
                            std::string_view detail) {
  const bool first = clients_.empty();
  const bool again = attached(c);  // a repeated login on an attached socket
  if (request.cancel_on_disconnect) cancel_on_disconnect_ = true;
  const CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
  const std::string extra = "\"LastSeqNo\":" + std::to_string(journal_.last_seq());
  proto::Reply r;
  r.msg_type = "RspUserLogin";
  r.rsp_info = &ok;
  r.request_id = request.request_id;  // an addition to webctp's reply: ties it to its attempt
  r.is_last = true;
  r.body_key = "RspUserLogin";
  r.body_type = StructId::RspUserLogin;
  if (login_reply_) r.body = &*login_reply_;
  r.detail = detail;
  r.extra = extra;
  c.deliver(proto::encode_reply(r));

  if (request.resume_after) {
    const std::uint64_t after = *request.resume_after;
    const auto frames = journal_.after(after);
    const std::string range = "\"ResumeAfterSeqNo\":" + std::to_string(after) +
                              ",\"FirstSeqNo\":" + std::to_string(journal_.first_seq()) +
                              ",\"LastSeqNo\":" + std::to_string(journal_.last_seq());
    CThostFtdcRspInfoField info = ok;
    proto::Reply resume;
    resume.msg_type = "RspResume";
    resume.rsp_info = &info;
    resume.request_id = request.request_id;
    resume.is_last = true;
    resume.extra = range;
    std::string resume_detail;
    if (frames) {
      resume_detail = "replaying " + std::to_string(frames->size()) + " push(es), then live";
    } else {
      info.ErrorID = proto::kResumeGone;
      set_gb_text(info.ErrorMsg, proto::webctp_error_message(proto::kResumeGone));
      resume_detail = after > journal_.last_seq()
                          ? "that sequence number was never given out by this session"
                          : "the journal no longer reaches back that far: query orders and trades "
                            "again (live pushes continue)";
    }
    resume.detail = resume_detail;
    c.deliver(proto::encode_reply(resume));
    if (frames) {
      for (const net::FramePtr& f : *frames) c.deliver_frame(f);
    }
  }
  clients_[c.connection_id()] = &c;
  if (!again) {
    core::audit("session_attach", {{"connection", std::to_string(c.connection_id())},
                                   {"user", settings_.user_id},
                                   {"sockets", std::to_string(clients_.size())},
                                   {"first", first ? "true" : "false"}});
  }
  c.login_answered(ok);
}

void TradingSession::refuse(SessionClient& c, const CThostFtdcRspInfoField& info, int request_id,
                            std::string_view msg_type, std::string_view detail) {
  proto::Reply r;
  r.msg_type = msg_type;
  r.rsp_info = &info;
  r.request_id = request_id;
  r.is_last = true;
  r.detail = detail;
  c.deliver(proto::encode_reply(r));
  c.login_answered(info);
}

void TradingSession::detach(SessionClient& c) {
  if (attempt_ && attempt_->client == &c) attempt_->client = nullptr;
  std::erase_if(waiting_, [&c](const Waiting& w) { return w.client == &c; });
  if (attached(c)) {
    clients_.erase(c.connection_id());
    core::audit("session_detach", {{"connection", std::to_string(c.connection_id())},
                                   {"user", settings_.user_id},
                                   {"sockets", std::to_string(clients_.size())}});
    if (clients_.empty() && cancel_on_disconnect_ && state_ == State::LoggedIn) {
      cancel_resting_orders();
    }
  }
  maybe_idle();
}

void TradingSession::maybe_idle() {
  if (!clients_.empty() || !waiting_.empty() || attempt_ || released_called_) return;
  if (state_ != State::LoggedIn) return release();  // nothing worth keeping
  spdlog::info("user '{}': last connection gone; session kept for {} s", settings_.user_id,
               settings_.linger.count());
  linger_timer_.expires_after(settings_.linger);
  linger_timer_.async_wait(
      [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
        if (!ec && alive.lock()) linger_over();
      });
}

void TradingSession::linger_over() {
  if (!clients_.empty() || !waiting_.empty() || attempt_) return;
  spdlog::info("user '{}': no connection for {} s; session released", settings_.user_id,
               settings_.linger.count());
  release();
}

void TradingSession::release() {
  if (released_called_) return;
  released_called_ = true;
  linger_timer_.cancel();
  relogin_timer_.cancel();
  core::audit("session_release", {{"user", settings_.user_id}});
  released_(*this);
}

void TradingSession::logout(SessionClient& c, int request_id) {
  clients_.erase(c.connection_id());
  CThostFtdcUserLogoutField logout{};
  set_text(logout.BrokerID, settings_.broker_id);
  set_text(logout.UserID, settings_.user_id);
  const CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
  proto::Reply r;
  r.msg_type = "RspUserLogout";
  r.rsp_info = &ok;
  r.request_id = request_id;
  r.is_last = true;
  r.body_key = "UserLogout";
  r.body_type = StructId::UserLogout;
  r.body = &logout;
  core::audit("session_detach", {{"connection", std::to_string(c.connection_id())},
                                 {"user", settings_.user_id},
                                 {"sockets", std::to_string(clients_.size())},
                                 {"logout", "true"}});
  if (!clients_.empty()) {
    r.detail = "this connection logged out; the session stays logged in for the other " +
               std::to_string(clients_.size()) + " connection(s)";
    return c.deliver(proto::encode_reply(r));
  }
  spdlog::info("user '{}' logged out", settings_.user_id);
  if (api_ && front_connected_) api_->ReqUserLogout(&logout, routes_.internal());
  c.deliver(proto::encode_reply(r));
  if (waiting_.empty() && !attempt_) release();
}

void TradingSession::request(SessionClient& c, const RequestInvoker& invoker,
                             std::string_view reply, proto::AnyStruct& body, int request_id) {
  if (invoker.request_type == StructId::InputOrder) {
    auto& order = body.as<CThostFtdcInputOrderField>();
    assign_order_ref(order);
    if (orders_in_flight_.size() >= 10000)
      orders_in_flight_.clear();  // bounded; rejects leave entries
    orders_in_flight_.insert_or_assign(
        std::pmr::string(order.OrderRef, strnlen(order.OrderRef, sizeof order.OrderRef)),
        std::chrono::steady_clock::now());
  }
  const RequestRoute route{c.connection_id(), request_id};
  const bool password_update = invoker.request_type == StructId::UserPasswordUpdate;
  if (pacer_ && invoker.method.starts_with("ReqQry")) {
    // One query at a time per session, spaced as the front requires (docs/protocol.md).
    const int upstream = routes_.open(route);
    auto copy = std::make_shared<proto::AnyStruct>(body);
    return pacer_->submit(
        upstream,
        [this, &invoker, copy, upstream] { return invoker.invoke(*api_, copy->data(), upstream); },
        [this, reply, route, upstream](int rc) {
          routes_.find(upstream, true);
          if (SessionClient* to = client(route.connection)) {
            to->deliver(
                proto::encode_error(reply, rc, {}, "CTP:请求失败", route.client_request_id));
          }
        });
  }
  const int upstream = routes_.open(route);
  if (password_update) {
    // Later logins are checked against the session's password: follow the change.
    const auto& update = body.as<CThostFtdcUserPasswordUpdateField>();
    password_updates_[upstream] = update.NewPassword;
  }
  if (const int rc = invoker.invoke(*api_, body.data(), upstream); rc != 0) {
    password_updates_.erase(upstream);
    routes_.find(upstream, true);
    // CTP-return errors use the reply MsgType (protocol §4.3); the RequestID is our addition.
    c.deliver(proto::encode_error(reply, rc, {}, "CTP:请求失败", request_id));
  }
}

void TradingSession::assign_order_ref(CThostFtdcInputOrderField& order) {
  // Several sockets share the session: an empty OrderRef gets the session's next one, a given
  // one moves the counter past it, so references stay unique across the sockets.
  const std::string_view ref(order.OrderRef, strnlen(order.OrderRef, sizeof order.OrderRef));
  long long value = 0;
  const auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), value);
  if (ref.empty()) {
    set_text(order.OrderRef, std::to_string(++max_order_ref_));
  } else if (ec == std::errc() && end == ref.data() + ref.size()) {
    max_order_ref_ = std::max(max_order_ref_, value);
  }
}

void TradingSession::on_password_update(int upstream_id, bool ok) {
  const auto it = password_updates_.find(upstream_id);
  if (it == password_updates_.end()) return;
  if (ok) {
    password_ = it->second;
    password_mac_ = mac(password_);
  }
  password_updates_.erase(it);
}

void TradingSession::on_reply(const RequestRoute& route, std::string_view json, int upstream_id,
                              bool done) {
  if (route.connection == 0) {
    for (const auto& [id, c] : clients_) c->deliver(json);
  } else if (SessionClient* c = client(route.connection)) {
    c->deliver(json);
  }
  if (done && pacer_) pacer_->done(upstream_id);
}

void TradingSession::Mailbox::post(std::function<void(TradingSession&)> event) {
  add([&](Mail& mail) { mail.event = std::move(event); });
}

void TradingSession::Mailbox::post_push(const PushMail& push) {
  add([&](Mail& mail) { mail.push.copy_from(push); });
}

template <class Fill>
void TradingSession::Mailbox::add(Fill fill) {
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    first = queued_.empty();
    Mail& mail = queued_.emplace_back();  // filled in place: a push is copied once
    fill(mail);
  }
  // The first event of a burst schedules the drain; the rest ride along.
  if (first) boost::asio::post(session_.io_, Drain{this, session_.alive_});
}

void TradingSession::Mailbox::drain() {
  std::vector<Mail> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(spare_);  // spare_ is empty here, with the capacity of an earlier batch
    batch.swap(queued_);
  }
  // An event may end the session (and this mailbox with it): the batch is a local, and the
  // session is looked at again before each event.
  const std::weak_ptr<int> alive = session_.alive_;
  for (Mail& m : batch) {
    if (!alive.lock()) return;
    if (m.event) {
      m.event(session_);
    } else {
      session_.on_push(m.push);
    }
  }
  if (!alive.lock()) return;
  batch.clear();
  std::lock_guard lock(mutex_);
  if (spare_.capacity() < batch.capacity()) spare_.swap(batch);
}

void TradingSession::on_push(const PushMail& push) {
  const protocol::PushSpec& spec = *push.spec;
  if (spec.body_type == ctp::StructId::Order && push.has_body()) {
    track_order(push.as<CThostFtdcOrderField>());
  }
  proto::Reply r;
  r.msg_type = spec.msg_type;
  r.rsp_info = push.has_info ? &push.info : nullptr;
  r.body_key = spec.body_key;
  r.body_type = spec.body_type;
  r.body = push.has_body() ? push.body : nullptr;
  r.seq_no = push.seq;
  // Encoded into this thread's buffer and copied once into a pooled frame: no allocation.
  net::FramePtr frame = net::prepare_text_frame(proto::encode_reply_view(r));
  for (const auto& [id, c] : clients_) c->deliver_frame(frame);
  journal_.append(push.seq, std::move(frame));
}

void TradingSession::track_order(const CThostFtdcOrderField& o) {
  if (login_reply_ && o.FrontID == login_reply_->FrontID &&
      o.SessionID == login_reply_->SessionID) {
    const auto sent = orders_in_flight_.find(
        std::string_view(o.OrderRef, strnlen(o.OrderRef, sizeof o.OrderRef)));
    if (sent != orders_in_flight_.end()) {
      if (settings_.order_round_trip) {
        settings_.order_round_trip(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - sent->second).count());
      }
      orders_in_flight_.erase(sent);
    }
  }
  // Every RtnOrder comes here: the key is built without an allocation.
  OrderKey key{o.FrontID, o.SessionID, {}};
  std::memcpy(key.ref.data(), o.OrderRef, key.ref.size());
  switch (o.OrderStatus) {
    case '1':  // part traded, queueing
    case '3':  // no trade, queueing
    case 'a':  // unknown: not yet confirmed by the exchange
    case 'b':  // not touched
    case 'c':  // touched
      resting_[key] = o;
      break;
    default:
      resting_.erase(key);
  }
}

void TradingSession::cancel_resting_orders() {
  if (resting_.empty()) return;
  spdlog::warn(
      "user '{}': last connection lost without logout; cancelling {} resting order(s) "
      "(CancelOnDisconnect)",
      settings_.user_id, resting_.size());
  core::audit("cancel_on_disconnect",
              {{"user", settings_.user_id}, {"orders", std::to_string(resting_.size())}});
  for (const auto& [key, o] : resting_) {
    CThostFtdcInputOrderActionField a{};
    std::memcpy(a.BrokerID, o.BrokerID, sizeof a.BrokerID);
    std::memcpy(a.InvestorID, o.InvestorID, sizeof a.InvestorID);
    std::memcpy(a.UserID, o.UserID, sizeof a.UserID);
    std::memcpy(a.OrderRef, o.OrderRef, sizeof a.OrderRef);
    std::memcpy(a.ExchangeID, o.ExchangeID, sizeof a.ExchangeID);
    std::memcpy(a.OrderSysID, o.OrderSysID, sizeof a.OrderSysID);
    std::memcpy(a.InstrumentID, o.InstrumentID, sizeof a.InstrumentID);
    a.FrontID = o.FrontID;
    a.SessionID = o.SessionID;
    a.ActionFlag = '0';  // THOST_FTDC_AF_Delete
    // The normal path: the cancel's RtnOrder lands in the journal like any push.
    if (const int rc = api_->ReqOrderAction(&a, routes_.internal()); rc != 0) {
      spdlog::error("user '{}': cancel of order {}:{}:{} failed to send ({})", settings_.user_id,
                    key.front, key.session,
                    std::string_view(key.ref.data(), strnlen(key.ref.data(), key.ref.size())), rc);
    }
  }
}

void TradingSession::broadcast_status(bool ready, int reason, std::string_view detail) {
  proto::UpstreamStatus status;
  status.connected = front_connected_;
  status.ready = ready;
  status.reason = reason;
  status.detail = detail;
  const std::string json = proto::encode_upstream_status(status);
  for (const auto& [id, c] : clients_) c->deliver(json);
  if (attempt_ && attempt_->client != nullptr) attempt_->client->deliver(json);
}

}  // namespace ctpgw::td
