// TraderApi / TraderSpi: the CTP trading interface every backend implements.
//
// Method names, arguments and return codes are CThostFtdcTraderApi's: ReqXxx(field, requestId)
// returns 0 when the request was sent, -1 on a network failure, -2 when too many requests are
// outstanding and -3 when the per-second rate is exceeded; in the last three cases no callback
// follows. Callbacks arrive on a backend thread (as the vendor SDK delivers them); a Spi must
// copy what it needs and hand it to its own thread. After Release() returns no callback runs.
#pragma once

#include "ctpgw/ctp_api/ctp_structs.h"

namespace ctpgw::ctp {

/// Private/public flow replay mode (THOST_TE_RESUME_TYPE).
enum class ResumeType { Restart = 0, Resume = 1, Quick = 2, None = 3 };

// (request method, request struct, response callback, response struct). Session requests are
// driven by the gateway's login sequence; business requests are routed from client MsgTypes.
// clang-format off
#define CTPGW_TRADER_SESSION_REQUESTS(X) \
  X(ReqAuthenticate, ReqAuthenticate, OnRspAuthenticate, RspAuthenticate) \
  X(ReqUserLogin, ReqUserLogin, OnRspUserLogin, RspUserLogin) \
  X(ReqUserLogout, UserLogout, OnRspUserLogout, UserLogout) \
  X(ReqSettlementInfoConfirm, SettlementInfoConfirm, OnRspSettlementInfoConfirm, SettlementInfoConfirm)

#define CTPGW_TRADER_BUSINESS_REQUESTS(X) \
  X(ReqUserPasswordUpdate, UserPasswordUpdate, OnRspUserPasswordUpdate, UserPasswordUpdate) \
  X(ReqOrderInsert, InputOrder, OnRspOrderInsert, InputOrder) \
  X(ReqOrderAction, InputOrderAction, OnRspOrderAction, InputOrderAction) \
  X(ReqQryMaxOrderVolume, QryMaxOrderVolume, OnRspQryMaxOrderVolume, QryMaxOrderVolume) \
  X(ReqQryOrder, QryOrder, OnRspQryOrder, Order) \
  X(ReqQryTrade, QryTrade, OnRspQryTrade, Trade) \
  X(ReqQryInvestorPosition, QryInvestorPosition, OnRspQryInvestorPosition, InvestorPosition) \
  X(ReqQryTradingAccount, QryTradingAccount, OnRspQryTradingAccount, TradingAccount) \
  X(ReqQryInvestor, QryInvestor, OnRspQryInvestor, Investor) \
  X(ReqQryTradingCode, QryTradingCode, OnRspQryTradingCode, TradingCode) \
  X(ReqQrySettlementInfo, QrySettlementInfo, OnRspQrySettlementInfo, SettlementInfo) \
  X(ReqQrySettlementInfoConfirm, QrySettlementInfoConfirm, OnRspQrySettlementInfoConfirm, SettlementInfoConfirm) \
  X(ReqFromBankToFutureByFuture, ReqTransfer, OnRspFromBankToFutureByFuture, ReqTransfer) \
  X(ReqFromFutureToBankByFuture, ReqTransfer, OnRspFromFutureToBankByFuture, ReqTransfer) \
  X(ReqQryInstrumentMarginRate, QryInstrumentMarginRate, OnRspQryInstrumentMarginRate, InstrumentMarginRate) \
  X(ReqQryInstrumentCommissionRate, QryInstrumentCommissionRate, OnRspQryInstrumentCommissionRate, InstrumentCommissionRate) \
  X(ReqQryExchange, QryExchange, OnRspQryExchange, Exchange) \
  X(ReqQryProduct, QryProduct, OnRspQryProduct, Product) \
  X(ReqQryInstrument, QryInstrument, OnRspQryInstrument, Instrument) \
  X(ReqQryDepthMarketData, QryDepthMarketData, OnRspQryDepthMarketData, DepthMarketData) \
  X(ReqQryInvestorPositionDetail, QryInvestorPositionDetail, OnRspQryInvestorPositionDetail, InvestorPositionDetail) \
  X(ReqQryExchangeMarginRate, QryExchangeMarginRate, OnRspQryExchangeMarginRate, ExchangeMarginRate) \
  X(ReqQryInstrumentOrderCommRate, QryInstrumentOrderCommRate, OnRspQryInstrumentOrderCommRate, InstrumentOrderCommRate) \
  X(ReqQryOptionInstrTradeCost, QryOptionInstrTradeCost, OnRspQryOptionInstrTradeCost, OptionInstrTradeCost) \
  X(ReqQryOptionInstrCommRate, QryOptionInstrCommRate, OnRspQryOptionInstrCommRate, OptionInstrCommRate)

#define CTPGW_TRADER_REQUESTS(X) CTPGW_TRADER_SESSION_REQUESTS(X) CTPGW_TRADER_BUSINESS_REQUESTS(X)

// Pushes (callback, struct): with one struct, and with a struct and an RspInfo.
#define CTPGW_TRADER_PUSHES(X) \
  X(OnRtnOrder, Order) X(OnRtnTrade, Trade) X(OnRtnInstrumentStatus, InstrumentStatus) \
  X(OnRtnFromBankToFutureByFuture, RspTransfer) X(OnRtnFromFutureToBankByFuture, RspTransfer)
#define CTPGW_TRADER_ERROR_PUSHES(X) \
  X(OnErrRtnOrderInsert, InputOrder) X(OnErrRtnOrderAction, OrderAction)
// clang-format on

/// Callbacks of the trading API. Every hook has an empty default, as in the SDK.
class TraderSpi {
 public:
  virtual ~TraderSpi() = default;

  virtual void OnFrontConnected() {}
  virtual void OnFrontDisconnected(int /*nReason*/) {}
  virtual void OnHeartBeatWarning(int /*nTimeLapse*/) {}

#define CTPGW_DECLARE_ON_RSP(req, req_struct, callback, rsp_struct)               \
  virtual void callback(CThostFtdc##rsp_struct##Field* /*field*/,                 \
                        CThostFtdcRspInfoField* /*pRspInfo*/, int /*nRequestID*/, \
                        bool /*bIsLast*/) {}
  CTPGW_TRADER_REQUESTS(CTPGW_DECLARE_ON_RSP)
#undef CTPGW_DECLARE_ON_RSP

  virtual void OnRspError(CThostFtdcRspInfoField* /*pRspInfo*/, int /*nRequestID*/,
                          bool /*bIsLast*/) {}
#define CTPGW_DECLARE_PUSH(callback, push_struct) \
  virtual void callback(CThostFtdc##push_struct##Field* /*field*/) {}
  CTPGW_TRADER_PUSHES(CTPGW_DECLARE_PUSH)
#undef CTPGW_DECLARE_PUSH
#define CTPGW_DECLARE_ERROR_PUSH(callback, push_struct)            \
  virtual void callback(CThostFtdc##push_struct##Field* /*field*/, \
                        CThostFtdcRspInfoField* /*pRspInfo*/) {}
  CTPGW_TRADER_ERROR_PUSHES(CTPGW_DECLARE_ERROR_PUSH)
#undef CTPGW_DECLARE_ERROR_PUSH
};

/// The trading API. Not copyable; destroy only through Release().
class TraderApi {
 public:
  virtual void RegisterSpi(TraderSpi* spi) = 0;
  virtual void RegisterFront(const char* address) = 0;
  virtual void SubscribePrivateTopic(ResumeType type) = 0;
  virtual void SubscribePublicTopic(ResumeType type) = 0;
  /// Starts the API; OnFrontConnected follows on the backend thread.
  virtual void Init() = 0;
  /// Stops callbacks and frees the API. No callback runs after this returns.
  virtual void Release() = 0;
  /// Valid after login.
  virtual const char* GetTradingDay() = 0;
  /// Extension (not in CTP's interface): the spacing the front requires between queries,
  /// from GetFrontInfo's QryFreq where the SDK has it (6.7.7+); -1 when unknown. After login.
  virtual int FrontQueryIntervalMs() { return -1; }

#define CTPGW_DECLARE_REQ(req, req_struct, callback, rsp_struct) \
  virtual int req(CThostFtdc##req_struct##Field* field, int nRequestID) = 0;
  CTPGW_TRADER_REQUESTS(CTPGW_DECLARE_REQ)
#undef CTPGW_DECLARE_REQ

  TraderApi(const TraderApi&) = delete;
  TraderApi& operator=(const TraderApi&) = delete;

 protected:
  TraderApi() = default;
  virtual ~TraderApi() = default;
};

}  // namespace ctpgw::ctp
