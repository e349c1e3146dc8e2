// MdSpi of the process's single upstream market-data session. Runs on the backend thread:
// ticks are serialised to JSON here, once, and the shared frame is posted to the io thread for
// fan-out; every other event is copied and posted to MdApp.
#pragma once

#include <memory>
#include <string>

#include "ctpgw/ctp_api/md_api.h"
#include "ctpgw/net/ws_server.h"

namespace ctpgw::md {

class MdApp;

class MdUpstreamBridge final : public ctp::MdSpi {
 public:
  explicit MdUpstreamBridge(MdApp& app) : app_(app) {}

  void OnFrontConnected() override;
  void OnFrontDisconnected(int nReason) override;
  void OnRspUserLogin(ctp::CThostFtdcRspUserLoginField* field, ctp::CThostFtdcRspInfoField* info,
                      int request_id, bool is_last) override;
  void OnRspError(ctp::CThostFtdcRspInfoField* info, int request_id, bool is_last) override;
  void OnRspSubMarketData(ctp::CThostFtdcSpecificInstrumentField* field,
                          ctp::CThostFtdcRspInfoField* info, int request_id, bool is_last) override;
  void OnRspUnSubMarketData(ctp::CThostFtdcSpecificInstrumentField* field,
                            ctp::CThostFtdcRspInfoField* info, int request_id,
                            bool is_last) override;
  void OnRtnDepthMarketData(ctp::CThostFtdcDepthMarketDataField* tick) override;

 private:
  MdApp& app_;
};

/// One serialised and framed RtnDepthMarketData push, shared by every subscriber.
using Frame = net::FramePtr;

Frame encode_tick(const ctp::CThostFtdcDepthMarketDataField& tick);

}  // namespace ctpgw::md
