// Durable storage of the simulated counter: SQLite in WAL mode under Sim.DataDir.
//
// Every acknowledged change is written in one transaction that commits before the counter lets
// its callbacks leave (begin() ... commit()). synchronous=NORMAL: a committed transaction
// survives the process being killed (kill -9); surviving power loss would need FULL.
// Checkpoints (copying the WAL into the database, with an fsync) run on a background thread with
// its own connection, so the commit path never waits for the disk: every 500 ms, and at once
// when a commit leaves more than kWalWakeFrames frames in the WAL. After a complete checkpoint
// the next commit rewinds the WAL, which is truncated to kWalSizeLimitBytes, so the file stays
// bounded however long the process runs (docs/simulator.md, "Storage").
// Opening refuses a file that is not a database of this schema, is empty, foreign or corrupt,
// with a message and without writing to it: only a missing file means a new database. The data
// directory is locked for the life of the store (DataDirLock) and created 0700; files are 0600.
// Simulator thread only, except checkpoint() and health(), which any thread may call.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
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

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/sim/data_dir_lock.h"
#include "ctpgw/sim/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ctpgw::sim {

struct StoredAccount {
  std::string investor_id;
  std::string password;  ///< password_hash.h's format; "" only in data of old versions
  double pre_balance = 0;
};

/// An investor's latest confirmation of a settlement statement.
struct StoredConfirm {
  std::string trading_day;  ///< the trading day it was confirmed for
  std::string date, time;   ///< when (ConfirmDate, ConfirmTime)
};

struct StoredOrder {
  ctp::CThostFtdcOrderField order{};
  double frozen_margin = 0;
  double frozen_commission = 0;
  int frozen_today = 0;  ///< close lots still frozen (today / yesterday)
  int frozen_yesterday = 0;
};

struct StoredTrade {
  ctp::CThostFtdcTradeField trade{};
  double commission = 0;
  double close_profit_by_date = 0;
  double close_profit_by_trade = 0;
  int closed_today = 0;  ///< lots of this (closing) trade that hit today's positions
};

/// One opening trade's remaining lots (a position-detail row).
struct StoredLot {
  std::string trade_id;
  std::string investor_id;
  std::string instrument_id;
  char direction = '0';
  char hedge = '1';
  std::string open_date;  ///< trading day of the opening trade
  std::int64_t open_ticks = 0;
  std::int64_t settle_ticks = 0;  ///< last settlement reference: open price, then pre-settlement
  int volume = 0;
  std::int64_t sequence = 0;  ///< FIFO order
};

/// What /health shows of the storage.
struct StoreHealth {
  bool writable = true;         ///< false after a failed write, until a commit succeeds again
  std::uint64_t wal_bytes = 0;  ///< size of the -wal file after the last checkpoint
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

  explicit CounterStore(const std::filesystem::path& data_dir);
  /// A store that keeps nothing across restarts (benchmarks isolate matching from disk I/O).
  static std::unique_ptr<CounterStore> in_memory();
  ~CounterStore();
  CounterStore(const CounterStore&) = delete;
  CounterStore& operator=(const CounterStore&) = delete;

  void begin();
  /// True when the transaction changed rows (an empty commit proves nothing about the disk).
  bool commit();
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
                    const std::string& trading_day, double amount);
  /// (investor, amount) of every transfer of the trading day.
  std::vector<std::pair<std::string, double>> transfers(const std::string& trading_day);
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
