#include "accounts/settlement_statement.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>

namespace ctpgw::sim {

namespace {

std::string money(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v + 0.0);  // + 0.0: no "-0.00"
  return buf;
}

std::string num(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v + 0.0);
  return buf;
}

/// Right-aligns `text` in `width` columns (the text is ASCII: numbers and ids).
std::string right(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

/// One table row: each cell padded to its column (right-aligned numbers, left-aligned text).
struct Cell {
  std::string text;
  std::size_t width;
  bool right_aligned = true;
};
std::string row(std::initializer_list<Cell> cells) {
  std::string out = "|";
  for (const Cell& c : cells) {
    out += c.right_aligned ? right(c.text, c.width) : left(c.text, c.width);
    out += '|';
  }
  return out + "\n";
}

void line(std::string& out, std::string_view label, const std::string& value) {
  out.append(label);
  out.append(value);
  out.push_back('\n');
}

const char* kRule =
    "----------------------------------------------------------------------------------------\n";

}  // namespace

std::string render_statement(const Statement& s) {
  std::string out;
  out += "                         交易结算单(盯市) Settlement Statement (MTM)\n";
  line(out, "客户号 Client ID: ", s.investor_id);
  line(out, "交易日 Trading Day: ", s.trading_day);
  out += "\n资金状况 Account Summary  币种 Currency: CNY\n";
  out += kRule;
  const StatementAccount& a = s.account;
  line(out, "期初结存 Balance b/f:            ", right(money(a.pre_balance), 18));
  line(out, "入金 Deposit:                    ", right(money(a.deposit), 18));
  line(out, "出金 Withdrawal:                 ", right(money(a.withdraw), 18));
  line(out, "平仓盈亏 Realized P/L:           ", right(money(a.close_profit), 18));
  line(out, "持仓盯市盈亏 MTM P/L:            ", right(money(a.mtm_profit), 18));
  line(out, "权利金收支 Premium:              ", right(money(a.cash_in), 18));
  line(out, "手续费 Commission:               ", right(money(a.commission), 18));
  line(out, "期末结存 Balance c/f:            ", right(money(a.balance), 18));
  line(out, "客户权益 Client Equity:          ", right(money(a.balance), 18));
  line(out, "保证金占用 Margin Occupied:      ", right(money(a.margin), 18));
  line(out, "可用资金 Fund Avail.:            ", right(money(a.available), 18));
  const double risk = a.balance > 0 ? a.margin / a.balance * 100 : 0;
  line(out, "风险度 Risk Degree:              ", right(num(risk, 2) + "%", 18));
  out += kRule;

  out += "\n成交记录 Transaction Record\n";
  out += kRule;
  out +=
      "|Exchange|Instrument     |B/S |O/C |     Price|Lots|        Turnover|   Fee|"
      "Realized P/L|Trade ID    |Time    |\n";
  out += kRule;
  for (const StatementTrade& t : s.trades) {
    out += row({{t.exchange, 8, false},
                {t.instrument, 15, false},
                {t.direction == '0' ? "买 B" : "卖 S", 4, false},
                {t.offset == '0' ? "开 O" : "平 C", 4, false},
                {num(t.price, 3), 10},
                {std::to_string(t.volume), 4},
                {money(t.turnover), 16},
                {money(t.commission), 6},
                {money(t.close_profit), 12},
                {t.trade_id, 12, false},
                {t.time, 8, false}});
  }
  if (s.trades.empty()) out += "(无 none)\n";
  out += kRule;
  line(out, "共 Total: ", std::to_string(s.trades.size()));

  out += "\n持仓汇总 Positions (settlement price)\n";
  out += kRule;
  out +=
      "|Exchange|Instrument     |L/S |Lots|Today|  Open Avg|  Pre Sett|Settlement|"
      "         MTM P/L|          Margin|\n";
  out += kRule;
  for (const StatementPosition& p : s.positions) {
    out += row({{p.exchange, 8, false},
                {p.instrument, 15, false},
                {p.direction == '0' ? "多 L" : "空 S", 4, false},
                {std::to_string(p.volume), 4},
                {std::to_string(p.today_volume), 5},
                {num(p.open_average, 3), 10},
                {num(p.pre_settlement, 3), 10},
                {num(p.settlement, 3), 10},
                {money(p.mtm_profit), 16},
                {money(p.margin), 16}});
  }
  if (s.positions.empty()) out += "(无 none)\n";
  out += kRule;
  return out;
}

std::vector<std::string> chunk_gb18030(std::string_view gb, std::size_t max_bytes) {
  std::vector<std::string> chunks;
  std::size_t start = 0;
  while (start < gb.size()) {
    std::size_t end = start;
    while (end < gb.size()) {
      // GB18030: one byte below 0x80; otherwise two bytes, or four when the second is a digit.
      const auto lead = static_cast<unsigned char>(gb[end]);
      std::size_t len = 1;
      if (lead >= 0x81 && end + 1 < gb.size()) {
        const auto second = static_cast<unsigned char>(gb[end + 1]);
        len = second >= 0x30 && second <= 0x39 ? 4 : 2;
      }
      if (end + len - start > max_bytes) break;
      end = std::min(gb.size(), end + len);
    }
    chunks.emplace_back(gb.substr(start, end - start));
    start = end;
  }
  return chunks;
}

}  // namespace ctpgw::sim
