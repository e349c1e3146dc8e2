#include "ctpgw/protocol/json_out.h"

#include <rapidjson/internal/dtoa.h>

#include <charconv>
#include <cmath>

namespace ctpgw::protocol {

void JsonOut::string(std::string_view s) {
  ch('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    raw(s.substr(start, i - start));
    start = i + 1;
    switch (c) {
      case '"':
        raw("\\\"");
        break;
      case '\\':
        raw("\\\\");
        break;
      case '\b':
        raw("\\b");
        break;
      case '\f':
        raw("\\f");
        break;
      case '\n':
        raw("\\n");
        break;
      case '\r':
        raw("\\r");
        break;
      case '\t':
        raw("\\t");
        break;
      default: {
        static constexpr char kHex[] = "0123456789ABCDEF";
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        raw(std::string_view(esc, 6));
      }
    }
  }
  raw(s.substr(start));
  ch('"');
}

void JsonOut::integer(std::int64_t v) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

void JsonOut::number(double v) {
  char buf[32];
  if (v == std::trunc(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v))) {
    // Whole numbers skip the shortest-digits search; same text as RapidJSON ("3281.0").
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf - 2, static_cast<long long>(v));
    *end++ = '.';
    *end++ = '0';
    raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
    return;
  }
  const char* end = rapidjson::internal::dtoa(v, buf);
  raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

}  // namespace ctpgw::protocol
