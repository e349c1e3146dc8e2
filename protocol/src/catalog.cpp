#include "ctpgw/protocol/catalog.h"

#include <array>

namespace ctpgw::protocol {
namespace {

using ctp::StructId;
constexpr auto kObj = EmptyBody::Object;
constexpr auto kNull = EmptyBody::Null;

// clang-format off
constexpr std::array kMessages{
  // md (protocol §8)
  MessageSpec{Service::Md, "ReqUserLogin", "ReqUserLogin", StructId::ReqUserLogin,
              "RspUserLogin", "RspUserLogin", StructId::RspUserLogin, kNull, false,
              "Log in to the market-data front (credentials only name the session)."},
  MessageSpec{Service::Md, "SubscribeMarketData", "", StructId::SpecificInstrument,
              "RspSubMarketData", "SpecificInstrument", StructId::SpecificInstrument, kNull, true,
              "Subscribe to a top-level \"InstrumentID\" array; one reply per instrument."},
  MessageSpec{Service::Md, "UnSubscribeMarketData", "", StructId::SpecificInstrument,
              "RspUnSubMarketData", "SpecificInstrument", StructId::SpecificInstrument, kNull, true,
              "Unsubscribe from a top-level \"InstrumentID\" array; one reply per instrument."},
  // td (protocol table 7.1)
  MessageSpec{Service::Td, "ReqUserLogin", "ReqUserLogin", StructId::ReqUserLogin,
              "RspUserLogin", "RspUserLogin", StructId::RspUserLogin, EmptyBody::Omit, false,
              "Authenticate, log in and confirm settlement in one step."},
  MessageSpec{Service::Td, "ReqUserLogout", "UserLogout", StructId::UserLogout,
              "RspUserLogout", "UserLogout", StructId::UserLogout, kNull, false,
              "Extension: end the connection's session (webctp has no logout); -401 before login."},
  MessageSpec{Service::Td, "ReqQryInstrument", "QryInstrument", StructId::QryInstrument,
              "RspQryInstrument", "Instrument", StructId::Instrument, kObj, true, "Instruments."},
  MessageSpec{Service::Td, "ReqQryExchange", "QryExchange", StructId::QryExchange,
              "RspQryExchange", "Exchange", StructId::Exchange, kObj, true, "Exchanges."},
  MessageSpec{Service::Td, "ReqQryProduct", "QryProduct", StructId::QryProduct,
              "RspQryProduct", "Product", StructId::Product, kObj, true, "Products."},
  MessageSpec{Service::Td, "ReqQryDepthMarketData", "QryDepthMarketData", StructId::QryDepthMarketData,
              "RspQryDepthMarketData", "DepthMarketData", StructId::DepthMarketData, kObj, true,
              "Current depth snapshot."},
  MessageSpec{Service::Td, "ReqQryInvestorPositionDetail", "QryInvestorPositionDetail",
              StructId::QryInvestorPositionDetail, "RspQryInvestorPositionDetail",
              "InvestorPositionDetail", StructId::InvestorPositionDetail, kObj, true,
              "Position details, one row per opening trade."},
  MessageSpec{Service::Td, "ReqQryExchangeMarginRate", "QryExchangeMarginRate",
              StructId::QryExchangeMarginRate, "RspQryExchangeMarginRate", "ExchangeMarginRate",
              StructId::ExchangeMarginRate, kObj, true, "Exchange margin rates."},
  MessageSpec{Service::Td, "ReqQryInstrumentOrderCommRate", "QryInstrumentOrderCommRate",
              StructId::QryInstrumentOrderCommRate, "RspQryInstrumentOrderCommRate",
              "InstrumentOrderCommRate", StructId::InstrumentOrderCommRate, kObj, true,
              "Order and cancel fees."},
  MessageSpec{Service::Td, "ReqQryOptionInstrTradeCost", "QryOptionInstrTradeCost",
              StructId::QryOptionInstrTradeCost, "RspQryOptionInstrTradeCost",
              "OptionInstrTradeCost", StructId::OptionInstrTradeCost, kObj, true,
              "Option margin and premium."},
  MessageSpec{Service::Td, "ReqQryOptionInstrCommRate", "QryOptionInstrCommRate",
              StructId::QryOptionInstrCommRate, "RspQryOptionInstrCommRate", "OptionInstrCommRate",
              StructId::OptionInstrCommRate, kObj, true, "Option commission rates."},
  MessageSpec{Service::Td, "ReqUserPasswordUpdate", "UserPasswordUpdate", StructId::UserPasswordUpdate,
              "RspUserPasswordUpdate", "UserPasswordUpdate", StructId::UserPasswordUpdate, kNull, false,
              "Change the login password."},
  MessageSpec{Service::Td, "ReqOrderInsert", "InputOrder", StructId::InputOrder,
              "RspOrderInsert", "InputOrder", StructId::InputOrder, kNull, false,
              "Place an order. Accepted orders answer with RtnOrder/RtnTrade pushes only."},
  MessageSpec{Service::Td, "ReqOrderAction", "InputOrderAction", StructId::InputOrderAction,
              "RspOrderAction", "InputOrderAction", StructId::InputOrderAction, kNull, false,
              "Cancel an order by (FrontID, SessionID, OrderRef) or (ExchangeID, OrderSysID)."},
  MessageSpec{Service::Td, "ReqQryMaxOrderVolume", "QryMaxOrderVolume", StructId::QryMaxOrderVolume,
              "RspQryMaxOrderVolume", "QryMaxOrderVolume", StructId::QryMaxOrderVolume, kNull, false,
              "Largest volume that can be ordered now."},
  MessageSpec{Service::Td, "ReqQryOrder", "QryOrder", StructId::QryOrder,
              "RspQryOrder", "Order", StructId::Order, kNull, true, "Today's orders."},
  MessageSpec{Service::Td, "ReqQryTrade", "QryTrade", StructId::QryTrade,
              "RspQryTrade", "Trade", StructId::Trade, kNull, true, "Today's trades."},
  MessageSpec{Service::Td, "ReqQryInvestorPosition", "QryInvestorPosition", StructId::QryInvestorPosition,
              "RspQryInvestorPosition", "InvestorPosition", StructId::InvestorPosition, kNull, true,
              "Positions."},
  MessageSpec{Service::Td, "ReqQryTradingAccount", "QryTradingAccount", StructId::QryTradingAccount,
              "RspQryTradingAccount", "TradingAccount", StructId::TradingAccount, kNull, true,
              "Funds."},
  MessageSpec{Service::Td, "ReqQryInvestor", "QryInvestor", StructId::QryInvestor,
              "RspQryInvestor", "Investor", StructId::Investor, kNull, true, "Investor."},
  MessageSpec{Service::Td, "ReqQryTradingCode", "QryTradingCode", StructId::QryTradingCode,
              "RspQryTradingCode", "TradingCode", StructId::TradingCode, kNull, true,
              "Exchange client codes."},
  MessageSpec{Service::Td, "ReqQrySettlementInfo", "QrySettlementInfo", StructId::QrySettlementInfo,
              "RspQrySettlementInfo", "SettlementInfo", StructId::SettlementInfo, kNull, true,
              "A trading day's settlement statement (TradingDay empty: the latest), as text in "
              "chunks: concatenate Content in SequenceNo order."},
  MessageSpec{Service::Td, "ReqQrySettlementInfoConfirm", "QrySettlementInfoConfirm",
              StructId::QrySettlementInfoConfirm, "RspQrySettlementInfoConfirm",
              "SettlementInfoConfirm", StructId::SettlementInfoConfirm, kNull, true,
              "Whether and when the statement was confirmed for the current trading day."},
  MessageSpec{Service::Td, "ReqFromBankToFutureByFuture", "ReqTransfer", StructId::ReqTransfer,
              "RspFromBankToFutureByFuture", "ReqTransfer", StructId::ReqTransfer, kNull, false,
              "Move money from the bank into the fund account (TradeAmount; Password: the fund "
              "password). Success: RtnFromBankToFutureByFuture; failure: this reply."},
  MessageSpec{Service::Td, "ReqFromFutureToBankByFuture", "ReqTransfer", StructId::ReqTransfer,
              "RspFromFutureToBankByFuture", "ReqTransfer", StructId::ReqTransfer, kNull, false,
              "Move money from the fund account to the bank (at most WithdrawQuota). Success: "
              "RtnFromFutureToBankByFuture; failure: this reply."},
  MessageSpec{Service::Td, "ReqQryInstrumentMarginRate", "QryInstrumentMarginRate",
              StructId::QryInstrumentMarginRate, "RspQryInstrumentMarginRate", "InstrumentMarginRate",
              StructId::InstrumentMarginRate, kNull, true, "Margin rates."},
  MessageSpec{Service::Td, "ReqQryInstrumentCommissionRate", "QryInstrumentCommissionRate",
              StructId::QryInstrumentCommissionRate, "RspQryInstrumentCommissionRate",
              "InstrumentCommissionRate", StructId::InstrumentCommissionRate, kNull, true,
              "Commission rates."},
};

constexpr std::array kPushes{
  PushSpec{Service::Md, "RtnDepthMarketData", "DepthMarketData", StructId::DepthMarketData,
           false, false, "A market-data tick of a subscribed instrument."},
  PushSpec{Service::Md, "RspError", "", StructId::RspInfo, true, true,
           "The backend answered a request with OnRspError."},
  PushSpec{Service::Md, "RtnMarketDataConflation", "", StructId::RspInfo, true, true,
           "The client fell behind (Active true: only the newest tick per instrument is kept until "
           "it catches up) or caught up (Active false). Body key MarketDataConflation: "
           "{Active, DroppedTicks, Reason}."},
  PushSpec{Service::Md, "RtnUpstreamStatus", "", StructId::RspInfo, true, true,
           "The upstream CTP front went away (Connected false, Reason and ReasonText from "
           "OnFrontDisconnected) or the session is usable again (Ready true). Body key "
           "UpstreamStatus: {Connected, Ready, Reason, ReasonText, Detail}."},
  PushSpec{Service::Td, "RtnUpstreamStatus", "", StructId::RspInfo, true, true,
           "As on md; on td Ready true follows the automatic re-login after a reconnect, and "
           "Ready false with Detail says when the gateway will not retry (refused credentials)."},
  PushSpec{Service::Td, "RtnOrder", "Order", StructId::Order, true, false,
           "Every state change of the account's orders after login."},
  PushSpec{Service::Td, "RtnTrade", "Trade", StructId::Trade, true, false, "Each fill after login."},
  PushSpec{Service::Td, "ErrRtnOrderInsert", "InputOrder", StructId::InputOrder, true, false,
           "An order insert was rejected."},
  PushSpec{Service::Td, "ErrRtnOrderAction", "OrderAction", StructId::OrderAction, true, false,
           "A cancel was rejected."},
  PushSpec{Service::Td, "RspAuthenticate", "", StructId::RspAuthenticate, true, false,
           "Client authentication failed during ReqUserLogin (no body)."},
  PushSpec{Service::Td, "RspError", "", StructId::RspInfo, true, true,
           "The backend answered a request with OnRspError; RequestID is the request's."},
  PushSpec{Service::Td, "RtnInstrumentStatus", "InstrumentStatus", StructId::InstrumentStatus,
           true, true, "An instrument changed trading status."},
  PushSpec{Service::Td, "RtnFromBankToFutureByFuture", "RspTransfer", StructId::RspTransfer, true,
           true, "A deposit into the fund account was made (FutureSerial, TradeAmount)."},
  PushSpec{Service::Td, "RtnFromFutureToBankByFuture", "RspTransfer", StructId::RspTransfer, true,
           true, "A withdrawal from the fund account was made (FutureSerial, TradeAmount)."},
};
// clang-format on

}  // namespace

std::span<const MessageSpec> messages() noexcept {
  return kMessages;
}
std::span<const PushSpec> pushes() noexcept {
  return kPushes;
}

const MessageSpec* find_message(Service service, std::string_view request) noexcept {
  for (const MessageSpec& m : kMessages) {
    if (m.service == service && m.request == request) return &m;
  }
  return nullptr;
}

const PushSpec* find_push(Service service, std::string_view msg_type) noexcept {
  for (const PushSpec& p : kPushes) {
    if (p.service == service && p.msg_type == msg_type) return &p;
  }
  return nullptr;
}

std::string_view service_name(Service service) noexcept {
  return service == Service::Md ? "md" : "td";
}

}  // namespace ctpgw::protocol
