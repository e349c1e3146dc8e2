// Text in CTP structs is GB18030, as the vendor SDK sends and expects it; clients speak UTF-8.
//
// The rule (docs/adr/0005-gb18030-in-structs.md): every char[N] field holds GB18030 bytes and N
// counts GB18030 bytes, as in CTP. Conversion happens at the JSON edge (protocol/ codec) and
// where the gateway writes its own Chinese text into a struct (set_gb_text). ASCII, which is
// the same in both encodings, is never converted. glibc's iconv is used: it needs no installed
// locale. Any thread (each keeps its own converters).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ctpgw::ctp {

/// True when every byte is below 0x80 (identical in UTF-8 and GB18030).
inline bool is_ascii(std::string_view s) noexcept {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

/// GB18030 bytes as UTF-8; a byte that starts no valid character becomes U+FFFD.
std::string gb18030_to_utf8(std::string_view gb18030);
/// UTF-8 as GB18030 bytes (GB18030 encodes all of Unicode); an invalid UTF-8 byte becomes '?'.
std::string utf8_to_gb18030(std::string_view utf8);

/// Copies GB18030 text into a char[capacity] field, NUL-padded, cut at a character boundary.
void copy_gb_text(char* dst, std::size_t capacity, std::string_view gb18030) noexcept;

/// Writes UTF-8 text (the gateway's own messages, names from config files) as GB18030.
template <std::size_t N>
void set_gb_text(char (&dst)[N], std::string_view utf8) {
  if (is_ascii(utf8)) {
    copy_gb_text(dst, N, utf8);
  } else {
    copy_gb_text(dst, N, utf8_to_gb18030(utf8));
  }
}

/// A char[N] field's GB18030 text as UTF-8, for logs and tests.
template <std::size_t N>
std::string utf8_of(const char (&field)[N]) {
  std::size_t n = 0;
  while (n < N && field[n] != '\0') ++n;
  return gb18030_to_utf8(std::string_view(field, n));
}

}  // namespace ctpgw::ctp
