#include "kline_service.h"

#include <rapidjson/stringbuffer.h>

#include <cstdio>

#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/errors.h"
#include "ctpgw/protocol/json_out.h"

namespace ctpgw::md {
namespace proto = ctpgw::protocol;

namespace {

std::string clock_text(int seconds) {
  seconds %= 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return buf;
}

std::string ok_head(std::string_view msg_type, int request_id, bool is_last) {
  std::string s = R"({"MsgType":")" + std::string(msg_type) +
                  R"(","RspInfo":{"ErrorID":0,"ErrorMsg":"CTP:正确"})";
  if (request_id != 0) s += ",\"RequestID\":" + std::to_string(request_id);
  if (is_last) s += ",\"IsLast\":true";
  return s;
}

}  // namespace

std::string encode_bar(const Bar& b) {
  rapidjson::StringBuffer buf;
  proto::JsonOut out(buf);
  out.raw("{\"InstrumentID\":");
  out.string(b.instrument);
  out.raw(",\"Period\":");
  out.string(period_name(b.period));
  out.raw(",\"TradingDay\":");
  out.string(b.trading_day);
  out.raw(",\"StartTime\":");
  out.string(clock_text(b.start));
  out.raw(",\"EndTime\":");
  out.string(clock_text(b.end));
  for (const auto& [key, value] : {std::pair{",\"Open\":", b.open},
                                   {",\"High\":", b.high},
                                   {",\"Low\":", b.low},
                                   {",\"Close\":", b.close}}) {
    out.raw(key);
    out.number(value);
  }
  out.raw(",\"Volume\":");
  out.integer(b.volume);
  out.raw(",\"Turnover\":");
  out.number(b.turnover);
  out.raw(",\"OpenInterest\":");
  out.number(b.open_interest);
  out.raw(",\"Closed\":");
  out.boolean(b.closed);
  out.ch('}');
  return std::string(buf.GetString(), buf.GetSize());
}

void KLineService::on_request(net::ConnectionId client, const proto::ParsedRequest& req,
                              int request_id) {
  if (req.msg_type == "ReqQryKLine") return query(client, req, request_id);
  subscribe(client, req, request_id, req.msg_type == "SubscribeKLine");
}

void KLineService::subscribe(net::ConnectionId client, const proto::ParsedRequest& req,
                             int request_id, bool add) {
  std::vector<std::string> instruments;
  if (auto err = proto::read_instrument_ids(req, instruments, max_per_request_)) {
    err->request_id = request_id;
    return send_(client, err->encode());
  }
  const auto period_it = req.doc.FindMember("Period");
  const std::optional<BarPeriod> period =
      period_it != req.doc.MemberEnd() && period_it->value.IsString()
          ? parse_period(period_it->value.GetString())
          : std::nullopt;
  if (!period) {
    return send_(client, proto::encode_error(req.msg_type, proto::kBadRequest,
                                             "Period must be one of 1m, 5m, 15m, 30m, 60m, 1d", {},
                                             request_id));
  }
  auto& mine = by_client_[client];
  if (add && mine.size() + instruments.size() > max_per_connection_) {
    return send_(client,
                 proto::encode_error(req.msg_type, proto::kBadRequest,
                                     "more than Limits.MaxSubscriptionsPerConnection K-line "
                                     "subscriptions on this connection",
                                     {}, request_id));
  }
  const std::string_view reply = add ? "RspSubKLine" : "RspUnSubKLine";
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    const Key key{instruments[i], *period};
    if (add) {
      if (subscribers_[key].insert(client).second) mine.insert(key);
      watch_(instruments[i], true);
    } else if (mine.erase(key) > 0) {
      subscribers_[key].erase(client);
      if (subscribers_[key].empty()) subscribers_.erase(key);
      unwatch_if_unused(instruments[i]);
    }
    send_(client, ok_head(reply, request_id, i + 1 == instruments.size()) +
                      R"(,"KLineSubscription":{"InstrumentID":")" + instruments[i] +
                      R"(","Period":")" + std::string(period_name(*period)) + "\"}}");
  }
}

void KLineService::unwatch_if_unused(const std::string& instrument) {
  for (const BarPeriod p : kBarPeriods) {
    if (subscribers_.count({instrument, p}) > 0) return;
  }
  watch_(instrument, false);
}

void KLineService::query(net::ConnectionId client, const proto::ParsedRequest& req,
                         int request_id) {
  const auto id = req.doc.FindMember("InstrumentID");
  const auto per = req.doc.FindMember("Period");
  const std::optional<BarPeriod> period = per != req.doc.MemberEnd() && per->value.IsString()
                                              ? parse_period(per->value.GetString())
                                              : std::nullopt;
  if (id == req.doc.MemberEnd() || !id->value.IsString() || id->value.GetStringLength() == 0 ||
      id->value.GetStringLength() > 80 || !period) {
    return send_(client, proto::encode_error(req.msg_type, proto::kBadRequest,
                                             "needs \"InstrumentID\" (a string) and \"Period\" "
                                             "(1m, 5m, 15m, 30m, 60m or 1d)",
                                             {}, request_id));
  }
  const auto it = builders_.find(id->value.GetString());
  const std::vector<Bar> bars =
      it == builders_.end() ? std::vector<Bar>{} : it->second.day_bars(*period);
  if (bars.empty())
    return send_(client, ok_head("RspQryKLine", request_id, true) + ",\"KLine\":null}");
  for (std::size_t i = 0; i < bars.size(); ++i) {
    send_(client, ok_head("RspQryKLine", request_id, i + 1 == bars.size()) +
                      ",\"KLine\":" + encode_bar(bars[i]) + "}");
  }
}

void KLineService::on_tick(const BarTick& tick, const std::string& instrument) {
  auto it = builders_.find(instrument);
  if (it == builders_.end()) it = builders_.emplace(instrument, KLineBuilder(instrument)).first;
  publish(it->second.add(tick));
  // Once a minute of market time: close the quiet instruments' bars that have ended.
  const int minute = tick.seconds / 60;
  if (minute != market_minute_) {
    market_minute_ = minute;
    for (auto& [name, builder] : builders_) publish(builder.close_until(tick.seconds));
  }
}

void KLineService::publish(const std::vector<Bar>& bars) {
  for (const Bar& b : bars) {
    const auto it = subscribers_.find({b.instrument, b.period});
    if (it == subscribers_.end()) continue;
    const std::string json = R"({"MsgType":"RtnKLine","KLine":)" + encode_bar(b) + "}";
    for (const net::ConnectionId c : it->second) send_(c, json);
  }
}

void KLineService::remove_client(net::ConnectionId client) {
  const auto it = by_client_.find(client);
  if (it == by_client_.end()) return;
  std::set<std::string> touched;
  for (const Key& key : it->second) {
    auto s = subscribers_.find(key);
    if (s == subscribers_.end()) continue;
    s->second.erase(client);
    if (s->second.empty()) subscribers_.erase(s);
    touched.insert(key.first);
  }
  by_client_.erase(it);
  for (const std::string& instrument : touched) unwatch_if_unused(instrument);
}

std::size_t KLineService::subscription_count(net::ConnectionId client) const {
  const auto it = by_client_.find(client);
  return it == by_client_.end() ? 0 : it->second.size();
}

}  // namespace ctpgw::md
