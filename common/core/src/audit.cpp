#include "ctpgw/core/audit.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <atomic>
#include <memory>

namespace ctpgw::core {
namespace {

std::shared_ptr<spdlog::logger> g_audit;  // set before threads start, cleared after they stop
std::atomic<bool> g_open{false};

void append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

void open_audit_log(const std::string& path, std::size_t max_bytes, std::size_t max_files) {
  auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, max_bytes, max_files);
  ::chmod(path.c_str(), 0600);  // peers and user names: owner only
  g_audit = std::make_shared<spdlog::logger>("audit", std::move(sink));
  g_audit->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z",%v})");
  g_audit->flush_on(spdlog::level::trace);
  g_open = true;
}

void audit(std::string_view event, std::initializer_list<AuditField> fields) {
  if (!g_open.load(std::memory_order_acquire)) return;
  std::string line = R"("service":")";
  append_escaped(line, spdlog::default_logger()->name());
  line += R"(","event":")";
  append_escaped(line, event);
  line += '"';
  for (const auto& [key, value] : fields) {
    line += ",\"";
    append_escaped(line, key);
    line += "\":\"";
    append_escaped(line, value.substr(0, 256));
    line += '"';
  }
  g_audit->info(line);
}

void close_audit_log() {
  g_open = false;
  if (g_audit) g_audit->flush();
  g_audit.reset();
}

}  // namespace ctpgw::core
