#include "ctpgw/protocol/upstream_status.h"

#include "ctpgw/ctp_api/front_events.h"
#include "ctpgw/protocol/json_out.h"

namespace ctpgw::protocol {

std::string encode_upstream_status(const UpstreamStatus& status) {
  rapidjson::StringBuffer buf;
  JsonOut out(buf);
  out.raw(R"({"MsgType":"RtnUpstreamStatus","RspInfo":null,"UpstreamStatus":{"Connected":)");
  out.raw(status.connected ? "true" : "false");
  out.raw(R"(,"Ready":)");
  out.raw(status.ready ? "true" : "false");
  out.raw(R"(,"Reason":)");
  out.integer(status.reason);
  out.raw(R"(,"ReasonText":)");
  out.string(status.reason == 0 ? std::string_view() : ctp::disconnect_reason_text(status.reason));
  out.raw(R"(,"Detail":)");
  out.string(status.detail);
  out.raw("}}");
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace ctpgw::protocol
