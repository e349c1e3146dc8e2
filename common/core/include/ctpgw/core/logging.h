// spdlog set-up honouring webctp's LogLevel names (NOTSET, DEBUG, INFO, WARN, ERROR, CRITICAL).
// Call once from main before any other thread starts.
#pragma once

#include <string_view>

namespace ctpgw::core {

/// `format`: "text" (the default) or "json": one JSON object a line with time, level,
/// service and message (escaped), for log shippers.
void setup_logging(std::string_view service_name, std::string_view level,
                   std::string_view format = "text");
/// Flushes and drops all loggers; call at exit.
void shutdown_logging();

}  // namespace ctpgw::core
