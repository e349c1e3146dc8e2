// Helpers shared by the end-to-end load programs: latency percentiles, CurrDelta stamps and
// /proc sampling of the service's RSS and CPU.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

inline std::chrono::steady_clock::duration seconds_cast(int s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(s));
}

/// Seconds since midnight in China now (the simulator stamps ticks on the same scale).
inline double seconds_since_china_midnight_now() {
  using namespace std::chrono;
  const auto local = system_clock::now() + hours(8);
  return duration<double>(local - floor<days>(local)).count();
}

/// The CurrDelta number of an RtnDepthMarketData payload, if stamped (non-zero).
inline std::optional<double> curr_delta_of(std::string_view json) {
  const auto at = json.find("\"CurrDelta\":");
  if (at == std::string_view::npos) return std::nullopt;
  const double v = std::strtod(json.data() + at + 12, nullptr);
  if (v <= 0) return std::nullopt;
  return v;
}

class LatencyRecorder {
 public:
  void add(double seconds) { samples_.push_back(seconds); }
  std::size_t count() const { return samples_.size(); }
  double percentile(double p) {
    if (samples_.empty()) return 0;
    std::sort(samples_.begin(), samples_.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(samples_.size() - 1));
    return samples_[i];
  }
  void print(const char* what) {
    if (samples_.empty()) {
      std::printf("%s: no samples\n", what);
      return;
    }
    const double p50 = percentile(0.50), p99 = percentile(0.99), max = samples_.back();
    std::printf("%s: n=%zu p50=%.0f us p99=%.0f us max=%.0f us\n", what, samples_.size(), p50 * 1e6,
                p99 * 1e6, max * 1e6);
  }

 private:
  std::vector<double> samples_;
};

/// Samples a process's RSS (peak and last) and CPU time over a window.
class ProcessSampler {
 public:
  explicit ProcessSampler(pid_t pid) : pid_(pid) {}
  void start() {
    cpu_start_ = cpu_seconds();
    wall_start_ = std::chrono::steady_clock::now();
    rss_start_ = rss_kib();
  }
  void sample() {
    if (pid_ > 0) peak_rss_ = std::max(peak_rss_, rss_kib());
  }
  void stop() {
    cpu_end_ = cpu_seconds();
    wall_end_ = std::chrono::steady_clock::now();
    rss_end_ = rss_kib();
  }
  void print() const {
    if (pid_ <= 0) return;
    const double wall = std::chrono::duration<double>(wall_end_ - wall_start_).count();
    std::printf("service: cpu %.0f%% of one core; rss start %ld KiB, peak %ld KiB, end %ld KiB\n",
                100.0 * (cpu_end_ - cpu_start_) / wall, rss_start_, peak_rss_, rss_end_);
  }
  long rss_kib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    }
    return 0;
  }
  double cpu_seconds() const {
    if (pid_ <= 0) return 0;
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string f;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
      if (i == 14) utime = std::atol(f.c_str());
      if (i == 15) stime = std::atol(f.c_str());
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }

 private:
  pid_t pid_;
  double cpu_start_ = 0, cpu_end_ = 0;
  std::chrono::steady_clock::time_point wall_start_, wall_end_;
  long rss_start_ = 0, rss_end_ = 0, peak_rss_ = 0;
};
