// Reading the counter's rows: the database plus the committed batches the applier has not
// copied into it yet, so a read never waits for the applier and always sees every commit.
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>

#include "ctpgw/sim/storage/counter_store.h"
#include "storage/counter_row_set.h"
#include "storage/sqlite_columns.h"

namespace ctpgw::sim {
namespace {

/// The rows a statement selects, each read by `read`; nullopt at a row `read` refuses.
template <class Row, class Read>
std::optional<std::vector<Row>> select_rows(sqlite3_stmt* st, Read read) {
  std::vector<Row> out;
  bool ok = true;
  while (ok && sqlite3_step(st) == SQLITE_ROW) {
    Row row;
    ok = read(st, row);
    if (ok) out.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

std::int64_t CounterStore::counter(const std::string& name) {
  std::lock_guard lock(db_mutex_);
  sqlite3_stmt* st = prepare("SELECT value FROM meta WHERE name=?");
  sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  std::int64_t v = 0;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  const auto pending = pending_rows();
  if (const auto* c = pending->counters.find(name)) v = c->value;
  return v;
}

std::vector<StoredAccount> CounterStore::accounts() {
  std::lock_guard lock(db_mutex_);
  std::vector<StoredAccount> out;
  sqlite3_stmt* st =
      prepare("SELECT investor, password, pre_balance FROM accounts ORDER BY investor");
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.push_back({text_column(st, 0), text_column(st, 1), money_column(st, 2)});
  }
  sqlite3_finalize(st);
  out = merged(std::move(out), pending_rows()->accounts,
               [](const StoredAccount& x) { return x.investor_id; });
  std::sort(out.begin(), out.end(), [](const StoredAccount& x, const StoredAccount& y) {
    return x.investor_id < y.investor_id;
  });
  return out;
}

std::vector<StoredOrder> CounterStore::orders() {
  std::lock_guard lock(db_mutex_);
  auto rows = select_rows<StoredOrder>(
      prepare("SELECT frozen_margin, frozen_commission, frozen_today, frozen_yesterday, data"
              " FROM orders ORDER BY rowid"),
      [](sqlite3_stmt* st, StoredOrder& o) {
        o.frozen_margin = money_column(st, 0);
        o.frozen_commission = money_column(st, 1);
        o.frozen_today = sqlite3_column_int(st, 2);
        o.frozen_yesterday = sqlite3_column_int(st, 3);
        return read_struct(st, 4, o.order);
      });
  if (!rows) fail("holds an order row of the wrong size");
  return merged(std::move(*rows), pending_rows()->orders,
                [](const StoredOrder& x) { return std::string(x.order.OrderLocalID); });
}

std::vector<StoredTrade> CounterStore::trades() {
  std::lock_guard lock(db_mutex_);
  auto rows = select_rows<StoredTrade>(
      prepare("SELECT commission, close_profit_by_date, close_profit_by_trade, closed_today, data"
              " FROM trades ORDER BY rowid"),
      [](sqlite3_stmt* st, StoredTrade& t) {
        t.commission = money_column(st, 0);
        t.close_profit_by_date = money_column(st, 1);
        t.close_profit_by_trade = money_column(st, 2);
        t.closed_today = sqlite3_column_int(st, 3);
        return read_struct(st, 4, t.trade);
      });
  if (!rows) fail("holds a trade row of the wrong size");
  return merged(std::move(*rows), pending_rows()->trades,
                [](const StoredTrade& x) { return std::string(x.trade.TradeID); });
}

std::vector<StoredLot> CounterStore::lots() {
  std::lock_guard lock(db_mutex_);
  std::vector<StoredLot> out;
  sqlite3_stmt* st = prepare(
      "SELECT trade_id, investor, instrument, direction, hedge, open_date, open_ticks, "
      "settle_ticks,"
      " volume, sequence FROM lots ORDER BY sequence");
  while (sqlite3_step(st) == SQLITE_ROW) {
    StoredLot l;
    l.trade_id = text_column(st, 0);
    l.investor_id = text_column(st, 1);
    l.instrument_id = text_column(st, 2);
    l.direction = text_column(st, 3).c_str()[0];
    l.hedge = text_column(st, 4).c_str()[0];
    l.open_date = text_column(st, 5);
    l.open_ticks = sqlite3_column_int64(st, 6);
    l.settle_ticks = sqlite3_column_int64(st, 7);
    l.volume = sqlite3_column_int(st, 8);
    l.sequence = sqlite3_column_int64(st, 9);
    out.push_back(l);
  }
  sqlite3_finalize(st);
  out = merged(std::move(out), pending_rows()->lots, [](const StoredLot& x) { return x.trade_id; });
  std::erase_if(out, [](const StoredLot& l) { return l.volume <= 0; });  // deleted lots
  std::stable_sort(out.begin(), out.end(),
                   [](const StoredLot& x, const StoredLot& y) { return x.sequence < y.sequence; });
  return out;
}

}  // namespace ctpgw::sim
