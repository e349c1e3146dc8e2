// Fan-out microbenchmark: getting one tick to N sessions' send queues, serialised and framed
// once and shared, versus serialised once per session (what a per-socket design does).
#include <benchmark/benchmark.h>

#include <cfloat>
#include <vector>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/net/ws_server.h"
#include "ctpgw/protocol/envelope.h"

using namespace ctpgw;

namespace {

ctp::CThostFtdcDepthMarketDataField tick() {
  ctp::CThostFtdcDepthMarketDataField md{};
  ctp::set_text(md.InstrumentID, "rb2705");
  md.LastPrice = 3281;
  md.AskPrice1 = 3282;
  md.BidPrice1 = 3281;
  md.ClosePrice = DBL_MAX;
  md.Volume = 1234;
  return md;
}

void BM_FanOutSerialiseOnce(benchmark::State& state) {
  const auto md = tick();
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<net::FramePtr> queues(n);  // stands in for each session's send queue
  for (auto _ : state) {
    const net::FramePtr frame =
        net::prepare_text_frame(protocol::encode_reply_view(protocol::tick_push(md)));
    for (auto& q : queues) q = frame;
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_FanOutSerialiseOnce)->Arg(10)->Arg(100)->Arg(1000);

void BM_FanOutSerialisePerSession(benchmark::State& state) {
  const auto md = tick();
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<net::FramePtr> queues(n);
  for (auto _ : state) {
    for (auto& q : queues)
      q = net::prepare_text_frame(protocol::encode_reply_view(protocol::tick_push(md)));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_FanOutSerialisePerSession)->Arg(10)->Arg(100)->Arg(1000);

}  // namespace

BENCHMARK_MAIN();
