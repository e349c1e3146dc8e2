#include "ctpgw/sim/storage/data_dir_lock.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "ctpgw/sim/storage/store_error.h"

namespace ctpgw::sim {
namespace {

std::string errno_text() {
  return std::strerror(errno);
}

}  // namespace

DataDirLock::DataDirLock(const std::filesystem::path& dir) {
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError("cannot create data directory '" + dir.string() + "': " + ec.message());
  if (created) {
    // Account data and passwords live here: owner only.
    ::chmod(dir.c_str(), 0700);
  } else {
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      spdlog::warn("data directory '{}' is accessible to other users (mode {:o}); 0700 is advised",
                   dir.string(), st.st_mode & 0777);
    }
  }
  const std::filesystem::path path = dir / "LOCK";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw StoreError("cannot open lock file '" + path.string() + "': " + errno_text());
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char buf[32] = {};
    const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK) {
      throw StoreError("data directory '" + dir.string() + "' is in use by another process (PID " +
                       (holder.empty() ? std::string("unknown") : holder) +
                       "); two counters must not share one data directory");
    }
    throw StoreError("cannot lock '" + path.string() + "': " + std::strerror(err));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The lock itself is held; only the message for a second process would lack the PID.
    spdlog::warn("cannot write the PID into '{}': {}", path.string(), errno_text());
  }
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace ctpgw::sim
