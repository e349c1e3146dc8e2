#include "ctpgw/ctp_api/error_codes.h"

#include <cstring>

namespace ctpgw::ctp {

std::string_view error_message(ErrorCode code) noexcept {
  switch (code) {
#define CTPGW_ERROR_CASE(name, value, text) \
  case ErrorCode::name:                     \
    return text;
    CTPGW_CTP_ERRORS(CTPGW_ERROR_CASE)
#undef CTPGW_ERROR_CASE
  }
  return {};
}

CThostFtdcRspInfoField make_rsp_info(ErrorCode code) noexcept {
  CThostFtdcRspInfoField info{};
  info.ErrorID = static_cast<int>(code);
  set_text(info.ErrorMsg, error_message(code));
  return info;
}

void copy_text(char* dst, std::size_t capacity, std::string_view text) noexcept {
  if (capacity == 0) return;
  std::size_t n = text.size() < capacity - 1 ? text.size() : capacity - 1;
  // Never cut a UTF-8 sequence in half: back up over continuation bytes.
  if (n < text.size()) {
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  }
  std::memcpy(dst, text.data(), n);
  std::memset(dst + n, 0, capacity - n);
}

}  // namespace ctpgw::ctp
