// Connection cost and start-up time: starts md_service, measures the time from spawn to
// "listening", then opens N idle WebSocket connections and reports the service's RSS per
// connection and whether /health counts them all.
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "load_stats.h"

using namespace ctpgw::testkit;
using namespace std::chrono;

int main(int argc, char** argv) {
  CLI::App app{"md_service idle connections and start-up"};
  std::string exe = "build/release/bin/md_service";
  std::string source_dir = ".";
  int connections = 10000;
  app.add_option("--exe", exe);
  app.add_option("--source-dir", source_dir);
  app.add_option("--connections", connections);
  CLI11_PARSE(app, argc, argv);
  if (rlimit lim{}; ::getrlimit(RLIMIT_NOFILE, &lim) == 0) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
  }

  const auto t0 = steady_clock::now();
  ServiceProcess svc(
      exe, "", "Instruments: " + source_dir + "/configs/sim/instruments.yaml, AlwaysOpen: true");
  const double startup_ms = duration<double, std::milli>(steady_clock::now() - t0).count();
  std::printf("start-up to listening: %.1f ms\n", startup_ms);

  ProcessSampler sampler(svc.pid());
  const long before = sampler.rss_kib();
  std::vector<std::unique_ptr<WsClient>> clients;
  clients.reserve(static_cast<std::size_t>(connections));
  for (int i = 0; i < connections; ++i)
    clients.push_back(std::make_unique<WsClient>(svc.port(), "/md/"));
  // Let the server finish every handshake before reading its memory.
  std::string health;
  const auto deadline = steady_clock::now() + 30s;
  const std::string expected = "\"connections\":" + std::to_string(connections) + ",";
  do {
    health = http_get(svc.port(), "/health");
  } while (health.find(expected) == std::string::npos && steady_clock::now() < deadline);
  const long after = sampler.rss_kib();
  std::printf(
      "idle connections: %d accepted (%s); service rss %ld KiB -> %ld KiB: %.1f KiB per "
      "connection\n",
      connections,
      health.find(expected) != std::string::npos ? "all counted by /health" : "NOT all counted",
      before, after, static_cast<double>(after - before) / connections);
  return health.find(expected) != std::string::npos ? 0 : 1;
}
