// Durable storage of the simulated counter: SQLite in WAL mode under Sim.DataDir.
//
// Every acknowledged change is written in one transaction that commits before the counter lets
// its callbacks leave (begin() ... commit()). synchronous=NORMAL: a committed transaction
// survives the process being killed (kill -9); surviving power loss would need FULL.
// Checkpoints (copying the WAL into the database, with an fsync) run on a background thread with
// its own connection, so the commit path never waits for the disk.
// Opening refuses a file that is not a database of this schema, or is corrupt, with a message:
// the counter never silently starts empty over existing data. Simulator thread only.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "ctpgw/ctp_api/ctp_structs.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ctpgw::sim {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoredAccount {
  std::string investor_id;
  std::string password;
  double pre_balance = 0;
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

class CounterStore {
 public:
  explicit CounterStore(const std::filesystem::path& data_dir);
  /// A store that keeps nothing across restarts (benchmarks isolate matching from disk I/O).
  static std::unique_ptr<CounterStore> in_memory();
  ~CounterStore();
  CounterStore(const CounterStore&) = delete;
  CounterStore& operator=(const CounterStore&) = delete;

  void begin();
  void commit();

  std::int64_t counter(const std::string& name);  ///< 0 if never set
  void set_counter(const std::string& name, std::int64_t value);

  void put_account(const StoredAccount& a);
  void put_order(const StoredOrder& o);
  void put_trade(const StoredTrade& t);
  void put_lot(const StoredLot& l);  ///< volume 0 deletes the row

  std::vector<StoredAccount> accounts();
  std::vector<StoredOrder> orders();
  std::vector<StoredTrade> trades();
  std::vector<StoredLot> lots();

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  struct InMemory {};
  explicit CounterStore(InMemory);
  void open(const std::filesystem::path& data_dir);
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

  void checkpoint_loop();
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;
};

}  // namespace ctpgw::sim
