#include "ctpgw/protocol/errors.h"

namespace ctpgw::protocol {

std::string_view webctp_error_message(int error_id) noexcept {
  switch (error_id) {
    case kBadRequest:
      return "参数有误";
    case kNotLoggedIn:
      return "未登录";
    case kNotImplemented:
      return "Not implemented";
    case kRequestFailed:
      return "CTP:请求失败";
    case kTooManyPending:
      return "CTP:未处理请求超过许可数";
    case kRateExceeded:
      return "CTP:每秒发送请求数超过许可数";
    case kResumeGone:
      return "续传失败：推送日志已不包含该序号";
    case kTooManySessions:
      return "会话数超过上限";
    default:
      return {};
  }
}

}  // namespace ctpgw::protocol
