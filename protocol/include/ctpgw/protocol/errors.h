// webctp's own error codes and the exact texts the reference sends (protocol §4.4).
#pragma once

#include <string_view>

namespace ctpgw::protocol {

inline constexpr int kBadRequest = -400;      ///< 参数有误, with a Detail string
inline constexpr int kNotLoggedIn = -401;     ///< 未登录
inline constexpr int kNotImplemented = -404;  ///< Not implemented
inline constexpr int kRequestFailed = -1;     ///< ReqXxx returned -1
inline constexpr int kTooManyPending = -2;    ///< ReqXxx returned -2
inline constexpr int kRateExceeded = -3;      ///< ReqXxx returned -3
/// Gateway extensions (docs/protocol.md, "Sessions"), numbered after the HTTP statuses as
/// webctp's own codes are.
inline constexpr int kResumeGone = -410;       ///< RspResume: the journal no longer has it
inline constexpr int kTooManySessions = -503;  ///< RspUserLogin: Session.MaxSessions reached

/// ErrorMsg for webctp's codes and the -1/-2/-3 call returns; empty for anything else.
std::string_view webctp_error_message(int error_id) noexcept;

}  // namespace ctpgw::protocol
