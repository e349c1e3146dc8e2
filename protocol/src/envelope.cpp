#include "ctpgw/protocol/envelope.h"

#include "ctpgw/ctp_api/gb18030.h"

#include <cstring>

#include "ctpgw/protocol/errors.h"
#include "ctpgw/protocol/json_out.h"

namespace ctpgw::protocol {
namespace {

// `"Key":` for keys not known at compile time (body keys come from the catalogue).
void write_key(JsonOut& out, std::string_view key) {
  out.string(key);
  out.ch(':');
}

void write_rsp_info(JsonOut& out, int error_id, std::string_view error_msg) {
  out.raw("{\"ErrorID\":");
  out.integer(error_id);
  out.raw(",\"ErrorMsg\":");
  out.string(error_msg);
  out.ch('}');
}

}  // namespace

Reply tick_push(const ctp::CThostFtdcDepthMarketDataField& tick) {
  Reply r;
  r.msg_type = "RtnDepthMarketData";
  r.with_rsp_info = false;
  r.body_key = "DepthMarketData";
  r.body_type = ctp::StructId::DepthMarketData;
  r.body = &tick;
  r.options.md_tick = true;
  return r;
}

void encode_reply(const Reply& reply, rapidjson::StringBuffer& buf) {
  JsonOut out(buf);
  out.raw("{\"MsgType\":");
  out.string(reply.msg_type);
  if (reply.with_rsp_info) {
    out.raw(",\"RspInfo\":");
    if (reply.rsp_info == nullptr) {
      out.null();
    } else {
      // ErrorMsg holds GB18030 like every struct text (ADR 0005).
      const auto& info = *reply.rsp_info;
      const std::string_view msg(info.ErrorMsg, strnlen(info.ErrorMsg, sizeof info.ErrorMsg));
      if (ctp::is_ascii(msg)) {
        write_rsp_info(out, info.ErrorID, msg);
      } else {
        write_rsp_info(out, info.ErrorID, ctp::gb18030_to_utf8(msg));
      }
    }
  }
  if (reply.request_id != 0) {
    out.raw(",\"RequestID\":");
    out.integer(reply.request_id);
  }
  if (reply.is_last) out.raw(",\"IsLast\":true");
  if (!reply.body_key.empty()) {
    if (reply.body != nullptr) {
      out.ch(',');
      write_key(out, reply.body_key);
      write_struct(buf, describe(reply.body_type), reply.body, reply.options);
    } else if (reply.empty_body == EmptyBody::Object) {
      out.ch(',');
      write_key(out, reply.body_key);
      out.raw("{}");
    } else if (reply.empty_body == EmptyBody::Null) {
      out.ch(',');
      write_key(out, reply.body_key);
      out.null();
    }
  }
  if (!reply.detail.empty()) {
    out.raw(",\"Detail\":");
    out.string(reply.detail);
  }
  if (reply.seq_no != 0) {
    out.raw(",\"SeqNo\":");
    out.integer(static_cast<std::int64_t>(reply.seq_no));
  }
  if (!reply.extra.empty()) {
    out.ch(',');
    out.raw(reply.extra);
  }
  out.ch('}');
}

std::string_view encode_reply_view(const Reply& reply) {
  // One buffer per thread, kept at the size of the largest message encoded so far.
  thread_local rapidjson::StringBuffer buf;
  buf.Clear();
  encode_reply(reply, buf);
  return {buf.GetString(), buf.GetSize()};
}

std::string encode_reply(const Reply& reply) {
  return std::string(encode_reply_view(reply));
}

std::string encode_error(std::string_view msg_type, int error_id, std::string_view detail,
                         std::string_view error_msg, int request_id) {
  rapidjson::StringBuffer buf;
  JsonOut out(buf);
  out.raw("{\"MsgType\":");
  out.string(msg_type);
  out.raw(",\"RspInfo\":");
  const std::string_view text = webctp_error_message(error_id);
  write_rsp_info(out, error_id, text.empty() ? error_msg : text);
  if (request_id != 0) {
    out.raw(",\"RequestID\":");
    out.integer(request_id);
  }
  if (!detail.empty()) {
    out.raw(",\"Detail\":");
    out.string(detail);
  }
  out.ch('}');
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace ctpgw::protocol
