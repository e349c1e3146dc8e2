#include "ctpgw/ctp_api/error_codes.h"

#include <cstring>
#include <unordered_map>

#include "ctpgw/ctp_api/gb18030.h"

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
  // ErrorMsg holds GB18030, as a real counter's does; converted once per code.
  static const std::unordered_map<int, std::string> gb_prompts = [] {
    std::unordered_map<int, std::string> m;
#define CTPGW_ERROR_GB(name, value, text) m.emplace(value, utf8_to_gb18030(text));
    CTPGW_CTP_ERRORS(CTPGW_ERROR_GB)
#undef CTPGW_ERROR_GB
    return m;
  }();
  CThostFtdcRspInfoField info{};
  info.ErrorID = static_cast<int>(code);
  if (auto it = gb_prompts.find(info.ErrorID); it != gb_prompts.end()) {
    copy_gb_text(info.ErrorMsg, sizeof info.ErrorMsg, it->second);
  }
  return info;
}

void copy_text(char* dst, std::size_t capacity, std::string_view text) noexcept {
  // Struct text is GB18030: never cut one of its characters in half.
  copy_gb_text(dst, capacity, text);
}

}  // namespace ctpgw::ctp
