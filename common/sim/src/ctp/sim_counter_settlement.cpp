// The daily settlement: at the trading-day roll every account is marked to the day's settlement
// prices, its realised and marked profit moves into PreBalance, a statement is written, and the
// day's resting GFD orders expire. Also the statement and confirmation queries. Exchange thread.
#include <algorithm>
#include <map>

#include "accounts/settlement_statement.h"
#include "ctp/counter_text.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/accounts/password_hash.h"
#include "ctpgw/sim/ctp/sim_counter.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

namespace {

// A counter that was down for weeks settles at most this many days one by one (marks telescope:
// skipping days only skips their statements).
constexpr int kMaxDaysSettledOneByOne = 45;

}  // namespace

void SimCounter::roll_day_if_needed() {
  // Every request asks; inside the current trading day's window the answer is a comparison.
  const TimePoint now = exchange_.clock().now();
  if (now >= day_window_.first && now < day_window_.second && day_window_day_ == day_) return;
  const auto today_days = exchange_.calendar().trading_day_of(now);
  const std::string today = format_date(today_days);
  if (today == day_) {
    day_window_ = {
        exchange_.calendar().trading_day_start(today_days),
        exchange_.calendar().trading_day_start(exchange_.calendar().next_business_day(today_days))};
    day_window_day_ = day_;
    return;
  }
  write_begin();
  const TradingCalendar& calendar = exchange_.calendar();
  const auto target = parse_date(today);
  auto day = parse_date(day_);
  if (day && target) {
    // Every trading day from the state's own up to today, in turn; a clock that went back
    // settles the state's day once.
    if (*target - *day > std::chrono::days(kMaxDaysSettledOneByOne)) {
      settle_day(*day);
      day = *target - std::chrono::days(kMaxDaysSettledOneByOne);
    }
    do {
      settle_day(*day);
      *day = calendar.next_business_day(*day);
    } while (*day < *target);
  }
  // GFD orders die with their trading day.
  for (const std::string& id : resting_) {
    engine_.apply(orders_.at(id), OrderEvent::Expire);
  }
  resting_.clear();
  day_ = today;
  store_->set_counter("trading_day", std::stoll(day_));
  write_end();
}

void SimCounter::settle_day(std::chrono::sys_days day) {
  const std::string day_text = format_date(day);
  MarketFeed& feed = exchange_.feed();
  const auto previous = exchange_.calendar().previous_business_day(day);
  // The day's trades by investor, in one pass over the trade log.
  std::map<std::string, std::vector<const StoredTrade*>> day_trades;
  for (const StoredTrade& t : trades_) {
    if (t.trade.TradingDay == day_text) day_trades[t.trade.InvestorID].push_back(&t);
  }
  for (auto& [id, a] : accounts_) {
    Statement st;
    st.investor_id = id;
    st.trading_day = day_text;
    st.account.pre_balance = a.stored.pre_balance.yuan();
    st.account.close_profit = a.close_profit.yuan();
    st.account.commission = a.commission.yuan();
    st.account.deposit = a.deposit.yuan();
    st.account.withdraw = a.withdraw.yuan();
    for (const StoredTrade* trade : day_trades[id]) {
      const StoredTrade& t = *trade;
      const InstrumentSpec* sp = exchange_.instruments().find(t.trade.InstrumentID);
      StatementTrade row;
      row.exchange = t.trade.ExchangeID;
      row.instrument = t.trade.InstrumentID;
      row.product = sp != nullptr ? sp->product : "";
      row.trade_id = t.trade.TradeID;
      row.trade_id.erase(0, row.trade_id.find_first_not_of(' '));
      row.time = t.trade.TradeTime;
      row.direction = t.trade.Direction;
      row.offset = t.trade.OffsetFlag;
      row.price = t.trade.Price;
      row.volume = t.trade.Volume;
      row.turnover = sp != nullptr
                         ? (sp->value(sp->to_ticks(t.trade.Price)) * t.trade.Volume).yuan()
                         : t.trade.Price * t.trade.Volume;
      row.commission = t.commission.yuan();
      row.close_profit = t.close_profit_by_date.yuan();
      st.trades.push_back(std::move(row));
    }
    Money mtm, margin;
    for (auto& [key, p] : a.positions) {
      if (p.lots.empty()) continue;
      const InstrumentSpec& s = spec(key.instrument);
      const std::int64_t settle = feed.settlement_price(s, day);
      const std::int64_t sign = key.direction == position_direction::kLong ? 1 : -1;
      StatementPosition row;
      Money row_mtm;
      row.exchange = s.exchange;
      row.product = s.product;
      row.instrument = s.id;
      row.direction = key.direction;
      row.settlement = s.to_price(settle);
      row.pre_settlement = s.to_price(feed.settlement_price(s, previous));
      double open_value = 0;
      for (Lot& lot : p.lots) {
        row.volume += lot.volume;
        if (lot.open_date == day_text) row.today_volume += lot.volume;
        open_value += s.to_price(lot.open_ticks) * lot.volume;
        if (!MoneyRules::is_option(s)) {  // options settle through their premium (CashIn), unmarked
          row_mtm += s.value(sign * (settle - lot.settle_ticks)) * lot.volume;
        }
        lot.settle_ticks = settle;
        save_lot(id, key, lot);
      }
      row.open_average = row.volume > 0 ? open_value / row.volume : 0;
      const Money row_margin =
          (MoneyRules::is_option(s)
               ? (key.direction == kBuy ? Money() : money_.option_seller_margin(s, settle))
               : MoneyRules::margin_per_lot(s, settle)) *
          row.volume;
      row.mtm_profit = row_mtm.yuan();
      row.margin = row_margin.yuan();
      mtm += row_mtm;
      margin += row_margin;
      st.positions.push_back(std::move(row));
    }
    const Money settled = a.stored.pre_balance + a.deposit - a.withdraw + a.close_profit +
                          a.cash_in - a.commission + mtm;
    st.account.mtm_profit = mtm.yuan();
    st.account.cash_in = a.cash_in.yuan();
    st.account.balance = settled.yuan();
    st.account.margin = margin.yuan();
    st.account.available = (settled - margin).yuan();
    a.stored.pre_balance = settled;
    const bool moved_money = a.deposit != Money() || a.withdraw != Money();
    a.commission = a.close_profit = a.deposit = a.withdraw = a.cash_in = Money();
    store_->put_account(a.stored);
    if (!st.trades.empty() || !st.positions.empty() || moved_money) {
      store_->put_statement(id, day_text, render_statement(st));
    }
  }
}

std::vector<CThostFtdcSettlementInfoField> SimCounter::settlement_info(
    const SessionContext& s, const std::string& trading_day) {
  roll_day_if_needed();
  std::vector<CThostFtdcSettlementInfoField> rows;
  const auto found = store_->statement(s.investor_id, trading_day);
  if (!found) return rows;
  const auto chunks = chunk_gb18030(utf8_to_gb18030(found->second));
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    CThostFtdcSettlementInfoField r{};
    set_text(r.TradingDay, found->first);
    r.SettlementID = 1;
    set_text(r.BrokerID, s.broker_id);
    set_text(r.InvestorID, s.investor_id);
    r.SequenceNo = static_cast<int>(i) + 1;
    copy_gb_text(r.Content, sizeof r.Content, chunks[i]);
    set_text(r.AccountID, s.investor_id);
    set_text(r.CurrencyID, "CNY");
    rows.push_back(r);
  }
  return rows;
}

ErrorCode SimCounter::confirm_settlement(const SessionContext& s, const StoredConfirm& c) {
  roll_day_if_needed();
  const bool written = guarded([&] {
    write_begin();
    store_->put_confirm(s.investor_id, c);
    write_end();
  });
  return written ? ErrorCode::None : kStorageFailure;
}

std::optional<StoredConfirm> SimCounter::settlement_confirm(const std::string& investor_id) {
  return store_->confirm(investor_id);
}

ErrorCode SimCounter::transfer(const SessionContext& s, Money amount, const std::string& password,
                               int& serial) {
  roll_day_if_needed();
  Investor* a = find_account(s.investor_id);
  if (a == nullptr) return ErrorCode::InvestorNotFound;
  if (a->stored.password.empty() || !verify_password(password, a->stored.password)) {
    return ErrorCode::InvalidInvestorIdOrPassword;
  }
  // Money is exact in 64 bits up to 9.2e12 yuan; a fund account stays far below that.
  constexpr double kMaxFunds = 1e12;
  if (amount > Money() &&
      a->stored.pre_balance + a->deposit - a->withdraw + amount > Money::from_yuan(kMaxFunds)) {
    return ErrorCode::BadField;
  }
  if (amount < Money()) {
    // At most WithdrawQuota: what is available, less today's close profit (not yet settled).
    const Money quota = max(Money(), money_.available(*a) - max(Money(), a->close_profit));
    if (-amount > quota) return ErrorCode::InsufficientMoney;
  }
  const std::int64_t id = next_transfer_serial_++;
  const bool written = guarded([&] {
    write_begin();
    store_->put_transfer(id, s.investor_id, day_, amount);
    (amount > Money() ? a->deposit : a->withdraw) += amount > Money() ? amount : -amount;
    write_end();
  });
  if (!written) return kStorageFailure;
  serial = static_cast<int>(id);
  return ErrorCode::None;
}

bool SimCounter::confirmed_today(const SessionContext& s) {
  if (s.settlement_confirmed) return true;
  const auto c = store_->confirm(s.investor_id);
  return c && c->trading_day == trading_day();
}

}  // namespace ctpgw::sim
