#include "ctpgw/core/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace ctpgw::core {
namespace {

std::string error_of(std::string_view yaml) {
  try {
    parse_config(yaml, "/base");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(Config, ParsesWebctpKeysAndMaps) {
  const Config c = parse_config(R"(
TdFrontAddress: "sim://"
MdFrontAddress: tcp://180.168.146.187:10131
BrokerID: 9999
AuthCode: "0000000000000000"
AppID: simnow_client_test
Host: 0.0.0.0
Port: 8081
LogLevel: debug
ConFilePath: ./flows
WebSocket: {MaxMessageBytes: 2048, SendBufferBytes: 65536, PingIntervalMs: 0, PongTimeoutMs: 500}
Sim: {DataDir: data, Seed: 7, InitialBalance: 1e6, Instruments: /abs/i.yaml, TickIntervalMs: 1}
)",
                                "/base");
  EXPECT_EQ(c.td_front_address, "sim://");
  EXPECT_TRUE(is_sim_front(c.td_front_address));
  EXPECT_FALSE(is_sim_front(c.md_front_address));
  EXPECT_EQ(c.broker_id, "9999");
  EXPECT_EQ(c.port, 8081);
  EXPECT_EQ(c.log_level, "DEBUG");
  EXPECT_EQ(c.con_file_path, "./flows/");
  EXPECT_EQ(c.websocket.max_message_bytes, 2048u);
  EXPECT_EQ(c.websocket.ping_interval_ms, 0);
  EXPECT_EQ(c.sim.seed, 7u);
  EXPECT_EQ(c.sim.initial_balance, 1e6);
  EXPECT_EQ(c.sim.data_dir, std::filesystem::path("/base/data"));
  EXPECT_EQ(c.sim.instruments, std::filesystem::path("/abs/i.yaml"));
  EXPECT_EQ(c.sim.tick_interval_ms, 1);
}

TEST(Config, SimulatedClockAndCalendar) {
  const Config c = parse_config(
      "Sim: {Calendar: sim/calendar.yaml, ClockStart: \"2026-10-08 08:59:00\", ClockRate: 60}",
      "/base");
  EXPECT_EQ(c.sim.calendar, std::filesystem::path("/base/sim/calendar.yaml"));
  EXPECT_EQ(c.sim.clock_start, "2026-10-08 08:59:00");
  EXPECT_EQ(c.sim.clock_rate, 60.0);
  EXPECT_EQ(parse_config("Sim: {LiquidityHalfLifeMs: 0}", "/base").sim.liquidity_half_life_ms, 0.0);
  // 08:59 China time is 00:59 UTC.
  EXPECT_EQ(parse_china_time("2026-10-08 08:59:00"), 1791421140);
  EXPECT_FALSE(parse_china_time("2026-02-30 08:59:00").has_value());
  EXPECT_FALSE(parse_china_time("2026-10-08T08:59:00").has_value());
  EXPECT_FALSE(parse_china_time("2026-10-08 08:59:00 ").has_value());
  const Config plain = parse_config("", "/base");
  EXPECT_TRUE(plain.sim.calendar.empty());
  EXPECT_TRUE(plain.sim.clock_start.empty());
  EXPECT_EQ(plain.sim.clock_rate, 1.0);
  EXPECT_EQ(plain.sim.liquidity_half_life_ms, 10'000.0);
}

TEST(Config, WhereTheCounterRunsAndHowItsCommitsAreFlushed) {
  const Config plain = parse_config("", "/base");
  EXPECT_TRUE(plain.sim.counter_on_io_thread);
  EXPECT_FALSE(plain.sim.sync_commits);
  const Config c = parse_config("Sim: {CounterThread: own, SyncCommits: true}", "/base");
  EXPECT_FALSE(c.sim.counter_on_io_thread);
  EXPECT_TRUE(c.sim.sync_commits);
  EXPECT_THROW(parse_config("Sim: {CounterThread: fast}", "/base"), ConfigError);
}

TEST(Config, DefaultsFollowWebctpWhereSafe) {
  const Config c = parse_config("", "/base");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.log_level, "INFO");
  EXPECT_EQ(c.con_file_path, "./con_file/");
  EXPECT_EQ(c.websocket.max_message_bytes, 1u << 20);
  EXPECT_EQ(c.sim.tick_interval_ms, 500);
  EXPECT_EQ(c.sim.data_dir, std::filesystem::path("/base/sim_data"));
}

TEST(Config, UnknownKeysAreErrorsNamingTheKey) {
  EXPECT_EQ(error_of("Prot: 8080"), "config key 'Prot': unknown key");
  EXPECT_EQ(error_of("Sim: {Sed: 1}"), "config key 'Sim.Sed': unknown key");
  EXPECT_EQ(error_of("WebSocket: {MaxFrame: 1}"), "config key 'WebSocket.MaxFrame': unknown key");
}

TEST(Config, WrongTypesAreErrorsNamingTheKey) {
  EXPECT_EQ(error_of("Port: abc"), "config key 'Port': expected an integer, got 'abc'");
  EXPECT_EQ(error_of("Port: 70000"), "config key 'Port': must be between 0 and 65535");
  EXPECT_EQ(error_of("Port: [1]"), "config key 'Port': expected an integer");
  EXPECT_EQ(error_of("Host: {a: 1}"), "config key 'Host': expected a string");
  EXPECT_EQ(error_of("Sim: 3"), "config key 'Sim': expected a mapping");
  EXPECT_EQ(error_of("Sim: {ClockStart: tomorrow}"),
            "config key 'Sim.ClockStart': expected a China time as YYYY-MM-DD HH:MM:SS");
  EXPECT_EQ(error_of("Sim: {ClockRate: 0.5}"),
            "config key 'Sim.ClockRate': must be between 1 and 100000");
  EXPECT_EQ(error_of("Sim: {TickIntervalMs: 0}"),
            "config key 'Sim.TickIntervalMs': must be between 1 and 3600000");
  EXPECT_EQ(error_of("Sim: {InitialBalance: lots}"),
            "config key 'Sim.InitialBalance': expected a number, got 'lots'");
  EXPECT_EQ(error_of("Sim: {InitialBalance: 1e13}"),
            "config key 'Sim.InitialBalance': must be between 0 and 1000000000");
  EXPECT_EQ(
      error_of("LogLevel: LOUD"),
      "config key 'LogLevel': unknown level 'LOUD' (NOTSET, DEBUG, INFO, WARN, ERROR, CRITICAL)");
  EXPECT_EQ(error_of("Port:"), "config key 'Port': has no value");
  EXPECT_EQ(error_of("- a\n- b"), "config key '<root>': expected a mapping");
  EXPECT_EQ(error_of("Port: [1"), error_of("Port: [1"));
  EXPECT_EQ(error_of("Port: [1").rfind("config is not valid YAML", 0), 0u);
}

TEST(Config, MissingFileIsAnError) {
  EXPECT_THROW(load_config("/nonexistent/config.yaml"), ConfigError);
}

TEST(Config, ShippedConfigsLoadAndSelectTheSimulator) {
  const auto dir = std::filesystem::path(CTPGW_SOURCE_DIR) / "configs";
  const Config md = load_config(dir / "config_md.yaml");
  const Config td = load_config(dir / "config_td.yaml");
  EXPECT_TRUE(is_sim_front(md.md_front_address));
  EXPECT_TRUE(is_sim_front(td.td_front_address));
  EXPECT_EQ(md.port, 8080);
  EXPECT_EQ(td.port, 8081);
  EXPECT_EQ(md.host, "127.0.0.1");
  EXPECT_EQ(td.host, "127.0.0.1");
}

TEST(Config, FrontsAreOneAddressOrAListOfCtpFronts) {
  const Config c = parse_config(
      "TdFrontAddress: [tcp://10.0.0.1:41205, ssl://10.0.0.2:41205, "
      "'socks5://u:p@proxy:1080/tcp://10.0.0.3:41205']\nMdFrontAddress: tcp://10.0.0.1:41213\n"
      "ProductionMode: false\nQueryPacing: false\nQueryIntervalMs: 1500\n"
      "ReloginBackoffMs: 500\n",
      ".");
  EXPECT_EQ(c.td_fronts.size(), 3u);
  EXPECT_EQ(c.td_front_address, "tcp://10.0.0.1:41205");
  EXPECT_EQ(c.md_fronts, std::vector<std::string>{"tcp://10.0.0.1:41213"});
  EXPECT_FALSE(c.production_mode);
  EXPECT_FALSE(c.query_pacing);
  EXPECT_EQ(c.query_interval_ms, 1500);
  EXPECT_EQ(c.relogin_backoff_ms, 500);
  const Config defaults = parse_config("", ".");
  EXPECT_TRUE(defaults.production_mode);
  EXPECT_TRUE(defaults.query_pacing);
  for (const char* bad : {"TdFrontAddress: http://x:1", "TdFrontAddress: [sim://, tcp://x:1]",
                          "TdFrontAddress: tcp://"}) {
    EXPECT_THROW(parse_config(bad, "."), ConfigError) << bad;
  }
}

TEST(Config, ExampleFrontConfigsLoad) {
  const auto dir = std::filesystem::path(CTPGW_SOURCE_DIR) / "configs/examples";
  for (const char* f : {"config_td_simnow.yaml", "config_md_simnow.yaml", "config_td_tts.yaml",
                        "config_md_tts.yaml"}) {
    const Config c = load_config(dir / f);
    EXPECT_FALSE(is_sim_front(c.td_fronts.empty() ? c.md_front_address : c.td_front_address)) << f;
  }
}

TEST(Config, TheRealSessionsConfigsLoad) {
  const auto dir = std::filesystem::path(CTPGW_SOURCE_DIR) / "configs";
  for (const char* f : {"config_md_sessions.yaml", "config_td_sessions.yaml"}) {
    const Config c = load_config(dir / f);
    EXPECT_FALSE(c.sim.always_open) << f;
    EXPECT_NE(c.sim.data_dir, load_config(dir / "config_td.yaml").sim.data_dir) << f;
    EXPECT_TRUE(std::filesystem::exists(c.sim.instruments)) << f;
  }
  EXPECT_EQ(load_config(dir / "config_td_sessions.yaml").sim.queries_per_second, 1);
}

}  // namespace
}  // namespace ctpgw::core
