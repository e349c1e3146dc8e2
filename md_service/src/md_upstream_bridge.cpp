#include "md_upstream_bridge.h"

#include "ctpgw/protocol/envelope.h"
#include "md_app.h"

namespace ctpgw::md {

using namespace ctpgw::ctp;

Frame encode_tick(const CThostFtdcDepthMarketDataField& tick) {
  return net::prepare_text_frame(protocol::encode_reply(protocol::tick_push(tick)));
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

void MdUpstreamBridge::OnRtnDepthMarketData(CThostFtdcDepthMarketDataField* tick) {
  if (tick == nullptr) return;
  app_.post_tick(tick->InstrumentID, encode_tick(*tick));
}

}  // namespace ctpgw::md
