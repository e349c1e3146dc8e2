// Starts a real service executable on a free port with a generated config and stops it.
//
// The config is written to a fresh temporary directory (Port 0, data under that directory);
// start-up is complete when the service logs "listening on ws://HOST:PORT", which is also how
// the bound port is learnt. Output is drained by a background thread and kept for assertions.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ctpgw::testkit {

using namespace std::chrono_literals;

/// Resource limits applied to the child before exec (0: inherit). With max_file_bytes the child
/// also ignores SIGXFSZ, so an oversized write fails with EFBIG as on a full disk.
struct ChildLimits {
  unsigned long max_open_files = 0;  ///< RLIMIT_NOFILE, soft and hard
  unsigned long max_file_bytes = 0;  ///< RLIMIT_FSIZE
};

class ServiceProcess {
 public:
  /// Config: front sim://, Port 0, LogLevel DEBUG, then `extra_yaml` (more top-level keys),
  /// then a Sim map with DataDir in the temporary directory and the entries of `sim_yaml`
  /// (a flow mapping body such as "Instruments: /x.yaml, TickIntervalMs: 20").
  ServiceProcess(const std::string& executable, const std::string& extra_yaml = "",
                 const std::string& sim_yaml = "", std::chrono::milliseconds startup_timeout = 30s,
                 const std::vector<std::string>& extra_args = {}, ChildLimits limits = {});
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  pid_t pid() const noexcept { return pid_; }
  const std::filesystem::path& dir() const noexcept { return dir_; }

  /// Sends `signo` and waits for exit; returns the wait status (see WIFEXITED etc.).
  int stop(int signo, std::chrono::milliseconds timeout = 10s);
  bool running();
  std::string output() const;

  /// Waits until the output contains `text`; false on timeout.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout = 10s);

  /// Runs `executable` with `args` to completion; returns {exit code, combined output}.
  static std::pair<int, std::string> run_to_exit(const std::string& executable,
                                                 const std::vector<std::string>& args);

 private:
  void reader_loop(int fd);

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int status_ = 0;
  bool exited_ = false;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::string output_;
  bool output_closed_ = false;
  std::thread reader_;
};

}  // namespace ctpgw::testkit
