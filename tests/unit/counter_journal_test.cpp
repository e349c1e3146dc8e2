// The counter's journal: framing, torn tails, layouts, positions, and a store that opens on a
// journal the database has not taken yet (what kill -9 leaves behind).
#include "ctpgw/sim/storage/counter_journal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/storage/counter_store.h"

namespace ctpgw::sim {
namespace {

namespace fs = std::filesystem;

class Journal : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ctpgw-journal-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string order_batch(const char* local_id, char status) {
    JournalBatch b;
    StoredOrder o;
    ctp::set_text(o.order.OrderLocalID, local_id);
    ctp::set_text(o.order.InvestorID, "000001");
    ctp::set_text(o.order.InstrumentID, "rb2705");
    o.order.OrderStatus = status;
    o.frozen_margin = Money::from_yuan(1234.5);
    b.put_order(o);
    b.put_counter("next_order_sys_id", 7);
    return b.take();
  }

  /// The layout a store writes: read back from the header of the newest segment it left.
  std::int64_t written_layout() const {
    std::ifstream in(JournalFile::segment_path(dir_, JournalFile::segments(dir_).back()),
                     std::ios::binary);
    char header[16];
    in.read(header, sizeof header);
    std::int64_t layout = 0;
    std::memcpy(&layout, header + 8, sizeof layout);
    return layout;
  }

  fs::path dir_;
};

/// Keeps what it is given, as text, to compare.
struct Recorder : RowSink {
  std::vector<std::string> rows;
  void put_account(const StoredAccount& a) override {
    rows.push_back("account " + a.investor_id + " " + a.password + " " +
                   std::to_string(a.pre_balance.micros()));
  }
  void put_order(const StoredOrder& o) override {
    rows.push_back(std::string("order ") + o.order.OrderLocalID + " " + o.order.OrderStatus + " " +
                   std::to_string(o.frozen_margin.micros()));
  }
  void put_trade(const StoredTrade& t) override {
    rows.push_back(std::string("trade ") + t.trade.TradeID + " " +
                   std::to_string(t.commission.micros()));
  }
  void put_lot(const StoredLot& l) override {
    rows.push_back("lot " + l.trade_id + " " + l.instrument_id + " " + l.direction + l.hedge + " " +
                   std::to_string(l.volume) + " " + std::to_string(l.open_ticks));
  }
  void put_counter(const std::string& name, std::int64_t value) override {
    rows.push_back("counter " + name + " " + std::to_string(value));
  }
  void put_statement(const std::string& investor, const std::string& day,
                     const std::string& text) override {
    rows.push_back("statement " + investor + " " + day + " " + text);
  }
  void put_confirm(const std::string& investor, const StoredConfirm& c) override {
    rows.push_back("confirm " + investor + " " + c.trading_day + " " + c.date + " " + c.time);
  }
  void put_transfer(std::int64_t serial, const std::string& investor, const std::string& day,
                    Money amount) override {
    rows.push_back("transfer " + std::to_string(serial) + " " + investor + " " + day + " " +
                   std::to_string(amount.micros()));
  }
};

TEST_F(Journal, EveryRowKindComesBackAsItWasWritten) {
  JournalBatch b;
  b.put_account({"000001", "pbkdf2-sha256$x", Money::from_yuan(1'000'000.25)});
  StoredOrder o;
  ctp::set_text(o.order.OrderLocalID, "000000000042");
  o.order.OrderStatus = '3';
  o.frozen_margin = Money::from_yuan(606.8);
  b.put_order(o);
  StoredTrade t;
  ctp::set_text(t.trade.TradeID, "000000000007");
  t.commission = Money::from_yuan(3.5);
  b.put_trade(t);
  b.put_lot({"000000000007", "000001", "cu2701", '0', '1', "20261201", 8000000, 8000000, 2, 9});
  b.put_counter("next_trade_id", 8);
  b.put_statement("000001", "20261201", "结算单 statement");
  b.put_confirm("000001", {"20261201", "20261201", "16:00:01"});
  b.put_transfer(3, "000001", "20261201", Money::from_yuan(-500.5));
  Recorder r;
  replay_batch(b.bytes(), r);
  EXPECT_EQ(r.rows, (std::vector<std::string>{
                        "account 000001 pbkdf2-sha256$x 1000000250000",
                        "order 000000000042 3 606800000",
                        "trade 000000000007 3500000",
                        "lot 000000000007 cu2701 01 2 8000000",
                        "counter next_trade_id 8",
                        "statement 000001 20261201 结算单 statement",
                        "confirm 000001 20261201 20261201 16:00:01",
                        "transfer 3 000001 20261201 -500500000",
                    }));
  Recorder cut;
  EXPECT_THROW(replay_batch(std::string_view(b.bytes()).substr(0, b.bytes().size() - 3), cut),
               StoreError);
}

TEST_F(Journal, RecordsAreReadBackInOrderFromAPosition) {
  JournalPosition first;
  {
    JournalFile f(dir_, 77, false, 0);
    first = f.append(order_batch("1", 'a'));
    f.append(order_batch("2", 'a'));
    f.append(order_batch("1", '0'));
  }
  const auto all = JournalFile::read(dir_, 77, {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].end, first);
  EXPECT_LT(all[0].end, all[1].end);
  const auto rest = JournalFile::read(dir_, 77, first);
  ASSERT_EQ(rest.size(), 2u);
  Recorder r;
  replay_batch(rest[1].payload, r);
  EXPECT_EQ(r.rows[0], "order 1 0 1234500000");
  // A file of another layout (another build's structs) is refused, not misread.
  EXPECT_THROW(JournalFile::read(dir_, 78, {}), StoreError);
}

TEST_F(Journal, AVersion1SegmentsYuanDoublesAreReadAsExactMicroYuan) {
  // A version 1 record: the row kind, then the account's fields with money as a double of yuan.
  std::string v1;
  auto put = [&](const auto& v) { v1.append(reinterpret_cast<const char*>(&v), sizeof v); };
  auto put_text = [&](const std::string& t) {
    put(static_cast<std::uint32_t>(t.size()));
    v1.append(t);
  };
  put(RowKind::Account);
  put_text("000001");
  put_text("hash");
  put(1'000'000.07);
  {
    JournalFile f(dir_, 77, false, 0);
    f.append(v1);
  }
  // The frame's checksum covers the payload only: the segment becomes version 1 by its magic.
  const auto segment = JournalFile::segment_path(dir_, JournalFile::segments(dir_).back());
  {
    std::fstream io(segment, std::ios::binary | std::ios::in | std::ios::out);
    io.seekp(7);
    io.put('1');
  }
  const auto records = JournalFile::read(dir_, 77, {});
  ASSERT_EQ(records.size(), 1u);
  Recorder r;
  replay_batch(records[0].payload, r);
  EXPECT_EQ(r.rows, std::vector<std::string>{"account 000001 hash 1000000070000"});
}

TEST_F(Journal, AnUnfinishedWriteAtTheEndIsIgnoredAndTheNextFileStartsAfterIt) {
  {
    JournalFile f(dir_, 77, false, 0);
    f.append(order_batch("1", 'a'));
    f.append(order_batch("2", 'a'));
  }
  const auto segment = JournalFile::segment_path(dir_, JournalFile::segments(dir_).back());
  const std::string whole = order_batch("3", 'a');
  {
    // What a power cut in the middle of a write leaves: a frame header and half a payload.
    std::ofstream out(segment, std::ios::binary | std::ios::app);
    const std::uint32_t length = static_cast<std::uint32_t>(whole.size());
    const std::uint64_t sum = 12345;
    out.write(reinterpret_cast<const char*>(&length), sizeof length);
    out.write(reinterpret_cast<const char*>(&sum), sizeof sum);
    out.write(whole.data(), static_cast<std::streamsize>(whole.size() / 2));
  }
  std::uint64_t ignored = 0;
  EXPECT_EQ(JournalFile::read(dir_, 77, {}, &ignored).size(), 2u);
  EXPECT_GT(ignored, 0u);
  {
    JournalFile f(dir_, 77, false, 0);
    f.append(whole);  // in a new segment: nothing follows the torn tail in its file
  }
  EXPECT_EQ(JournalFile::segments(dir_).size(), 2u);
  const auto all = JournalFile::read(dir_, 77, {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].payload, whole);
}

TEST_F(Journal, SegmentNumbersContinueAfterTheDatabasesPosition) {
  // Old segments may all be gone: the next one must still sort after what the database holds.
  JournalFile f(dir_, 77, false, 41);
  EXPECT_EQ(f.segment(), 42u);
  f.remove_before(42);
  EXPECT_EQ(JournalFile::segments(dir_), (std::vector<std::uint64_t>{42}));
}

TEST_F(Journal, AStoreOpensOnCommitsTheDatabaseNeverTookAndKeepsThem) {
  { CounterStore created(dir_); }  // an empty database, as a first start leaves it
  const std::int64_t layout = written_layout();
  {
    // What kill -9 leaves: batches in the journal that the applier never copied.
    JournalFile f(dir_, layout, false, 0);
    f.append(order_batch("000000000001", '3'));
    f.append(order_batch("000000000002", '3'));
    f.append(order_batch("000000000001", '5'));
  }
  {
    CounterStore store(dir_);
    const auto orders = store.orders();  // seen at once, whether applied yet or not
    ASSERT_EQ(orders.size(), 2u);
    EXPECT_STREQ(orders[0].order.OrderLocalID, "000000000002");
    EXPECT_EQ(orders[1].order.OrderStatus, '5');  // replaced, and last as SQLite's REPLACE does
    EXPECT_EQ(store.counter("next_order_sys_id"), 7);
    EXPECT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  }
  CounterStore again(dir_);
  EXPECT_EQ(again.orders().size(), 2u);
  EXPECT_EQ(JournalFile::segments(dir_).size(), 1u) << "applied segments are deleted";
}

TEST_F(Journal, ABatchJournalsEachRowOnceWithItsLastWrite) {
  {
    CounterStore store(dir_);
    store.begin();
    StoredOrder o;
    ctp::set_text(o.order.OrderLocalID, "000000000001");
    for (const char status : {'a', '3', '0'}) {
      o.order.OrderStatus = status;
      store.put_order(o);
    }
    store.put_lot({"000000000009", "000001", "cu2701", '0', '1', "20261201", 1, 1, 1, 1});
    store.put_lot({"000000000009", "000001", "cu2701", '0', '1', "20261201", 1, 1, 0, 1});
    ASSERT_TRUE(store.commit());
    EXPECT_TRUE(store.orders().size() == 1 && store.orders()[0].order.OrderStatus == '0');
    EXPECT_TRUE(store.lots().empty()) << "the lot's last write deleted it";
  }
  const auto records = JournalFile::read(dir_, written_layout(), {});
  ASSERT_FALSE(records.empty());
  Recorder r;
  replay_batch(records.back().payload, r);
  EXPECT_EQ(r.rows,
            (std::vector<std::string>{"order 000000000001 0 0", "lot 000000000009 cu2701 01 0 1"}));
}

TEST_F(Journal, CommitsWaitForAHealthyDatabaseThatFallsBehindInsteadOfFailing) {
  CounterStore store(dir_);
  store.set_backlog_limit(1);  // every commit finds the previous one still waiting
  for (int i = 0; i < 20; ++i) {
    store.begin();
    StoredOrder o;
    ctp::set_text(o.order.OrderLocalID, std::to_string(i).c_str());
    store.put_order(o);
    ASSERT_NO_THROW(store.commit()) << i;
  }
  EXPECT_TRUE(store.wait_applied(std::chrono::seconds(10)));
  EXPECT_EQ(store.orders().size(), 20u);
  EXPECT_TRUE(store.health().writable);
}

TEST_F(Journal, TheInMemoryStoreHasNoJournalAndRollsBackInSqlite) {
  // The benchmarks' store: a failed batch is rolled back like any other, and it stays usable.
  auto store = CounterStore::in_memory();
  store->begin();
  store->put_account({"000001", "hash", Money::from_yuan(1.0)});
  store->rollback();
  EXPECT_TRUE(store->accounts().empty());
  store->begin();
  store->put_account({"000001", "hash", Money::from_yuan(2.0)});
  EXPECT_TRUE(store->commit());
  ASSERT_EQ(store->accounts().size(), 1u);
  EXPECT_EQ(store->accounts()[0].pre_balance, Money::from_yuan(2.0));
  EXPECT_TRUE(JournalFile::segments(dir_).empty());
}

}  // namespace
}  // namespace ctpgw::sim
