#include "ctpgw/protocol/protocol_docs.h"

#include "ctpgw/core/version.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ctpgw::protocol {
namespace {

TEST(ProtocolDocs, CommittedReferenceIsUpToDate) {
  const auto path = std::filesystem::path(CTPGW_SOURCE_DIR) / "docs/protocol-reference.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(ss.str() == render_protocol_reference())
      << "docs/protocol-reference.md is stale: run build/bin/gen_protocol_docs > "
         "docs/protocol-reference.md";
}

TEST(ProtocolDocs, CommittedAsyncApiSpecIsUpToDate) {
  const auto root = std::filesystem::path(CTPGW_SOURCE_DIR);
  std::ifstream in(root / "docs/asyncapi.yaml");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(ss.str() == render_asyncapi(root / "docs/messages", core::kVersion))
      << "docs/asyncapi.yaml is stale: run build/bin/gen_protocol_docs --asyncapi docs/messages > "
         "docs/asyncapi.yaml";
}

TEST(ProtocolDocs, TheAsyncApiSpecDescribesFlagsLimitsAndExamples) {
  const std::string spec =
      render_asyncapi(std::filesystem::path(CTPGW_SOURCE_DIR) / "docs/messages", core::kVersion);
  for (const char* s : {"asyncapi: \"3.0.0\"", "td.ReqOrderInsert:", "action: \"send\"",
                        "description: \"\\\"\\\" = unset; 0: Buy; 1: Sell\"", "maxLength: 80",
                        "\"MsgType\":\"ReqOrderInsert\",\"RequestID\":16", "GatewayError",
                        "RspResume", "ResumeAfterSeqNo"}) {
    EXPECT_NE(spec.find(s), std::string::npos) << s;
  }
}

TEST(ProtocolDocs, MentionsEveryMessageAndStruct) {
  const std::string doc = render_protocol_reference();
  for (const char* s :
       {"ReqOrderInsert", "RspQryMaxOrderVolume", "SubscribeMarketData", "RtnDepthMarketData",
        "### InputOrder", "| LimitPrice | number |", "| InstrumentID | string (max 80 bytes) |"}) {
    EXPECT_NE(doc.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace ctpgw::protocol
