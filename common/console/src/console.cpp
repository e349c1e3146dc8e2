#include "ctpgw/console/console.h"

#include "ctpgw/core/version.h"
#include "ctpgw/protocol/catalog.h"
#include "ctpgw/protocol/ctp_flags.h"
#include "embedded_files.h"

namespace ctpgw::console {
namespace {

std::string_view content_type(std::string_view path) {
  const auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

std::string quoted(std::string_view s) {
  std::string q = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string_view embedded(std::string_view path) {
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.path == path) return f.bytes;
  }
  return {};
}

std::string build_catalog(std::string_view service) {
  std::string out = "{\"service\":" + quoted(service) + ",\"version\":" + quoted(core::kVersion) +
                    ",\"requests\":[";
  bool first = true;
  for (const protocol::MessageSpec& m : protocol::messages()) {
    const std::string_view svc = m.service == protocol::Service::Md ? "md" : "td";
    const std::string_view example =
        embedded("/messages/" + std::string(svc) + "/" + std::string(m.request) + ".json");
    out += first ? "" : ",";
    first = false;
    out += "{\"service\":" + quoted(svc) + ",\"msgType\":" + quoted(m.request) +
           ",\"bodyKey\":" + quoted(m.request_body) + ",\"reply\":" + quoted(m.reply) +
           ",\"summary\":" + quoted(m.summary) +
           ",\"example\":" + (example.empty() ? std::string("null") : std::string(example)) + "}";
  }
  out += "],\"flags\":{";
  first = true;
  for (const protocol::FlagField& f : protocol::flag_fields()) {
    out += first ? "" : ",";
    first = false;
    out += quoted(f.field) + ":[";
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      out += (i ? "," : "") + std::string("[") + quoted(std::string(1, f.values[i].value)) + "," +
             quoted(f.values[i].meaning) + "]";
    }
    out += "]";
  }
  return out + "}}";
}

}  // namespace

Console::Console(std::string_view service) : catalog_(build_catalog(service)) {
  for (const EmbeddedFile& f : embedded_files()) {
    // Trailing newlines of the JSON files do not matter; the bytes are served as they are.
    assets_.emplace_back(std::string(f.path), net::StaticAsset{content_type(f.path), f.bytes});
  }
  assets_.emplace_back("/catalog.json",
                       net::StaticAsset{"application/json; charset=utf-8", catalog_});
}

const net::StaticAsset* Console::find(std::string_view path) const {
  if (path == "/" || path.empty()) path = "/index.html";
  for (const auto& [p, asset] : assets_) {
    if (p == path) return &asset;
  }
  return nullptr;
}

}  // namespace ctpgw::console
