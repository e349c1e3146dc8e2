// The server-to-client text frame header at each of RFC 6455's three length encodings.
#include <gtest/gtest.h>

#include <string>

#include "ctpgw/net/frame_header.h"

namespace ctpgw::net {
namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string out;
  for (int x : b) out.push_back(static_cast<char>(x));
  return out;
}

TEST(TextFrameHeader, UsesTheShortestLengthEncodingRfc6455Allows) {
  EXPECT_EQ(text_frame_header(0), bytes({0x81, 0}));
  EXPECT_EQ(text_frame_header(125), bytes({0x81, 125}));
  EXPECT_EQ(text_frame_header(126), bytes({0x81, 126, 0x00, 126}));
  EXPECT_EQ(text_frame_header(1500), bytes({0x81, 126, 0x05, 0xDC}));
  EXPECT_EQ(text_frame_header(0xFFFF), bytes({0x81, 126, 0xFF, 0xFF}));
  EXPECT_EQ(text_frame_header(0x10000), bytes({0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(text_frame_header(0x0102030405060708ull), bytes({0x81, 127, 1, 2, 3, 4, 5, 6, 7, 8}));
}

}  // namespace
}  // namespace ctpgw::net
