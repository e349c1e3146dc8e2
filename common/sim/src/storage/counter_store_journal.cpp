// The journal side of the counter's store: start-up replay, the applier thread that copies
// committed batches into the database, and the not yet applied batches for readers.
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <mutex>

#include "ctpgw/sim/storage/counter_store.h"
#include "storage/counter_row_set.h"

namespace ctpgw::sim {
namespace {

// How long the database may lag the journal when nothing else wakes the applier: a larger
// group is one transaction for more batches (fewer page writes), a shorter one a smaller backlog.
constexpr auto kApplyInterval = std::chrono::milliseconds(50);
// Retry cadence while the database refuses writes (full disk).
constexpr auto kRetryInterval = std::chrono::milliseconds(500);

constexpr int kBackgroundNice = 10;
// How long a commit waits for a healthy but slower database writer before it is refused.
constexpr auto kBackpressureLimit = std::chrono::seconds(10);

}  // namespace

JournalPosition CounterStore::applied_position() {
  return {static_cast<std::uint64_t>(counter("journal_segment")),
          static_cast<std::uint64_t>(counter("journal_offset"))};
}

void CounterStore::replay_journal(const std::filesystem::path& dir) {
  // What the journal holds past the database's position waits for the applier like any new
  // commit: the store opens even when the database cannot take it yet (full disk), and reads
  // see it at once.
  std::uint64_t ignored = 0;
  auto records = JournalFile::read(dir, layout_, applied_position(), &ignored);
  if (ignored > 0) {
    spdlog::warn(
        "simulator journal: {} bytes of unfinished writes at segment ends ignored (a write the "
        "process did not finish; nothing in them was acknowledged)",
        ignored);
  }
  for (JournalRecord& r : records) {
    pending_bytes_ += r.payload.size();
    pending_.push_back(std::make_unique<Pending>(Pending{r.end, std::move(r.payload)}));
  }
  if (!records.empty()) {
    spdlog::info("simulator storage: {} committed batches from the journal go into the database",
                 records.size());
  }
}

void CounterStore::applier_loop() {
  // Background work: on a busy machine the order path's threads go first. (Linux: nice applies
  // per thread.)
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kBackgroundNice);
  std::unique_lock lock(pending_mutex_);
  for (;;) {
    applier_cv_.wait_for(lock, applier_failing_ ? kRetryInterval : kApplyInterval, [this] {
      return stopping_applier_ || wake_applier_ || pending_.size() >= kApplierWakeBatches;
    });
    wake_applier_ = false;
    const bool stopping = stopping_applier_;
    if (pending_.empty()) {
      if (stopping) return;
      continue;
    }
    lock.unlock();
    const bool applied = apply_pending();
    lock.lock();
    if (stopping && !applied) return;  // what is left stays in the journal for the next start
  }
}

bool CounterStore::database_durable() {
  // A complete checkpoint syncs the WAL, copies it into the database and syncs that: every
  // commit so far is on the disk. Once per journal segment (8 MiB), so its cost does not count.
  // Through checkpoint(): one checkpointer at a time (two at once make one fail as busy).
  const CheckpointStats stats = checkpoint();
  return stats.wal_frames >= 0 && stats.wal_frames == stats.checkpointed_frames;
}

void CounterStore::make_room_for(std::size_t bytes) {
  std::unique_lock lock(pending_mutex_);
  const auto fits = [&] { return pending_.empty() || pending_bytes_ + bytes <= backlog_limit_; };
  if (fits()) return;
  // The database is behind. While its writer is healthy that is only speed: wait for it (flow
  // control: an overloaded counter answers late); while it is failing, refuse.
  wake_applier_ = true;
  applier_cv_.notify_one();
  applied_cv_.wait_for(lock, kBackpressureLimit, [&] { return applier_failing_ || fits(); });
  if (fits()) return;
  const std::size_t waiting = pending_bytes_;
  lock.unlock();
  const std::string cause = health().last_error;
  throw StoreError("simulator storage '" + path_.string() + "': " + std::to_string(waiting) +
                   " bytes of committed changes wait for the database, which cannot take them" +
                   (cause.empty() ? std::string() : " (" + cause + ")"));
}

bool CounterStore::apply_pending() {
  // Only the simulator thread adds batches, at the back; the ones seen here stay where they are.
  std::vector<const Pending*> group;
  {
    std::lock_guard lock(pending_mutex_);
    for (const auto& p : pending_) group.push_back(p.get());
  }
  // One write per key for the whole group: an order updated in ten batches is written once.
  RowSet rows;
  for (const Pending* p : group) replay_batch(p->rows, rows);
  std::unique_lock db_lock(db_mutex_);
  try {
    exec("BEGIN IMMEDIATE");
    rows.emit(*sql_);
    write_counter("journal_segment", static_cast<std::int64_t>(group.back()->end.segment));
    write_counter("journal_offset", static_cast<std::int64_t>(group.back()->end.offset));
    exec("COMMIT");
  } catch (const std::exception& e) {
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    db_lock.unlock();
    bool first = false;
    {
      std::lock_guard lock(pending_mutex_);
      first = !applier_failing_;
      applier_failing_ = true;
    }
    if (first) {
      spdlog::error(
          "{}; committed changes are kept in the journal and copied into the database once "
          "it can take them",
          e.what());
    }
    mark_failed(e.what());
    applied_cv_.notify_all();
    return false;
  }
  db_lock.unlock();
  const JournalPosition end = group.back()->end;
  bool recovered = false;
  {
    std::lock_guard lock(pending_mutex_);
    recovered = applier_failing_;
  }
  if (recovered) mark_written();  // before waiters see the backlog gone
  {
    std::lock_guard lock(pending_mutex_);
    for (std::size_t i = 0; i < group.size(); ++i) {
      pending_bytes_ -= pending_.front()->rows.size();
      pending_.pop_front();
    }
    applier_failing_ = false;
  }
  applied_cv_.notify_all();
  if (recovered) spdlog::info("simulator storage '{}' takes writes again", path_.string());
  // Whole segments before this one are in the database; delete them once that is on the disk.
  if (journal_->has_segments_before(end.segment) && database_durable()) {
    journal_->remove_before(end.segment);
  }
  return true;
}

bool CounterStore::wait_applied(std::chrono::milliseconds timeout) {
  if (!journal_) return true;
  std::unique_lock lock(pending_mutex_);
  wake_applier_ = true;
  applier_cv_.notify_one();
  return applied_cv_.wait_for(lock, timeout, [this] { return pending_.empty(); });
}

std::unique_ptr<RowSet> CounterStore::pending_rows() {
  auto rows = std::make_unique<RowSet>();
  std::lock_guard lock(pending_mutex_);
  for (const auto& p : pending_) replay_batch(p->rows, *rows);
  return rows;
}

}  // namespace ctpgw::sim
