#include "ctpgw/core/config.h"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

namespace ctpgw::core {
namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
  throw ConfigError("config key '" + key + "': " + what);
}

std::string as_string(const YAML::Node& n, const std::string& key) {
  if (!n.IsScalar()) fail(key, "expected a string");
  return n.Scalar();
}

long long as_integer(const YAML::Node& n, const std::string& key, long long lo, long long hi) {
  if (!n.IsScalar()) fail(key, "expected an integer");
  long long v = 0;
  try {
    std::size_t used = 0;
    v = std::stoll(n.Scalar(), &used, 10);
    if (used != n.Scalar().size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    fail(key, "expected an integer, got '" + n.Scalar() + "'");
  }
  if (v < lo || v > hi) {
    fail(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  return v;
}

bool as_bool(const YAML::Node& n, const std::string& key) {
  if (n.IsScalar()) {
    const std::string& v = n.Scalar();
    if (v == "true" || v == "True" || v == "TRUE" || v == "yes") return true;
    if (v == "false" || v == "False" || v == "FALSE" || v == "no") return false;
  }
  fail(key, "expected true or false");
}

double as_number(const YAML::Node& n, const std::string& key) {
  if (!n.IsScalar()) fail(key, "expected a number");
  try {
    std::size_t used = 0;
    const double v = std::stod(n.Scalar(), &used);
    if (used != n.Scalar().size()) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    fail(key, "expected a number, got '" + n.Scalar() + "'");
  }
}

using Setter = std::function<void(const YAML::Node&, const std::string&)>;

void apply_map(const YAML::Node& node, const std::string& prefix,
               const std::map<std::string, Setter>& setters) {
  if (!node.IsMap()) fail(prefix.empty() ? "<root>" : prefix, "expected a mapping");
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const std::string full = prefix.empty() ? key : prefix + "." + key;
    auto it = setters.find(key);
    if (it == setters.end()) fail(full, "unknown key");
    if (kv.second.IsNull()) fail(full, "has no value");
    it->second(kv.second, full);
  }
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p) {
  std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

const char* const kLogLevels[] = {"NOTSET",  "DEBUG", "INFO",    "WARN",
                                  "WARNING", "ERROR", "CRITICAL"};

}  // namespace

std::optional<std::int64_t> parse_china_time(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  char tail = 0;
  const std::string s(text);
  if (s.size() != 19 ||
      std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &tail) != 6) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)),
                           day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59 || h < 0 || mi < 0 || se < 0) return std::nullopt;
  const auto t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(se) - hours(8);
  return duration_cast<seconds>(t.time_since_epoch()).count();
}

Config parse_config(std::string_view yaml, const std::filesystem::path& base_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw ConfigError(std::string("config is not valid YAML: ") + e.what());
  }
  Config c;
  c.sim.data_dir = resolve(base_dir, c.sim.data_dir.string());
  c.sim.instruments = resolve(base_dir, c.sim.instruments.string());
  if (root.IsNull()) return c;  // an empty file means all defaults

  auto str = [](std::string& dst) {
    return [&dst](const YAML::Node& n, const std::string& k) { dst = as_string(n, k); };
  };
  std::map<std::string, Setter> sim{
      {"DataDir",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.data_dir = resolve(base_dir, as_string(n, k));
       }},
      {"Seed",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.seed =
             static_cast<std::uint64_t>(as_integer(n, k, 0, std::numeric_limits<long long>::max()));
       }},
      {"InitialBalance",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.initial_balance = as_number(n, k);
         // Money is exact to the micro-yuan in 64 bits (and in SQLite up to 2^53 of them).
         if (!(c.sim.initial_balance >= 0 && c.sim.initial_balance <= 1e9)) {
           fail(k, "must be between 0 and 1000000000");
         }
       }},
      {"Instruments",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.instruments = resolve(base_dir, as_string(n, k));
       }},
      {"Calendar",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.calendar = resolve(base_dir, as_string(n, k));
       }},
      {"ClockStart",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.clock_start = as_string(n, k);
         if (!parse_china_time(c.sim.clock_start)) {
           fail(k, "expected a China time as YYYY-MM-DD HH:MM:SS");
         }
       }},
      {"ClockRate",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.clock_rate = as_number(n, k);
         if (!(c.sim.clock_rate >= 1 && c.sim.clock_rate <= 100'000)) {
           fail(k, "must be between 1 and 100000");
         }
       }},
      {"TickIntervalMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.tick_interval_ms = static_cast<int>(as_integer(n, k, 1, 3'600'000));
       }},
      {"AlwaysOpen",
       [&](const YAML::Node& n, const std::string& k) { c.sim.always_open = as_bool(n, k); }},
      {"LiquidityHalfLifeMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.liquidity_half_life_ms = static_cast<double>(as_integer(n, k, 0, 3'600'000));
       }},
      {"QueriesPerSecond",
       [&](const YAML::Node& n, const std::string& k) {
         c.sim.queries_per_second = static_cast<int>(as_integer(n, k, 0, 1000));
       }},
      {"CounterThread",
       [&](const YAML::Node& n, const std::string& k) {
         const std::string v = as_string(n, k);
         if (v != "io" && v != "own") fail(k, "must be io or own");
         c.sim.counter_on_io_thread = v == "io";
       }},
      {"SyncCommits",
       [&](const YAML::Node& n, const std::string& k) { c.sim.sync_commits = as_bool(n, k); }},
      {"StampCurrDelta",
       [&](const YAML::Node& n, const std::string& k) { c.sim.stamp_curr_delta = as_bool(n, k); }},
  };
  std::map<std::string, Setter> ws{
      {"MaxMessageBytes",
       [&](const YAML::Node& n, const std::string& k) {
         c.websocket.max_message_bytes =
             static_cast<std::size_t>(as_integer(n, k, 1024, 1LL << 30));
       }},
      {"SendBufferBytes",
       [&](const YAML::Node& n, const std::string& k) {
         c.websocket.send_buffer_bytes =
             static_cast<std::size_t>(as_integer(n, k, 4096, 1LL << 32));
       }},
      {"PingIntervalMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.websocket.ping_interval_ms = static_cast<int>(as_integer(n, k, 0, 3'600'000));
       }},
      {"HandshakeTimeoutMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.websocket.handshake_timeout_ms = static_cast<int>(as_integer(n, k, 100, 600'000));
       }},
      {"PongTimeoutMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.websocket.pong_timeout_ms = static_cast<int>(as_integer(n, k, 100, 3'600'000));
       }},
  };
  std::map<std::string, Setter> limits{
      {"MaxInstrumentsPerRequest",
       [&](const YAML::Node& n, const std::string& k) {
         c.limits.max_instruments_per_request =
             static_cast<std::size_t>(as_integer(n, k, 1, 1'000'000));
       }},
      {"MaxSubscriptionsPerConnection",
       [&](const YAML::Node& n, const std::string& k) {
         c.limits.max_subscriptions_per_connection =
             static_cast<std::size_t>(as_integer(n, k, 1, 10'000'000));
       }},
  };
  // A front is one address or a list of them, all sim:// or all CTP fronts.
  auto fronts = [](std::vector<std::string>& dst, std::string& first) {
    return [&dst, &first](const YAML::Node& n, const std::string& k) {
      dst.clear();
      if (n.IsSequence()) {
        for (const auto& item : n) dst.push_back(as_string(item, k));
      } else {
        dst.push_back(as_string(n, k));
      }
      std::erase_if(dst, [](const std::string& s) { return s.empty(); });
      for (const std::string& f : dst) {
        if (!is_front_address(f)) {
          fail(k, "'" + f + "' is not a front address (sim://, tcp://, ssl:// or socks5://)");
        }
        if (is_sim_front(f) != is_sim_front(dst.front())) {
          fail(k, "mixes sim:// with CTP fronts");
        }
      }
      first = dst.empty() ? std::string() : dst.front();
    };
  };
  std::map<std::string, Setter> security{
      {"AllowedOrigins",
       [&](const YAML::Node& n, const std::string& k) {
         if (!n.IsSequence()) fail(k, "expected a list of origins such as https://host:port");
         c.security.allowed_origins.clear();
         for (const auto& item : n) c.security.allowed_origins.push_back(as_string(item, k));
       }},
      {"MaxConnections",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.max_connections = static_cast<std::size_t>(as_integer(n, k, 1, 1'000'000));
       }},
      {"MaxRequestsPerSecond",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.max_requests_per_second = static_cast<int>(as_integer(n, k, 0, 10'000'000));
       }},
      {"LoginFailuresBeforeLockout",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.login_failures_before_lockout =
             static_cast<int>(as_integer(n, k, 0, 1'000'000));
       }},
      {"LockoutSeconds",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.lockout_seconds = static_cast<int>(as_integer(n, k, 1, 86'400));
       }},
      {"MaxConnectionsPerIp",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.max_connections_per_ip =
             static_cast<std::size_t>(as_integer(n, k, 0, 1'000'000));
       }},
      {"MaxPendingHandshakesPerIp",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.max_pending_handshakes_per_ip =
             static_cast<std::size_t>(as_integer(n, k, 1, 1'000'000));
       }},
      {"Tokens",
       [&](const YAML::Node& n, const std::string& k) {
         c.security.tokens_file = resolve(base_dir, as_string(n, k));
       }},
  };
  std::map<std::string, Setter> tls{
      {"CertificateChainFile",
       [&](const YAML::Node& n, const std::string& k) {
         c.tls.certificate_chain_file = resolve(base_dir, as_string(n, k));
       }},
      {"PrivateKeyFile",
       [&](const YAML::Node& n, const std::string& k) {
         c.tls.private_key_file = resolve(base_dir, as_string(n, k));
       }},
  };
  std::map<std::string, Setter> session{
      {"LingerSeconds",
       [&](const YAML::Node& n, const std::string& k) {
         c.session.linger_seconds = static_cast<int>(as_integer(n, k, 0, 86'400));
       }},
      {"JournalEntries",
       [&](const YAML::Node& n, const std::string& k) {
         c.session.journal_entries = static_cast<std::size_t>(as_integer(n, k, 1, 10'000'000));
       }},
      {"JournalBytes",
       [&](const YAML::Node& n, const std::string& k) {
         c.session.journal_bytes = static_cast<std::size_t>(as_integer(n, k, 4096, 1LL << 34));
       }},
      {"MaxSessions",
       [&](const YAML::Node& n, const std::string& k) {
         c.session.max_sessions = static_cast<std::size_t>(as_integer(n, k, 1, 1'000'000));
       }},
  };
  std::map<std::string, Setter> log{
      {"Format",
       [&](const YAML::Node& n, const std::string& k) {
         c.log_format = as_string(n, k);
         if (c.log_format != "text" && c.log_format != "json") fail(k, "must be text or json");
       }},
  };
  std::map<std::string, Setter> audit{
      {"File", [&](const YAML::Node& n, const std::string& k) { c.audit.file = as_string(n, k); }},
      {"MaxFileBytes",
       [&](const YAML::Node& n, const std::string& k) {
         c.audit.max_file_bytes = static_cast<std::size_t>(as_integer(n, k, 4096, 1LL << 34));
       }},
      {"MaxFiles",
       [&](const YAML::Node& n, const std::string& k) {
         c.audit.max_files = static_cast<std::size_t>(as_integer(n, k, 1, 1000));
       }},
  };
  std::map<std::string, Setter> top{
      {"TdFrontAddress", fronts(c.td_fronts, c.td_front_address)},
      {"MdFrontAddress", fronts(c.md_fronts, c.md_front_address)},
      {"ProductionMode",
       [&](const YAML::Node& n, const std::string& k) { c.production_mode = as_bool(n, k); }},
      {"QueryPacing",
       [&](const YAML::Node& n, const std::string& k) { c.query_pacing = as_bool(n, k); }},
      {"ReloginBackoffMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.relogin_backoff_ms = static_cast<int>(as_integer(n, k, 10, 60'000));
       }},
      {"QueryIntervalMs",
       [&](const YAML::Node& n, const std::string& k) {
         c.query_interval_ms = static_cast<int>(as_integer(n, k, 0, 60'000));
       }},
      {"BrokerID", str(c.broker_id)},
      {"AuthCode", str(c.auth_code)},
      {"AppID", str(c.app_id)},
      {"Host", str(c.host)},
      {"Port",
       [&](const YAML::Node& n, const std::string& k) {
         c.port = static_cast<std::uint16_t>(as_integer(n, k, 0, 65535));
       }},
      {"LogLevel",
       [&](const YAML::Node& n, const std::string& k) {
         std::string level = as_string(n, k);
         for (auto& ch : level)
           ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
         bool known = false;
         for (const char* l : kLogLevels) known = known || level == l;
         if (!known)
           fail(k,
                "unknown level '" + n.Scalar() + "' (NOTSET, DEBUG, INFO, WARN, ERROR, CRITICAL)");
         c.log_level = level;
       }},
      {"ConFilePath",
       [&](const YAML::Node& n, const std::string& k) {
         c.con_file_path = as_string(n, k);
         if (c.con_file_path.empty() || c.con_file_path.back() != '/') c.con_file_path += '/';
       }},
      {"WebSocket", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, ws); }},
      {"Sim", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, sim); }},
      {"Limits", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, limits); }},
      {"Security", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, security); }},
      {"Log", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, log); }},
      {"TLS", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, tls); }},
      {"Session", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, session); }},
      {"Audit", [&](const YAML::Node& n, const std::string& k) { apply_map(n, k, audit); }},
  };
  apply_map(root, "", top);
  if (c.host.empty()) fail("Host", "must not be empty");
  if (c.tls.certificate_chain_file.empty() != c.tls.private_key_file.empty()) {
    fail("TLS", "needs both CertificateChainFile and PrivateKeyFile");
  }
  return c;
}

Config load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot open config file '" + path.string() + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  Config c = parse_config(ss.str(), path.parent_path().empty() ? "." : path.parent_path());
  c.source = path;
  return c;
}

bool is_sim_front(std::string_view address) noexcept {
  return address.rfind("sim://", 0) == 0;
}

bool is_front_address(std::string_view address) noexcept {
  for (std::string_view scheme : {"sim://", "tcp://", "ssl://", "socks5://"}) {
    if (address.rfind(scheme, 0) == 0 && address.size() > scheme.size() - (scheme == "sim://"))
      return true;
  }
  return false;
}

}  // namespace ctpgw::core
