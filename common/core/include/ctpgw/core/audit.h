// The audit trail: one JSON object a line per security- or money-relevant event (connections,
// handshake refusals, logins, lock-outs, rate limits, orders, cancels), in its own file,
// rotated by size (Audit.File, Audit.MaxFileBytes, Audit.MaxFiles). Off when no file is
// configured. Values are escaped; secrets are never passed in. Any thread. C++17, so the
// WebSocket translation unit can use it.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace ctpgw::core {

using AuditField = std::pair<std::string_view, std::string_view>;

/// Starts writing to `path` (rotated at `max_bytes`, keeping `max_files` old files).
void open_audit_log(const std::string& path, std::size_t max_bytes, std::size_t max_files);
/// {"time":..,"service":..,"event":"<event>","<key>":"<value>",...}; no-op when closed.
void audit(std::string_view event, std::initializer_list<AuditField> fields);
void close_audit_log();

}  // namespace ctpgw::core
