// MdApi / MdSpi: the CTP market-data interface every backend implements.
//
// Same conventions as trader_api.h: CThostFtdcMdApi's names, 0/-1/-2/-3 return codes,
// callbacks on a backend thread, none after Release() returns.
#pragma once

#include "ctpgw/ctp_api/ctp_structs.h"

namespace ctpgw::ctp {

// Responses of the market-data API (callback, struct), declared once for every implementation.
// clang-format off
#define CTPGW_MD_RESPONSES(X) \
  X(OnRspUserLogin, RspUserLogin) X(OnRspUserLogout, UserLogout) \
  X(OnRspSubMarketData, SpecificInstrument) X(OnRspUnSubMarketData, SpecificInstrument)
// clang-format on

class MdSpi {
 public:
  virtual ~MdSpi() = default;

  virtual void OnFrontConnected() {}
  virtual void OnFrontDisconnected(int /*nReason*/) {}
  virtual void OnHeartBeatWarning(int /*nTimeLapse*/) {}
#define CTPGW_DECLARE_MD_RSP(callback, rsp_struct)                                \
  virtual void callback(CThostFtdc##rsp_struct##Field* /*field*/,                 \
                        CThostFtdcRspInfoField* /*pRspInfo*/, int /*nRequestID*/, \
                        bool /*bIsLast*/) {}
  CTPGW_MD_RESPONSES(CTPGW_DECLARE_MD_RSP)
#undef CTPGW_DECLARE_MD_RSP
  virtual void OnRspError(CThostFtdcRspInfoField* /*pRspInfo*/, int /*nRequestID*/,
                          bool /*bIsLast*/) {}
  virtual void OnRtnDepthMarketData(CThostFtdcDepthMarketDataField* /*field*/) {}
};

class MdApi {
 public:
  virtual void RegisterSpi(MdSpi* spi) = 0;
  virtual void RegisterFront(const char* address) = 0;
  virtual void Init() = 0;
  virtual void Release() = 0;
  virtual const char* GetTradingDay() = 0;
  virtual int ReqUserLogin(CThostFtdcReqUserLoginField* field, int nRequestID) = 0;
  virtual int ReqUserLogout(CThostFtdcUserLogoutField* field, int nRequestID) = 0;
  virtual int SubscribeMarketData(char* ppInstrumentID[], int nCount) = 0;
  virtual int UnSubscribeMarketData(char* ppInstrumentID[], int nCount) = 0;

  MdApi(const MdApi&) = delete;
  MdApi& operator=(const MdApi&) = delete;

 protected:
  MdApi() = default;
  virtual ~MdApi() = default;
};

}  // namespace ctpgw::ctp
