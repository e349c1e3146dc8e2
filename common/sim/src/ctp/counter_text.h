// Text helpers shared by the simulated counter's source files (internal to common/sim).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

namespace ctpgw::sim::counter_text {

inline constexpr char kBuy = '0';
inline constexpr char kOpen = '0';
inline constexpr char kClose = '1';
inline constexpr char kCloseToday = '3';
inline constexpr char kCloseYesterday = '4';

/// Largest |LimitPrice| the counter converts to ticks; anything beyond is refused (95).
inline constexpr double kMaxAbsPrice = 1e12;

/// Largest OrderRef that fits CTP's char[13] (12 digits).
inline constexpr long long kMaxOrderRef = 999'999'999'999LL;

// Exchange-style identifiers: right-aligned in `width` characters (12, as SHFE and CFFEX send
// them, unless the exchange's rules say otherwise).
inline std::string padded(std::int64_t n, int width = 12) {
  if (n < 0 || width > 20) {  // never on the counter's own sequences
    char buf[48];
    std::snprintf(buf, sizeof buf, "%*lld", width, static_cast<long long>(n));
    return buf;
  }
  char digits[20];
  int len = 0;
  do {
    digits[19 - len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  std::string out(static_cast<std::size_t>(std::max(width, len)), ' ');
  std::memcpy(out.data() + out.size() - static_cast<std::size_t>(len), digits + 20 - len,
              static_cast<std::size_t>(len));
  return out;
}

/// The text without its leading padding.
inline std::string trimmed(const char* text) {
  std::string s(text);
  const auto first = s.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : s.substr(first);
}
inline std::string trimmed(const std::string& text) {
  return trimmed(text.c_str());
}

/// nullopt for an empty (all-space) ref, -1 for one that is not a non-negative number.
inline std::optional<long long> parse_ref(const char* ref) {
  std::string s(ref);
  const auto first = s.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  s.erase(0, first);
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str() || *end != '\0' || v < 0) return -1;  // present but not a number
  return v;
}

inline bool text_empty(const char* s) {
  return s[0] == '\0';
}

inline bool matches(const char* filter, const char* value) {
  return filter[0] == '\0' || std::strcmp(filter, value) == 0;
}

}  // namespace ctpgw::sim::counter_text
