// docs/asyncapi.yaml (AsyncAPI 3.0) from the catalogue, the field tables and the flag tables,
// so the machine-readable spec cannot drift from what the services accept and emit.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/catalog.h"
#include "ctpgw/protocol/ctp_flags.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/field_table.h"
#include "ctpgw/protocol/protocol_docs.h"
#include "ctpgw/protocol/request.h"
#include "doc_examples.h"
#include "yaml_tree.h"

namespace ctpgw::protocol {
namespace {

using Y = YamlNode;

Y q(std::string_view s) {
  return Y::scalar(Y::quote(s));
}
Y raw(std::string s) {
  return Y::scalar(std::move(s));
}
Y yref(const std::string& target) {
  Y n = Y::map();
  n.set("$ref", q(target));
  return n;
}
Y typed(std::string_view type) {
  Y n = Y::map();
  n.set("type", q(type));
  return n;
}
Y constant(std::string_view value) {
  Y n = typed("string");
  n.set("const", q(value));
  return n;
}
Y nullable(Y schema) {
  Y n = Y::map();
  auto& one = n["oneOf"] = Y::list();
  one.push(std::move(schema));
  one.push(typed("null"));
  return n;
}

std::string_view channel_name(Service s) {
  return s == Service::Md ? "md" : "td";
}

std::string flag_text(const FlagField& f) {
  std::string s;
  for (const FlagValue& v : f.values) {
    if (!s.empty()) s += "; ";
    s += std::string(1, v.value) + ": " + std::string(v.meaning);
  }
  return s;
}

Y field_schema(const FieldDesc& f) {
  const FlagField* flag = find_flag_field(f.name);
  switch (f.kind) {
    case FieldKind::Char: {
      Y n = typed("string");
      n.set("maxLength", raw("1"));
      if (flag != nullptr) {
        auto& e = n["enum"] = Y::list();
        e.push(q(""));
        for (const FlagValue& v : flag->values) e.push(q(std::string(1, v.value)));
        n.set("description", q("\"\" = unset; " + flag_text(*flag)));
      }
      return n;
    }
    case FieldKind::Text: {
      Y n = typed("string");
      n.set("maxLength", raw(std::to_string(f.size - 1)));
      if (flag != nullptr) n.set("description", q("one letter per leg: " + flag_text(*flag)));
      return n;
    }
    case FieldKind::Int:
      return typed("integer");
    case FieldKind::Double:
    case FieldKind::Price:
    case FieldKind::MdPrice:
      return typed("number");
    case FieldKind::Reserve:
      break;
  }
  return Y::map();
}

Y struct_schema(const StructDesc& s) {
  Y n = typed("object");
  n.set("title", q(s.name));
  auto& props = n["properties"];
  for (const FieldDesc& f : s.fields) {
    if (f.kind == FieldKind::Reserve) continue;
    props.set(f.name, field_schema(f));
  }
  return n;
}

Y rsp_info_schema() {
  Y info = typed("object");
  info["properties"].set("ErrorID", typed("integer"));
  info["properties"].set("ErrorMsg", typed("string"));
  return nullable(std::move(info));
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Y message(std::string_view name, std::string_view summary, Y schema, const std::string& example) {
  Y n = Y::map();
  n.set("name", q(name));
  n.set("title", q(name));
  if (!summary.empty()) n.set("summary", q(summary));
  n.set("contentType", q("application/json"));
  n.set("payload", std::move(schema));
  if (!example.empty()) {
    auto& ex = n["examples"] = Y::list();
    Y e = Y::map();
    // The example is JSON, which is YAML: written inline as a flow mapping.
    e.set("payload", raw(example));
    ex.push(std::move(e));
  }
  return n;
}

}  // namespace

std::string render_asyncapi(const std::filesystem::path& messages_dir, std::string_view version) {
  Y doc = Y::map();
  doc.set("asyncapi", q("3.0.0"));
  auto& info = doc["info"];
  info.set("title", q("ctp-gateway webctp protocol"));
  info.set("version", q(version));
  info.set("description",
           q("JSON over WebSocket (webctp): md_service streams market data, td_service trades. "
             "Generated from the message catalogue and the CTP field tables (gen_protocol_docs "
             "--asyncapi). Envelope rules, error codes and extensions: docs/protocol.md."));
  auto& servers = doc["servers"];
  for (const auto& [name, port] : {std::pair{"md", "8080"}, std::pair{"td", "8081"}}) {
    auto& s = servers[name];
    s.set("host", q(std::string("127.0.0.1:") + port));
    s.set("protocol", q("ws"));
    s.set("description",
          q(std::string(name) + "_service with the shipped config (wss:// with TLS)"));
  }

  auto& channels = doc["channels"];
  auto& operations = doc["operations"];
  auto& components = doc["components"];
  auto& schemas = components["schemas"];
  auto& messages_c = components["messages"];

  for (const StructDesc& s : all_structs()) schemas.set(s.name, struct_schema(s));
  schemas.set("RspInfo", rsp_info_schema());

  for (const Service svc : {Service::Md, Service::Td}) {
    const std::string sn(channel_name(svc));
    auto& ch = channels[sn];
    ch.set("address", q("/" + sn + "/"));
    ch["servers"] = Y::list();
    ch["servers"].push(yref("#/servers/" + sn));
    auto& ch_msgs = ch["messages"];
    const auto add_message = [&](const std::string& name, Y m) {
      messages_c.set(sn + "." + name, std::move(m));
      ch_msgs.set(name, yref("#/components/messages/" + sn + "." + name));
      return "#/channels/" + sn + "/messages/" + name;
    };

    // Errors the gateway makes itself: MsgType is the request's (or the reply's for -1/-2/-3).
    Y err = typed("object");
    err["properties"].set("MsgType", typed("string"));
    Y code = typed("object");
    auto& codes = code["properties"]["ErrorID"] = typed("integer");
    auto& e = codes["enum"] = Y::list();
    for (const char* c : {"-400", "-401", "-404", "-1", "-2", "-3", "-410", "-503"}) e.push(raw(c));
    code["properties"].set("ErrorMsg", typed("string"));
    err["properties"].set("RspInfo", std::move(code));
    err["properties"].set("RequestID", typed("integer"));
    err["properties"].set("Detail", typed("string"));
    const std::string error_ref = add_message(
        "GatewayError",
        message(
            "GatewayError",
            "-400 bad request (Detail says what), -401 not logged in, -404 unknown MsgType, "
            "-1/-2/-3 the CTP call failed / too many pending / too many per second",
            std::move(err),
            R"({"MsgType":"ReqOrderInsert","RspInfo":{"ErrorID":-401,"ErrorMsg":"未登录"},"RequestID":3,"Detail":"send ReqUserLogin on this connection first"})"));

    for (const MessageSpec& m : messages()) {
      if (m.service != svc) continue;
      const std::string req(m.request), rep(m.reply);
      // Request
      Y rp = typed("object");
      auto& props = rp["properties"];
      props.set("MsgType", constant(m.request));
      auto& required = rp["required"] = Y::list();
      required.push(q("MsgType"));
      if (svc == Service::Td) {
        props.set("RequestID", typed("integer"));
        required.push(q("RequestID"));
      } else {
        props.set("RequestID", typed("integer"));
      }
      if (m.request_body.empty()) {
        Y arr = typed("array");
        Y item = typed("string");
        item.set("maxLength", raw("80"));
        arr.set("items", std::move(item));
        arr.set("minItems", raw("1"));
        props.set("InstrumentID", std::move(arr));
        required.push(q("InstrumentID"));
      } else {
        props.set(m.request_body,
                  yref("#/components/schemas/" + std::string(describe(m.request_type).name)));
        required.push(q(m.request_body));
      }
      if (svc == Service::Td && m.request == "ReqUserLogin") {
        Y resume = typed("integer");
        resume.set("minimum", raw("0"));
        resume.set("description", q("extension: replay the session's pushes after this SeqNo"));
        props.set("ResumeAfterSeqNo", std::move(resume));
        Y cod = typed("boolean");
        cod.set("description",
                q("extension: cancel resting orders when the session's last socket goes"));
        props.set("CancelOnDisconnect", std::move(cod));
      }
      const std::string example = read_text(messages_dir / sn / (req + ".json"));
      const std::string req_ref = add_message(req, message(req, m.summary, std::move(rp), example));

      // Reply
      Y yp = typed("object");
      auto& yprops = yp["properties"];
      yprops.set("MsgType", constant(m.reply));
      yprops.set("RspInfo", yref("#/components/schemas/RspInfo"));
      yprops.set("RequestID", typed("integer"));
      yprops.set("IsLast", typed("boolean"));
      if (!m.reply_body.empty()) {
        Y body = yref("#/components/schemas/" + std::string(describe(m.reply_type).name));
        yprops.set(m.reply_body,
                   m.empty_body == EmptyBody::Null ? nullable(std::move(body)) : std::move(body));
      }
      yprops.set("Detail", typed("string"));
      if (svc == Service::Td && m.request == "ReqUserLogin") {
        yprops.set("LastSeqNo", typed("integer"));
      }
      (yp["required"] = Y::list()).push(q("MsgType"));
      const std::string rep_ref =
          add_message(rep, message(rep, {}, std::move(yp), example_reply(m)));

      auto& op = operations[sn + "." + req];
      op.set("action", q("send"));
      op.set("channel", yref("#/channels/" + sn));
      if (!m.summary.empty()) op.set("summary", q(m.summary));
      (op["messages"] = Y::list()).push(yref(req_ref));
      auto& reply = op["reply"];
      reply.set("channel", yref("#/channels/" + sn));
      auto& rm = reply["messages"] = Y::list();
      rm.push(yref(rep_ref));
      rm.push(yref(error_ref));
    }

    for (const PushSpec& p : pushes()) {
      if (p.service != svc) continue;
      const std::string name(p.msg_type);
      Y pp = typed("object");
      auto& props = pp["properties"];
      props.set("MsgType", constant(p.msg_type));
      if (p.with_rsp_info) props.set("RspInfo", yref("#/components/schemas/RspInfo"));
      if (!p.body_key.empty()) {
        props.set(p.body_key,
                  yref("#/components/schemas/" + std::string(describe(p.body_type).name)));
      } else if (name == "RtnUpstreamStatus") {
        Y s = typed("object");
        for (const char* b : {"Connected", "Ready"}) s["properties"].set(b, typed("boolean"));
        s["properties"].set("Reason", typed("integer"));
        s["properties"].set("ReasonText", typed("string"));
        s["properties"].set("Detail", typed("string"));
        props.set("UpstreamStatus", std::move(s));
      } else if (name == "RtnMarketDataConflation") {
        Y s = typed("object");
        s["properties"].set("Active", typed("boolean"));
        s["properties"].set("DroppedTicks", typed("integer"));
        s["properties"].set("Reason", typed("string"));
        props.set("MarketDataConflation", std::move(s));
      } else {
        props.set("RequestID", typed("integer"));
        props.set("IsLast", typed("boolean"));
      }
      if (svc == Service::Td && !p.body_key.empty()) {
        Y seq = typed("integer");
        seq.set("description", q("the session's push number (docs/protocol.md, Sessions)"));
        props.set("SeqNo", std::move(seq));
      }
      (pp["required"] = Y::list()).push(q("MsgType"));
      const std::string push_ref = add_message(name, message(name, p.summary, std::move(pp), {}));
      auto& op = operations[sn + "." + name];
      op.set("action", q("receive"));
      op.set("channel", yref("#/channels/" + sn));
      if (!p.summary.empty()) op.set("summary", q(p.summary));
      (op["messages"] = Y::list()).push(yref(push_ref));
    }

    if (svc == Service::Md) {
      // K-line bars (extension, docs/protocol.md "K-line bars").
      Y bar = typed("object");
      auto& bp = bar["properties"];
      for (const char* k : {"InstrumentID", "TradingDay", "StartTime", "EndTime"}) {
        bp.set(k, typed("string"));
      }
      Y period = typed("string");
      auto& pe = period["enum"] = Y::list();
      for (const char* p : {"1m", "5m", "15m", "30m", "60m", "1d"}) pe.push(q(p));
      bp.set("Period", std::move(period));
      for (const char* k : {"Open", "High", "Low", "Close", "Turnover", "OpenInterest"}) {
        bp.set(k, typed("number"));
      }
      bp.set("Volume", typed("integer"));
      bp.set("Closed", typed("boolean"));
      schemas.set("KLine", std::move(bar));
      const auto kline_request = [&](const char* name, bool list) {
        Y rp = typed("object");
        auto& props = rp["properties"];
        props.set("MsgType", constant(name));
        props.set("RequestID", typed("integer"));
        if (list) {
          Y arr = typed("array");
          arr.set("items", typed("string"));
          arr.set("minItems", raw("1"));
          props.set("InstrumentID", std::move(arr));
        } else {
          props.set("InstrumentID", typed("string"));
        }
        Y per = typed("string");
        auto& periods = per["enum"] = Y::list();
        for (const char* p : {"1m", "5m", "15m", "30m", "60m", "1d"}) periods.push(q(p));
        props.set("Period", std::move(per));
        auto& rq = rp["required"] = Y::list();
        for (const char* k : {"MsgType", "InstrumentID", "Period"}) rq.push(q(k));
        return rp;
      };
      const auto kline_reply = [&](const char* name, const char* body_key, Y body) {
        Y yp = typed("object");
        auto& props = yp["properties"];
        props.set("MsgType", constant(name));
        props.set("RspInfo", yref("#/components/schemas/RspInfo"));
        props.set("RequestID", typed("integer"));
        props.set("IsLast", typed("boolean"));
        props.set(body_key, std::move(body));
        (yp["required"] = Y::list()).push(q("MsgType"));
        return yp;
      };
      struct KOp {
        const char* request;
        const char* reply;
        bool list;
        const char* summary;
        const char* example;
      };
      for (
          const KOp& k :
          {KOp{"SubscribeKLine", "RspSubKLine", true,
               "Subscribe to an instrument's bars of one period; RtnKLine on each close.",
               R"({"MsgType":"SubscribeKLine","RequestID":5,"InstrumentID":["m2705"],"Period":"1m"})"},
           KOp{"UnSubscribeKLine", "RspUnSubKLine", true, "Stop the bars of one period.",
               R"({"MsgType":"UnSubscribeKLine","RequestID":7,"InstrumentID":["m2705"],"Period":"1m"})"},
           KOp{"ReqQryKLine", "RspQryKLine", false,
               "The trading day's bars so far, one reply per bar, the last one in progress.",
               R"({"MsgType":"ReqQryKLine","RequestID":6,"InstrumentID":"m2705","Period":"5m"})"}}) {
        const bool query = std::string_view(k.request) == "ReqQryKLine";
        const std::string req_ref = add_message(
            k.request, message(k.request, k.summary, kline_request(k.request, k.list), k.example));
        Y body = query ? nullable(yref("#/components/schemas/KLine")) : Y::map();
        if (!query) {
          body = typed("object");
          body["properties"].set("InstrumentID", typed("string"));
          body["properties"].set("Period", typed("string"));
        }
        const std::string rep_ref = add_message(
            k.reply,
            message(k.reply, {},
                    kline_reply(k.reply, query ? "KLine" : "KLineSubscription", std::move(body)),
                    {}));
        auto& op = operations["md." + std::string(k.request)];
        op.set("action", q("send"));
        op.set("channel", yref("#/channels/md"));
        op.set("summary", q(k.summary));
        (op["messages"] = Y::list()).push(yref(req_ref));
        auto& reply = op["reply"];
        reply.set("channel", yref("#/channels/md"));
        auto& rm = reply["messages"] = Y::list();
        rm.push(yref(rep_ref));
        rm.push(yref(error_ref));
      }
      Y push = typed("object");
      push["properties"].set("MsgType", constant("RtnKLine"));
      push["properties"].set("KLine", yref("#/components/schemas/KLine"));
      (push["required"] = Y::list()).push(q("MsgType"));
      const std::string push_ref = add_message(
          "RtnKLine", message("RtnKLine", "A bar of a subscribed instrument and period closed.",
                              std::move(push), {}));
      auto& op = operations["md.RtnKLine"];
      op.set("action", q("receive"));
      op.set("channel", yref("#/channels/md"));
      (op["messages"] = Y::list()).push(yref(push_ref));
    }

    if (svc == Service::Td) {
      Y rp = typed("object");
      auto& props = rp["properties"];
      props.set("MsgType", constant("RspResume"));
      props.set("RspInfo", yref("#/components/schemas/RspInfo"));
      props.set("RequestID", typed("integer"));
      props.set("IsLast", typed("boolean"));
      for (const char* k : {"ResumeAfterSeqNo", "FirstSeqNo", "LastSeqNo"}) {
        props.set(k, typed("integer"));
      }
      props.set("Detail", typed("string"));
      (rp["required"] = Y::list()).push(q("MsgType"));
      const std::string resume_ref = add_message(
          "RspResume",
          message(
              "RspResume",
              "after RspUserLogin when the login asked for ResumeAfterSeqNo: ErrorID 0 and "
              "the replay follows, or -410 when the journal no longer reaches back",
              std::move(rp),
              R"({"MsgType":"RspResume","RspInfo":{"ErrorID":0,"ErrorMsg":"CTP:正确"},"RequestID":1,"IsLast":true,"Detail":"replaying 7 push(es), then live","ResumeAfterSeqNo":41,"FirstSeqNo":1,"LastSeqNo":48})"));
      auto& op = operations["td.RspResume"];
      op.set("action", q("receive"));
      op.set("channel", yref("#/channels/td"));
      (op["messages"] = Y::list()).push(yref(resume_ref));
    }
  }
  return "# Generated by gen_protocol_docs --asyncapi; do not edit (a test fails when stale).\n" +
         doc.write();
}

}  // namespace ctpgw::protocol
