#include "ctpgw/core/logging.h"

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

}  // namespace

void setup_logging(std::string_view service_name, std::string_view level) {
  auto logger = spdlog::stdout_logger_mt(std::string(service_name));
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%n] %v");
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
