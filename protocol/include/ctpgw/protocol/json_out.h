// Appends JSON tokens to a RapidJSON StringBuffer with block copies: the encoder's hot path.
//
// The caller places the structural characters (braces, commas, precomputed `"Key":` tokens);
// this class writes values. Strings are quoted and escaped as RFC 8259 requires (control
// characters, quote, backslash; other bytes, including UTF-8, pass through). Numbers are written
// exactly as RapidJSON's Writer writes them. Not thread-safe; one per buffer.
#pragma once

#include <rapidjson/stringbuffer.h>

#include <cstdint>
#include <cstring>
#include <string_view>

namespace ctpgw::protocol {

class JsonOut {
 public:
  explicit JsonOut(rapidjson::StringBuffer& buf) : buf_(buf) {}

  void raw(std::string_view s) {
    // memcpy from an empty view's null data() is undefined even for zero bytes.
    if (!s.empty()) std::memcpy(buf_.Push(s.size()), s.data(), s.size());
  }
  void ch(char c) { *buf_.Push(1) = c; }
  void string(std::string_view s);
  void integer(std::int64_t v);
  void number(double v);  ///< finite values only
  void null() { raw("null"); }
  void boolean(bool v) { raw(v ? "true" : "false"); }

 private:
  rapidjson::StringBuffer& buf_;
};

}  // namespace ctpgw::protocol
