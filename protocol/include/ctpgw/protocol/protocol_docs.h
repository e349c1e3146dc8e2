// Markdown protocol reference generated from the catalogue and the field tables, so the docs
// can never drift from what the code accepts and emits.
#pragma once

#include <string>

namespace ctpgw::protocol {

std::string render_protocol_reference();

}  // namespace ctpgw::protocol
