// Examples shared by the generated documents (protocol-reference.md, asyncapi.yaml).
#pragma once

#include <string>

#include "ctpgw/protocol/catalog.h"

namespace ctpgw::protocol {

/// A successful reply to `m` with every key of its body present (zero values).
std::string example_reply(const MessageSpec& m);

}  // namespace ctpgw::protocol
