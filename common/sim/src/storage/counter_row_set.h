// A set of row changes keyed like the database's tables: a later write of a key replaces the
// earlier one and takes the last place, as SQLite's INSERT OR REPLACE does to a table read in
// rowid order. The counter's batch collects its rows here (an order written three times in a
// batch is journalled once), the applier coalesces a group of batches before writing it, and
// readers merge the batches still waiting for the database over what it holds.
// Internal to common/sim.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ctpgw/sim/storage/counter_rows.h"

namespace ctpgw::sim {

template <class Row, class Key>
class KeyedRows {
 public:
  KeyedRows() = default;
  KeyedRows(const KeyedRows&) = delete;  // the index's nodes come from a pool of its own
  KeyedRows& operator=(const KeyedRows&) = delete;

  void put(Row row, Key key) {
    auto [it, inserted] = index_.try_emplace(std::move(key), rows_.size());
    if (!inserted) {
      alive_[it->second] = false;
      it->second = rows_.size();
    }
    rows_.push_back(std::move(row));
    alive_.push_back(true);
  }
  bool contains(const Key& key) const { return index_.count(key) != 0; }
  const Row* find(const Key& key) const {
    const auto it = index_.find(key);
    return it == index_.end() ? nullptr : &rows_[it->second];
  }
  /// Every live row, in the order of its last write.
  template <class F>
  void each(F&& f) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      if (alive_[i]) f(rows_[i]);
    }
  }
  bool empty() const noexcept { return index_.empty(); }
  void clear() {
    rows_.clear();
    alive_.clear();
    index_.clear();
  }

 private:
  std::vector<Row> rows_;  ///< cleared per batch, keeping their capacity
  std::vector<bool> alive_;
  /// A batch's index nodes go back to this pool when it is cleared, for the next batch.
  std::pmr::unsynchronized_pool_resource nodes_;
  std::pmr::unordered_map<Key, std::size_t> index_{&nodes_};
};

class RowSet final : public RowSink {
 public:
  struct Counter {
    std::string name;
    std::int64_t value = 0;
  };
  struct Statement {
    std::string investor, trading_day, text;
  };
  struct Confirm {
    std::string investor;
    StoredConfirm confirm;
  };
  struct Transfer {
    std::int64_t serial = 0;
    std::string investor, trading_day;
    Money amount;
  };

  void put_account(const StoredAccount& a) override { accounts.put(a, a.investor_id); }
  void put_order(const StoredOrder& o) override { orders.put(o, o.order.OrderLocalID); }
  void put_trade(const StoredTrade& t) override { trades.put(t, t.trade.TradeID); }
  void put_lot(const StoredLot& l) override { lots.put(l, l.trade_id); }
  void put_counter(const std::string& name, std::int64_t value) override {
    counters.put({name, value}, name);
  }
  void put_statement(const std::string& investor, const std::string& trading_day,
                     const std::string& text) override {
    statements.put({investor, trading_day, text}, investor + '\n' + trading_day);
  }
  void put_confirm(const std::string& investor, const StoredConfirm& c) override {
    confirms.put({investor, c}, investor);
  }
  void put_transfer(std::int64_t serial, const std::string& investor,
                    const std::string& trading_day, Money amount) override {
    transfers.put({serial, investor, trading_day, amount}, serial);
  }

  /// Writes every live row to `out`, table by table.
  void emit(RowSink& out) const {
    accounts.each([&](const StoredAccount& a) { out.put_account(a); });
    orders.each([&](const StoredOrder& o) { out.put_order(o); });
    trades.each([&](const StoredTrade& t) { out.put_trade(t); });
    lots.each([&](const StoredLot& l) { out.put_lot(l); });
    counters.each([&](const Counter& c) { out.put_counter(c.name, c.value); });
    statements.each(
        [&](const Statement& s) { out.put_statement(s.investor, s.trading_day, s.text); });
    confirms.each([&](const Confirm& c) { out.put_confirm(c.investor, c.confirm); });
    transfers.each([&](const Transfer& t) {
      out.put_transfer(t.serial, t.investor, t.trading_day, t.amount);
    });
  }
  bool empty() const noexcept {
    return accounts.empty() && orders.empty() && trades.empty() && lots.empty() &&
           counters.empty() && statements.empty() && confirms.empty() && transfers.empty();
  }
  void clear() {
    accounts.clear();
    orders.clear();
    trades.clear();
    lots.clear();
    counters.clear();
    statements.clear();
    confirms.clear();
    transfers.clear();
  }

  KeyedRows<StoredAccount, std::string> accounts;
  KeyedRows<StoredOrder, std::string> orders;
  KeyedRows<StoredTrade, std::string> trades;
  KeyedRows<StoredLot, std::string> lots;  ///< volume 0: the lot is deleted
  KeyedRows<Counter, std::string> counters;
  KeyedRows<Statement, std::string> statements;
  KeyedRows<Confirm, std::string> confirms;
  KeyedRows<Transfer, std::int64_t> transfers;
};

/// `rows` (read from the database in its order) with `pending`'s rows replacing and following
/// them, as the database will hold them once the pending rows are written.
template <class Row, class Key, class KeyOf>
std::vector<Row> merged(std::vector<Row> rows, const KeyedRows<Row, Key>& pending, KeyOf key_of) {
  if (pending.empty()) return rows;
  std::erase_if(rows, [&](const Row& r) { return pending.contains(key_of(r)); });
  pending.each([&](const Row& r) { rows.push_back(r); });
  return rows;
}

}  // namespace ctpgw::sim
