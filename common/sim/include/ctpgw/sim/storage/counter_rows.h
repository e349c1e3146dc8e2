// The rows the simulated counter stores, and the interface every writer of them implements
// (the SQLite store, the journal's encoder, the read overlay of not yet applied batches).
#pragma once

#include <cstdint>
#include <string>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/sim/engine/money.h"

namespace ctpgw::sim {

struct StoredAccount {
  std::string investor_id;
  std::string password;  ///< password_hash.h's format; "" only in data of old versions
  Money pre_balance;
};

/// An investor's latest confirmation of a settlement statement.
struct StoredConfirm {
  std::string trading_day;  ///< the trading day it was confirmed for
  std::string date, time;   ///< when (ConfirmDate, ConfirmTime)
};

struct StoredOrder {
  ctp::CThostFtdcOrderField order{};
  Money frozen_margin;
  Money frozen_commission;
  int frozen_today = 0;  ///< close lots still frozen (today / yesterday)
  int frozen_yesterday = 0;
};

struct StoredTrade {
  ctp::CThostFtdcTradeField trade{};
  Money commission;
  Money close_profit_by_date;
  Money close_profit_by_trade;
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

/// Receives row changes. A lot of volume 0 deletes the lot.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void put_account(const StoredAccount& a) = 0;
  virtual void put_order(const StoredOrder& o) = 0;
  virtual void put_trade(const StoredTrade& t) = 0;
  virtual void put_lot(const StoredLot& l) = 0;
  virtual void put_counter(const std::string& name, std::int64_t value) = 0;
  virtual void put_statement(const std::string& investor, const std::string& trading_day,
                             const std::string& text) = 0;
  virtual void put_confirm(const std::string& investor, const StoredConfirm& c) = 0;
  virtual void put_transfer(std::int64_t serial, const std::string& investor,
                            const std::string& trading_day, Money amount) = 0;
};

}  // namespace ctpgw::sim
