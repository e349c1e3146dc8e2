// md fan-out load program: C clients x K instruments against a running md_service.
//
// Starts md_service itself (generated config: the shipped instrument master, ticking around the
// clock at --tick-ms, CurrDelta stamped with the tick's creation time) unless --port is given,
// connects the clients, logs them in, subscribes them, then reads with one epoll loop for
// --seconds and reports delivered messages/s, latency percentiles (tick creation -> receipt) and
// the service's RSS and CPU. --silent N of the clients never read (memory-bound check).
#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "load_stats.h"

using namespace ctpgw::testkit;
using namespace std::chrono;

namespace {

const char* const kUniverse[] = {
    "rb2705", "hc2705", "cu2701", "al2701", "zn2701", "ni2701", "au2702", "ag2702",
    "ru2705", "bu2706", "fu2705", "sc2701", "lu2705", "bc2701", "m2705",  "y2705",
    "p2705",  "i2705",  "c2705",  "jm2705", "pp2705", "SR705",  "CF705",  "TA705",
    "MA705",  "FG705",  "IF2612", "IC2612", "IH2612", "T2703",  "si2705", "lc2705"};
constexpr std::size_t kUniverseSize = sizeof kUniverse / sizeof kUniverse[0];

struct Reader {
  std::unique_ptr<WsClient> ws;
  std::string buf;
  std::uint64_t messages = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"md_service fan-out load"};
  std::string exe = "build/release/bin/md_service";
  std::string bare_exe;
  std::string source_dir = ".";
  int port = 0, clients = 100, instruments = 5, tick_ms = 100, seconds = 10, silent = 0;
  std::size_t send_buffer = 4 << 20;
  app.add_option("--exe", exe, "md_service executable");
  app.add_option("--source-dir", source_dir, "repository root (for the instrument master)");
  app.add_option("--port", port, "use an already running md_service instead of starting one");
  app.add_option("--bare-exe", bare_exe,
                 "measure the bare websocketpp broadcast reference instead");
  app.add_option("--clients", clients);
  app.add_option("--instruments", instruments, "per client (max 32)");
  app.add_option("--tick-ms", tick_ms, "feed interval of the started service");
  app.add_option("--seconds", seconds, "measurement window");
  app.add_option("--silent", silent, "clients that never read");
  app.add_option("--send-buffer", send_buffer, "WebSocket.SendBufferBytes of the started service");
  CLI11_PARSE(app, argc, argv);
  instruments = std::clamp(instruments, 1, static_cast<int>(kUniverseSize));

  std::unique_ptr<ServiceProcess> svc;
  if (port == 0) {
    svc = std::make_unique<ServiceProcess>(
        bare_exe.empty() ? exe : bare_exe,
        "WebSocket: {SendBufferBytes: " + std::to_string(send_buffer) + ", PingIntervalMs: 0}",
        "Instruments: " + source_dir + "/configs/sim/instruments.yaml, AlwaysOpen: true, " +
            "StampCurrDelta: true, TickIntervalMs: " + std::to_string(tick_ms),
        30s,
        bare_exe.empty()
            ? std::vector<std::string>{}
            : std::vector<std::string>{"--instruments=" + std::to_string(instruments)});
    port = svc->port();
  }

  std::vector<Reader> readers;
  std::vector<std::unique_ptr<WsClient>> silent_clients;
  for (int i = 0; i < clients; ++i) {
    auto ws = std::make_unique<WsClient>(static_cast<std::uint16_t>(port), "/md/");
    ws->send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"","Password":""}})");
    std::string list;
    for (int j = 0; j < instruments; ++j) {
      list += std::string(list.empty() ? "\"" : ",\"") +
              kUniverse[static_cast<std::size_t>(i + j) % kUniverseSize] + "\"";
    }
    ws->send_text(R"({"MsgType":"SubscribeMarketData","InstrumentID":[)" + list + "]}");
    if (i < silent) {
      silent_clients.push_back(std::move(ws));
    } else {
      readers.push_back(Reader{std::move(ws), {}, 0});
    }
  }

  const int ep = epoll_create1(EPOLL_CLOEXEC);
  for (std::size_t i = 0; i < readers.size(); ++i) {
    const int fd = readers[i].ws->fd();
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }

  LatencyRecorder latency;
  ProcessSampler sampler(svc ? svc->pid() : 0);
  // Warm-up: one second, then measure.
  auto run = [&](steady_clock::duration window, bool record) {
    const auto end = steady_clock::now() + window;
    epoll_event events[256];
    char chunk[1 << 16];
    while (steady_clock::now() < end) {
      const int n = epoll_wait(ep, events, 256, 50);
      for (int e = 0; e < n; ++e) {
        Reader& r = readers[events[e].data.u64];
        for (;;) {
          const ssize_t got = ::read(r.ws->fd(), chunk, sizeof chunk);
          if (got <= 0) break;
          r.buf.append(chunk, static_cast<std::size_t>(got));
        }
        std::size_t pos = 0;
        const double now_s = seconds_since_china_midnight_now();
        while (r.buf.size() - pos >= 2) {
          std::size_t header = 2;
          std::uint64_t len = static_cast<unsigned char>(r.buf[pos + 1]) & 0x7F;
          if (len == 126) {
            if (r.buf.size() - pos < 4) break;
            header = 4;
            len = (static_cast<unsigned char>(r.buf[pos + 2]) << 8) |
                  static_cast<unsigned char>(r.buf[pos + 3]);
          } else if (len == 127) {
            if (r.buf.size() - pos < 10) break;
            header = 10;
            len = 0;
            for (int b = 2; b < 10; ++b)
              len =
                  (len << 8) | static_cast<unsigned char>(r.buf[pos + static_cast<std::size_t>(b)]);
          }
          if (r.buf.size() - pos < header + len) break;
          const std::string_view payload(r.buf.data() + pos + header, len);
          if (record) {
            ++r.messages;
            if (auto stamp = curr_delta_of(payload)) latency.add(now_s - *stamp);
          }
          pos += header + len;
        }
        r.buf.erase(0, pos);
      }
      sampler.sample();
    }
  };
  run(seconds_cast(1), false);
  sampler.start();
  const auto t0 = steady_clock::now();
  run(seconds_cast(seconds), true);
  const double elapsed = duration<double>(steady_clock::now() - t0).count();
  sampler.stop();

  std::uint64_t total = 0, min_client = UINT64_MAX;
  for (const Reader& r : readers) {
    total += r.messages;
    min_client = std::min(min_client, r.messages);
  }
  const double expected_per_client = instruments * 1000.0 / tick_ms;
  std::printf("%s: clients=%d (silent %d) instruments/client=%d tick_ms=%d seconds=%.1f\n",
              bare_exe.empty() ? "md_service" : "bare websocketpp broadcast", clients, silent,
              instruments, tick_ms, elapsed);
  std::printf(
      "delivered: %.0f msgs/s total; slowest reading client %.1f msgs/s (feed offers %.1f)\n",
      static_cast<double>(total) / elapsed, static_cast<double>(min_client) / elapsed,
      expected_per_client);
  latency.print("latency tick->client");
  sampler.print();
  return 0;
}
