#include "ctpgw/ctp_api/gb18030.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ctpgw::ctp {
namespace {

/// One iconv descriptor per direction and thread (iconv_t is not thread-safe).
class Converter {
 public:
  Converter(const char* to, const char* from) : cd_(iconv_open(to, from)) {
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      throw std::runtime_error(std::string("text conversion ") + from + " -> " + to +
                               " is unavailable (glibc gconv modules missing?)");
    }
  }
  ~Converter() { iconv_close(cd_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  std::string run(std::string_view in, std::string_view replacement) {
    std::string out(in.size() * 3 + 8, '\0');
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    std::size_t used = 0;
    while (src_left > 0) {
      char* dst = out.data() + used;
      std::size_t dst_left = out.size() - used;
      const std::size_t rc = iconv(cd_, &src, &src_left, &dst, &dst_left);
      used = out.size() - dst_left;
      if (rc != static_cast<std::size_t>(-1)) break;
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
      } else {
        // EILSEQ (invalid) or EINVAL (cut short): replace one byte and carry on.
        if (out.size() - used < replacement.size()) out.resize(out.size() * 2);
        std::memcpy(out.data() + used, replacement.data(), replacement.size());
        used += replacement.size();
        ++src;
        --src_left;
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);
      }
    }
    out.resize(used);
    return out;
  }

 private:
  iconv_t cd_;
};

/// Length of the GB18030 character starting at `s[i]` (1, 2 or 4), or 0 if it is cut short.
std::size_t gb_char_length(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) < 0x80) return 1;
  if (i + 1 >= s.size()) return 0;
  if (b(i + 1) >= 0x30 && b(i + 1) <= 0x39) return i + 3 < s.size() ? 4 : 0;
  return 2;
}

}  // namespace

std::string gb18030_to_utf8(std::string_view gb18030) {
  if (is_ascii(gb18030)) return std::string(gb18030);
  thread_local Converter to_utf8("UTF-8", "GB18030");
  return to_utf8.run(gb18030, "\xEF\xBF\xBD");
}

std::string utf8_to_gb18030(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  thread_local Converter to_gb("GB18030", "UTF-8");
  return to_gb.run(utf8, "?");
}

void copy_gb_text(char* dst, std::size_t capacity, std::string_view gb18030) noexcept {
  if (capacity == 0) return;
  std::size_t n = 0;
  while (n < gb18030.size()) {
    const std::size_t len = gb_char_length(gb18030, n);
    if (len == 0 || n + len > capacity - 1) break;
    n += len;
  }
  std::memcpy(dst, gb18030.data(), n);
  std::memset(dst + n, 0, capacity - n);
}

}  // namespace ctpgw::ctp
