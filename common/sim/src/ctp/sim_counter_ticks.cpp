// What each feed tick does to the counter: instrument phase changes (RtnInstrumentStatus), the
// opening auction's match, GFD expiry at an instrument's close, and re-matching the resting
// orders. Exchange thread only.
#include <string>
#include <vector>

#include "ctp/counter_text.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/ctp/sim_counter.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

void SimCounter::on_feed_tick(std::int64_t index) {
  // The trading day ends at its time, not at the next request: settle as the clock passes. The
  // day's tick window is kept so that ticks inside it cost a comparison, not a calendar lookup.
  if (index < day_first_index_ || index >= day_end_index_) {
    if (!guarded([&] { roll_day_if_needed(); })) return;
    const TradingCalendar& calendar = exchange_.calendar();
    MarketFeed& feed = exchange_.feed();
    const auto today = calendar.trading_day_of(feed.time_of(index));
    day_first_index_ = feed.index_at(calendar.trading_day_start(today));
    day_end_index_ = feed.index_at(calendar.trading_day_start(calendar.next_business_day(today)));
  }
  publish_status_changes(index);
  if (resting_.empty()) return;
  // A failed write leaves the orders resting as stored; the next tick matches them again.
  guarded([&] { match_resting(index); });
}

void SimCounter::publish_status_changes(std::int64_t index) {
  const auto& all = exchange_.instruments().all();
  const bool first = phase_.empty();
  if (first) phase_.assign(all.size(), '\0');
  std::vector<CThostFtdcInstrumentStatusField> changes;
  std::vector<const InstrumentSpec*> closed;  // their trading day's last session just ended
  std::vector<const InstrumentSpec*> opened;  // continuous trading after the opening auction
  for (const InstrumentSpec& sp : all) {
    const char phase = static_cast<char>(exchange_.feed().phase(sp, index));
    const char before = phase_[sp.index];
    if (before == phase) continue;
    phase_[sp.index] = phase;
    if (first) continue;  // the state at start-up is not a change
    if (phase == static_cast<char>(Phase::Closed)) closed.push_back(&sp);
    if (phase == static_cast<char>(Phase::Continuous) &&
        (before == static_cast<char>(Phase::AuctionOrdering) ||
         before == static_cast<char>(Phase::AuctionMatch))) {
      opened.push_back(&sp);
    }
    CThostFtdcInstrumentStatusField st{};
    set_text(st.ExchangeID, sp.exchange);
    set_text(st.InstrumentID, sp.id);
    set_text(st.ExchangeInstID, sp.id);
    st.InstrumentStatus = phase;
    st.EnterReason = '1';  // THOST_FTDC_IER_Automatic
    set_text(st.EnterTime, clock_text(exchange_.clock().now()));
    changes.push_back(st);
  }
  if (changes.empty()) return;
  guarded([&] {
    write_begin();
    for (const InstrumentSpec* sp : closed) expire_day_orders(*sp);
    for (const InstrumentSpec* sp : opened) open_auction(*sp, index);
    for (auto& [id, a] : accounts_) {
      if (a.sinks.empty()) continue;
      push_status(a, changes);
    }
    write_end();
  });
}

void SimCounter::open_auction(const InstrumentSpec& sp, std::int64_t index) {
  const std::int64_t open = exchange_.feed().tick(sp, index).open;
  std::vector<std::string> still_resting;
  for (const std::string& id : resting_) {
    OrderState& o = orders_.at(id);
    if (o.instrument == sp.index && o.auction) engine_.open_auction(o, open);
    if (!is_finished(o.status)) still_resting.push_back(id);
  }
  resting_ = std::move(still_resting);
}

void SimCounter::expire_day_orders(const InstrumentSpec& sp) {
  // GFD orders end with the instrument's trading day: cancelled at its close, with a push.
  std::vector<std::string> still_resting;
  for (const std::string& id : resting_) {
    OrderState& o = orders_.at(id);
    if (o.instrument != sp.index) {
      still_resting.push_back(id);
      continue;
    }
    engine_.apply(o, OrderEvent::Expire);
  }
  resting_ = std::move(still_resting);
}

void SimCounter::match_resting(std::int64_t index) {
  roll_day_if_needed();
  write_begin();
  // Re-match resting orders against the new tick, oldest first.
  std::vector<std::string> still_resting;
  for (const std::string& id : resting_) {
    OrderState& o = orders_.at(id);
    const InstrumentSpec& sp = spec(o.instrument);
    if (exchange_.feed().trading(sp, index)) {
      const Tick& tick = exchange_.feed().tick(sp, index);
      engine_.rematch(o, tick, tick_ms(tick));
    }
    if (!is_finished(o.status)) still_resting.push_back(id);
  }
  resting_ = std::move(still_resting);
  write_end();
}

}  // namespace ctpgw::sim
