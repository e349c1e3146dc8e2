// The RtnUpstreamStatus extension push (docs/protocol.md): tells md and td clients that the
// upstream CTP front went away (with CTP's reason code and its meaning) and when the session is
// usable again, which webctp leaves clients to guess from an unsolicited RspUserLogin.
#pragma once

#include <string>
#include <string_view>

namespace ctpgw::protocol {

struct UpstreamStatus {
  bool connected = false;   ///< the front is connected
  bool ready = false;       ///< logged in again: requests work
  int reason = 0;           ///< OnFrontDisconnected's nReason, 0 when connected
  std::string_view detail;  ///< what the gateway does about it
};

/// {"MsgType":"RtnUpstreamStatus","RspInfo":null,"UpstreamStatus":{"Connected":..,"Ready":..,
///  "Reason":..,"ReasonText":"..","Detail":".."}}
std::string encode_upstream_status(const UpstreamStatus& status);

}  // namespace ctpgw::protocol
