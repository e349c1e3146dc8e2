#include "md_app.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <cstdio>
#include <unordered_set>

#include "ctpgw/core/audit.h"
#include "ctpgw/core/metrics.h"
#include "ctpgw/core/version.h"
#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/front_events.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/errors.h"
#include "ctpgw/protocol/upstream_status.h"

namespace ctpgw::md {

using namespace ctpgw::ctp;
namespace proto = ctpgw::protocol;

namespace {

/// Calls an MdApi (un)subscribe, which takes a mutable char* array.
template <class F>
int with_id_array(const std::vector<std::string>& ids, F&& call) {
  std::vector<std::string> copies(ids);
  std::vector<char*> ptrs;
  ptrs.reserve(copies.size());
  for (std::string& s : copies) ptrs.push_back(s.data());
  return call(ptrs.data(), static_cast<int>(ptrs.size()));
}
}  // namespace

MdApp::MdApp(boost::asio::io_context& io, const core::Config& config)
    : MdApp(io, config, backend::make_backend(config, config.md_front_address, backend::Role::Md)) {
}

MdApp::MdApp(boost::asio::io_context& io, const core::Config& config,
             std::unique_ptr<backend::Backend> backend)
    : io_(io),
      config_(config),
      backend_(std::move(backend)),
      server_(io, service::server_options(config, "/md/"), *this),
      drain_timer_(io),
      login_timer_(io),
      klines_([this](net::ConnectionId id, std::string_view json) { send(id, json); },
              [this](const std::string& instrument, bool watch) {
                if (watch) {
                  if (book_.subscribe(kBarsClient, instrument) ==
                      SubscriptionBook::Added::FirstSubscriber) {
                    upstream_subscribe({instrument});
                  }
                } else if (book_.unsubscribe(kBarsClient, instrument) ==
                           SubscriptionBook::Removed::LastSubscriber) {
                  upstream_unsubscribe({instrument});
                }
              },
              config.limits.max_instruments_per_request,
              config.limits.max_subscriptions_per_connection) {}

MdApp::~MdApp() {
  upstream_.reset();
}

std::uint16_t MdApp::start() {
  spdlog::info("market-data backend: {} ({})", backend_->description(), config_.md_front_address);
  upstream_ = backend_->create_md_api(backend::flow_path(config_, "md", "gateway"));
  upstream_->RegisterSpi(&bridge_);
  for (const std::string& front : config_.md_fronts) upstream_->RegisterFront(front.c_str());
  upstream_->Init();
  return server_.listen();
}

void MdApp::shutdown() {
  server_.shutdown();
}

bool MdApp::idle() const {
  return server_.connection_count() == 0;
}

// ---- upstream events -------------------------------------------------------------------------

void MdApp::post_front_connected() {
  boost::asio::post(io_, [this] {
    CThostFtdcReqUserLoginField login{};  // md fronts take empty credentials
    if (upstream_ && upstream_->ReqUserLogin(&login, 0) != 0) {
      spdlog::error("upstream market-data login could not be sent");
    }
  });
}

void MdApp::post_front_disconnected(int reason) {
  boost::asio::post(io_, [this, reason] {
    upstream_ready_ = false;
    upstream_was_lost_ = true;
    login_timer_.cancel();
    spdlog::warn("upstream market-data front disconnected (reason {:#x}, {})", reason,
                 disconnect_reason_text(reason));
    proto::UpstreamStatus status;
    status.reason = reason;
    status.detail = "no market data until the front is back; subscriptions are restored then";
    broadcast(proto::encode_upstream_status(status));
  });
}

void MdApp::broadcast(const std::string& json) {
  for (auto& [id, s] : sessions_) {
    if (s.logged_in) send(id, json);
  }
}

void MdApp::retry_login_later() {
  const int shift = std::min(login_failures_++, 6);
  const auto delay = std::min(std::chrono::milliseconds(config_.relogin_backoff_ms) * (1 << shift),
                              std::chrono::milliseconds(60'000));
  spdlog::warn("upstream market-data login: retrying in {} ms", delay.count());
  login_timer_.expires_after(delay);
  login_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || upstream_ready_ || !upstream_) return;
    CThostFtdcReqUserLoginField login{};
    if (upstream_->ReqUserLogin(&login, 0) != 0) retry_login_later();
  });
}

void MdApp::post_rsp_error(CThostFtdcRspInfoField info, int request_id) {
  boost::asio::post(io_, [this, info, request_id] {
    spdlog::warn("upstream market-data error: {} {}", info.ErrorID, utf8_of(info.ErrorMsg));
    proto::Reply r;
    r.msg_type = "RspError";
    r.rsp_info = &info;
    r.request_id = request_id;
    r.is_last = true;
    broadcast(proto::encode_reply(r));
  });
}

void MdApp::post_sub_failure(CThostFtdcRspInfoField info) {
  boost::asio::post(io_, [this, info] {
    // The front did not say which instrument: nobody waiting can be told it worked.
    auto pending = std::move(pending_sub_);
    pending_sub_.clear();
    for (auto& [instrument, waiting] : pending) {
      for (PendingReply& p : waiting) {
        book_.unsubscribe(p.client, instrument);
        send_sub_reply(p.client, "RspSubMarketData", instrument,
                       info.ErrorID != 0 ? info : make_rsp_info(ErrorCode::InstrumentNotFound),
                       *p.batch);
      }
    }
  });
}

void MdApp::post_login(std::optional<CThostFtdcRspUserLoginField> field,
                       std::optional<CThostFtdcRspInfoField> info) {
  boost::asio::post(io_, [this, field, info] {
    upstream_login_ = field;
    upstream_login_info_ = info;
    upstream_ready_ = field.has_value() && (!info || info->ErrorID == 0);
    if (!upstream_ready_) {
      spdlog::error("upstream market-data login failed: {}",
                    info ? utf8_of(info->ErrorMsg) : std::string("no reply"));
      retry_login_later();
    } else {
      spdlog::info("upstream market-data session logged in, trading day {}", field->TradingDay);
      login_failures_ = 0;
      // After a reconnect the front has forgotten our subscriptions.
      upstream_subscribe(book_.instruments());
      if (upstream_was_lost_) {
        upstream_was_lost_ = false;
        proto::UpstreamStatus status;
        status.connected = status.ready = true;
        status.detail = "the front is back and every subscription is restored";
        broadcast(proto::encode_upstream_status(status));
      }
    }
    for (auto& [id, s] : sessions_) {
      if (s.login_pending) {
        s.login_pending = false;
        send_login_reply(id);
      }
    }
  });
}

void MdApp::post_sub_reply(std::string instrument, CThostFtdcRspInfoField info) {
  boost::asio::post(io_, [this, instrument = std::move(instrument), info] {
    auto it = pending_sub_.find(instrument);
    if (it == pending_sub_.end()) return;  // re-subscription after reconnect
    std::vector<PendingReply> waiting = std::move(it->second);
    pending_sub_.erase(it);
    for (PendingReply& p : waiting) {
      if (info.ErrorID != 0) book_.unsubscribe(p.client, instrument);
      send_sub_reply(p.client, "RspSubMarketData", instrument, info, *p.batch);
    }
  });
}

void MdApp::post_tick(std::string instrument, Frame frame, std::optional<BarTick> bar_tick) {
  boost::asio::post(io_, [this, instrument = std::move(instrument), frame = std::move(frame),
                          bar_tick = std::move(bar_tick)] {
    ++ticks_in_;
    latest_[instrument] = frame;
    if (bar_tick) klines_.on_tick(*bar_tick, instrument);
    for (ClientId client : book_.subscribers(instrument)) {
      if (auto it = sessions_.find(client); it != sessions_.end()) {
        deliver(client, it->second, instrument, frame);
      }
    }
  });
}

// ---- client connections ----------------------------------------------------------------------

void MdApp::on_open(net::ConnectionId id) {
  sessions_.emplace(id, Session{config_.security.max_requests_per_second});
}

void MdApp::on_close(net::ConnectionId id) {
  sessions_.erase(id);
  klines_.remove_client(id);
  upstream_unsubscribe(book_.remove_client(id));
  for (auto& [instrument, waiting] : pending_sub_) {
    std::erase_if(waiting, [id](const PendingReply& p) { return p.client == id; });
  }
}

void MdApp::on_binary(net::ConnectionId id, std::size_t size) {
  send(id, proto::encode_error("", proto::kBadRequest,
                               "binary frames are not supported (got " + std::to_string(size) +
                                   " bytes): send one JSON object per text frame"));
}

void MdApp::on_text(net::ConnectionId id, std::string_view payload) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  Session& s = it->second;
  proto::ParsedRequest req;
  if (auto err = proto::parse_request(payload, req)) return send(id, err->encode());
  spdlog::debug("connection {}: {}", id, req.msg_type.substr(0, 64));  // never a body
  if (!s.requests.take()) {
    core::audit("rate_limited", {{"connection", std::to_string(id)}});
    return send(id, proto::encode_error(
                        req.msg_type, proto::kRateExceeded,
                        "more than " + std::to_string(config_.security.max_requests_per_second) +
                            " requests a second on this connection (Security.MaxRequestsPerSecond)",
                        {}, proto::peek_request_id(req)));
  }
  const proto::MessageSpec* spec = proto::find_message(proto::Service::Md, req.msg_type);
  if (spec != nullptr && spec->request == "ReqUserLogin") return handle_login(id, s, req);
  const int rid = proto::peek_request_id(req);  // echoed in our replies (addition to webctp)
  if (spec == nullptr && KLineService::handles(req.msg_type)) {
    // An extension: logging in first is required (-401, as on td).
    if (!s.logged_in) {
      return send(id, proto::encode_error(req.msg_type, proto::kNotLoggedIn,
                                          "send ReqUserLogin on this connection first", {}, rid));
    }
    return klines_.on_request(id, req, rid);
  }
  if (spec == nullptr) {
    return send(id, proto::encode_error(req.msg_type, proto::kNotImplemented,
                                        "unknown MsgType for md_service", {}, rid));
  }
  if (!s.logged_in) {
    // webctp's md answers everything before login with -404 (never -401); kept for compatibility.
    return send(id, proto::encode_error(req.msg_type, proto::kNotImplemented,
                                        "send ReqUserLogin on this connection first", {}, rid));
  }
  if (spec->request == "SubscribeMarketData") return handle_subscribe(id, req);
  handle_unsubscribe(id, req);
}

void MdApp::handle_login(net::ConnectionId id, Session& s, const proto::ParsedRequest& req) {
  const proto::MessageSpec& spec = *proto::find_message(proto::Service::Md, "ReqUserLogin");
  proto::AnyStruct body;
  if (auto err = proto::read_body(req, spec, body.data())) return send(id, err->encode());
  if (auto err = proto::require_body_keys(req, spec, {"UserID", "Password"})) {
    return send(id, err->encode());
  }
  s.logged_in = true;
  s.login_request_id = proto::peek_request_id(req);
  if (upstream_ready_) {
    send_login_reply(id);
  } else {
    s.login_pending = true;  // answered when the upstream session is up
  }
}

void MdApp::send_login_reply(net::ConnectionId id) {
  proto::Reply r;
  r.msg_type = "RspUserLogin";
  if (auto it = sessions_.find(id); it != sessions_.end())
    r.request_id = it->second.login_request_id;
  r.rsp_info = upstream_login_info_ ? &*upstream_login_info_ : nullptr;
  r.is_last = true;
  r.body_key = "RspUserLogin";
  r.body_type = StructId::RspUserLogin;
  r.body = upstream_login_ ? &*upstream_login_ : nullptr;
  r.empty_body = proto::EmptyBody::Null;
  send(id, proto::encode_reply(r));
}

void MdApp::handle_subscribe(net::ConnectionId id, const proto::ParsedRequest& req) {
  std::vector<std::string> ids;
  if (auto err = proto::read_instrument_ids(req, ids, config_.limits.max_instruments_per_request)) {
    return send(id, err->encode());
  }
  std::unordered_set<std::string> fresh;
  for (const std::string& instrument : ids) {
    if (!book_.is_subscribed(id, instrument)) fresh.insert(instrument);
  }
  const std::size_t limit = config_.limits.max_subscriptions_per_connection;
  if (book_.subscription_count(id) + fresh.size() > limit) {
    // Nothing of the request is applied: the client decides what to drop.
    return send(id, proto::encode_error(
                        "RspSubMarketData", static_cast<int>(ErrorCode::OverSubInstLimit),
                        "this connection would watch " +
                            std::to_string(book_.subscription_count(id) + fresh.size()) +
                            " instruments; at most " + std::to_string(limit) +
                            " are allowed (Limits.MaxSubscriptionsPerConnection)",
                        error_message(ErrorCode::OverSubInstLimit), proto::peek_request_id(req)));
  }
  auto batch = std::make_shared<Batch>();
  batch->remaining = ids.size();
  batch->request_id = proto::peek_request_id(req);
  const CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
  std::vector<std::string> to_upstream;
  for (const std::string& instrument : ids) {
    const auto added = book_.subscribe(id, instrument);
    const bool in_flight = pending_sub_.contains(instrument);
    if (added == SubscriptionBook::Added::FirstSubscriber || in_flight) {
      if (added == SubscriptionBook::Added::FirstSubscriber && !in_flight) {
        to_upstream.push_back(instrument);
      }
      pending_sub_[instrument].push_back(PendingReply{id, batch});
      continue;
    }
    send_sub_reply(id, "RspSubMarketData", instrument, ok, *batch);
    if (auto latest = latest_.find(instrument); latest != latest_.end()) {
      deliver(id, sessions_.at(id), instrument, latest->second);
    }
  }
  upstream_subscribe(to_upstream);
}

void MdApp::handle_unsubscribe(net::ConnectionId id, const proto::ParsedRequest& req) {
  std::vector<std::string> ids;
  if (auto err = proto::read_instrument_ids(req, ids, config_.limits.max_instruments_per_request)) {
    return send(id, err->encode());
  }
  Batch batch{ids.size(), proto::peek_request_id(req)};
  const CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
  std::vector<std::string> to_upstream;
  for (const std::string& instrument : ids) {
    if (book_.unsubscribe(id, instrument) == SubscriptionBook::Removed::LastSubscriber) {
      to_upstream.push_back(instrument);
    }
    send_sub_reply(id, "RspUnSubMarketData", instrument, ok, batch);
  }
  upstream_unsubscribe(to_upstream);
}

void MdApp::send_sub_reply(net::ConnectionId id, std::string_view msg_type,
                           const std::string& instrument, const CThostFtdcRspInfoField& info,
                           Batch& batch) {
  CThostFtdcSpecificInstrumentField body{};
  set_text(body.InstrumentID, instrument);
  if (batch.remaining > 0) --batch.remaining;
  proto::Reply r;
  r.msg_type = msg_type;
  r.rsp_info = &info;
  r.request_id = batch.request_id;
  r.is_last = batch.remaining == 0;
  r.body_key = "SpecificInstrument";
  r.body_type = StructId::SpecificInstrument;
  r.body = &body;
  send(id, proto::encode_reply(r));
}

void MdApp::upstream_subscribe(const std::vector<std::string>& instruments) {
  if (instruments.empty() || !upstream_ || !upstream_ready_) return;
  const int rc = with_id_array(
      instruments, [this](char** ids, int n) { return upstream_->SubscribeMarketData(ids, n); });
  if (rc == 0) return;
  // Nothing was sent upstream: fail every client waiting on these instruments.
  for (const std::string& instrument : instruments) {
    auto it = pending_sub_.find(instrument);
    if (it == pending_sub_.end()) continue;
    for (PendingReply& p : it->second) {
      book_.unsubscribe(p.client, instrument);
      send(p.client, proto::encode_error("RspSubMarketData", rc, {}, {}, p.batch->request_id));
    }
    pending_sub_.erase(it);
  }
}

void MdApp::upstream_unsubscribe(const std::vector<std::string>& instruments) {
  for (const std::string& instrument : instruments) latest_.erase(instrument);
  if (instruments.empty() || !upstream_ || !upstream_ready_) return;
  with_id_array(instruments,
                [this](char** ids, int n) { return upstream_->UnSubscribeMarketData(ids, n); });
}

void MdApp::deliver(net::ConnectionId id, Session& s, const std::string& instrument,
                    const Frame& frame) {
  if (s.conflating) {
    auto [it, inserted] = s.pending.insert_or_assign(instrument, frame);
    if (inserted) {
      s.pending_order.push_back(instrument);
    } else {
      ++s.dropped;
      ++frames_conflated_;
    }
    return;
  }
  switch (server_.send_frame(id, frame)) {
    case net::SendResult::Sent:
      ++frames_out_;
      break;
    case net::SendResult::BufferFull:
      start_conflating(id, s);
      s.pending.emplace(instrument, frame);
      s.pending_order.push_back(instrument);
      break;
    case net::SendResult::NotConnected:
      break;
  }
}

void MdApp::start_conflating(net::ConnectionId id, Session& s) {
  s.conflating = true;
  s.dropped = 0;
  spdlog::info("connection {}: falling behind, conflating market data", id);
  send_conflation_notice(id, s, true);
  schedule_drain();
}

void MdApp::schedule_drain() {
  if (drain_scheduled_) return;
  drain_scheduled_ = true;
  // websocketpp reports no write completions, so the backlog is polled, and only while some
  // client is conflating.
  drain_timer_.expires_after(std::chrono::milliseconds(10));
  drain_timer_.async_wait([this](const boost::system::error_code& ec) {
    drain_scheduled_ = false;
    if (!ec) drain();
  });
}

void MdApp::drain() {
  bool still_behind = false;
  for (auto& [id, s] : sessions_) {
    if (!s.conflating) continue;
    // Resume once half the buffer has drained; pending instruments go out in arrival order.
    if (server_.buffered_bytes(id) > config_.websocket.send_buffer_bytes / 2) {
      still_behind = true;
      continue;
    }
    std::size_t sent = 0;
    for (; sent < s.pending_order.size(); ++sent) {
      const std::string& instrument = s.pending_order[sent];
      if (server_.send_frame(id, s.pending.at(instrument)) == net::SendResult::BufferFull) break;
      ++frames_out_;
      s.pending.erase(instrument);
    }
    s.pending_order.erase(s.pending_order.begin(),
                          s.pending_order.begin() + static_cast<std::ptrdiff_t>(sent));
    if (s.pending_order.empty()) {
      s.conflating = false;
      spdlog::info("connection {}: caught up after {} conflated ticks", id, s.dropped);
      send_conflation_notice(id, s, false);
    } else {
      still_behind = true;
    }
  }
  if (still_behind) schedule_drain();
}

void MdApp::send_conflation_notice(net::ConnectionId id, const Session& s, bool active) {
  rapidjson::StringBuffer buf;
  proto::JsonWriter w(buf);
  w.StartObject();
  w.Key("MsgType");
  w.String("RtnMarketDataConflation");
  w.Key("RspInfo");
  w.Null();
  w.Key("MarketDataConflation");
  w.StartObject();
  w.Key("Active");
  w.Bool(active);
  w.Key("DroppedTicks");
  w.Uint64(s.dropped);
  w.Key("Reason");
  w.String(active ? "client is not reading fast enough; only the latest tick per instrument is kept"
                  : "caught up; every tick is delivered again");
  w.EndObject();
  w.EndObject();
  send(id, std::string_view(buf.GetString(), buf.GetSize()));
}

void MdApp::send(net::ConnectionId id, std::string_view json) {
  if (server_.send_text(id, json, net::SendPriority::Control) == net::SendResult::BufferFull) {
    spdlog::warn("connection {}: not reading its replies, disconnecting", id);
    server_.close(id, net::CloseCode::PolicyViolation, "send buffer full: client too slow");
  }
}

std::string MdApp::metrics_text() {
  // Rendered from the counters /health already keeps, through the same registry td uses.
  using T = core::Metrics::Type;
  core::Metrics m;
  const auto put = [&m](const char* name, T type, const char* help, double v) {
    m.declare(name, type, help);
    m.set(name, {}, v);
  };
  put("ctpgw_connections", T::Gauge, "Open WebSocket connections.",
      static_cast<double>(server_.connection_count()));
  put("ctpgw_upstream_ready", T::Gauge, "1 while the upstream market-data session is logged in.",
      upstream_ready_ ? 1 : 0);
  put("ctpgw_md_instruments", T::Gauge, "Instruments with at least one subscriber.",
      static_cast<double>(book_.instrument_count()));
  put("ctpgw_md_ticks_in_total", T::Counter, "Ticks received from the upstream.",
      static_cast<double>(ticks_in_));
  put("ctpgw_md_frames_out_total", T::Counter, "Tick frames queued to clients.",
      static_cast<double>(frames_out_));
  put("ctpgw_md_frames_conflated_total", T::Counter,
      "Ticks replaced by a newer one for a slow client.", static_cast<double>(frames_conflated_));
  return m.render();
}

std::string MdApp::health_json() {
  const auto up =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
          .count();
  return R"({"status":"ok","service":"md_service","version":")" + std::string(core::kVersion) +
         R"(","connections":)" + std::to_string(server_.connection_count()) +
         R"(,"upstream_ready":)" + (upstream_ready_ ? "true" : "false") + R"(,"instruments":)" +
         std::to_string(book_.instrument_count()) + R"(,"ticks_in":)" + std::to_string(ticks_in_) +
         R"(,"frames_out":)" + std::to_string(frames_out_) + R"(,"frames_conflated":)" +
         std::to_string(frames_conflated_) + R"(,"uptime_s":)" + std::to_string(up) + "}";
}

}  // namespace ctpgw::md
