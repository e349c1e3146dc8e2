#include "md_upstream_bridge.h"

#include "ctpgw/protocol/envelope.h"
#include "md_app.h"

#include <cstdio>

namespace ctpgw::md {

using namespace ctpgw::ctp;

Frame encode_tick(const CThostFtdcDepthMarketDataField& tick) {
  return net::prepare_text_frame(protocol::encode_reply_view(protocol::tick_push(tick)));
}

void MdUpstreamBridge::OnFrontConnected() {
  app_.post_front_connected();
}

void MdUpstreamBridge::OnFrontDisconnected(int nReason) {
  app_.post_front_disconnected(nReason);
}

void MdUpstreamBridge::OnRspUserLogin(CThostFtdcRspUserLoginField* field,
                                      CThostFtdcRspInfoField* info, int, bool) {
  std::optional<CThostFtdcRspUserLoginField> body;
  if (field != nullptr) body = *field;
  std::optional<CThostFtdcRspInfoField> rsp;
  if (info != nullptr) rsp = *info;
  app_.post_login(body, rsp);
}

void MdUpstreamBridge::OnRspError(CThostFtdcRspInfoField* info, int request_id, bool) {
  app_.post_rsp_error(info != nullptr ? *info : CThostFtdcRspInfoField{}, request_id);
}

void MdUpstreamBridge::OnRspSubMarketData(CThostFtdcSpecificInstrumentField* field,
                                          CThostFtdcRspInfoField* info, int, bool) {
  if (field == nullptr || field->InstrumentID[0] == '\0') {
    return app_.post_sub_failure(info != nullptr ? *info : CThostFtdcRspInfoField{});
  }
  app_.post_sub_reply(field->InstrumentID, info != nullptr ? *info : CThostFtdcRspInfoField{});
}

void MdUpstreamBridge::OnRspUnSubMarketData(CThostFtdcSpecificInstrumentField*,
                                            CThostFtdcRspInfoField*, int, bool) {}

static std::optional<BarTick> bar_tick(const CThostFtdcDepthMarketDataField& tick) {
  int h = 0, m = 0, s = 0;
  if (std::sscanf(tick.UpdateTime, "%d:%d:%d", &h, &m, &s) != 3 || h > 23 || m > 59 || s > 59) {
    return std::nullopt;
  }
  // No trade yet (DBL_MAX or 0): nothing to draw.
  if (!(tick.LastPrice > 0) || tick.LastPrice > 1e15) return std::nullopt;
  BarTick b;
  b.trading_day = tick.TradingDay;
  b.seconds = h * 3600 + m * 60 + s;
  b.price = tick.LastPrice;
  b.volume = tick.Volume;
  b.turnover = tick.Turnover < 1e300 ? tick.Turnover : 0;
  b.open_interest = tick.OpenInterest < 1e300 ? tick.OpenInterest : 0;
  return b;
}

void MdUpstreamBridge::OnRtnDepthMarketData(CThostFtdcDepthMarketDataField* tick) {
  if (tick == nullptr) return;
  app_.post_tick(tick->InstrumentID, encode_tick(*tick), bar_tick(*tick));
}

}  // namespace ctpgw::md
