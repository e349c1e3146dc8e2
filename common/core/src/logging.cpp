#include "ctpgw/core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

namespace ctpgw::core {
namespace {

spdlog::level::level_enum to_spdlog(std::string_view level) {
  if (level == "NOTSET" || level == "DEBUG") return spdlog::level::debug;
  if (level == "WARN" || level == "WARNING") return spdlog::level::warn;
  if (level == "ERROR") return spdlog::level::err;
  if (level == "CRITICAL") return spdlog::level::critical;
  return spdlog::level::info;
}

/// %* : the message as the inside of a JSON string.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    static constexpr char kHex[] = "0123456789abcdef";
    for (const char c : std::string_view(msg.payload.data(), msg.payload.size())) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        dest.push_back('\\');
        dest.push_back(c);
      } else if (u < 0x20) {
        const char esc[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xF]};
        dest.append(esc, esc + sizeof esc);
      } else {
        dest.push_back(c);
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};

}  // namespace

void setup_logging(std::string_view service_name, std::string_view level, std::string_view format) {
  auto logger = spdlog::stdout_logger_mt(std::string(service_name));
  if (format == "json") {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","service":"%n","message":"%*"})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%n] %v");
  }
  logger->set_level(to_spdlog(level));
  // Lines must reach a pipe promptly (supervisors, tests waiting for "listening on").
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

void shutdown_logging() {
  spdlog::default_logger()->flush();
  spdlog::shutdown();
}

}  // namespace ctpgw::core
