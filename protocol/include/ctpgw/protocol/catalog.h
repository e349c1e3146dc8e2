// The webctp message catalogue: every md and td request with its body key, reply MsgType, reply
// body key, empty-body form and streaming flag (protocol §7-§8), plus every push message,
// including this gateway's documented extensions. Services route by it; docs are generated
// from it. Immutable; any thread.
#pragma once

#include <span>
#include <string_view>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/protocol/envelope.h"

namespace ctpgw::protocol {

enum class Service : std::uint8_t { Md, Td };

struct MessageSpec {
  Service service;
  std::string_view request;       ///< request MsgType, e.g. "ReqQryInstrument"
  std::string_view request_body;  ///< request body key; empty for md (un)subscribe
  ctp::StructId request_type;
  std::string_view reply;       ///< reply MsgType, e.g. "RspQryInstrument"
  std::string_view reply_body;  ///< reply body key, e.g. "Instrument"
  ctp::StructId reply_type;
  EmptyBody empty_body;  ///< what reply_body holds when the backend passes no struct
  bool streaming;        ///< several replies, the last with IsLast
  std::string_view summary;
};

struct PushSpec {
  Service service;
  std::string_view msg_type;
  std::string_view body_key;  ///< empty when the push has no body
  ctp::StructId body_type;
  bool with_rsp_info;
  bool extension;  ///< not sent by the Python reference; documented in docs/protocol.md
  std::string_view summary;
};

std::span<const MessageSpec> messages() noexcept;
std::span<const PushSpec> pushes() noexcept;

const MessageSpec* find_message(Service service, std::string_view request) noexcept;
const PushSpec* find_push(Service service, std::string_view msg_type) noexcept;

std::string_view service_name(Service service) noexcept;

}  // namespace ctpgw::protocol
