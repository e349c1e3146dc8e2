// Facts about a CTP front's life cycle that the services act on: what a disconnect reason
// means, and which login failures must never be retried automatically (ctp-sdk.md §3).
#pragma once

#include <string_view>

namespace ctpgw::ctp {

/// OnFrontDisconnected's nReason in words ("unknown reason" for codes not documented).
constexpr std::string_view disconnect_reason_text(int reason) noexcept {
  switch (reason) {
    case 0x1001:
      return "network read failure";
    case 0x1002:
      return "network write failure";
    case 0x2001:
      return "heartbeat receive timeout";
    case 0x2002:
      return "heartbeat send failure";
    case 0x2003:
      return "bad packet received";
    default:
      return "unknown reason";
  }
}

/// Failures that retrying with the same credentials cannot fix and that lock the account at
/// the broker if retried in a loop: authentication (63), invalid login (3), wrong investor or
/// password (48), weak password (131), first login (140) and expired password (141).
constexpr bool is_credential_error(int error_id) noexcept {
  switch (error_id) {
    case 3:
    case 48:
    case 63:
    case 131:
    case 140:
    case 141:
      return true;
    default:
      return false;
  }
}

}  // namespace ctpgw::ctp
