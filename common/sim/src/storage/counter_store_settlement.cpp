// Settlement statements, their confirmations and the fund account's transfers in the
// simulator's database.
#include <sqlite3.h>

#include <memory>

#include <algorithm>
#include <mutex>

#include "ctpgw/sim/storage/counter_store.h"
#include "storage/counter_row_set.h"
#include "storage/sqlite_columns.h"

namespace ctpgw::sim {

namespace {

using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

void bind(sqlite3_stmt* st, int i, const std::string& v) {
  sqlite3_bind_text(st, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

}  // namespace

void CounterStore::write_statement(const std::string& investor, const std::string& trading_day,
                                   const std::string& text) {
  Statement st(prepare("INSERT OR REPLACE INTO statements VALUES(?,?,?)"), &sqlite3_finalize);
  bind(st.get(), 1, investor);
  bind(st.get(), 2, trading_day);
  bind(st.get(), 3, text);
  if (sqlite3_step(st.get()) != SQLITE_DONE) fail("cannot store a settlement statement");
}

std::optional<std::pair<std::string, std::string>> CounterStore::statement(
    const std::string& investor, const std::string& trading_day) {
  std::lock_guard lock(db_mutex_);
  std::optional<std::pair<std::string, std::string>> found;
  Statement st(
      prepare(trading_day.empty() ? "SELECT trading_day, content FROM statements WHERE investor=?"
                                    " ORDER BY trading_day DESC LIMIT 1"
                                  : "SELECT trading_day, content FROM statements WHERE investor=?"
                                    " AND trading_day=?"),
      &sqlite3_finalize);
  bind(st.get(), 1, investor);
  if (!trading_day.empty()) bind(st.get(), 2, trading_day);
  if (sqlite3_step(st.get()) == SQLITE_ROW) {
    found = std::make_pair(text_column(st.get(), 0), text_column(st.get(), 1));
  }
  pending_rows()->statements.each([&](const RowSet::Statement& p) {
    if (p.investor != investor) return;
    const bool wanted = trading_day.empty() ? !found || p.trading_day >= found->first
                                            : p.trading_day == trading_day;
    if (wanted) found = std::make_pair(p.trading_day, p.text);
  });
  return found;
}

void CounterStore::write_confirm(const std::string& investor, const StoredConfirm& c) {
  Statement st(prepare("INSERT OR REPLACE INTO confirms VALUES(?,?,?,?)"), &sqlite3_finalize);
  bind(st.get(), 1, investor);
  bind(st.get(), 2, c.trading_day);
  bind(st.get(), 3, c.date);
  bind(st.get(), 4, c.time);
  if (sqlite3_step(st.get()) != SQLITE_DONE) fail("cannot store a settlement confirmation");
}

std::optional<StoredConfirm> CounterStore::confirm(const std::string& investor) {
  std::lock_guard lock(db_mutex_);
  std::optional<StoredConfirm> found;
  Statement st(prepare("SELECT trading_day, confirm_date, confirm_time FROM confirms"
                       " WHERE investor=?"),
               &sqlite3_finalize);
  bind(st.get(), 1, investor);
  if (sqlite3_step(st.get()) == SQLITE_ROW) {
    found =
        StoredConfirm{text_column(st.get(), 0), text_column(st.get(), 1), text_column(st.get(), 2)};
  }
  const auto pending = pending_rows();
  if (const auto* c = pending->confirms.find(investor)) found = c->confirm;
  return found;
}

void CounterStore::write_transfer(std::int64_t serial, const std::string& investor,
                                  const std::string& trading_day, Money amount) {
  Statement st(prepare("INSERT OR REPLACE INTO transfers VALUES(?,?,?,?)"), &sqlite3_finalize);
  sqlite3_bind_int64(st.get(), 1, serial);
  bind(st.get(), 2, investor);
  bind(st.get(), 3, trading_day);
  bind_money(st.get(), 4, amount);
  if (sqlite3_step(st.get()) != SQLITE_DONE) fail("cannot store a transfer");
}

std::vector<std::pair<std::string, Money>> CounterStore::transfers(const std::string& trading_day) {
  std::lock_guard lock(db_mutex_);
  Statement st(
      prepare("SELECT serial, investor, amount FROM transfers WHERE trading_day=? ORDER BY serial"),
      &sqlite3_finalize);
  bind(st.get(), 1, trading_day);
  std::vector<RowSet::Transfer> rows;
  while (sqlite3_step(st.get()) == SQLITE_ROW) {
    rows.push_back({sqlite3_column_int64(st.get(), 0), text_column(st.get(), 1), trading_day,
                    money_column(st.get(), 2)});
  }
  rows = merged(std::move(rows), pending_rows()->transfers,
                [](const RowSet::Transfer& x) { return x.serial; });
  std::erase_if(rows, [&](const RowSet::Transfer& t) { return t.trading_day != trading_day; });
  std::sort(rows.begin(), rows.end(),
            [](const auto& x, const auto& y) { return x.serial < y.serial; });
  std::vector<std::pair<std::string, Money>> out;
  for (const auto& t : rows) out.emplace_back(t.investor, t.amount);
  return out;
}

}  // namespace ctpgw::sim
