// Exclusive ownership of a simulator data directory for the life of the process.
//
// Two counters writing one SQLite database would hand out the same OrderSysIDs and TradeIDs and
// overwrite each other's rows, so the second one must not start. The lock is an flock() on
// DIR/LOCK, which the kernel releases when the process dies (kill -9 included), so a stale file
// never blocks a restart. The holder's PID is written into the file for the refusal message.
#pragma once

#include <filesystem>

namespace ctpgw::sim {

class DataDirLock {
 public:
  /// Creates DIR (mode 0700) if missing and takes the lock; throws StoreError naming the
  /// holder's PID when another process has it.
  explicit DataDirLock(const std::filesystem::path& dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace ctpgw::sim
