// The header of an unmasked server-to-client text frame (RFC 6455 section 5.2): FIN and opcode 1,
// then the payload length in 7 bits, or 126 and 16 bits, or 127 and 64 bits, big-endian. At most
// ten bytes, so the string stays in its inline buffer. C++17 (the websocketpp unit uses it).
#pragma once

#include <cstdint>
#include <string>

namespace ctpgw::net {

inline std::string text_frame_header(std::uint64_t payload_bytes) {
  std::string header(1, static_cast<char>(0x81));
  if (payload_bytes < 126) {
    header.push_back(static_cast<char>(payload_bytes));
    return header;
  }
  const int length_bytes = payload_bytes <= 0xFFFF ? 2 : 8;
  header.push_back(static_cast<char>(length_bytes == 2 ? 126 : 127));
  for (int shift = 8 * (length_bytes - 1); shift >= 0; shift -= 8) {
    header.push_back(static_cast<char>((payload_bytes >> shift) & 0xFF));
  }
  return header;
}

}  // namespace ctpgw::net
