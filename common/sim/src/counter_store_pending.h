// The committed batches the applier has not copied into the database yet, decoded for a read
// (internal to common/sim: the store's readers merge them over what the database holds).
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "ctpgw/sim/counter_store.h"

namespace ctpgw::sim {

class CounterStore::PendingRows final : public RowSink {
 public:
  struct Statement {
    std::string investor, trading_day, text;
  };
  struct Transfer {
    std::int64_t serial = 0;
    std::string investor, trading_day;
    double amount = 0;
  };

  void put_account(const StoredAccount& a) override { accounts.push_back(a); }
  void put_order(const StoredOrder& o) override { orders.push_back(o); }
  void put_trade(const StoredTrade& t) override { trades.push_back(t); }
  void put_lot(const StoredLot& l) override { lots.push_back(l); }
  void put_counter(const std::string& name, std::int64_t value) override {
    counters.emplace_back(name, value);
  }
  void put_statement(const std::string& investor, const std::string& trading_day,
                     const std::string& text) override {
    statements.push_back({investor, trading_day, text});
  }
  void put_confirm(const std::string& investor, const StoredConfirm& c) override {
    confirms.emplace_back(investor, c);
  }
  void put_transfer(std::int64_t serial, const std::string& investor,
                    const std::string& trading_day, double amount) override {
    transfers.push_back({serial, investor, trading_day, amount});
  }

  std::vector<StoredAccount> accounts;
  std::vector<StoredOrder> orders;
  std::vector<StoredTrade> trades;
  std::vector<StoredLot> lots;  ///< volume 0: the lot was deleted
  std::vector<std::pair<std::string, std::int64_t>> counters;
  std::vector<Statement> statements;
  std::vector<std::pair<std::string, StoredConfirm>> confirms;
  std::vector<Transfer> transfers;
};

/// What INSERT OR REPLACE does to a table read in rowid order: the row with the same key goes,
/// the new one comes last.
template <class Row, class Key>
void replace_or_append(std::vector<Row>& rows, const Row& row, Key key) {
  const auto k = key(row);
  rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const Row& r) { return key(r) == k; }),
             rows.end());
  rows.push_back(row);
}

}  // namespace ctpgw::sim
