#include "ctpgw/protocol/protocol_docs.h"

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
