// Simulated counter in process: orders/s for an insert-fill-close mix and an insert-cancel mix,
// with durable storage (SQLite WAL on disk) and with an in-memory store (matching alone).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "ctpgw/sim/ctp/sim_counter.h"
#include "ctpgw/sim/engine/book_matching.h"

using namespace ctpgw;
using namespace ctpgw::sim;

namespace {

struct NullSink final : TradeSessionSink {
  std::uint64_t events = 0;
  std::uint64_t trades = 0;
  std::uint64_t refused = 0;  ///< a benchmark that measured refusals would be no benchmark
  void on_rtn_order(const ctp::CThostFtdcOrderField&) override { ++events; }
  void on_rtn_trade(const ctp::CThostFtdcTradeField&) override {
    ++events;
    ++trades;
  }
  void on_err_rtn_order_insert(const ctp::CThostFtdcInputOrderField&,
                               const ctp::CThostFtdcRspInfoField&) override {
    ++events;
    ++refused;
  }
  void on_err_rtn_order_action(const ctp::CThostFtdcOrderActionField&,
                               const ctp::CThostFtdcRspInfoField&) override {
    ++events;
  }
};

struct Rig {
  explicit Rig(bool on_disk, bool group_commit = false) {
    cfg.instruments = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";
    cfg.always_open = true;
    // A tick per millisecond and one step of the clock per round trip: the book refills for
    // every pair, and a run of millions of orders stays within one trading day (86.4 M pairs)
    // instead of crossing a day roll, and settling the day, every 172,800 pairs as 500 ms steps
    // did. A day's settlement is a once-a-day cost, not the order path's.
    cfg.tick_interval_ms = 1;
    cfg.initial_balance = 1e9;
    cfg.liquidity_half_life_ms = 0;  // the path, not the book: it refills every tick
    dir = std::filesystem::temp_directory_path() / ("ctpgw-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    clock = std::make_shared<ManualClock>(
        TimePoint(std::chrono::sys_days(std::chrono::year_month_day(
            std::chrono::year(2026), std::chrono::month(11), std::chrono::day(18)))) +
        std::chrono::hours(2));
    exchange = std::make_unique<SimExchange>(cfg, clock, false);
    counter = std::make_unique<SimCounter>(
        *exchange, on_disk ? std::make_unique<CounterStore>(dir) : CounterStore::in_memory(),
        group_commit);
    counter->login("bench", "pw");
    counter->attach("bench", sink);
    spec = exchange->instruments().find("rb2705");
  }
  ~Rig() {
    counter.reset();
    exchange.reset();
    std::filesystem::remove_all(dir);
  }
  ctp::CThostFtdcInputOrderField order(char direction, char offset, double price) {
    ctp::CThostFtdcInputOrderField f{};
    ctp::set_text(f.InstrumentID, "rb2705");
    f.Direction = direction;
    f.CombOffsetFlag[0] = offset;
    f.CombHedgeFlag[0] = '1';
    f.OrderPriceType = '2';
    f.TimeCondition = '3';
    f.VolumeCondition = '1';
    f.ContingentCondition = '1';
    f.ForceCloseReason = '0';
    f.VolumeTotalOriginal = 1;
    f.LimitPrice = price;
    return f;
  }
  const Tick& tick() { return exchange->feed().tick(*spec, exchange->current_index()); }

  core::SimConfig cfg;
  std::filesystem::path dir;
  std::shared_ptr<ManualClock> clock;
  std::unique_ptr<SimExchange> exchange;
  std::unique_ptr<SimCounter> counter;
  std::shared_ptr<NullSink> sink = std::make_shared<NullSink>();
  SessionContext ctx{"9999", "bench", 1, 1, true};
  const InstrumentSpec* spec = nullptr;
};

const auto kIgnore = [](const auto&, const auto&) {};

/// Fills per order and orders refused, next to the rate: a run that filled nothing or was
/// refused (storage backlog, money) would measure something else.
void report_outcome(benchmark::State& state, const Rig& rig) {
  state.counters["fills_per_order"] =
      static_cast<double>(rig.sink->trades) / static_cast<double>(state.iterations() * 2);
  state.counters["refused"] = static_cast<double>(rig.sink->refused);
}

// Buy one lot at the limit-up price (fills at the ask), then sell it back (fills at the bid):
// two orders, two fills; the clock moves one tick per pair so the book refills.
void fill_round_trip(Rig& rig) {
  rig.clock->advance(std::chrono::milliseconds(1));
  const Tick& t = rig.tick();
  rig.counter->insert_order(rig.ctx, rig.order('0', '0', rig.spec->to_price(t.upper)), 1, kIgnore);
  rig.counter->insert_order(rig.ctx, rig.order('1', '3', rig.spec->to_price(t.lower)), 1, kIgnore);
}

// Fill round trips, each order committed on its own.
void BM_CounterFillRoundTrip(benchmark::State& state) {
  Rig rig(state.range(0) == 1);
  for (auto _ : state) fill_round_trip(rig);
  state.SetItemsProcessed(state.iterations() * 2);
  report_outcome(state, rig);
  state.SetLabel(state.range(0) == 1 ? "journal on disk, SQLite behind" : "in-memory SQLite");
}
// Real time throughout: the journal's database writer and checkpoint threads share the
// machine's cores, and orders/s is what the counter completes per second of the clock, not per
// second of the calling thread's CPU.
BENCHMARK(BM_CounterFillRoundTrip)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same pairs as the simulator thread runs them under load: group commit, one journal record
// per batch of 64 orders (td_service's batch is whatever the socket delivered at once).
void BM_CounterFillRoundTripBatched(benchmark::State& state) {
  Rig rig(true, true);
  int in_batch = 0;
  for (auto _ : state) {
    fill_round_trip(rig);
    if ((in_batch += 2) >= 64) {
      rig.counter->end_batch();
      in_batch = 0;
    }
  }
  rig.counter->end_batch();
  state.SetItemsProcessed(state.iterations() * 2);
  report_outcome(state, rig);
  state.SetLabel("journal on disk, group commit of 64 orders");
}
BENCHMARK(BM_CounterFillRoundTripBatched)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A passive order that rests, then its cancel.
void BM_CounterRestAndCancel(benchmark::State& state) {
  Rig rig(state.range(0) == 1);
  const double passive = rig.spec->to_price(rig.tick().lower);
  ctp::CThostFtdcInputOrderActionField cancel{};
  cancel.ActionFlag = '0';
  int ref = 0;
  for (auto _ : state) {
    auto o = rig.order('0', '0', passive);
    ctp::set_text(o.OrderRef, std::to_string(++ref));
    rig.counter->insert_order(rig.ctx, o, 1, kIgnore);
    ctp::set_text(cancel.OrderRef, std::to_string(ref));
    rig.counter->cancel_order(rig.ctx, cancel, kIgnore);
  }
  state.SetItemsProcessed(state.iterations() * 2);
  report_outcome(state, rig);
  state.SetLabel(state.range(0) == 1 ? "journal on disk, SQLite behind" : "in-memory SQLite");
}
BENCHMARK(BM_CounterRestAndCancel)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

namespace {

// The pure matching step alone: an order against a five-level book, new tick every 16 orders.
void BM_MatchBook(benchmark::State& state) {
  Tick t;
  for (int i = 0; i < 5; ++i) {
    t.ask[i] = 3281 + i;
    t.bid[i] = 3280 - i;
    t.ask_volume[i] = t.bid_volume[i] = 40;
  }
  TakenLiquidity taken;
  std::int64_t n = 0;
  for (auto _ : state) {
    t.index = n >> 4;
    taken.age(t.index * 500, 0);  // a tick every 16 orders: the book refills (as td_load runs)
    const bool buy = (n & 1) == 0;
    const BookFills f =
        match_book(t, buy, buy ? 3283 : 3278, 1 + static_cast<int>(n % 7), '1', 0, taken);
    benchmark::DoNotOptimize(f);
    ++n;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MatchBook);

}  // namespace
BENCHMARK_MAIN();
