// Markdown protocol reference generated from the catalogue and the field tables, so the docs
// can never drift from what the code accepts and emits.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace ctpgw::protocol {

std::string render_protocol_reference();

/// docs/asyncapi.yaml: AsyncAPI 3.0, request examples taken from `messages_dir`/{md,td}/*.json.
std::string render_asyncapi(const std::filesystem::path& messages_dir, std::string_view version);

}  // namespace ctpgw::protocol
