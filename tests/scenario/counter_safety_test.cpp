// The counter under attack and on bad storage: passwords that must never act as wildcards,
// identities a client may not borrow, numbers that must not reach integer conversions, orders
// that must all survive a restart, a WAL that stays bounded, a full disk and a second process.
#include <sqlite3.h>
#include <sys/stat.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "counter_fixture.h"
#include "ctpgw/sim/accounts/password_hash.h"

namespace ctpgw::sim::testing {
namespace {

using V = std::vector<std::string>;
using ctp::ErrorCode;

TEST_F(CounterFixture, AnEmptyPasswordNeverLogsInAndIsNeverStored) {
  EXPECT_EQ(counter_->login("000002", ""), ErrorCode::InvalidLogin);  // no account from ""
  EXPECT_EQ(counter_->account_count(), 1u);
  EXPECT_EQ(counter_->change_password(ctx_.investor_id, "pw", ""), ErrorCode::WeakPassword);
  EXPECT_EQ(counter_->login(ctx_.investor_id, ""), ErrorCode::InvalidLogin);
  EXPECT_EQ(counter_->login(ctx_.investor_id, "anything"), ErrorCode::InvalidLogin);
  EXPECT_EQ(counter_->login(ctx_.investor_id, "pw"), ErrorCode::None);
  for (const char* weak : {"abc", "123456", "abcdefgh", "12345"}) {
    EXPECT_EQ(counter_->change_password(ctx_.investor_id, "pw", weak), ErrorCode::WeakPassword)
        << weak;
  }
  reopen();  // nothing of the refused changes was stored
  EXPECT_EQ(counter_->login(ctx_.investor_id, "anything"), ErrorCode::InvalidLogin);
}

TEST_F(CounterFixture, ASessionAttachedTwiceGetsEachPushOnce) {
  counter_->attach(ctx_.investor_id, recorder_);
  counter_->attach(ctx_.investor_id, recorder_);
  const auto ev = insert(order("rb2705").buy().limit(ask("rb2705")).volume(1));
  EXPECT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:30", "RtnTrade"}));
}

TEST_F(CounterFixture, OrdersMayNotBorrowAnotherBrokerOrUser) {
  auto other_user = order("rb2705").buy().limit(bid("rb2705"));
  ctp::set_text(other_user.f.UserID, "000009");
  EXPECT_EQ(types(insert(other_user)), (V{"RspOrderInsert:15", "ErrRtnOrderInsert:15"}));
  auto other_broker = order("rb2705").buy().limit(bid("rb2705"));
  ctp::set_text(other_broker.f.BrokerID, "8888");
  EXPECT_EQ(types(insert(other_broker)), (V{"RspOrderInsert:15", "ErrRtnOrderInsert:15"}));
  auto own = order("rb2705").buy().limit(bid("rb2705"));
  ctp::set_text(own.f.BrokerID, ctx_.broker_id);
  ctp::set_text(own.f.UserID, ctx_.investor_id);
  EXPECT_EQ(types(insert(own)), (V{"RtnOrder:0a", "RtnOrder:33"}));
  EXPECT_STREQ(recorder_->events[1].order.UserID, ctx_.investor_id.c_str());
}

TEST_F(CounterFixture, OrderRefOverflowIsRefusedNotWrapped) {
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705")).ref("999999999999"))),
            (V{"RtnOrder:0a", "RtnOrder:33"}));
  // The next automatic ref would need 13 digits: refused (22), never truncated.
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705")))),
            (V{"RspOrderInsert:22", "ErrRtnOrderInsert:22"}));
  EXPECT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705")))),
            (V{"RspOrderInsert:22", "ErrRtnOrderInsert:22"}));
  EXPECT_EQ(counter_->query_orders(ctx_, {}).size(), 1u);
}

TEST_F(CounterFixture, HugeAndNonFinitePricesAreRefusedBeforeAnyArithmetic) {
  for (double price : {1e308, -1e308, 1e13, std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_EQ(types(insert(order("rb2705").buy().limit(price))),
              (V{"RspOrderInsert:95", "ErrRtnOrderInsert:95"}))
        << price;
  }
  EXPECT_TRUE(counter_->query_orders(ctx_, {}).empty());
}

TEST_F(CounterFixture, ExchangeRejectedOrdersAllSurviveARestart) {
  for (int i = 0; i < 6; ++i) {
    const auto ev = insert(order("rb2705").buy().limit(ask("rb2705") * 2));
    ASSERT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:45"}));
  }
  insert(order("rb2705").buy().limit(bid("rb2705")));  // one that rests
  ASSERT_EQ(counter_->query_orders(ctx_, {}).size(), 7u);
  reopen();
  const auto orders = counter_->query_orders(ctx_, {});
  ASSERT_EQ(orders.size(), 7u);
  std::set<std::string> local_ids;
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(orders[i].OrderStatus, '5');
    EXPECT_EQ(orders[i].OrderSubmitStatus, '4');
    EXPECT_EQ(ctp::utf8_of(orders[i].StatusMsg), "报单价格超出涨跌停板范围");
    local_ids.insert(orders[i].OrderLocalID);
  }
  EXPECT_EQ(local_ids.size(), 6u);
  EXPECT_EQ(orders[6].OrderStatus, '3');
}

TEST_F(CounterFixture, CheckpointsKeepTheWalBounded) {
  const auto wal = dir_ / "counter.db-wal";
  for (int i = 0; i < 5000; ++i) {
    // A resting buy and its cancel: two commits, and no money stays frozen.
    const auto ev = insert(order("rb2705").buy().limit(bid("rb2705")));
    ASSERT_EQ(types(ev), (V{"RtnOrder:0a", "RtnOrder:33"}));
    ASSERT_EQ(cancel_by_sys_id(ev[1].sys_id, "SHFE").size(), 1u);
    if (i % 250 == 249) {
      // The database writer has copied the journal's batches; then what the checkpoint thread
      // does every 500 ms (or sooner when the WAL grows).
      ASSERT_TRUE(counter_->store().wait_applied(std::chrono::seconds(10)));
      const CheckpointStats stats = counter_->store().checkpoint();
      ASSERT_GE(stats.wal_frames, 0) << "the checkpoint did not see the WAL";
      EXPECT_EQ(stats.checkpointed_frames, stats.wal_frames);
    }
  }
  insert(order("rb2705").buy().limit(bid("rb2705")));  // rewinds the WAL after the checkpoint
  ASSERT_TRUE(counter_->store().wait_applied(std::chrono::seconds(10)));
  counter_->store().checkpoint();
  EXPECT_LE(std::filesystem::file_size(wal),
            static_cast<std::uintmax_t>(CounterStore::kWalSizeLimitBytes));
  EXPECT_GT(std::filesystem::file_size(dir_ / "counter.db"), 1'000'000u);  // data moved over
  EXPECT_GT(counter_->storage_health().checkpoints, 0u);
}

TEST_F(CounterFixture, ADatabaseThatCannotBeWrittenLeavesEveryCommitInTheJournal) {
  ASSERT_EQ(insert(order("rb2705").buy().limit(ask("rb2705")).volume(1)).size(), 4u);
  CounterStore& store = counter_->store();
  ASSERT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  store.set_max_page_count(store.page_count());  // the database's disk is full from now on
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(types(insert(order("rb2705").buy().limit(bid("rb2705")))),
              (V{"RtnOrder:0a", "RtnOrder:33"}));  // the journal still takes them
  }
  EXPECT_FALSE(store.wait_applied(std::chrono::milliseconds(300)));
  EXPECT_FALSE(counter_->storage_health().writable);
  EXPECT_GT(counter_->storage_health().backlog_bytes, 0u);
  EXPECT_NE(counter_->storage_health().last_error.find("counter.db"), std::string::npos);
  EXPECT_EQ(counter_->query_orders(ctx_, {}).size(), 31u);

  store.set_max_page_count(1'000'000'000);  // space is back: the applier catches up
  EXPECT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  EXPECT_TRUE(counter_->storage_health().writable);
  EXPECT_EQ(counter_->storage_health().backlog_bytes, 0u);
  store.set_max_page_count(store.page_count());
  insert(order("rb2705").buy().limit(bid("rb2705")));
  reopen();  // stopped before the database took the last order: the journal still had it
  EXPECT_EQ(counter_->query_orders(ctx_, {}).size(), 32u);
  EXPECT_EQ(counter_->query_trades(ctx_, {}).size(), 1u);
}

TEST_F(CounterFixture, ADatabaseLaggingPastTheBacklogLimitRefusesRequestsWithoutLosingAny) {
  const auto filled = insert(order("rb2705").buy().limit(ask("rb2705")).volume(1));
  ASSERT_EQ(filled.size(), 4u);
  CounterStore& store = counter_->store();
  ASSERT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  store.set_backlog_limit(16 * 1024);
  store.set_max_page_count(store.page_count());
  std::vector<Event> ev;
  int accepted_while_full = 0;
  for (int i = 0; i < 200; ++i) {
    ev = insert(order("rb2705").buy().limit(bid("rb2705")));
    if (types(ev) == V{"RspOrderInsert:1", "ErrRtnOrderInsert:1"}) break;
    ++accepted_while_full;  // the journal holds it until the database has room
  }
  ASSERT_EQ(types(ev), (V{"RspOrderInsert:1", "ErrRtnOrderInsert:1"}));
  EXPECT_GT(accepted_while_full, 0);
  EXPECT_FALSE(counter_->storage_health().writable);
  EXPECT_NE(counter_->storage_health().last_error.find("counter.db"), std::string::npos);
  // Nothing of the refused order exists; queries answer from what was committed.
  EXPECT_EQ(counter_->query_orders(ctx_, {}).size(),
            1u + static_cast<std::size_t>(accepted_while_full));
  EXPECT_EQ(counter_->query_trades(ctx_, {}).size(), 1u);

  store.set_max_page_count(1'000'000'000);  // space is back
  ASSERT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  const auto after = insert(order("rb2705").buy().limit(ask("rb2705")).volume(1));
  EXPECT_EQ(types(after), (V{"RtnOrder:0a", "RtnOrder:33", "RtnOrder:30", "RtnTrade"}));
  EXPECT_TRUE(counter_->storage_health().writable);
  EXPECT_NE(after[1].sys_id, filled[1].sys_id);
  reopen();
  EXPECT_EQ(counter_->query_trades(ctx_, {}).size(), 2u);
  EXPECT_EQ(counter_->query_orders(ctx_, {}).size(),
            2u + static_cast<std::size_t>(accepted_while_full));
}

TEST_F(CounterFixture, ASecondStoreOnTheSameDirectoryIsRefusedWithThePid) {
  try {
    CounterStore second(dir_);
    FAIL() << "two stores opened one data directory";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("PID " + std::to_string(::getpid())), std::string::npos)
        << e.what();
  }
}

TEST_F(CounterFixture, DataFilesAreOwnerOnly) {
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "counter.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto segments = JournalFile::segments(dir_);
  ASSERT_FALSE(segments.empty());
  ASSERT_EQ(::stat(JournalFile::segment_path(dir_, segments.back()).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

std::vector<std::pair<std::string, std::string>> stored_passwords(const std::filesystem::path& db) {
  std::vector<std::pair<std::string, std::string>> out;
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT investor, password FROM accounts ORDER BY investor", -1, &st,
                     nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

TEST_F(CounterFixture, PasswordsAreStoredAsSaltedHashesOnly) {
  ASSERT_EQ(counter_->login("000002", "pw"), ErrorCode::None);  // same password, other account
  ASSERT_TRUE(counter_->store().wait_applied(std::chrono::seconds(10)));
  const auto rows = stored_passwords(dir_ / "counter.db");
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& [investor, stored] : rows) {
    EXPECT_EQ(stored.rfind("pbkdf2-sha256$", 0), 0u) << investor;
    EXPECT_EQ(stored.find("$pw$"), std::string::npos);
  }
  EXPECT_NE(rows[0].second, rows[1].second) << "no salt: equal passwords, equal hashes";
  EXPECT_TRUE(verify_password("pw", rows[0].second));
  EXPECT_FALSE(verify_password("pw2", rows[0].second));
}

TEST_F(CounterFixture, ClearTextPasswordsOfOlderVersionsAreHashedAtStart) {
  counter_.reset();
  {
    CounterStore store(dir_);  // as an older version wrote it
    store.begin();
    store.put_account({"000003", "old-pass1", Money::from_yuan(1'000'000)});
    store.commit();
  }
  reopen();
  ASSERT_TRUE(counter_->store().wait_applied(std::chrono::seconds(10)));
  for (const auto& [investor, stored] : stored_passwords(dir_ / "counter.db")) {
    EXPECT_TRUE(is_password_hash(stored)) << investor;
  }
  EXPECT_EQ(counter_->login("000003", "old-pass1"), ErrorCode::None);
  EXPECT_EQ(counter_->login("000003", "other"), ErrorCode::InvalidLogin);
}

TEST_F(CounterFixture, MoneyThatOlderVersionsStoredInYuanIsMigratedToExactMicroYuan) {
  counter_.reset();
  {
    CounterStore store(dir_);
    store.begin();
    store.put_account({"000003", "old-pass1", Money()});
    store.commit();
    ASSERT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  }
  {
    // What schema version 2 held: yuan in a REAL column.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "counter.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TABLE accounts;"
                           "CREATE TABLE accounts(investor TEXT PRIMARY KEY, password TEXT NOT "
                           "NULL, pre_balance REAL NOT NULL);"
                           "INSERT INTO accounts VALUES('000003', 'old-pass1', 1000000.07);"
                           "UPDATE meta SET value=2 WHERE name='schema_version';",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  reopen();
  SessionContext s = ctx_;
  s.investor_id = "000003";
  const auto account = counter_->query_account(s);
  EXPECT_EQ(account.PreBalance, 1000000.07);
  EXPECT_EQ(account.Balance, 1000000.07);
  EXPECT_EQ(counter_->login("000003", "old-pass1"), ErrorCode::None);  // the row came across whole
  counter_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "counter.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT typeof(pre_balance), pre_balance FROM accounts", -1, &st,
                               nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "integer");
  EXPECT_EQ(sqlite3_column_int64(st, 1), 1'000'000'070'000);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

class StoreFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ctpgw-files-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string refusal() {
    try {
      CounterStore store(dir_);
    } catch (const StoreError& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

TEST_F(StoreFiles, AnEmptyFileIsNotANewDatabase) {
  { std::ofstream(dir_ / "counter.db"); }
  const std::string why = refusal();
  EXPECT_NE(why.find("empty file"), std::string::npos) << why;
  EXPECT_EQ(std::filesystem::file_size(dir_ / "counter.db"), 0u);
}

TEST_F(StoreFiles, AForeignSqliteFileIsLeftUntouched) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "counter.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE photos(name TEXT); INSERT INTO photos VALUES('cat.jpg');", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  const auto size = std::filesystem::file_size(dir_ / "counter.db");
  std::ifstream in(dir_ / "counter.db", std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string why = refusal();
  EXPECT_NE(why.find("not a counter database"), std::string::npos) << why;
  EXPECT_EQ(why.find("not an error"), std::string::npos) << why;
  std::ifstream again(dir_ / "counter.db", std::ios::binary);
  const std::string after((std::istreambuf_iterator<char>(again)),
                          std::istreambuf_iterator<char>());
  EXPECT_EQ(std::filesystem::file_size(dir_ / "counter.db"), size);
  EXPECT_EQ(after, before);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "counter.db-wal"));
}

}  // namespace
}  // namespace ctpgw::sim::testing
