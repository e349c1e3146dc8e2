// File-descriptor exhaustion: detecting it, and a reserve given up when it happens. No
// websocketpp here; included by ws_server.cpp only.
#pragma once

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace ctpgw::net {

/// Whether this process is out of file descriptors right now (what a failed accept usually
/// means; websocketpp reports it only as a generic transport error).
inline const char* fd_exhaustion() {
  const int probe = ::dup(STDERR_FILENO);
  if (probe >= 0) {
    ::close(probe);
    return nullptr;
  }
  if (errno == EMFILE) return "the process is out of file descriptors (EMFILE)";
  if (errno == ENFILE) return "the system is out of file descriptors (ENFILE)";
  return nullptr;
}

/// Descriptors held back while all is well and given up when the process runs out, so that
/// what must still work then (closing, logging, storage, the sanitizers' memory probes) has
/// room while accepting is paused.
class FdReserve {
 public:
  explicit FdReserve(int count) : wanted_(count) { acquire(); }
  ~FdReserve() { release(); }
  FdReserve(const FdReserve&) = delete;
  FdReserve& operator=(const FdReserve&) = delete;

  /// True once all are held.
  bool acquire() {
    while (static_cast<int>(fds_.size()) < wanted_) {
      const int fd = ::eventfd(0, EFD_CLOEXEC);  // needs no file system (chroots, containers)
      if (fd < 0) return false;
      fds_.push_back(fd);
    }
    return true;
  }
  void release() {
    for (const int fd : fds_) ::close(fd);
    fds_.clear();
  }

 private:
  int wanted_;
  std::vector<int> fds_;
};

}  // namespace ctpgw::net
