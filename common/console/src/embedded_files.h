// Files compiled into the binary (the console's assets and docs/messages), by URL path.
#pragma once

#include <span>
#include <string_view>

namespace ctpgw::console {

struct EmbeddedFile {
  std::string_view path;  ///< e.g. "/console.js", "/messages/td/ReqOrderInsert.json"
  std::string_view bytes;
};

std::span<const EmbeddedFile> embedded_files() noexcept;

}  // namespace ctpgw::console
