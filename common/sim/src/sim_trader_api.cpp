#include "ctpgw/sim/sim_trader_api.h"

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/china_time.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;

SimTraderApi* SimTraderApi::create(SimExchange& exchange) {
  return new SimTraderApi(exchange);
}

SimTraderApi::SimTraderApi(SimExchange& exchange) : exchange_(exchange) {}

void SimTraderApi::RegisterSpi(TraderSpi* spi) {
  session_->spi.set(spi);
}
void SimTraderApi::RegisterFront(const char*) {}
void SimTraderApi::SubscribePrivateTopic(ResumeType) {}
void SimTraderApi::SubscribePublicTopic(ResumeType) {}

void SimTraderApi::Init() {
  on_exchange([](Session& s) { s.spi.call([](TraderSpi& spi) { spi.OnFrontConnected(); }); });
}

void SimTraderApi::Release() {
  session_->spi.set(nullptr);
  delete this;
}

const char* SimTraderApi::GetTradingDay() {
  trading_day_ = trading_day(exchange_.clock().now());
  return trading_day_.c_str();
}

int SimTraderApi::ReqAuthenticate(CThostFtdcReqAuthenticateField* field, int nRequestID) {
  // Like openctp's counters, the simulator accepts any AppID/AuthCode.
  CThostFtdcRspAuthenticateField rsp{};
  set_text(rsp.BrokerID, field->BrokerID);
  set_text(rsp.UserID, field->UserID);
  set_text(rsp.UserProductInfo, field->UserProductInfo);
  set_text(rsp.AppID, field->AppID);
  rsp.AppType = '1';
  on_exchange([rsp, nRequestID](Session& s) mutable {
    s.authenticated = true;
    CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
    s.spi.call([&](TraderSpi& spi) { spi.OnRspAuthenticate(&rsp, &ok, nRequestID, true); });
  });
  return 0;
}

int SimTraderApi::ReqUserLogin(CThostFtdcReqUserLoginField* field, int nRequestID) {
  CThostFtdcReqUserLoginField req = *field;
  SimExchange* exchange = &exchange_;
  on_exchange([req, nRequestID, exchange](Session& s) {
    CThostFtdcRspInfoField info{};
    CThostFtdcRspUserLoginField rsp{};
    if (!s.authenticated) {
      info = make_rsp_info(ErrorCode::NotAuthent);
    } else if (req.UserID[0] == '\0') {
      info = make_rsp_info(ErrorCode::InvalidLogin);
    } else {
      const TimePoint now = exchange->clock().now();
      s.logged_in = true;
      s.broker_id = req.BrokerID;
      s.user_id = req.UserID;
      s.session_id = exchange->next_session_id();
      set_text(rsp.TradingDay, trading_day(now));
      const std::string clock = clock_text(now);
      set_text(rsp.LoginTime, clock);
      set_text(rsp.BrokerID, req.BrokerID);
      set_text(rsp.UserID, req.UserID);
      set_text(rsp.SystemName, "ctpgw-sim");
      rsp.FrontID = SimExchange::kFrontId;
      rsp.SessionID = s.session_id;
      set_text(rsp.MaxOrderRef, "0");
      for (char* t :
           {rsp.SHFETime, rsp.DCETime, rsp.CZCETime, rsp.FFEXTime, rsp.INETime, rsp.GFEXTime}) {
        copy_text(t, sizeof rsp.SHFETime, clock);
      }
      set_text(rsp.SysVersion, "ctpgw-sim 0.1");
      info = make_rsp_info(ErrorCode::None);
    }
    const bool ok = info.ErrorID == 0;
    s.spi.call(
        [&](TraderSpi& spi) { spi.OnRspUserLogin(ok ? &rsp : nullptr, &info, nRequestID, true); });
  });
  return 0;
}

int SimTraderApi::ReqUserLogout(CThostFtdcUserLogoutField* field, int nRequestID) {
  CThostFtdcUserLogoutField rsp = *field;
  on_exchange([rsp, nRequestID](Session& s) mutable {
    s.logged_in = false;
    CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
    s.spi.call([&](TraderSpi& spi) { spi.OnRspUserLogout(&rsp, &ok, nRequestID, true); });
  });
  return 0;
}

int SimTraderApi::ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField* field,
                                           int nRequestID) {
  CThostFtdcSettlementInfoConfirmField rsp = *field;
  SimExchange* exchange = &exchange_;
  on_exchange([rsp, nRequestID, exchange](Session& s) mutable {
    CThostFtdcRspInfoField info =
        make_rsp_info(s.logged_in ? ErrorCode::None : ErrorCode::NotLoginYet);
    const TimePoint now = exchange->clock().now();
    set_text(rsp.ConfirmDate, action_day(now));
    set_text(rsp.ConfirmTime, clock_text(now));
    set_text(rsp.CurrencyID, "CNY");
    s.spi.call([&](TraderSpi& spi) {
      spi.OnRspSettlementInfoConfirm(s.logged_in ? &rsp : nullptr, &info, nRequestID, true);
    });
  });
  return 0;
}

int SimTraderApi::unsupported(int request_id) {
  on_exchange([request_id](Session& s) {
    CThostFtdcRspInfoField info = make_rsp_info(ErrorCode::UnsupportedFunction);
    s.spi.call([&](TraderSpi& spi) { spi.OnRspError(&info, request_id, true); });
  });
  return 0;
}

// Trading and queries are answered by the simulated counter (common/sim/src/counter, td issue);
// until a request is modelled there it gets CTP's "unsupported function".
int SimTraderApi::ReqUserPasswordUpdate(CThostFtdcUserPasswordUpdateField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqOrderInsert(CThostFtdcInputOrderField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqOrderAction(CThostFtdcInputOrderActionField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryMaxOrderVolume(CThostFtdcQryMaxOrderVolumeField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryOrder(CThostFtdcQryOrderField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryTrade(CThostFtdcQryTradeField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryTradingAccount(CThostFtdcQryTradingAccountField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInvestor(CThostFtdcQryInvestorField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryTradingCode(CThostFtdcQryTradingCodeField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInstrumentMarginRate(CThostFtdcQryInstrumentMarginRateField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInstrumentCommissionRate(CThostFtdcQryInstrumentCommissionRateField*,
                                                 int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryExchange(CThostFtdcQryExchangeField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryProduct(CThostFtdcQryProductField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInstrument(CThostFtdcQryInstrumentField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryDepthMarketData(CThostFtdcQryDepthMarketDataField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInvestorPositionDetail(CThostFtdcQryInvestorPositionDetailField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryExchangeMarginRate(CThostFtdcQryExchangeMarginRateField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryInstrumentOrderCommRate(CThostFtdcQryInstrumentOrderCommRateField*,
                                                int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryOptionInstrTradeCost(CThostFtdcQryOptionInstrTradeCostField*, int id) {
  return unsupported(id);
}
int SimTraderApi::ReqQryOptionInstrCommRate(CThostFtdcQryOptionInstrCommRateField*, int id) {
  return unsupported(id);
}

}  // namespace ctpgw::sim
