#include "ctpgw/sim/storage/counter_store.h"

#include "storage/counter_row_set.h"
#include "storage/sqlite_columns.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace ctpgw::sim {
namespace {

// 2: orders are keyed by OrderLocalID (rejected orders have no OrderSysID).
constexpr int kSchemaVersion = 3;

// The store is used from one thread per connection: SQLite's own locking and memory statistics
// only cost time (they showed as a tenth of an order's cost). Must run before SQLite initialises.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

}  // namespace

// The database side of the rows: what the applier (or, without a journal, the counter) writes.
class CounterStore::SqlWriter final : public RowSink {
 public:
  explicit SqlWriter(CounterStore& store) : store_(store) {}
  void put_account(const StoredAccount& a) override { store_.write_account(a); }
  void put_order(const StoredOrder& o) override { store_.write_order(o); }
  void put_trade(const StoredTrade& t) override { store_.write_trade(t); }
  void put_lot(const StoredLot& l) override { store_.write_lot(l); }
  void put_counter(const std::string& name, std::int64_t value) override {
    store_.write_counter(name, value);
  }
  void put_statement(const std::string& investor, const std::string& trading_day,
                     const std::string& text) override {
    store_.write_statement(investor, trading_day, text);
  }
  void put_confirm(const std::string& investor, const StoredConfirm& c) override {
    store_.write_confirm(investor, c);
  }
  void put_transfer(std::int64_t serial, const std::string& investor,
                    const std::string& trading_day, Money amount) override {
    store_.write_transfer(serial, investor, trading_day, amount);
  }

 private:
  CounterStore& store_;
};

CounterStore::CounterStore(const std::filesystem::path& data_dir, bool sync_commits)
    : path_(data_dir / "counter.db"),
      sql_(std::make_unique<SqlWriter>(*this)),
      batch_rows_(std::make_unique<RowSet>()) {
  configure_sqlite_once();
  try {
    open(data_dir);
    replay_journal(data_dir);
    journal_ =
        std::make_unique<JournalFile>(data_dir, layout_, sync_commits, applied_position().segment);
    // Segments before the first record still to apply are all in the database: deleted once
    // that is on the disk.
    if (database_durable()) {
      journal_->remove_before(pending_.empty() ? journal_->segment()
                                               : pending_.front()->end.segment);
    }
  } catch (...) {
    close_all();
    throw;
  }
  checkpointer_ = std::thread([this] { checkpoint_loop(); });
  applier_ = std::thread([this] { applier_loop(); });
}

CounterStore::CounterStore(InMemory)
    : path_(":memory:"),
      sql_(std::make_unique<SqlWriter>(*this)),
      batch_rows_(std::make_unique<RowSet>()) {
  configure_sqlite_once();
  if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    fail("cannot open");
  }
  create_schema();
}

std::unique_ptr<CounterStore> CounterStore::in_memory() {
  return std::unique_ptr<CounterStore>(new CounterStore(InMemory{}));
}

void CounterStore::open(const std::filesystem::path& data_dir) {
  lock_ = std::make_unique<DataDirLock>(data_dir);
  std::error_code ec;
  const bool is_new = !std::filesystem::exists(path_, ec);
  if (is_new) {
    // Created here, owner-only, so SQLite's -wal and -shm files inherit 0600.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      throw StoreError("cannot create '" + path_.string() + "': " + std::strerror(errno));
    }
    ::close(fd);
  } else {
    if (std::filesystem::file_size(path_, ec) == 0 && !ec) {
      throw StoreError("simulator storage '" + path_.string() +
                       "' is an empty file, not a counter database; it was left untouched "
                       "(only a missing file starts a new database: move it away to start over)");
    }
    ::chmod(path_.c_str(), 0600);
  }
  if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    fail("cannot open");
  }
  sqlite3_busy_timeout(db_, 2000);
  // Checked before anything is written: a foreign or damaged file stays exactly as it was.
  if (!is_new) check_existing_file();
  exec("PRAGMA journal_mode=WAL");
  // NORMAL: a commit is in the kernel, and on the disk after the next checkpoint. The applier
  // deletes journal segments only after a checkpoint that copied everything (database_durable()).
  // FULL (an fsync per group) stalled the order path's journal writes on the same disk: +20 us
  // on the round trip's median.
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA wal_autocheckpoint=0");  // checkpoint_loop() does it, off the commit path
  exec(("PRAGMA journal_size_limit=" + std::to_string(kWalSizeLimitBytes)).c_str());
  create_schema();
  if (sqlite3_open_v2(path_.c_str(), &checkpoint_db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    fail("cannot open a second connection for checkpoints");
  }
  sqlite3_busy_timeout(checkpoint_db_, 100);
  sqlite3_wal_hook(db_, &CounterStore::on_wal_commit, this);
}

void CounterStore::check_existing_file() {
  sqlite3_stmt* check = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA quick_check", -1, &check, nullptr) != SQLITE_OK) {
    fail("cannot be read as a database");
  }
  const int rc = sqlite3_step(check);
  const std::string result = rc == SQLITE_ROW ? text_column(check, 0) : std::string();
  sqlite3_finalize(check);
  if (rc != SQLITE_ROW) fail("cannot be read as a database");
  if (result != "ok") {
    throw StoreError("simulator storage '" + path_.string() + "' failed its integrity check (" +
                     result + "); it was left untouched");
  }
  sqlite3_stmt* meta = prepare(
      "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('meta','accounts',"
      "'orders','trades','lots')");
  const int tables = sqlite3_step(meta) == SQLITE_ROW ? sqlite3_column_int(meta, 0) : 0;
  sqlite3_finalize(meta);
  if (tables != 5) {
    throw StoreError("simulator storage '" + path_.string() +
                     "' is an SQLite database but not a counter database of this gateway; it "
                     "was left untouched (point Sim.DataDir elsewhere or move the file away)");
  }
}

void CounterStore::prepare_statements() {
  put_account_ = prepare("INSERT OR REPLACE INTO accounts VALUES(?,?,?)");
  put_order_ = prepare("INSERT OR REPLACE INTO orders VALUES(?,?,?,?,?,?)");
  put_trade_ = prepare("INSERT OR REPLACE INTO trades VALUES(?,?,?,?,?,?)");
  put_lot_ = prepare("INSERT OR REPLACE INTO lots VALUES(?,?,?,?,?,?,?,?,?,?)");
  del_lot_ = prepare("DELETE FROM lots WHERE trade_id=?");
  set_counter_ = prepare("INSERT OR REPLACE INTO meta VALUES(?,?)");
  begin_ = prepare("BEGIN IMMEDIATE");
  commit_ = prepare("COMMIT");
}

int CounterStore::on_wal_commit(void* self, sqlite3*, const char*, int frames) {
  if (frames >= kWalWakeFrames) static_cast<CounterStore*>(self)->wake_checkpointer();
  return SQLITE_OK;
}

void CounterStore::wake_checkpointer() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    wake_ = true;
  }
  checkpoint_cv_.notify_one();
}

void CounterStore::checkpoint_loop() {
  std::unique_lock lock(checkpoint_mutex_);
  while (!stopping_) {
    checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(500),
                            [this] { return stopping_ || wake_; });
    wake_ = false;
    lock.unlock();
    checkpoint();
    lock.lock();
  }
}

CheckpointStats CounterStore::checkpoint() {
  CheckpointStats stats;
  {
    std::lock_guard lock(checkpoint_db_mutex_);
    if (checkpoint_db_ == nullptr) return stats;
    // A connection only sees the WAL once it has read the database; without this read the
    // checkpoint silently does nothing (wal_frames stays -1).
    sqlite3_exec(checkpoint_db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    // PASSIVE never blocks the writer; whatever it cannot copy now is copied next time.
    sqlite3_wal_checkpoint_v2(checkpoint_db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &stats.wal_frames,
                              &stats.checkpointed_frames);
  }
  std::error_code ec;
  const auto wal = std::filesystem::file_size(path_.string() + "-wal", ec);
  std::lock_guard lock(health_mutex_);
  health_.wal_bytes = ec ? 0 : wal;
  ++health_.checkpoints;
  return stats;
}

void CounterStore::mark_failed(const std::string& what) {
  std::lock_guard lock(health_mutex_);
  health_.writable = false;
  health_.last_error = what;
}

void CounterStore::mark_written() {
  std::lock_guard lock(health_mutex_);
  health_.writable = true;
}

StoreHealth CounterStore::health() const {
  std::uint64_t backlog = 0;
  {
    std::lock_guard lock(pending_mutex_);
    backlog = pending_bytes_;
  }
  std::lock_guard lock(health_mutex_);
  StoreHealth h = health_;
  h.backlog_bytes = backlog;
  return h;
}

std::int64_t CounterStore::page_count() {
  std::lock_guard lock(db_mutex_);
  sqlite3_stmt* st = prepare("PRAGMA page_count");
  const std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

void CounterStore::set_max_page_count(std::int64_t pages) {
  std::lock_guard lock(db_mutex_);
  sqlite3_stmt* st = prepare(("PRAGMA max_page_count=" + std::to_string(pages)).c_str());
  sqlite3_step(st);
  sqlite3_finalize(st);
}

void CounterStore::create_schema() {
  exec(
      "CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL);"
      "CREATE TABLE IF NOT EXISTS accounts(investor TEXT PRIMARY KEY, password TEXT NOT NULL,"
      " pre_balance INTEGER NOT NULL);"
      "CREATE TABLE IF NOT EXISTS orders(order_key TEXT PRIMARY KEY, frozen_margin INTEGER NOT "
      "NULL,"
      " frozen_commission INTEGER NOT NULL, frozen_today INTEGER NOT NULL,"
      " frozen_yesterday INTEGER NOT NULL, data BLOB NOT NULL);"
      "CREATE TABLE IF NOT EXISTS trades(trade_id TEXT PRIMARY KEY, commission INTEGER NOT NULL,"
      " close_profit_by_date INTEGER NOT NULL, close_profit_by_trade INTEGER NOT NULL,"
      " closed_today INTEGER NOT NULL, data BLOB NOT NULL);"
      "CREATE TABLE IF NOT EXISTS lots(trade_id TEXT PRIMARY KEY, investor TEXT NOT NULL,"
      " instrument TEXT NOT NULL, direction TEXT NOT NULL, hedge TEXT NOT NULL,"
      " open_date TEXT NOT NULL, open_ticks INTEGER NOT NULL, settle_ticks INTEGER NOT NULL,"
      " volume INTEGER NOT NULL, sequence INTEGER NOT NULL);"
      "CREATE TABLE IF NOT EXISTS statements(investor TEXT NOT NULL, trading_day TEXT NOT NULL,"
      " content TEXT NOT NULL, PRIMARY KEY(investor, trading_day));"
      "CREATE TABLE IF NOT EXISTS confirms(investor TEXT PRIMARY KEY, trading_day TEXT NOT NULL,"
      " confirm_date TEXT NOT NULL, confirm_time TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS transfers(serial INTEGER PRIMARY KEY, investor TEXT NOT NULL,"
      " trading_day TEXT NOT NULL, amount INTEGER NOT NULL);");
  const std::int64_t version = counter("schema_version");
  const std::int64_t layout = counter("struct_layout");
  const std::int64_t expected_layout = static_cast<std::int64_t>(
      sizeof(ctp::CThostFtdcOrderField) * 100000 + sizeof(ctp::CThostFtdcTradeField));
  layout_ = expected_layout;
  if (version == 0) {
    set_counter("schema_version", kSchemaVersion);
    set_counter("struct_layout", expected_layout);
  } else if (version > kSchemaVersion || layout != expected_layout) {
    fail("was written by an incompatible version (schema " + std::to_string(version) + ")");
  } else if (version < kSchemaVersion) {
    migrate(version);
  }
  prepare_statements();
}

void CounterStore::migrate(std::int64_t from_version) {
  exec("BEGIN IMMEDIATE");
  if (from_version < 2) {
    // Version 1 keyed orders by OrderSysID. Accepted orders' OrderSysID equals their
    // OrderLocalID, so their keys stay valid; rejected ones had collapsed into one row.
    exec("ALTER TABLE orders RENAME COLUMN sys_id TO order_key");
  }
  if (from_version < 3) {
    // Versions 1-2 kept money as yuan in REAL columns; from 3 it is whole micro-yuan in INTEGER
    // columns (money.h). SQLite cannot change a column's type: each table is rebuilt.
    exec(
        "CREATE TABLE accounts3(investor TEXT PRIMARY KEY, password TEXT NOT NULL,"
        " pre_balance INTEGER NOT NULL);"
        "INSERT INTO accounts3 SELECT investor, password,"
        " CAST(ROUND(pre_balance*1000000) AS INTEGER) FROM accounts;"
        "DROP TABLE accounts; ALTER TABLE accounts3 RENAME TO accounts;"
        "CREATE TABLE orders3(order_key TEXT PRIMARY KEY, frozen_margin INTEGER NOT NULL,"
        " frozen_commission INTEGER NOT NULL, frozen_today INTEGER NOT NULL,"
        " frozen_yesterday INTEGER NOT NULL, data BLOB NOT NULL);"
        "INSERT INTO orders3 SELECT order_key, CAST(ROUND(frozen_margin*1000000) AS INTEGER),"
        " CAST(ROUND(frozen_commission*1000000) AS INTEGER), frozen_today, frozen_yesterday, data"
        " FROM orders ORDER BY rowid;"
        "DROP TABLE orders; ALTER TABLE orders3 RENAME TO orders;"
        "CREATE TABLE trades3(trade_id TEXT PRIMARY KEY, commission INTEGER NOT NULL,"
        " close_profit_by_date INTEGER NOT NULL, close_profit_by_trade INTEGER NOT NULL,"
        " closed_today INTEGER NOT NULL, data BLOB NOT NULL);"
        "INSERT INTO trades3 SELECT trade_id, CAST(ROUND(commission*1000000) AS INTEGER),"
        " CAST(ROUND(close_profit_by_date*1000000) AS INTEGER),"
        " CAST(ROUND(close_profit_by_trade*1000000) AS INTEGER), closed_today, data"
        " FROM trades ORDER BY rowid;"
        "DROP TABLE trades; ALTER TABLE trades3 RENAME TO trades;"
        "CREATE TABLE transfers3(serial INTEGER PRIMARY KEY, investor TEXT NOT NULL,"
        " trading_day TEXT NOT NULL, amount INTEGER NOT NULL);"
        "INSERT INTO transfers3 SELECT serial, investor, trading_day,"
        " CAST(ROUND(amount*1000000) AS INTEGER) FROM transfers;"
        "DROP TABLE transfers; ALTER TABLE transfers3 RENAME TO transfers;");
  }
  set_counter("schema_version", kSchemaVersion);
  exec("COMMIT");
}

CounterStore::~CounterStore() {
  {
    // The applier copies what is still waiting into the database before it stops; whatever
    // it cannot stays in the journal for the next start.
    std::lock_guard lock(pending_mutex_);
    stopping_applier_ = true;
  }
  applier_cv_.notify_all();
  if (applier_.joinable()) applier_.join();
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
  checkpoint();  // leave as little WAL behind as possible
  close_all();
}

void CounterStore::close_all() {
  for (sqlite3_stmt* st :
       {put_account_, put_order_, put_trade_, put_lot_, del_lot_, set_counter_, begin_, commit_}) {
    sqlite3_finalize(st);
  }
  // Every statement is finalised, so close cannot be refused and leak the connection.
  sqlite3_close(db_);
  db_ = nullptr;
  std::lock_guard lock(checkpoint_db_mutex_);
  sqlite3_close(checkpoint_db_);
  checkpoint_db_ = nullptr;
}

void CounterStore::fail(const std::string& what) {
  // sqlite3_errmsg() says "not an error" when the last call succeeded: add it only for a failure.
  const bool has_error = db_ != nullptr && sqlite3_errcode(db_) != SQLITE_OK;
  throw StoreError("simulator storage '" + path_.string() + "' " + what +
                   (has_error ? std::string(": ") + sqlite3_errmsg(db_) : std::string()));
}

void CounterStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string text = err != nullptr ? err : "?";
    sqlite3_free(err);
    throw StoreError("simulator storage '" + path_.string() + "': " + text);
  }
}

sqlite3_stmt* CounterStore::prepare(const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) fail("cannot prepare statement");
  return st;
}

void CounterStore::begin() {
  if (journal_) {
    batch_rows_->clear();
    in_batch_ = true;
    return;
  }
  exec("BEGIN IMMEDIATE");
  changes_at_begin_ = sqlite3_total_changes64(db_);
}

bool CounterStore::commit() {
  if (!journal_) {
    const bool wrote = sqlite3_total_changes64(db_) != changes_at_begin_;
    exec("COMMIT");
    return wrote;
  }
  in_batch_ = false;
  if (batch_rows_->empty()) return false;
  batch_.clear();
  batch_rows_->emit(batch_);
  batch_rows_->clear();
  make_room_for(batch_.bytes().size());
  const JournalPosition end = journal_->append(batch_.bytes());
  auto pending = std::make_unique<Pending>(Pending{end, batch_.take()});
  bool wake = false;
  {
    std::lock_guard lock(pending_mutex_);
    pending_bytes_ += pending->rows.size();
    pending_.push_back(std::move(pending));
    wake = pending_.size() == kApplierWakeBatches;
  }
  if (wake) applier_cv_.notify_one();
  return true;
}

void CounterStore::rollback() noexcept {
  batch_rows_->clear();
  in_batch_ = false;
  if (!journal_ && db_ != nullptr && sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  counters_.clear();  // the cache may hold values that were just rolled back
}

namespace {
// The write_* functions bind their row's fields with SQLITE_STATIC (no copy, no allocation per
// value): run() steps, resets and clears the bindings before the row can go away.
void run(sqlite3* db, sqlite3_stmt* st, const std::filesystem::path& path) {
  const int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (rc != SQLITE_DONE) {
    throw StoreError("simulator storage '" + path.string() + "': " + sqlite3_errmsg(db));
  }
}
}  // namespace

void CounterStore::write_counter(const std::string& name, std::int64_t value) {
  sqlite3_stmt* st =
      set_counter_ != nullptr ? set_counter_ : prepare("INSERT OR REPLACE INTO meta VALUES(?,?)");
  sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, value);
  run(db_, st, path_);
  if (st != set_counter_) sqlite3_finalize(st);
}

void CounterStore::write_account(const StoredAccount& a) {
  sqlite3_bind_text(put_account_, 1, a.investor_id.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_account_, 2, a.password.c_str(), -1, SQLITE_STATIC);
  bind_money(put_account_, 3, a.pre_balance);
  run(db_, put_account_, path_);
}

void CounterStore::write_order(const StoredOrder& o) {
  // OrderLocalID is unique for every order; OrderSysID is empty for exchange-rejected ones.
  sqlite3_bind_text(put_order_, 1, o.order.OrderLocalID, -1, SQLITE_STATIC);
  bind_money(put_order_, 2, o.frozen_margin);
  bind_money(put_order_, 3, o.frozen_commission);
  sqlite3_bind_int(put_order_, 4, o.frozen_today);
  sqlite3_bind_int(put_order_, 5, o.frozen_yesterday);
  bind_struct(put_order_, 6, o.order);
  run(db_, put_order_, path_);
}

void CounterStore::write_trade(const StoredTrade& t) {
  sqlite3_bind_text(put_trade_, 1, t.trade.TradeID, -1, SQLITE_STATIC);
  bind_money(put_trade_, 2, t.commission);
  bind_money(put_trade_, 3, t.close_profit_by_date);
  bind_money(put_trade_, 4, t.close_profit_by_trade);
  sqlite3_bind_int(put_trade_, 5, t.closed_today);
  bind_struct(put_trade_, 6, t.trade);
  run(db_, put_trade_, path_);
}

void CounterStore::write_lot(const StoredLot& l) {
  if (l.volume <= 0) {
    sqlite3_bind_text(del_lot_, 1, l.trade_id.c_str(), -1, SQLITE_STATIC);
    run(db_, del_lot_, path_);
    return;
  }
  const std::string direction(1, l.direction), hedge(1, l.hedge);
  sqlite3_bind_text(put_lot_, 1, l.trade_id.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_lot_, 2, l.investor_id.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_lot_, 3, l.instrument_id.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_lot_, 4, direction.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_lot_, 5, hedge.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_lot_, 6, l.open_date.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_int64(put_lot_, 7, l.open_ticks);
  sqlite3_bind_int64(put_lot_, 8, l.settle_ticks);
  sqlite3_bind_int(put_lot_, 9, l.volume);
  sqlite3_bind_int64(put_lot_, 10, l.sequence);
  run(db_, put_lot_, path_);
}

// ---- writes: into the batch (journal) or the database -----------------------------------------

template <class F>
void CounterStore::write(F&& f) {
  if (!journal_) {
    f(*sql_);
    return;
  }
  const bool own = !in_batch_;  // a write outside begin()/commit() is a batch of its own
  if (own) begin();
  f(static_cast<RowSink&>(*batch_rows_));
  if (own) commit();
}

void CounterStore::set_counter(const std::string& name, std::int64_t value) {
  // Written once per commit by the counter: skip values that did not change.
  if (auto it = counters_.find(name); it != counters_.end() && it->second == value) return;
  write([&](RowSink& s) { s.put_counter(name, value); });
  counters_[name] = value;
}
void CounterStore::put_account(const StoredAccount& a) {
  write([&](RowSink& s) { s.put_account(a); });
}
void CounterStore::put_order(const StoredOrder& o) {
  write([&](RowSink& s) { s.put_order(o); });
}
void CounterStore::put_trade(const StoredTrade& t) {
  write([&](RowSink& s) { s.put_trade(t); });
}
void CounterStore::put_lot(const StoredLot& l) {
  write([&](RowSink& s) { s.put_lot(l); });
}
void CounterStore::put_statement(const std::string& investor, const std::string& trading_day,
                                 const std::string& text) {
  write([&](RowSink& s) { s.put_statement(investor, trading_day, text); });
}
void CounterStore::put_confirm(const std::string& investor, const StoredConfirm& c) {
  write([&](RowSink& s) { s.put_confirm(investor, c); });
}
void CounterStore::put_transfer(std::int64_t serial, const std::string& investor,
                                const std::string& trading_day, Money amount) {
  write([&](RowSink& s) { s.put_transfer(serial, investor, trading_day, amount); });
}

}  // namespace ctpgw::sim
