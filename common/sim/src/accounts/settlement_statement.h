// The daily settlement statement (结算单) the simulated counter serves through
// ReqQrySettlementInfo: plain text in the layout futures brokers send (account summary, the
// day's trades, positions at the settlement price), bilingual headings, fixed-width columns.
// Pure formatting: the counter gathers the numbers (internal to common/sim).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ctpgw::sim {

struct StatementTrade {
  std::string exchange, product, instrument, trade_id, time;
  char direction = '0';  ///< '0' buy
  char offset = '0';     ///< '0' open
  double price = 0, turnover = 0, commission = 0, close_profit = 0;
  int volume = 0;
};

struct StatementPosition {
  std::string exchange, product, instrument;
  char direction = '0';  ///< '0' long
  int volume = 0, today_volume = 0;
  double open_average = 0, pre_settlement = 0, settlement = 0;
  double mtm_profit = 0, margin = 0;
};

struct StatementAccount {
  double pre_balance = 0, deposit = 0, withdraw = 0;
  double close_profit = 0, mtm_profit = 0, commission = 0;
  double cash_in = 0;  ///< option premiums received less paid
  double balance = 0, margin = 0, available = 0;
};

struct Statement {
  std::string investor_id, trading_day;
  StatementAccount account;
  std::vector<StatementTrade> trades;
  std::vector<StatementPosition> positions;
};

/// The statement as UTF-8 text.
std::string render_statement(const Statement& s);

/// Splits GB18030 text into chunks of at most `max_bytes`, never inside a character (a real
/// counter cuts at 500 bytes regardless; clients that concatenate see no difference).
std::vector<std::string> chunk_gb18030(std::string_view gb18030, std::size_t max_bytes = 500);

}  // namespace ctpgw::sim
