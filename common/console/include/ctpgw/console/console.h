// The web console (docs/console.md): static files compiled into the binary, plus
// /catalog.json, the message catalogue with a ready-to-send example per request and the CTP flag
// values, from which the page builds its pre-filled requests. Immutable after construction.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctpgw/net/ws_server.h"

namespace ctpgw::console {

class Console {
 public:
  /// `service`: "md" or "td", the service serving the page (it connects to that one first).
  explicit Console(std::string_view service);
  Console(const Console&) = delete;  // assets_ views point into catalog_
  Console& operator=(const Console&) = delete;
  /// The asset for a GET path ("/" is the page), or nullptr.
  const net::StaticAsset* find(std::string_view path) const;
  std::string_view catalog_json() const { return catalog_; }

 private:
  std::string catalog_;
  std::vector<std::pair<std::string, net::StaticAsset>> assets_;
};

}  // namespace ctpgw::console
