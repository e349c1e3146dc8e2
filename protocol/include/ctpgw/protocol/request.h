// Parsing and validating client frames (protocol §4.1, §4.5, §7.3).
//
// parse_request() accepts one JSON object with a string MsgType; everything else is a -400 whose
// Detail says what was wrong (MsgType "" when none could be read). The read_* helpers then
// validate the parts a catalogue entry needs. Parsing is iterative (no recursion, so deep
// nesting cannot exhaust the stack) and rejects invalid UTF-8. Stateless; any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "ctpgw/protocol/catalog.h"
#include "ctpgw/protocol/field_table.h"

namespace ctpgw::protocol {

/// A parsed request. Its DOM and the parser's stack live in buffers of its own, so a request
/// of ordinary size (anything up to a few KB of JSON) is parsed without a heap allocation; a
/// larger one spills to the heap. Meant to live on the stack of the frame handler.
struct ParsedRequest {
  ParsedRequest() = default;
  ParsedRequest(const ParsedRequest&) = delete;
  ParsedRequest& operator=(const ParsedRequest&) = delete;

  static constexpr std::size_t kDomBytes = 16 * 1024;
  static constexpr std::size_t kStackBytes = 4 * 1024;
  using Pool = rapidjson::MemoryPoolAllocator<>;

 private:
  alignas(std::max_align_t) char dom_bytes_[kDomBytes];
  alignas(std::max_align_t) char stack_bytes_[kStackBytes];
  Pool dom_pool_{dom_bytes_, sizeof dom_bytes_};
  Pool stack_pool_{stack_bytes_, sizeof stack_bytes_};

 public:
  rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool> doc{&dom_pool_, 1024, &stack_pool_};
  std::string_view msg_type;  ///< points into doc
};

struct RequestError {
  int error_id = 0;
  std::string msg_type;  ///< the request's MsgType, echoed back ("" if unreadable)
  std::string detail;
  int request_id = 0;  ///< the request's RequestID when it had a readable one
  std::string encode() const;
};

/// Storage for any supported struct, for decoding a body whose type is known at run time.
struct AnyStruct {
  alignas(std::max_align_t) std::byte bytes[kMaxStructSize];
  void* data() noexcept { return bytes; }
  template <class T>
  T& as() noexcept {
    return *reinterpret_cast<T*>(bytes);
  }
};

std::optional<RequestError> parse_request(std::string_view text, ParsedRequest& out);

/// The request's RequestID if it has an integer one, else 0 (for echoing it in any reply).
int peek_request_id(const ParsedRequest& req) noexcept;

/// Top-level RequestID. When required, a missing one is -400; when present it must be an int.
std::optional<RequestError> read_request_id(const ParsedRequest& req, bool required, int& out);

/// The body under spec.request_body, decoded into `out` (a spec.request_type struct).
std::optional<RequestError> read_body(const ParsedRequest& req, const MessageSpec& spec, void* out);

/// md (un)subscribe: a top-level "InstrumentID" array of 1..max_count non-empty strings. The
/// count is checked before any element is copied, so an oversized request stays cheap.
std::optional<RequestError> read_instrument_ids(const ParsedRequest& req,
                                                std::vector<std::string>& out,
                                                std::size_t max_count = 1000);

/// Requires the named string keys to be present in the body object (login's UserID, Password).
std::optional<RequestError> require_body_keys(const ParsedRequest& req, const MessageSpec& spec,
                                              std::initializer_list<std::string_view> keys);

}  // namespace ctpgw::protocol
