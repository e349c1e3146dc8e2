#include "ctpgw/protocol/envelope.h"

#include <cstring>

#include "ctpgw/protocol/errors.h"

namespace ctpgw::protocol {
namespace {

void write_key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_rsp_info(JsonWriter& w, int error_id, std::string_view error_msg) {
  w.StartObject();
  write_key(w, "ErrorID");
  w.Int(error_id);
  write_key(w, "ErrorMsg");
  write_string(w, error_msg);
  w.EndObject();
}

}  // namespace

void encode_reply(const Reply& reply, rapidjson::StringBuffer& out) {
  JsonWriter w(out);
  w.StartObject();
  write_key(w, "MsgType");
  write_string(w, reply.msg_type);
  if (reply.with_rsp_info) {
    write_key(w, "RspInfo");
    if (reply.rsp_info == nullptr) {
      w.Null();
    } else {
      const auto& info = *reply.rsp_info;
      write_rsp_info(w, info.ErrorID,
                     std::string_view(info.ErrorMsg, strnlen(info.ErrorMsg, sizeof info.ErrorMsg)));
    }
  }
  if (reply.request_id != 0) {
    write_key(w, "RequestID");
    w.Int(reply.request_id);
  }
  if (reply.is_last) {
    write_key(w, "IsLast");
    w.Bool(true);
  }
  if (!reply.body_key.empty()) {
    if (reply.body != nullptr) {
      write_key(w, reply.body_key);
      write_struct(w, describe(reply.body_type), reply.body, reply.options);
    } else if (reply.empty_body == EmptyBody::Object) {
      write_key(w, reply.body_key);
      w.StartObject();
      w.EndObject();
    } else if (reply.empty_body == EmptyBody::Null) {
      write_key(w, reply.body_key);
      w.Null();
    }
  }
  if (!reply.detail.empty()) {
    write_key(w, "Detail");
    write_string(w, reply.detail);
  }
  w.EndObject();
}

std::string encode_reply(const Reply& reply) {
  rapidjson::StringBuffer buf;
  encode_reply(reply, buf);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string encode_error(std::string_view msg_type, int error_id, std::string_view detail,
                         std::string_view error_msg) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write_key(w, "MsgType");
  write_string(w, msg_type);
  write_key(w, "RspInfo");
  const std::string_view text = webctp_error_message(error_id);
  write_rsp_info(w, error_id, text.empty() ? error_msg : text);
  if (!detail.empty()) {
    write_key(w, "Detail");
    write_string(w, detail);
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace ctpgw::protocol
