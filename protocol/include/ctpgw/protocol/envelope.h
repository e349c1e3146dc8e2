// The webctp message envelope (protocol §4.2-4.3).
//
// Server -> client: {"MsgType", "RspInfo": null|{ErrorID, ErrorMsg}, "RequestID" (only when
// non-zero), "IsLast": true (only when true), "<BodyKey>": {...}|{}|null, "Detail" (errors)}.
// Key order is the reference's. Output is compact UTF-8. Stateless; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/protocol/codec.h"

namespace ctpgw::protocol {

/// What the body key holds when there is no struct (webctp differs per reply, table 7.1).
enum class EmptyBody : std::uint8_t { Object, Null, Omit };

struct Reply {
  std::string_view msg_type;
  bool with_rsp_info = true;                              ///< false only for md RtnDepthMarketData
  const ctp::CThostFtdcRspInfoField* rsp_info = nullptr;  ///< nullptr -> "RspInfo": null
  int request_id = 0;
  bool is_last = false;
  std::string_view body_key;  ///< empty -> no body key at all
  ctp::StructId body_type = ctp::StructId::RspInfo;
  const void* body = nullptr;  ///< nullptr -> empty body per `empty_body`
  EmptyBody empty_body = EmptyBody::Null;
  std::string_view detail;  ///< emitted as "Detail" when non-empty
  /// A session push's sequence number, emitted as "SeqNo" when non-zero (docs/protocol.md,
  /// "Sessions"): an addition to webctp's shape.
  std::uint64_t seq_no = 0;
  /// Further top-level members, already encoded ("\"Key\":value,..."), appended as they are.
  std::string_view extra;
  EncodeOptions options;
};

/// The md push of a tick: RtnDepthMarketData, no RspInfo, md price rule (DBL_MAX -> 0).
Reply tick_push(const ctp::CThostFtdcDepthMarketDataField& tick);

void encode_reply(const Reply& reply, rapidjson::StringBuffer& out);
std::string encode_reply(const Reply& reply);
/// The same JSON in this thread's buffer, without a copy: valid until the thread's next
/// encode_reply/encode_reply_view.
std::string_view encode_reply_view(const Reply& reply);

/// A webctp error reply: {"MsgType", "RspInfo": {ErrorID, ErrorMsg}[, "RequestID"][, "Detail"]}.
/// The message text comes from webctp_error_message() for webctp's codes, else from
/// `error_msg`. A non-zero `request_id` (the request's) is an addition to webctp's shape so a
/// client can match the error to its request.
std::string encode_error(std::string_view msg_type, int error_id, std::string_view detail = {},
                         std::string_view error_msg = {}, int request_id = 0);

}  // namespace ctpgw::protocol
