// Golden JSON for the reply shape of every catalogue message and push: a rename, a dropped
// field or a changed envelope rule shows up as a diff against tests/golden/.
// Regenerate after an intended change with CTPGW_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctpgw/protocol/catalog.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/request.h"
#include "ctpgw/protocol/upstream_status.h"

namespace ctpgw::protocol {
namespace {

const std::filesystem::path kGoldenDir = std::filesystem::path(CTPGW_SOURCE_DIR) / "tests/golden";

void check_golden(const std::string& name, const std::string& actual) {
  const auto path = kGoldenDir / (name + ".json");
  if (std::getenv("CTPGW_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << actual << "\n";
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), actual + "\n") << "golden mismatch for " << name;
}

// A reply carrying a zeroed body: every key of the struct, in wire order.
std::string reply_shape(std::string_view msg_type, std::string_view body_key, ctp::StructId type,
                        bool with_rsp_info, bool md_tick, int request_id, bool is_last) {
  AnyStruct body;
  std::memset(body.data(), 0, sizeof body.bytes);
  Reply r;
  r.msg_type = msg_type;
  r.with_rsp_info = with_rsp_info;
  r.request_id = request_id;
  r.is_last = is_last;
  r.body_key = body_key;
  r.body_type = type;
  r.body = body_key.empty() ? nullptr : body.data();
  r.options.md_tick = md_tick;
  return encode_reply(r);
}

TEST(Golden, ReplyShapeOfEveryMessage) {
  for (const MessageSpec& m : messages()) {
    const bool td = m.service == Service::Td;
    check_golden(std::string(service_name(m.service)) + "/" + std::string(m.reply),
                 reply_shape(m.reply, m.reply_body, m.reply_type, true, false,
                             td && m.request != "ReqUserLogin" ? 7 : 0, true));
  }
}

TEST(Golden, ShapeOfEveryPush) {
  for (const PushSpec& p : pushes()) {
    check_golden(std::string(service_name(p.service)) + "/push_" + std::string(p.msg_type),
                 reply_shape(p.msg_type, p.body_key, p.body_type, p.with_rsp_info,
                             p.msg_type == "RtnDepthMarketData", 0, false));
  }
}

TEST(Golden, UpstreamStatusPushes) {
  UpstreamStatus down;
  down.reason = 0x1001;
  down.detail = "requests fail with -1 until the front is back";
  check_golden("td/RtnUpstreamStatus_down", encode_upstream_status(down));
  UpstreamStatus up;
  up.connected = up.ready = true;
  up.detail = "logged in again after a reconnect";
  check_golden("td/RtnUpstreamStatus_ready", encode_upstream_status(up));
}

TEST(Golden, ErrorReplies) {
  check_golden("errors/not_json",
               encode_error("", -400, "invalid JSON: Invalid value. (at byte 0)"));
  check_golden("errors/not_implemented", encode_error("ReqQryFoo", -404));
  check_golden("errors/not_logged_in", encode_error("ReqQryInstrument", -401));
  check_golden("errors/call_failed", encode_error("RspQryExchange", -3));
}

}  // namespace
}  // namespace ctpgw::protocol
