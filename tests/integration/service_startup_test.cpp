#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <fstream>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

class BothServices : public ::testing::TestWithParam<const char*> {};

TEST_P(BothServices, VersionAndHelpExitZero) {
  auto [rc, out] = ServiceProcess::run_to_exit(GetParam(), {"--version"});
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("0.1.0"), std::string::npos) << out;
  std::tie(rc, out) = ServiceProcess::run_to_exit(GetParam(), {"--help"});
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("--config"), std::string::npos) << out;
}

TEST_P(BothServices, BadConfigStopsStartupNamingTheKey) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-badcfg-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto bad = dir / "bad.yaml";
  std::ofstream(bad) << "Port: 8080\nPrt: 1\n";
  auto [rc, out] = ServiceProcess::run_to_exit(GetParam(), {"--config=" + bad.string()});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("config key 'Prt': unknown key"), std::string::npos) << out;

  std::ofstream(bad) << "Port: eighty\n";
  std::tie(rc, out) = ServiceProcess::run_to_exit(GetParam(), {"--config=" + bad.string()});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("config key 'Port'"), std::string::npos) << out;

  std::tie(rc, out) =
      ServiceProcess::run_to_exit(GetParam(), {"--config=" + (dir / "missing.yaml").string()});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("cannot open config file"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

TEST_P(BothServices, UnsupportedFrontFailsStartup) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-front-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto cfg = dir / "c.yaml";
  std::ofstream(cfg)
      << "Port: 0\nTdFrontAddress: tcp://127.0.0.1:1\nMdFrontAddress: tcp://127.0.0.1:1\n";
  auto [rc, out] = ServiceProcess::run_to_exit(GetParam(), {"--config=" + cfg.string()});
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("use sim://"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

TEST_P(BothServices, HealthAnswersJson) {
  ServiceProcess svc(GetParam(), "", sim_yaml());
  const std::string rsp = http_get(svc.port(), "/health");
  EXPECT_EQ(rsp.rfind("HTTP/1.1 200", 0), 0u) << rsp;
  EXPECT_NE(rsp.find("application/json"), std::string::npos);
  EXPECT_NE(rsp.find(R"("status":"ok")"), std::string::npos) << rsp;
  EXPECT_EQ(http_get(svc.port(), "/nope").rfind("HTTP/1.1 404", 0), 0u);
}

TEST_P(BothServices, GracefulShutdownOnSigtermClosesClientsWith1001) {
  ServiceProcess svc(GetParam(), "", sim_yaml());
  const std::string path =
      std::string(GetParam()).find("md_service") != std::string::npos ? "/md/" : "/td/";
  WsClient client(svc.port(), path);
  const int status = svc.stop(SIGTERM);
  ASSERT_TRUE(WIFEXITED(status)) << svc.output();
  EXPECT_EQ(WEXITSTATUS(status), 0);
  auto frame = client.next_frame(5s);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->opcode, 0x8);
  EXPECT_EQ(client.close_code(), 1001);
  EXPECT_NE(svc.output().find("stopped"), std::string::npos);
}

TEST_P(BothServices, SigintAlsoShutsDownCleanly) {
  ServiceProcess svc(GetParam(), "", sim_yaml());
  const int status = svc.stop(SIGINT);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST_P(BothServices, UpgradeOnAnUnknownPathIsRefused) {
  ServiceProcess svc(GetParam(), "", sim_yaml());
  EXPECT_THROW(WsClient(svc.port(), "/other/"), std::runtime_error);
}

TEST_P(BothServices, PortInUseFailsStartupWithExitCode1) {
  ServiceProcess first(GetParam(), "", sim_yaml());
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-port-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto cfg = dir / "c.yaml";
  std::ofstream(cfg) << "Port: " << first.port()
                     << "\nTdFrontAddress: sim://\nMdFrontAddress: sim://\nSim: {DataDir: "
                     << dir.string() << ", " << sim_yaml() << "}\n";
  auto [rc, out] = ServiceProcess::run_to_exit(GetParam(), {"--config=" + cfg.string()});
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("cannot listen"), std::string::npos) << out;
  EXPECT_NE(out.find("Address already in use"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

TEST_P(BothServices, BrokenInstrumentMasterFailsStartupNamingTheProblem) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-master-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "i.yaml")
      << "sessions: {day: [\"09:00-15:00\"]}\nexchanges: {DCE: {CloseToday: yesterday_first}}\n"
      << "instruments:\n"
      << "  - {InstrumentID: x1, ExchangeID: NYSE, ProductID: x, VolumeMultiple: 1,"
      << " PriceTick: 1, BasePrice: 10, LimitRatio: 0.1, MarginRatio: 0.1, Sessions: day}\n";
  std::ofstream(dir / "c.yaml")
      << "Port: 0\nTdFrontAddress: sim://\nMdFrontAddress: sim://\nSim: {Instruments: i.yaml}\n";
  auto [rc, out] =
      ServiceProcess::run_to_exit(GetParam(), {"--config=" + (dir / "c.yaml").string()});
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("instrument x1: unknown ExchangeID 'NYSE'"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

TEST_P(BothServices, BrokenCalendarFailsStartupNamingTheEntry) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-calendar-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cal.yaml") << "holidays: [\"20261003\"]\n";
  std::ofstream(dir / "c.yaml") << "Port: 0\nTdFrontAddress: sim://\nMdFrontAddress: sim://\n"
                                << "Sim: {Instruments: " CTPGW_SOURCE_DIR
                                   "/configs/sim/instruments.yaml, Calendar: cal.yaml}\n";
  auto [rc, out] =
      ServiceProcess::run_to_exit(GetParam(), {"--config=" + (dir / "c.yaml").string()});
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("holiday 20261003 is a weekend day"), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Services, BothServices,
                         ::testing::Values(CTPGW_MD_SERVICE, CTPGW_TD_SERVICE),
                         [](const auto& param_info) {
                           return std::string(param_info.param).find("md_service") !=
                                          std::string::npos
                                      ? std::string("md")
                                      : std::string("td");
                         });

}  // namespace
}  // namespace ctpgw::testkit
