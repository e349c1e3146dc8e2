// Durable storage of the simulated counter under Sim.DataDir: an append-only journal in front
// of an SQLite database (WAL mode). ADR 0008.
//
// A batch of changes (begin() ... commit()) is one journal record, written with one write()
// before the counter lets the batch's callbacks leave: a committed batch survives the process
// being killed (kill -9); with sync_commits it is also flushed to the disk (fdatasync) and
// survives a power cut. A background thread (the applier) copies committed batches into the
// database in groups, one transaction per group with the journal position it reached, and
// deletes segments once a complete checkpoint has put the database on the disk. Start-up hands
// what the journal holds past that position to the applier. Reads see the database plus the
// batches still waiting: they wait at most for the group being written, never for the backlog.
// A commit waits while a healthy applier lags more than backlog_limit(); while the applier is
// failing (full disk) commits go on into the journal up to that limit, then fail. The
// in-memory store (benchmarks) has no journal and writes to SQLite inside the transaction.
// Checkpoints also run on their own thread and connection: every 500 ms, and at once when a
// commit leaves more than kWalWakeFrames frames in the WAL; the WAL stays bounded by
// kWalSizeLimitBytes (docs/simulator.md, "Storage").
// Opening refuses a file that is not a database of this schema, is empty, foreign or corrupt,
// with a message and without writing to it: only a missing file means a new database. The data
// directory is locked for the life of the store (DataDirLock) and created 0700; files are 0600.
// Simulator thread only, except checkpoint(), health() and wait_applied(), which any thread may
// call.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "ctpgw/sim/storage/counter_journal.h"
#include "ctpgw/sim/storage/counter_rows.h"
#include "ctpgw/sim/storage/data_dir_lock.h"
#include "ctpgw/sim/storage/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ctpgw::sim {

class RowSet;

/// What /health shows of the storage.
struct StoreHealth {
  bool writable = true;         ///< false after a failed write, until a commit succeeds again
  std::uint64_t wal_bytes = 0;  ///< size of the -wal file after the last checkpoint
  /// Committed changes (journal bytes) the database has not taken yet.
  std::uint64_t backlog_bytes = 0;
  std::uint64_t checkpoints = 0;
  std::string last_error;
};

/// Frames in the WAL and frames copied into the database by one checkpoint (-1: no WAL).
struct CheckpointStats {
  int wal_frames = -1;
  int checkpointed_frames = -1;
};

class CounterStore {
 public:
  static constexpr int kWalWakeFrames = 1024;                          ///< 4 MiB of 4 KiB pages
  static constexpr std::int64_t kWalSizeLimitBytes = 4 * 1024 * 1024;  ///< after a rewind

  static constexpr std::size_t kDefaultBacklogLimit = 64 * 1024 * 1024;
  /// Batches waiting for the database that wake the applier before its interval.
  static constexpr std::size_t kApplierWakeBatches = 512;

  explicit CounterStore(const std::filesystem::path& data_dir, bool sync_commits = false);
  /// A store that keeps nothing across restarts (benchmarks isolate matching from disk I/O).
  static std::unique_ptr<CounterStore> in_memory();
  ~CounterStore();
  CounterStore(const CounterStore&) = delete;
  CounterStore& operator=(const CounterStore&) = delete;

  void begin();
  /// True when the transaction changed rows (an empty commit proves nothing about the disk).
  /// Throws StoreError when the batch could not be made durable: nothing of it is kept.
  bool commit();
  /// Blocks until the database holds every committed batch (false: the applier is failing).
  bool wait_applied(std::chrono::milliseconds timeout);
  /// Bytes of committed batches the database may lag behind before commits fail.
  void set_backlog_limit(std::size_t bytes) { backlog_limit_ = bytes; }
  /// Abandons the open transaction (if any) after a failed write; never throws.
  void rollback() noexcept;

  /// Records a failed write / a successful commit for health().
  void mark_failed(const std::string& what);
  void mark_written();
  StoreHealth health() const;
  /// Copies the WAL into the database now (PASSIVE: never blocks the writer). Any thread.
  CheckpointStats checkpoint();
  /// Pages in the database; with set_max_page_count() tests make the "disk" full.
  std::int64_t page_count();
  void set_max_page_count(std::int64_t pages);

  std::int64_t counter(const std::string& name);  ///< 0 if never set
  void set_counter(const std::string& name, std::int64_t value);

  void put_account(const StoredAccount& a);
  void put_order(const StoredOrder& o);
  void put_trade(const StoredTrade& t);
  void put_lot(const StoredLot& l);  ///< volume 0 deletes the row

  /// Settlement statements (UTF-8 text) by investor and trading day.
  void put_statement(const std::string& investor, const std::string& trading_day,
                     const std::string& text);
  /// The statement of `trading_day` ("": the latest); nullopt if there is none.
  std::optional<std::pair<std::string, std::string>> statement(const std::string& investor,
                                                               const std::string& trading_day);
  void put_confirm(const std::string& investor, const StoredConfirm& c);
  /// Deposits (amount > 0) and withdrawals (< 0) of the fund account, by serial.
  void put_transfer(std::int64_t serial, const std::string& investor,
                    const std::string& trading_day, Money amount);
  /// (investor, amount) of every transfer of the trading day.
  std::vector<std::pair<std::string, Money>> transfers(const std::string& trading_day);
  std::optional<StoredConfirm> confirm(const std::string& investor);

  std::vector<StoredAccount> accounts();
  std::vector<StoredOrder> orders();
  std::vector<StoredTrade> trades();
  std::vector<StoredLot> lots();

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  struct InMemory {};
  explicit CounterStore(InMemory);
  void open(const std::filesystem::path& data_dir);
  void check_existing_file();
  void migrate(std::int64_t from_version);
  void create_schema();
  void prepare_statements();
  void close_all();
  void exec(const char* sql);
  sqlite3_stmt* prepare(const char* sql);
  [[noreturn]] void fail(const std::string& what);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* put_account_ = nullptr;
  sqlite3_stmt* put_order_ = nullptr;
  sqlite3_stmt* put_trade_ = nullptr;
  sqlite3_stmt* put_lot_ = nullptr;
  sqlite3_stmt* del_lot_ = nullptr;
  sqlite3_stmt* set_counter_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  std::map<std::string, std::int64_t> counters_;  ///< last written values
  std::int64_t changes_at_begin_ = 0;
  std::int64_t layout_ = 0;  ///< the rows' binary layout (sizes of the CTP structs)

  // SQLite writers of the rows (applier thread, or the simulator thread without a journal).
  class SqlWriter;
  std::unique_ptr<RowSink> sql_;
  void write_account(const StoredAccount& a);
  void write_order(const StoredOrder& o);
  void write_trade(const StoredTrade& t);
  void write_lot(const StoredLot& l);
  void write_counter(const std::string& name, std::int64_t value);
  void write_statement(const std::string& investor, const std::string& trading_day,
                       const std::string& text);
  void write_confirm(const std::string& investor, const StoredConfirm& c);
  void write_transfer(std::int64_t serial, const std::string& investor,
                      const std::string& trading_day, Money amount);
  /// Runs `f` on the batch (journal) or the database; outside begin()/commit() as its own batch.
  template <class F>
  void write(F&& f);

  // The journal and its applier (counter_store_journal.cpp).
  struct Pending {
    JournalPosition end;
    std::string rows;
  };
  /// The batches not yet in the database, decoded for a read (the caller holds db_mutex_).
  std::unique_ptr<RowSet> pending_rows();
  void replay_journal(const std::filesystem::path& dir);
  void applier_loop();
  /// True when every commit is in the database file on the disk (runs a checkpoint).
  bool database_durable();
  /// Waits while the database lags more than backlog_limit_ behind and its writer is healthy;
  /// throws StoreError if it is failing (or still behind after a while).
  void make_room_for(std::size_t bytes);
  bool apply_pending();
  JournalPosition applied_position();
  std::unique_ptr<JournalFile> journal_;
  std::unique_ptr<RowSet> batch_rows_;  ///< the open batch's rows, the last write of each key
  JournalBatch batch_;                  ///< their encoding, at commit
  bool in_batch_ = false;
  std::size_t backlog_limit_ = kDefaultBacklogLimit;
  std::mutex db_mutex_;  ///< db_ between the applier and the readers
  mutable std::mutex pending_mutex_;
  std::condition_variable applier_cv_;
  std::condition_variable applied_cv_;
  std::deque<std::unique_ptr<Pending>> pending_;
  std::size_t pending_bytes_ = 0;
  bool applier_failing_ = false;
  bool stopping_applier_ = false;
  bool wake_applier_ = false;
  std::thread applier_;

  void checkpoint_loop();
  void wake_checkpointer();
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int frames);
  std::unique_ptr<DataDirLock> lock_;
  sqlite3* checkpoint_db_ = nullptr;  ///< the checkpointer's own connection
  std::mutex checkpoint_db_mutex_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  bool wake_ = false;
  std::thread checkpointer_;

  mutable std::mutex health_mutex_;
  StoreHealth health_;
};

}  // namespace ctpgw::sim
