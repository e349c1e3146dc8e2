#include "ctpgw/protocol/request.h"

#include <rapidjson/error/en.h>

#include "ctpgw/protocol/codec.h"
#include "ctpgw/protocol/errors.h"

namespace ctpgw::protocol {
namespace {

// No kParseFullPrecisionFlag: prices (at most 15 significant digits, small exponents) take
// RapidJSON's exact fast path anyway, and Debian's 1.1.0 full-precision path has undefined
// behaviour on absurd exponents (docs/adr/0004).
constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

// Longest instrument id CTP can carry (char[81]).
constexpr std::size_t kMaxInstrumentIdBytes = 80;

RequestError bad_request(std::string_view msg_type, std::string detail) {
  return RequestError{kBadRequest, std::string(msg_type), std::move(detail)};
}

const rapidjson::Value* member(const rapidjson::Value& obj, std::string_view key) {
  auto it = obj.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

/// An error about a parsed request: it echoes the request's RequestID when it has one.
RequestError bad_request(const ParsedRequest& req, std::string detail) {
  RequestError e = bad_request(req.msg_type, std::move(detail));
  e.request_id = peek_request_id(req);
  return e;
}

}  // namespace

int peek_request_id(const ParsedRequest& req) noexcept {
  if (!req.doc.IsObject()) return 0;
  const rapidjson::Value* id = member(req.doc, "RequestID");
  return id != nullptr && id->IsInt() ? id->GetInt() : 0;
}

std::string RequestError::encode() const {
  return encode_error(msg_type, error_id, detail, {}, request_id);
}

std::optional<RequestError> parse_request(std::string_view text, ParsedRequest& out) {
  out.msg_type = {};
  out.doc.Parse<kParseFlags>(text.data(), text.size());
  if (out.doc.HasParseError()) {
    return bad_request("", std::string("invalid JSON: ") +
                               rapidjson::GetParseError_En(out.doc.GetParseError()) + " (at byte " +
                               std::to_string(out.doc.GetErrorOffset()) + ")");
  }
  if (!out.doc.IsObject()) {
    return bad_request("", "a request must be a JSON object, got " + json_type_name(out.doc));
  }
  const rapidjson::Value* msg_type = member(out.doc, "MsgType");
  if (msg_type == nullptr) return bad_request("", "MsgType is missing");
  if (!msg_type->IsString()) {
    return bad_request("", "MsgType must be a string, got " + json_type_name(*msg_type));
  }
  out.msg_type = std::string_view(msg_type->GetString(), msg_type->GetStringLength());
  return std::nullopt;
}

std::optional<RequestError> read_request_id(const ParsedRequest& req, bool required, int& out) {
  out = 0;
  const rapidjson::Value* id = member(req.doc, "RequestID");
  if (id == nullptr) {
    if (required) return bad_request(req, "RequestID is missing");
    return std::nullopt;
  }
  if (!id->IsInt()) {
    return bad_request(req, "RequestID must be a 32-bit integer, got " + json_type_name(*id));
  }
  out = id->GetInt();
  return std::nullopt;
}

std::optional<RequestError> read_body(const ParsedRequest& req, const MessageSpec& spec,
                                      void* out) {
  const rapidjson::Value* body = member(req.doc, spec.request_body);
  if (body == nullptr) {
    return bad_request(req, std::string(spec.request_body) + " is missing");
  }
  if (!body->IsObject()) {
    return bad_request(
        req, std::string(spec.request_body) + " must be an object, got " + json_type_name(*body));
  }
  if (auto err = read_struct(*body, describe(spec.request_type), out)) {
    return bad_request(req, std::move(err->detail));
  }
  return std::nullopt;
}

std::optional<RequestError> read_instrument_ids(const ParsedRequest& req,
                                                std::vector<std::string>& out,
                                                std::size_t max_count) {
  out.clear();
  const rapidjson::Value* ids = member(req.doc, "InstrumentID");
  if (ids == nullptr) return bad_request(req, "InstrumentID is missing");
  if (!ids->IsArray()) {
    return bad_request(req,
                       "InstrumentID must be an array of strings, got " + json_type_name(*ids));
  }
  if (ids->Empty()) {
    return bad_request(req, "InstrumentID must list at least one instrument");
  }
  if (ids->Size() > max_count) {
    return bad_request(req, "InstrumentID lists " + std::to_string(ids->Size()) +
                                " instruments; at most " + std::to_string(max_count) +
                                " are allowed per request (Limits.MaxInstrumentsPerRequest)");
  }
  out.reserve(ids->Size());
  for (rapidjson::SizeType i = 0; i < ids->Size(); ++i) {
    const rapidjson::Value& v = (*ids)[i];
    const std::string where = "InstrumentID[" + std::to_string(i) + "]";
    if (!v.IsString()) {
      return bad_request(req, where + " must be a string, got " + json_type_name(v));
    }
    const std::string_view s(v.GetString(), v.GetStringLength());
    if (s.empty()) return bad_request(req, where + " must not be empty");
    if (s.size() > kMaxInstrumentIdBytes) {
      return bad_request(
          req, where + " is longer than " + std::to_string(kMaxInstrumentIdBytes) + " bytes");
    }
    if (s.find('\0') != std::string_view::npos) {
      return bad_request(req, where + " must not contain NUL characters");
    }
    out.emplace_back(s);
  }
  return std::nullopt;
}

std::optional<RequestError> require_body_keys(const ParsedRequest& req, const MessageSpec& spec,
                                              std::initializer_list<std::string_view> keys) {
  const rapidjson::Value* body = member(req.doc, spec.request_body);
  if (body == nullptr || !body->IsObject()) return std::nullopt;  // read_body reports it
  for (std::string_view key : keys) {
    if (member(*body, key) == nullptr) {
      return bad_request(req,
                         std::string(spec.request_body) + "." + std::string(key) + " is missing");
    }
  }
  return std::nullopt;
}

}  // namespace ctpgw::protocol
