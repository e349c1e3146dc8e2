// Service configuration: webctp's YAML keys plus the gateway's WebSocket and simulator maps.
//
// load_config() validates strictly: an unknown key, a wrong type or an out-of-range value throws
// ConfigError naming the key, so a typo never silently falls back to a default. Relative paths
// under Sim: are resolved against the config file's directory. Plain data; copy freely.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ctpgw::core {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WebSocketConfig {
  std::size_t max_message_bytes = 1 << 20;   ///< larger frames close the connection with 1009
  std::size_t send_buffer_bytes = 16 << 20;  ///< per-connection cap on unsent bytes
  int ping_interval_ms = 20000;              ///< 0 disables keepalive pings
  int pong_timeout_ms = 20000;
  int handshake_timeout_ms = 5000;  ///< an upgrade not complete by then is dropped
};

/// What one client may make the process hold (docs/protocol.md, "Limits").
struct LimitsConfig {
  std::size_t max_instruments_per_request = 1000;        ///< md (un)subscribe; more: -400
  std::size_t max_subscriptions_per_connection = 10000;  ///< md; more: ErrorID 6000
};

/// Who may connect (docs/protocol.md, "Limits and failures").
struct SecurityConfig {
  std::vector<std::string> allowed_origins;  ///< browser Origins; empty: any
  std::size_t max_connections = 20000;
  std::size_t max_connections_per_ip = 0;  ///< 0: no limit
  int max_requests_per_second = 10000;     ///< per connection (burst: twice); 0: no limit
  int login_failures_before_lockout = 10;  ///< per (address, UserID); 0: never
  int lockout_seconds = 300;
  /// File of hashed access tokens (scripts/make-token.sh); empty: no token needed.
  std::filesystem::path tokens_file;
  /// TCP connections from one address still before their upgrade; beyond: closed at accept.
  std::size_t max_pending_handshakes_per_ip = 64;
};

/// wss:// (docs/protocol.md, "TLS"); off while both files are empty.
struct TlsConfig {
  std::filesystem::path certificate_chain_file;  ///< PEM, leaf first
  std::filesystem::path private_key_file;        ///< PEM; secret: never logged
  bool enabled() const { return !certificate_chain_file.empty(); }
};

/// Trading sessions outliving their sockets (docs/protocol.md, "Sessions").
struct SessionConfig {
  int linger_seconds = 60;               ///< kept after the last socket leaves
  std::size_t journal_entries = 10000;   ///< pushes kept for resume, per session
  std::size_t journal_bytes = 64 << 20;  ///< and at most this many bytes of them
  std::size_t max_sessions = 1000;       ///< logged-in users at once (lingering ones count)
};

/// The audit trail (core/audit.h); off while `file` is empty.
struct AuditConfig {
  std::string file;
  std::size_t max_file_bytes = 10 << 20;
  std::size_t max_files = 5;
};

/// Seconds since the epoch of a China time written "YYYY-MM-DD HH:MM:SS"; nullopt if malformed.
std::optional<std::int64_t> parse_china_time(std::string_view text);

struct SimConfig {
  std::filesystem::path data_dir = "sim_data";
  std::uint64_t seed = 20240101;
  double initial_balance = 10'000'000.0;
  std::filesystem::path instruments = "sim/instruments.yaml";
  int tick_interval_ms = 500;
  bool always_open = false;  ///< tick around the clock instead of in each instrument's sessions
  /// Exchange holidays (YAML, see configs/sim/calendar.yaml); empty: only weekends are closed.
  std::filesystem::path calendar;
  /// Simulated time: starts at this China time ("YYYY-MM-DD HH:MM:SS", empty: the real time)
  /// and runs `clock_rate` times as fast as the wall clock.
  std::string clock_start;
  double clock_rate = 1.0;
  /// Displayed liquidity the counter's orders took comes back with this half-life (0: as soon as
  /// the clock moves, as if the book refilled every tick).
  double liquidity_half_life_ms = 10'000;
  /// Query flow control of the simulated counter, per session (0: none; a CTP counter: ~1).
  int queries_per_second = 0;
  /// td_service: run the simulated counter on the WebSocket thread ("io", no thread hand-off
  /// between a request and the counter) or on a thread of its own ("own", as the vendor SDK's
  /// callback thread would be). md_service's simulator always has its own thread.
  bool counter_on_io_thread = true;
  /// Flush every committed batch of the counter's journal to the disk (fdatasync) before its
  /// answers leave: survives a power cut, costs a disk flush per batch. Without it a batch is
  /// in the kernel before its answers leave, which survives the process being killed.
  bool sync_commits = false;
  /// Benchmarks only: CurrDelta carries the tick's creation time (seconds since local midnight).
  bool stamp_curr_delta = false;
};

struct Config {
  std::string td_front_address;  ///< the first of td_fronts ("" if none)
  std::string md_front_address;  ///< the first of md_fronts
  /// Every front given (a string or a list in YAML); the SDK is given all of them and picks.
  std::vector<std::string> td_fronts;
  std::vector<std::string> md_fronts;
  bool production_mode = true;     ///< CTP 6.7.11's CreateFtdc*Api flag (false: evaluation fronts)
  bool query_pacing = true;        ///< ReqQry* one at a time per session, spaced by the interval
  int query_interval_ms = 1000;    ///< used when the front does not say (SDK fronts)
  int relogin_backoff_ms = 10000;  ///< first wait before retrying a failed automatic re-login
  std::string broker_id;
  std::string auth_code;  ///< secret: never logged
  std::string app_id;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string log_level = "INFO";
  std::string log_format = "text";  ///< Log.Format: text or json
  std::string con_file_path = "./con_file/";
  WebSocketConfig websocket;
  LimitsConfig limits;
  SecurityConfig security;
  TlsConfig tls;
  SessionConfig session;
  AuditConfig audit;
  SimConfig sim;
  std::filesystem::path source;  ///< the file this was loaded from
};

Config load_config(const std::filesystem::path& path);
/// Parses YAML text; `base_dir` anchors relative Sim paths.
Config parse_config(std::string_view yaml, const std::filesystem::path& base_dir);

/// True when a front address selects the embedded simulator ("sim://...").
bool is_sim_front(std::string_view address) noexcept;
/// sim://..., or a CTP front: tcp://host:port, ssl://host:port, socks5://...
bool is_front_address(std::string_view address) noexcept;

}  // namespace ctpgw::core
