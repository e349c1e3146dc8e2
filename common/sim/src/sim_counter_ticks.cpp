// What each feed tick does to the counter: instrument phase changes (RtnInstrumentStatus), GFD
// expiry at an instrument's close, and re-matching the resting orders. Exchange thread only.
#include <string>
#include <vector>

#include "counter_text.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/sim/china_time.h"
#include "ctpgw/sim/sim_counter.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

void SimCounter::on_feed_tick(std::int64_t index) {
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
  const int minute = static_cast<int>(seconds_since_china_midnight(exchange_.clock().now()) / 60);
  for (const InstrumentSpec& sp : all) {
    // THOST_FTDC_IS_Continous '2' inside a session, THOST_FTDC_IS_NoTrading '1' outside.
    const char phase = exchange_.feed().trading(sp, index) ? '2' : '1';
    if (phase_[sp.index] == phase) continue;
    phase_[sp.index] = phase;
    if (first) continue;  // the state at start-up is not a change
    const int close = sp.sessions.empty() ? -1 : sp.sessions.back().end_min;
    if (phase == '1' && minute >= close && minute < close + 10) closed.push_back(&sp);
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
    for (auto& [id, a] : accounts_) {
      if (a.sinks.empty()) continue;
      push_status(a, changes);
    }
    write_end();
  });
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
    release_order(o);
    transition(o, OrderEvent::Cancel, "已撤单:交易日结束");
    store_->put_order(o.stored);
    push_order(account(o.investor), o.stored.order);
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
      match(o, exchange_.feed().tick(sp, index), /*resting=*/true);
    }
    if (!is_finished(o.stored.order.OrderStatus)) still_resting.push_back(id);
  }
  resting_ = std::move(still_resting);
  write_end();
}

}  // namespace ctpgw::sim
