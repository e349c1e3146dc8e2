#include "ctpgw/testkit/service_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <vector>

namespace ctpgw::testkit {
namespace {

std::filesystem::path make_temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "ctpgw-test-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

pid_t spawn(const std::string& exe, const std::vector<std::string>& args, int& out_fd,
            ChildLimits limits = {}) {
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (limits.max_open_files != 0) {
      const rlimit nofile{limits.max_open_files, limits.max_open_files};
      ::setrlimit(RLIMIT_NOFILE, &nofile);
    }
    if (limits.max_file_bytes != 0) {
      ::signal(SIGXFSZ, SIG_IGN);  // survives exec: writes fail with EFBIG instead
      const rlimit fsize{limits.max_file_bytes, limits.max_file_bytes};
      ::setrlimit(RLIMIT_FSIZE, &fsize);
    }
    ::dup2(pipefd[1], STDOUT_FILENO);
    ::dup2(pipefd[1], STDERR_FILENO);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(pipefd[1]);
  out_fd = pipefd[0];
  return pid;
}

}  // namespace

ServiceProcess::ServiceProcess(const std::string& executable, const std::string& extra_yaml,
                               const std::string& sim_yaml,
                               std::chrono::milliseconds startup_timeout,
                               const std::vector<std::string>& extra_args, ChildLimits limits)
    : dir_(make_temp_dir()) {
  const auto config = dir_ / "config.yaml";
  {
    std::ofstream out(config);
    out << "MdFrontAddress: sim://\nTdFrontAddress: sim://\nBrokerID: \"9999\"\n"
        << "Host: 127.0.0.1\nPort: 0\nLogLevel: DEBUG\nConFilePath: " << (dir_ / "con").string()
        << "/\n"
        << extra_yaml << "\nSim: {DataDir: " << (dir_ / "sim_data").string()
        << (sim_yaml.empty() ? "" : ", ") << sim_yaml << "}\n";
  }
  int fd = -1;
  std::vector<std::string> args{"--config=" + config.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(executable, args, fd, limits);
  reader_ = std::thread([this, fd] { reader_loop(fd); });

  static const std::regex kListening(R"(listening on wss?://[^:]+:(\d+))");
  std::unique_lock lock(mutex_);
  std::smatch m;
  const bool ok = cv_.wait_for(lock, startup_timeout, [&] {
    return std::regex_search(output_, m, kListening) || output_closed_;
  });
  if (!ok || !std::regex_search(output_, m, kListening)) {
    const std::string out = output_;
    lock.unlock();
    stop(SIGKILL);
    if (reader_.joinable()) reader_.join();  // a constructor that throws runs no destructor
    throw std::runtime_error("service did not start: " + out);
  }
  port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
}

ServiceProcess::~ServiceProcess() {
  if (!exited_) stop(SIGKILL);
  if (reader_.joinable()) reader_.join();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool ServiceProcess::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, timeout, [&] {
    return output_.find(text) != std::string::npos || output_closed_;
  }) && output_.find(text) != std::string::npos;
}

void ServiceProcess::reader_loop(int fd) {
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    std::lock_guard lock(mutex_);
    output_.append(buf, static_cast<std::size_t>(n));
    cv_.notify_all();
  }
  ::close(fd);
  std::lock_guard lock(mutex_);
  output_closed_ = true;
  cv_.notify_all();
}

int ServiceProcess::stop(int signo, std::chrono::milliseconds timeout) {
  if (exited_) return status_;
  ::kill(pid_, signo);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);
      break;
    }
    std::this_thread::sleep_for(5ms);  // polling a child's exit; there is no fd to wait on
  }
  exited_ = true;
  return status_;
}

bool ServiceProcess::running() {
  if (exited_) return false;
  const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) exited_ = true;
  return !exited_;
}

std::string ServiceProcess::output() const {
  std::lock_guard lock(mutex_);
  return output_;
}

std::pair<int, std::string> ServiceProcess::run_to_exit(const std::string& executable,
                                                        const std::vector<std::string>& args) {
  int fd = -1;
  const pid_t pid = spawn(executable, args, fd);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out};
}

}  // namespace ctpgw::testkit
