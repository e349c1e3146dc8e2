// Codec microbenchmarks: encode one DepthMarketData push, decode one ReqOrderInsert request.
#include <benchmark/benchmark.h>

#include <cfloat>
#include <cstring>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/request.h"

using namespace ctpgw;

namespace {

ctp::CThostFtdcDepthMarketDataField sample_tick() {
  ctp::CThostFtdcDepthMarketDataField md{};
  ctp::set_text(md.TradingDay, "20261123");
  ctp::set_text(md.ActionDay, "20261120");
  ctp::set_text(md.ExchangeID, "SHFE");
  ctp::set_text(md.InstrumentID, "rb2705");
  ctp::set_text(md.ExchangeInstID, "rb2705");
  ctp::set_text(md.UpdateTime, "21:30:15");
  md.UpdateMillisec = 500;
  md.LastPrice = 3281;
  md.PreSettlementPrice = 3276;
  md.PreClosePrice = 3278;
  md.PreOpenInterest = 1523344;
  md.OpenPrice = 3270;
  md.HighestPrice = 3295;
  md.LowestPrice = 3262;
  md.Volume = 182345;
  md.Turnover = 5982345670.0;
  md.OpenInterest = 1530021;
  md.ClosePrice = DBL_MAX;
  md.SettlementPrice = DBL_MAX;
  md.UpperLimitPrice = 3505;
  md.LowerLimitPrice = 3047;
  md.CurrDelta = 45015.123456;
  double* prices[] = {&md.BidPrice1, &md.BidPrice2, &md.BidPrice3, &md.BidPrice4, &md.BidPrice5,
                      &md.AskPrice1, &md.AskPrice2, &md.AskPrice3, &md.AskPrice4, &md.AskPrice5};
  int* volumes[] = {&md.BidVolume1, &md.BidVolume2, &md.BidVolume3, &md.BidVolume4, &md.BidVolume5,
                    &md.AskVolume1, &md.AskVolume2, &md.AskVolume3, &md.AskVolume4, &md.AskVolume5};
  for (int i = 0; i < 10; ++i) {
    *prices[i] = i < 5 ? 3280 - i : 3281 + (i - 5);
    *volumes[i] = 10 + i;
  }
  md.AveragePrice = 32807.4;
  return md;
}

void BM_EncodeDepthMarketData(benchmark::State& state) {
  const auto md = sample_tick();
  const protocol::Reply r = protocol::tick_push(md);
  rapidjson::StringBuffer buf;
  for (auto _ : state) {
    buf.Clear();
    protocol::encode_reply(r, buf);
    benchmark::DoNotOptimize(buf.GetString());
  }
  state.counters["bytes"] = static_cast<double>(buf.GetSize());
}
BENCHMARK(BM_EncodeDepthMarketData);

void BM_DecodeOrderInsertRequest(benchmark::State& state) {
  const std::string text =
      R"({"MsgType":"ReqOrderInsert","RequestID":11,"InputOrder":{"BrokerID":"9999","InvestorID":"209025","ExchangeID":"SHFE","InstrumentID":"rb2705","LimitPrice":3281,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0","IsAutoSuspend":0,"IsSwapOrder":0,"OrderRef":"17"}})";
  for (auto _ : state) {
    protocol::ParsedRequest req;
    if (protocol::parse_request(text, req)) state.SkipWithError("parse failed");
    const protocol::MessageSpec* spec = protocol::find_message(protocol::Service::Td, req.msg_type);
    int request_id = 0;
    protocol::read_request_id(req, true, request_id);
    protocol::AnyStruct body;
    if (protocol::read_body(req, *spec, body.data())) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(body.bytes);
  }
}
BENCHMARK(BM_DecodeOrderInsertRequest);

void BM_EncodeRtnOrder(benchmark::State& state) {
  ctp::CThostFtdcOrderField o{};
  ctp::set_text(o.InstrumentID, "rb2705");
  ctp::set_text(o.OrderSysID, "       46792");
  ctp::set_gb_text(o.StatusMsg, "全部成交报单已提交");
  o.LimitPrice = 3281;
  o.VolumeTotalOriginal = 1;
  protocol::Reply r;
  r.msg_type = "RtnOrder";
  r.body_key = "Order";
  r.body_type = ctp::StructId::Order;
  r.body = &o;
  rapidjson::StringBuffer buf;
  for (auto _ : state) {
    buf.Clear();
    protocol::encode_reply(r, buf);
    benchmark::DoNotOptimize(buf.GetString());
  }
}
BENCHMARK(BM_EncodeRtnOrder);

}  // namespace

BENCHMARK_MAIN();
