// td round-trip load program against td_service on the simulated counter.
//
// Starts td_service itself (generated config, its own data directory, 1 ms feed so the book
// refreshes quickly), logs in one client and measures:
//   sequential: ReqOrderInsert -> RtnTrade latency, one order at a time (buy to open, then sell
//               to close, so the position stays flat), p50/p99/max;
//   pipelined:  N FAK orders sent back to back through the one socket, orders/s until every one
//               has finished (filled, cancelled or rejected).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "load_stats.h"

using namespace ctpgw::testkit;
using namespace std::chrono;

namespace {

std::string order_json(char direction, char offset, double price, char time_condition,
                       int request_id) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      R"({"MsgType":"ReqOrderInsert","RequestID":%d,"InputOrder":{"InstrumentID":"rb2705","ExchangeID":"SHFE","LimitPrice":%.1f,"OrderPriceType":"2","Direction":"%c","CombOffsetFlag":"%c","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"%c","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})",
      request_id, price, direction, offset, time_condition);
  return buf;
}

double number_after(const std::string& json, const char* key) {
  const auto at = json.find(key);
  return at == std::string::npos ? 0 : std::strtod(json.c_str() + at + std::strlen(key), nullptr);
}

bool finished(const std::string& m) {
  if (m.find("\"ErrRtnOrderInsert\"") != std::string::npos) return true;
  if (m.find("\"MsgType\":\"RtnOrder\"") == std::string::npos) return false;
  return m.find("\"OrderStatus\":\"0\"") != std::string::npos ||
         m.find("\"OrderStatus\":\"5\"") != std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"td_service order round-trip load"};
  std::string exe = "build/release/bin/td_service";
  std::string source_dir = ".";
  int sequential = 2000, pipelined = 20000, floor = 2000;
  app.add_option("--exe", exe);
  app.add_option("--source-dir", source_dir);
  app.add_option("--sequential", sequential, "orders sent one at a time");
  app.add_option("--pipelined", pipelined, "orders sent back to back");
  app.add_option("--floor", floor,
                 "requests answered by the WebSocket thread alone (an unknown MsgType), one at "
                 "a time: the floor under the order round trip on this machine");
  std::string malloc_counter;
  app.add_option("--malloc-counter", malloc_counter,
                 "path of the malloc_counter module (build/release/lib/libmalloc_counter.so "
                 "or where the build put it): reports td_service's allocations per pipelined "
                 "order");
  std::string counter_thread = "io";
  app.add_option("--counter-thread", counter_thread,
                 "Sim.CounterThread: io (the WebSocket thread runs the counter) or own");
  CLI11_PARSE(app, argc, argv);

  const auto data =
      std::filesystem::temp_directory_path() / ("ctpgw-td-load-" + std::to_string(::getpid()));
  std::filesystem::remove_all(data);
  if (!malloc_counter.empty()) ::setenv("LD_PRELOAD", malloc_counter.c_str(), 1);
  ServiceProcess svc(exe,
                     "WebSocket: {PingIntervalMs: 0, SendBufferBytes: 268435456}\n"
                     "Security: {MaxRequestsPerSecond: 0}\n"  // measures the path, not the limit
                     "LogLevel: INFO",  // as deployed: no DEBUG line per request

                     "DataDir: " + data.string() + ", Instruments: " + source_dir +
                         "/configs/sim/instruments.yaml, AlwaysOpen: true, TickIntervalMs: 1, "
                         "LiquidityHalfLifeMs: 0, CounterThread: " +
                         counter_thread);
  ::unsetenv("LD_PRELOAD");
  // The module's counts of the service's malloc calls: all threads, the io (main) thread.
  const std::string count_file = "/tmp/ctpgw-malloc-count." + std::to_string(svc.pid());
  const auto mallocs = [&] {
    std::this_thread::sleep_for(10ms);  // the module rewrites the file every 2 ms
    std::pair<long, long> n{0, 0};
    if (std::FILE* f = std::fopen(count_file.c_str(), "r")) {
      if (std::fscanf(f, "%ld %ld", &n.first, &n.second) != 2) n = {0, 0};
      std::fclose(f);
    }
    return n;
  };
  WsClient ws(svc.port(), "/td/");
  ws.send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"load","Password":"pw"},"RequestID":1})");
  while (auto m = ws.next_text(30s)) {
    if (m->find("RspUserLogin") != std::string::npos) break;
  }
  ws.send_text(
      R"({"MsgType":"ReqQryDepthMarketData","QryDepthMarketData":{"InstrumentID":"rb2705"},"RequestID":2})");
  double upper = 0, lower = 0;
  while (auto m = ws.next_text(30s)) {
    if (m->find("RspQryDepthMarketData") == std::string::npos) continue;
    upper = number_after(*m, "\"UpperLimitPrice\":");
    lower = number_after(*m, "\"LowerLimitPrice\":");
    break;
  }

  // The floor: the same socket, parser and reply path, without the counter.
  LatencyRecorder floor_rtt;
  for (int i = 0; i < floor; ++i) {
    const auto t0 = steady_clock::now();
    ws.send_text(R"({"MsgType":"ReqNothing","RequestID":7})");
    if (!ws.next_text(30s)) break;
    floor_rtt.add(duration<double>(steady_clock::now() - t0).count());
  }
  std::printf("td floor, request answered without the counter: ");
  floor_rtt.print("round trip");

  // Sequential round trips.
  LatencyRecorder rtt;
  for (int i = 0; i < sequential; ++i) {
    const bool buy = i % 2 == 0;
    const auto t0 = steady_clock::now();
    ws.send_text(order_json(buy ? '0' : '1', buy ? '0' : '3', buy ? upper : lower, '3', 100 + i));
    while (auto m = ws.next_text(30s)) {
      if (m->find("\"RtnTrade\"") != std::string::npos) break;
    }
    rtt.add(duration<double>(steady_clock::now() - t0).count());
  }
  std::printf("td sequential ReqOrderInsert -> RtnTrade: ");
  rtt.print("round trip");

  // Pipelined FAK orders through the one socket.
  std::atomic<int> done{0};
  // Finished without reaching the book: by a rule of the counter (a close finding no position
  // when the FAK before it found the book empty) or, what must never happen here, by storage.
  std::map<int, int> refused;
  ProcessSampler sampler(svc.pid());
  std::thread reader([&] {
    while (done.load() < pipelined) {
      auto m = ws.next_text(30s);
      if (!m) break;
      if (!finished(*m)) continue;
      if (m->find("\"ErrRtnOrderInsert\"") != std::string::npos) {
        ++refused[static_cast<int>(number_after(*m, "\"ErrorID\":"))];
      }
      done.fetch_add(1);
    }
  });
  const auto mallocs_before = malloc_counter.empty() ? std::pair<long, long>{} : mallocs();
  sampler.start();
  const auto t0 = steady_clock::now();
  for (int i = 0; i < pipelined; ++i) {
    const bool buy = i % 2 == 0;
    ws.send_text(
        order_json(buy ? '0' : '1', buy ? '0' : '3', buy ? upper : lower, '1', 100000 + i));
  }
  while (done.load() < pipelined && reader.joinable()) {
    sampler.sample();
    std::this_thread::sleep_for(10ms);  // RSS sampling cadence while the reader counts
    if (steady_clock::now() - t0 > 60s) break;
  }
  reader.join();
  const double elapsed = duration<double>(steady_clock::now() - t0).count();
  sampler.stop();
  std::string refusals;
  for (const auto& [code, n] : refused) {
    refusals += " " + std::to_string(n) + " with ErrorID " + std::to_string(code);
  }
  std::printf("td pipelined: %d orders finished of %d in %.3f s: %.0f orders/s (refused:%s)\n",
              done.load(), pipelined, elapsed, done.load() / elapsed,
              refusals.empty() ? " none" : refusals.c_str());
  sampler.print();
  if (!malloc_counter.empty() && done.load() > 0) {
    const auto after = mallocs();
    std::printf("td_service malloc calls per pipelined order: %.1f (on the io thread: %.2f)\n",
                static_cast<double>(after.first - mallocs_before.first) / done.load(),
                static_cast<double>(after.second - mallocs_before.second) / done.load());
    std::filesystem::remove(count_file);
  }
  std::filesystem::remove_all(data);
  const bool storage_refused = refused.count(1) != 0;  // CTP:不在已同步状态
  return done.load() == pipelined && !storage_refused ? 0 : 1;
}
