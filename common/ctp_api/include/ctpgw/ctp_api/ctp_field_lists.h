// CTP struct field lists: the one place each supported CThostFtdc*Field is declared.
//
// Each CTPGW_FIELDS_<Name>(F) expands F(kind, member, size) once per member, in the SDK's
// declaration order (6.7.11 layout, see ctp-model §3). ctp_structs.h expands these lists into
// the C++ structs; protocol/ expands the same lists into the field tables that drive JSON
// encoding, decoding, validation and the generated docs. Nothing else restates a field.
//
// Kinds:
//   Text     char[size]: NUL-terminated text (UTF-8 inside the process)
//   Reserve  char[size]: obsolete narrow slot kept for layout; never on the wire
//   Char     one enum letter ('\0' = unset)
//   Int      int
//   Double   double, passed raw (DBL_MAX stays DBL_MAX)
//   Price    double, DBL_MAX becomes integer 0 in market-data bodies (webctp rule, protocol §4.6)
//   MdPrice  like Price, but adjusted only in md pushes, raw in td query replies
#pragma once

// clang-format off
#define CTPGW_FIELDS_RspInfo(F) \
  F(Int, ErrorID, 0) F(Text, ErrorMsg, 81)

#define CTPGW_FIELDS_ReqAuthenticate(F) \
  F(Text, BrokerID, 11) F(Text, UserID, 16) F(Text, UserProductInfo, 11) F(Text, AuthCode, 17) \
  F(Text, AppID, 33)

#define CTPGW_FIELDS_RspAuthenticate(F) \
  F(Text, BrokerID, 11) F(Text, UserID, 16) F(Text, UserProductInfo, 11) F(Text, AppID, 33) \
  F(Char, AppType, 0)

#define CTPGW_FIELDS_ReqUserLogin(F) \
  F(Text, TradingDay, 9) F(Text, BrokerID, 11) F(Text, UserID, 16) F(Text, Password, 41) \
  F(Text, UserProductInfo, 11) F(Text, InterfaceProductInfo, 11) F(Text, ProtocolInfo, 11) \
  F(Text, MacAddress, 21) F(Text, OneTimePassword, 41) F(Reserve, reserve1, 16) \
  F(Text, LoginRemark, 36) F(Int, ClientIPPort, 0) F(Text, ClientIPAddress, 33)

#define CTPGW_FIELDS_RspUserLogin(F) \
  F(Text, TradingDay, 9) F(Text, LoginTime, 9) F(Text, BrokerID, 11) F(Text, UserID, 16) \
  F(Text, SystemName, 41) F(Int, FrontID, 0) F(Int, SessionID, 0) F(Text, MaxOrderRef, 13) \
  F(Text, SHFETime, 9) F(Text, DCETime, 9) F(Text, CZCETime, 9) F(Text, FFEXTime, 9) \
  F(Text, INETime, 9) F(Text, SysVersion, 41) F(Text, GFEXTime, 9) F(Int, LoginDRIdentityID, 0) \
  F(Int, UserDRIdentityID, 0) F(Text, LastLoginTime, 17) F(Text, ReserveInfo, 65)

#define CTPGW_FIELDS_UserLogout(F) \
  F(Text, BrokerID, 11) F(Text, UserID, 16)

#define CTPGW_FIELDS_UserPasswordUpdate(F) \
  F(Text, BrokerID, 11) F(Text, UserID, 16) F(Text, OldPassword, 41) F(Text, NewPassword, 41)

#define CTPGW_FIELDS_SettlementInfoConfirm(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Text, ConfirmDate, 9) F(Text, ConfirmTime, 9) \
  F(Int, SettlementID, 0) F(Text, AccountID, 13) F(Text, CurrencyID, 4)

#define CTPGW_FIELDS_QrySettlementInfo(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Text, TradingDay, 9) F(Text, AccountID, 13) \
  F(Text, CurrencyID, 4)

#define CTPGW_FIELDS_SettlementInfo(F) \
  F(Text, TradingDay, 9) F(Int, SettlementID, 0) F(Text, BrokerID, 11) F(Text, InvestorID, 13) \
  F(Int, SequenceNo, 0) F(Text, Content, 501) F(Text, AccountID, 13) F(Text, CurrencyID, 4)

#define CTPGW_FIELDS_QrySettlementInfoConfirm(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Text, AccountID, 13) F(Text, CurrencyID, 4)

// Bank-futures transfers (in the simulator: deposits and withdrawals of the fund account).
#define CTPGW_FIELDS_ReqTransfer(F) \
  F(Text, TradeCode, 7) F(Text, BankID, 4) F(Text, BankBranchID, 5) F(Text, BrokerID, 11) \
  F(Text, BrokerBranchID, 31) F(Text, TradeDate, 9) F(Text, TradeTime, 9) F(Text, BankSerial, 13) \
  F(Text, TradingDay, 9) F(Int, PlateSerial, 0) F(Char, LastFragment, 0) F(Int, SessionID, 0) \
  F(Text, CustomerName, 51) F(Char, IdCardType, 0) F(Text, IdentifiedCardNo, 51) \
  F(Char, CustType, 0) F(Text, BankAccount, 41) F(Text, BankPassWord, 41) F(Text, AccountID, 13) \
  F(Text, Password, 41) F(Int, InstallID, 0) F(Int, FutureSerial, 0) F(Text, UserID, 16) \
  F(Char, VerifyCertNoFlag, 0) F(Text, CurrencyID, 4) F(Double, TradeAmount, 0) \
  F(Double, FutureFetchAmount, 0) F(Char, FeePayFlag, 0) F(Double, CustFee, 0) \
  F(Double, BrokerFee, 0) F(Text, Message, 129) F(Text, Digest, 36) F(Char, BankAccType, 0) \
  F(Text, DeviceID, 3) F(Char, BankSecuAccType, 0) F(Text, BrokerIDByBank, 33) \
  F(Text, BankSecuAcc, 41) F(Char, BankPwdFlag, 0) F(Char, SecuPwdFlag, 0) F(Text, OperNo, 17) \
  F(Int, RequestID, 0) F(Int, TID, 0) F(Char, TransferStatus, 0) F(Text, LongCustomerName, 161)

#define CTPGW_FIELDS_RspTransfer(F) \
  CTPGW_FIELDS_ReqTransfer(F) F(Int, ErrorID, 0) F(Text, ErrorMsg, 81)

#define CTPGW_FIELDS_InputOrder(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Text, OrderRef, 13) \
  F(Text, UserID, 16) F(Char, OrderPriceType, 0) F(Char, Direction, 0) \
  F(Text, CombOffsetFlag, 5) F(Text, CombHedgeFlag, 5) F(Double, LimitPrice, 0) \
  F(Int, VolumeTotalOriginal, 0) F(Char, TimeCondition, 0) F(Text, GTDDate, 9) \
  F(Char, VolumeCondition, 0) F(Int, MinVolume, 0) F(Char, ContingentCondition, 0) \
  F(Double, StopPrice, 0) F(Char, ForceCloseReason, 0) F(Int, IsAutoSuspend, 0) \
  F(Text, BusinessUnit, 21) F(Int, RequestID, 0) F(Int, UserForceClose, 0) \
  F(Int, IsSwapOrder, 0) F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) \
  F(Text, AccountID, 13) F(Text, CurrencyID, 4) F(Text, ClientID, 11) F(Reserve, reserve2, 16) \
  F(Text, MacAddress, 21) F(Text, InstrumentID, 81) F(Text, IPAddress, 33) \
  F(Text, OrderMemo, 13) F(Int, SessionReqSeq, 0)

#define CTPGW_FIELDS_Order(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Text, OrderRef, 13) \
  F(Text, UserID, 16) F(Char, OrderPriceType, 0) F(Char, Direction, 0) \
  F(Text, CombOffsetFlag, 5) F(Text, CombHedgeFlag, 5) F(Double, LimitPrice, 0) \
  F(Int, VolumeTotalOriginal, 0) F(Char, TimeCondition, 0) F(Text, GTDDate, 9) \
  F(Char, VolumeCondition, 0) F(Int, MinVolume, 0) F(Char, ContingentCondition, 0) \
  F(Double, StopPrice, 0) F(Char, ForceCloseReason, 0) F(Int, IsAutoSuspend, 0) \
  F(Text, BusinessUnit, 21) F(Int, RequestID, 0) F(Text, OrderLocalID, 13) \
  F(Text, ExchangeID, 9) F(Text, ParticipantID, 11) F(Text, ClientID, 11) \
  F(Reserve, reserve2, 31) F(Text, TraderID, 21) F(Int, InstallID, 0) \
  F(Char, OrderSubmitStatus, 0) F(Int, NotifySequence, 0) F(Text, TradingDay, 9) \
  F(Int, SettlementID, 0) F(Text, OrderSysID, 21) F(Char, OrderSource, 0) \
  F(Char, OrderStatus, 0) F(Char, OrderType, 0) F(Int, VolumeTraded, 0) F(Int, VolumeTotal, 0) \
  F(Text, InsertDate, 9) F(Text, InsertTime, 9) F(Text, ActiveTime, 9) F(Text, SuspendTime, 9) \
  F(Text, UpdateTime, 9) F(Text, CancelTime, 9) F(Text, ActiveTraderID, 21) \
  F(Text, ClearingPartID, 11) F(Int, SequenceNo, 0) F(Int, FrontID, 0) F(Int, SessionID, 0) \
  F(Text, UserProductInfo, 11) F(Text, StatusMsg, 81) F(Int, UserForceClose, 0) \
  F(Text, ActiveUserID, 16) F(Int, BrokerOrderSeq, 0) F(Text, RelativeOrderSysID, 21) \
  F(Int, ZCETotalTradedVolume, 0) F(Int, IsSwapOrder, 0) F(Text, BranchID, 9) \
  F(Text, InvestUnitID, 17) F(Text, AccountID, 13) F(Text, CurrencyID, 4) \
  F(Reserve, reserve3, 16) F(Text, MacAddress, 21) F(Text, InstrumentID, 81) \
  F(Text, ExchangeInstID, 81) F(Text, IPAddress, 33) F(Text, OrderMemo, 13) \
  F(Int, SessionReqSeq, 0)

#define CTPGW_FIELDS_InputOrderAction(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Int, OrderActionRef, 0) F(Text, OrderRef, 13) \
  F(Int, RequestID, 0) F(Int, FrontID, 0) F(Int, SessionID, 0) F(Text, ExchangeID, 9) \
  F(Text, OrderSysID, 21) F(Char, ActionFlag, 0) F(Double, LimitPrice, 0) \
  F(Int, VolumeChange, 0) F(Text, UserID, 16) F(Reserve, reserve1, 31) \
  F(Text, InvestUnitID, 17) F(Reserve, reserve2, 16) F(Text, MacAddress, 21) \
  F(Text, InstrumentID, 81) F(Text, IPAddress, 33) F(Text, OrderMemo, 13) \
  F(Int, SessionReqSeq, 0)

#define CTPGW_FIELDS_OrderAction(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Int, OrderActionRef, 0) F(Text, OrderRef, 13) \
  F(Int, RequestID, 0) F(Int, FrontID, 0) F(Int, SessionID, 0) F(Text, ExchangeID, 9) \
  F(Text, OrderSysID, 21) F(Char, ActionFlag, 0) F(Double, LimitPrice, 0) \
  F(Int, VolumeChange, 0) F(Text, ActionDate, 9) F(Text, ActionTime, 9) F(Text, TraderID, 21) \
  F(Int, InstallID, 0) F(Text, OrderLocalID, 13) F(Text, ActionLocalID, 13) \
  F(Text, ParticipantID, 11) F(Text, ClientID, 11) F(Text, BusinessUnit, 21) \
  F(Char, OrderActionStatus, 0) F(Text, UserID, 16) F(Text, StatusMsg, 81) \
  F(Reserve, reserve1, 31) F(Text, BranchID, 9) F(Text, InvestUnitID, 17) \
  F(Reserve, reserve2, 16) F(Text, MacAddress, 21) F(Text, InstrumentID, 81) \
  F(Text, IPAddress, 33) F(Text, OrderMemo, 13) F(Int, SessionReqSeq, 0)

#define CTPGW_FIELDS_Trade(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Text, OrderRef, 13) \
  F(Text, UserID, 16) F(Text, ExchangeID, 9) F(Text, TradeID, 21) F(Char, Direction, 0) \
  F(Text, OrderSysID, 21) F(Text, ParticipantID, 11) F(Text, ClientID, 11) \
  F(Char, TradingRole, 0) F(Reserve, reserve2, 31) F(Char, OffsetFlag, 0) \
  F(Char, HedgeFlag, 0) F(Double, Price, 0) F(Int, Volume, 0) F(Text, TradeDate, 9) \
  F(Text, TradeTime, 9) F(Char, TradeType, 0) F(Char, PriceSource, 0) F(Text, TraderID, 21) \
  F(Text, OrderLocalID, 13) F(Text, ClearingPartID, 11) F(Text, BusinessUnit, 21) \
  F(Int, SequenceNo, 0) F(Text, TradingDay, 9) F(Int, SettlementID, 0) \
  F(Int, BrokerOrderSeq, 0) F(Char, TradeSource, 0) F(Text, InvestUnitID, 17) \
  F(Text, InstrumentID, 81) F(Text, ExchangeInstID, 81)

#define CTPGW_FIELDS_InvestorPosition(F) \
  F(Reserve, reserve1, 31) F(Text, BrokerID, 11) F(Text, InvestorID, 13) \
  F(Char, PosiDirection, 0) F(Char, HedgeFlag, 0) F(Char, PositionDate, 0) \
  F(Int, YdPosition, 0) F(Int, Position, 0) F(Int, LongFrozen, 0) F(Int, ShortFrozen, 0) \
  F(Double, LongFrozenAmount, 0) F(Double, ShortFrozenAmount, 0) F(Int, OpenVolume, 0) \
  F(Int, CloseVolume, 0) F(Double, OpenAmount, 0) F(Double, CloseAmount, 0) \
  F(Double, PositionCost, 0) F(Double, PreMargin, 0) F(Double, UseMargin, 0) \
  F(Double, FrozenMargin, 0) F(Double, FrozenCash, 0) F(Double, FrozenCommission, 0) \
  F(Double, CashIn, 0) F(Double, Commission, 0) F(Double, CloseProfit, 0) \
  F(Double, PositionProfit, 0) F(Double, PreSettlementPrice, 0) F(Double, SettlementPrice, 0) \
  F(Text, TradingDay, 9) F(Int, SettlementID, 0) F(Double, OpenCost, 0) \
  F(Double, ExchangeMargin, 0) F(Int, CombPosition, 0) F(Int, CombLongFrozen, 0) \
  F(Int, CombShortFrozen, 0) F(Double, CloseProfitByDate, 0) F(Double, CloseProfitByTrade, 0) \
  F(Int, TodayPosition, 0) F(Double, MarginRateByMoney, 0) F(Double, MarginRateByVolume, 0) \
  F(Int, StrikeFrozen, 0) F(Double, StrikeFrozenAmount, 0) F(Int, AbandonFrozen, 0) \
  F(Text, ExchangeID, 9) F(Int, YdStrikeFrozen, 0) F(Text, InvestUnitID, 17) \
  F(Double, PositionCostOffset, 0) F(Int, TasPosition, 0) F(Double, TasPositionCost, 0) \
  F(Text, InstrumentID, 81) F(Double, OptionValue, 0)

#define CTPGW_FIELDS_InvestorPositionDetail(F) \
  F(Reserve, reserve1, 31) F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Char, HedgeFlag, 0) \
  F(Char, Direction, 0) F(Text, OpenDate, 9) F(Text, TradeID, 21) F(Int, Volume, 0) \
  F(Double, OpenPrice, 0) F(Text, TradingDay, 9) F(Int, SettlementID, 0) \
  F(Char, TradeType, 0) F(Reserve, reserve2, 31) F(Text, ExchangeID, 9) \
  F(Double, CloseProfitByDate, 0) F(Double, CloseProfitByTrade, 0) \
  F(Double, PositionProfitByDate, 0) F(Double, PositionProfitByTrade, 0) F(Double, Margin, 0) \
  F(Double, ExchMargin, 0) F(Double, MarginRateByMoney, 0) F(Double, MarginRateByVolume, 0) \
  F(Double, LastSettlementPrice, 0) F(Double, SettlementPrice, 0) F(Int, CloseVolume, 0) \
  F(Double, CloseAmount, 0) F(Int, TimeFirstVolume, 0) F(Text, InvestUnitID, 17) \
  F(Char, SpecPosiType, 0) F(Text, InstrumentID, 81) F(Text, CombInstrumentID, 81)

#define CTPGW_FIELDS_TradingAccount(F) \
  F(Text, BrokerID, 11) F(Text, AccountID, 13) F(Double, PreMortgage, 0) \
  F(Double, PreCredit, 0) F(Double, PreDeposit, 0) F(Double, PreBalance, 0) \
  F(Double, PreMargin, 0) F(Double, InterestBase, 0) F(Double, Interest, 0) \
  F(Double, Deposit, 0) F(Double, Withdraw, 0) F(Double, FrozenMargin, 0) \
  F(Double, FrozenCash, 0) F(Double, FrozenCommission, 0) F(Double, CurrMargin, 0) \
  F(Double, CashIn, 0) F(Double, Commission, 0) F(Double, CloseProfit, 0) \
  F(Double, PositionProfit, 0) F(Double, Balance, 0) F(Double, Available, 0) \
  F(Double, WithdrawQuota, 0) F(Double, Reserve, 0) F(Text, TradingDay, 9) \
  F(Int, SettlementID, 0) F(Double, Credit, 0) F(Double, Mortgage, 0) \
  F(Double, ExchangeMargin, 0) F(Double, DeliveryMargin, 0) \
  F(Double, ExchangeDeliveryMargin, 0) F(Double, ReserveBalance, 0) F(Text, CurrencyID, 4) \
  F(Double, PreFundMortgageIn, 0) F(Double, PreFundMortgageOut, 0) \
  F(Double, FundMortgageIn, 0) F(Double, FundMortgageOut, 0) \
  F(Double, FundMortgageAvailable, 0) F(Double, MortgageableFund, 0) \
  F(Double, SpecProductMargin, 0) F(Double, SpecProductFrozenMargin, 0) \
  F(Double, SpecProductCommission, 0) F(Double, SpecProductFrozenCommission, 0) \
  F(Double, SpecProductPositionProfit, 0) F(Double, SpecProductCloseProfit, 0) \
  F(Double, SpecProductPositionProfitByAlg, 0) F(Double, SpecProductExchangeMargin, 0) \
  F(Char, BizType, 0) F(Double, FrozenSwap, 0) F(Double, RemainSwap, 0) \
  F(Double, OptionValue, 0)

#define CTPGW_FIELDS_Instrument(F) \
  F(Reserve, reserve1, 31) F(Text, ExchangeID, 9) F(Text, InstrumentName, 21) \
  F(Reserve, reserve2, 31) F(Reserve, reserve3, 31) F(Char, ProductClass, 0) \
  F(Int, DeliveryYear, 0) F(Int, DeliveryMonth, 0) F(Int, MaxMarketOrderVolume, 0) \
  F(Int, MinMarketOrderVolume, 0) F(Int, MaxLimitOrderVolume, 0) \
  F(Int, MinLimitOrderVolume, 0) F(Int, VolumeMultiple, 0) F(Double, PriceTick, 0) \
  F(Text, CreateDate, 9) F(Text, OpenDate, 9) F(Text, ExpireDate, 9) \
  F(Text, StartDelivDate, 9) F(Text, EndDelivDate, 9) F(Char, InstLifePhase, 0) \
  F(Int, IsTrading, 0) F(Char, PositionType, 0) F(Char, PositionDateType, 0) \
  F(Double, LongMarginRatio, 0) F(Double, ShortMarginRatio, 0) \
  F(Char, MaxMarginSideAlgorithm, 0) F(Reserve, reserve4, 31) F(Double, StrikePrice, 0) \
  F(Char, OptionsType, 0) F(Double, UnderlyingMultiple, 0) F(Char, CombinationType, 0) \
  F(Text, InstrumentID, 81) F(Text, ExchangeInstID, 81) F(Text, ProductID, 81) \
  F(Text, UnderlyingInstrID, 81)

#define CTPGW_FIELDS_DepthMarketData(F) \
  F(Text, TradingDay, 9) F(Reserve, reserve1, 31) F(Text, ExchangeID, 9) \
  F(Reserve, reserve2, 31) F(Price, LastPrice, 0) F(MdPrice, PreSettlementPrice, 0) \
  F(Price, PreClosePrice, 0) F(Double, PreOpenInterest, 0) F(Price, OpenPrice, 0) \
  F(Price, HighestPrice, 0) F(Price, LowestPrice, 0) F(Int, Volume, 0) F(Double, Turnover, 0) \
  F(Double, OpenInterest, 0) F(Price, ClosePrice, 0) F(Price, SettlementPrice, 0) \
  F(Price, UpperLimitPrice, 0) F(Price, LowerLimitPrice, 0) F(Double, PreDelta, 0) \
  F(Double, CurrDelta, 0) F(Text, UpdateTime, 9) F(Int, UpdateMillisec, 0) \
  F(Price, BidPrice1, 0) F(Int, BidVolume1, 0) F(Price, AskPrice1, 0) F(Int, AskVolume1, 0) \
  F(Price, BidPrice2, 0) F(Int, BidVolume2, 0) F(Price, AskPrice2, 0) F(Int, AskVolume2, 0) \
  F(Price, BidPrice3, 0) F(Int, BidVolume3, 0) F(Price, AskPrice3, 0) F(Int, AskVolume3, 0) \
  F(Price, BidPrice4, 0) F(Int, BidVolume4, 0) F(Price, AskPrice4, 0) F(Int, AskVolume4, 0) \
  F(Price, BidPrice5, 0) F(Int, BidVolume5, 0) F(Price, AskPrice5, 0) F(Int, AskVolume5, 0) \
  F(Price, AveragePrice, 0) F(Text, ActionDay, 9) F(Text, InstrumentID, 81) \
  F(Text, ExchangeInstID, 81) F(Price, BandingUpperPrice, 0) F(Price, BandingLowerPrice, 0)

#define CTPGW_FIELDS_InstrumentMarginRate(F) \
  F(Reserve, reserve1, 31) F(Char, InvestorRange, 0) F(Text, BrokerID, 11) \
  F(Text, InvestorID, 13) F(Char, HedgeFlag, 0) F(Double, LongMarginRatioByMoney, 0) \
  F(Double, LongMarginRatioByVolume, 0) F(Double, ShortMarginRatioByMoney, 0) \
  F(Double, ShortMarginRatioByVolume, 0) F(Int, IsRelative, 0) F(Text, ExchangeID, 9) \
  F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_InstrumentCommissionRate(F) \
  F(Reserve, reserve1, 31) F(Char, InvestorRange, 0) F(Text, BrokerID, 11) \
  F(Text, InvestorID, 13) F(Double, OpenRatioByMoney, 0) F(Double, OpenRatioByVolume, 0) \
  F(Double, CloseRatioByMoney, 0) F(Double, CloseRatioByVolume, 0) \
  F(Double, CloseTodayRatioByMoney, 0) F(Double, CloseTodayRatioByVolume, 0) \
  F(Text, ExchangeID, 9) F(Char, BizType, 0) F(Text, InvestUnitID, 17) \
  F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_ExchangeMarginRate(F) \
  F(Text, BrokerID, 11) F(Reserve, reserve1, 31) F(Char, HedgeFlag, 0) \
  F(Double, LongMarginRatioByMoney, 0) F(Double, LongMarginRatioByVolume, 0) \
  F(Double, ShortMarginRatioByMoney, 0) F(Double, ShortMarginRatioByVolume, 0) \
  F(Text, ExchangeID, 9) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_InstrumentOrderCommRate(F) \
  F(Reserve, reserve1, 31) F(Char, InvestorRange, 0) F(Text, BrokerID, 11) \
  F(Text, InvestorID, 13) F(Char, HedgeFlag, 0) F(Double, OrderCommByVolume, 0) \
  F(Double, OrderActionCommByVolume, 0) F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) \
  F(Text, InstrumentID, 81) F(Double, OrderCommByTrade, 0) F(Double, OrderActionCommByTrade, 0)

#define CTPGW_FIELDS_OptionInstrTradeCost(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Char, HedgeFlag, 0) \
  F(Double, FixedMargin, 0) F(Double, MiniMargin, 0) F(Double, Royalty, 0) \
  F(Double, ExchFixedMargin, 0) F(Double, ExchMiniMargin, 0) F(Text, ExchangeID, 9) \
  F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_OptionInstrCommRate(F) \
  F(Reserve, reserve1, 31) F(Char, InvestorRange, 0) F(Text, BrokerID, 11) \
  F(Text, InvestorID, 13) F(Double, OpenRatioByMoney, 0) F(Double, OpenRatioByVolume, 0) \
  F(Double, CloseRatioByMoney, 0) F(Double, CloseRatioByVolume, 0) \
  F(Double, CloseTodayRatioByMoney, 0) F(Double, CloseTodayRatioByVolume, 0) \
  F(Double, StrikeRatioByMoney, 0) F(Double, StrikeRatioByVolume, 0) F(Text, ExchangeID, 9) \
  F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_Exchange(F) \
  F(Text, ExchangeID, 9) F(Text, ExchangeName, 61) F(Char, ExchangeProperty, 0)

#define CTPGW_FIELDS_Product(F) \
  F(Reserve, reserve1, 31) F(Text, ProductName, 21) F(Text, ExchangeID, 9) \
  F(Char, ProductClass, 0) F(Int, VolumeMultiple, 0) F(Double, PriceTick, 0) \
  F(Int, MaxMarketOrderVolume, 0) F(Int, MinMarketOrderVolume, 0) \
  F(Int, MaxLimitOrderVolume, 0) F(Int, MinLimitOrderVolume, 0) F(Char, PositionType, 0) \
  F(Char, PositionDateType, 0) F(Char, CloseDealType, 0) F(Text, TradeCurrencyID, 4) \
  F(Char, MortgageFundUseRange, 0) F(Reserve, reserve2, 31) F(Double, UnderlyingMultiple, 0) \
  F(Text, ProductID, 81) F(Text, ExchangeProductID, 81) F(Char, OpenLimitControlLevel, 0) \
  F(Char, OrderFreqControlLevel, 0)

#define CTPGW_FIELDS_Investor(F) \
  F(Text, InvestorID, 13) F(Text, BrokerID, 11) F(Text, InvestorGroupID, 13) \
  F(Text, InvestorName, 81) F(Char, IdentifiedCardType, 0) F(Text, IdentifiedCardNo, 51) \
  F(Int, IsActive, 0) F(Text, Telephone, 41) F(Text, Address, 101) F(Text, OpenDate, 9) \
  F(Text, Mobile, 41) F(Text, CommModelID, 13) F(Text, MarginModelID, 13) \
  F(Char, IsOrderFreq, 0) F(Char, IsOpenVolLimit, 0)

#define CTPGW_FIELDS_TradingCode(F) \
  F(Text, InvestorID, 13) F(Text, BrokerID, 11) F(Text, ExchangeID, 9) F(Text, ClientID, 11) \
  F(Int, IsActive, 0) F(Char, ClientIDType, 0) F(Text, BranchID, 9) F(Char, BizType, 0) \
  F(Text, InvestUnitID, 17)

#define CTPGW_FIELDS_QryMaxOrderVolume(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Char, Direction, 0) \
  F(Char, OffsetFlag, 0) F(Char, HedgeFlag, 0) F(Int, MaxVolume, 0) F(Text, ExchangeID, 9) \
  F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_SpecificInstrument(F) \
  F(Reserve, reserve1, 31) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_InstrumentStatus(F) \
  F(Text, ExchangeID, 9) F(Reserve, reserve1, 31) F(Text, SettlementGroupID, 9) \
  F(Reserve, reserve2, 31) F(Char, InstrumentStatus, 0) F(Int, TradingSegmentSN, 0) \
  F(Text, EnterTime, 9) F(Char, EnterReason, 0) F(Text, ExchangeInstID, 81) \
  F(Text, InstrumentID, 81)

// Query filters (empty field = wildcard).
#define CTPGW_FIELDS_QryInstrument(F) \
  F(Reserve, reserve1, 31) F(Text, ExchangeID, 9) F(Reserve, reserve2, 31) \
  F(Reserve, reserve3, 31) F(Text, InstrumentID, 81) F(Text, ExchangeInstID, 81) \
  F(Text, ProductID, 81)

#define CTPGW_FIELDS_QryExchange(F) F(Text, ExchangeID, 9)

#define CTPGW_FIELDS_QryProduct(F) \
  F(Reserve, reserve1, 31) F(Char, ProductClass, 0) F(Text, ExchangeID, 9) \
  F(Text, ProductID, 81)

#define CTPGW_FIELDS_QryDepthMarketData(F) \
  F(Reserve, reserve1, 31) F(Text, ExchangeID, 9) F(Text, InstrumentID, 81) \
  F(Char, ProductClass, 0)

#define CTPGW_FIELDS_QryInvestorPositionDetail(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryExchangeMarginRate(F) \
  F(Text, BrokerID, 11) F(Reserve, reserve1, 31) F(Char, HedgeFlag, 0) F(Text, ExchangeID, 9) \
  F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryInstrumentOrderCommRate(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryOptionInstrTradeCost(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Char, HedgeFlag, 0) \
  F(Double, InputPrice, 0) F(Double, UnderlyingPrice, 0) F(Text, ExchangeID, 9) \
  F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryOptionInstrCommRate(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryOrder(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, ExchangeID, 9) F(Text, OrderSysID, 21) F(Text, InsertTimeStart, 9) \
  F(Text, InsertTimeEnd, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryTrade(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, ExchangeID, 9) F(Text, TradeID, 21) F(Text, TradeTimeStart, 9) \
  F(Text, TradeTimeEnd, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryInvestorPosition(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryTradingAccount(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Text, CurrencyID, 4) F(Char, BizType, 0) \
  F(Text, AccountID, 13)

#define CTPGW_FIELDS_QryInvestor(F) F(Text, BrokerID, 11) F(Text, InvestorID, 13)

#define CTPGW_FIELDS_QryTradingCode(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Text, ExchangeID, 9) F(Text, ClientID, 11) \
  F(Char, ClientIDType, 0) F(Text, InvestUnitID, 17)

#define CTPGW_FIELDS_QryInstrumentMarginRate(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) F(Char, HedgeFlag, 0) \
  F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

#define CTPGW_FIELDS_QryInstrumentCommissionRate(F) \
  F(Text, BrokerID, 11) F(Text, InvestorID, 13) F(Reserve, reserve1, 31) \
  F(Text, ExchangeID, 9) F(Text, InvestUnitID, 17) F(Text, InstrumentID, 81)

// Every supported struct, by its CTP name without the CThostFtdc prefix and Field suffix
// (which is also its webctp body key).
#define CTPGW_CTP_STRUCTS(S) \
  S(RspInfo) S(ReqAuthenticate) S(RspAuthenticate) S(ReqUserLogin) S(RspUserLogin) \
  S(UserLogout) S(UserPasswordUpdate) S(SettlementInfoConfirm) S(QrySettlementInfo) \
  S(SettlementInfo) S(QrySettlementInfoConfirm) S(ReqTransfer) S(RspTransfer) S(InputOrder) \
  S(Order) \
  S(InputOrderAction) S(OrderAction) S(Trade) S(InvestorPosition) S(InvestorPositionDetail) \
  S(TradingAccount) S(Instrument) S(DepthMarketData) S(InstrumentMarginRate) \
  S(InstrumentCommissionRate) S(ExchangeMarginRate) S(InstrumentOrderCommRate) \
  S(OptionInstrTradeCost) S(OptionInstrCommRate) S(Exchange) S(Product) S(Investor) \
  S(TradingCode) S(QryMaxOrderVolume) S(SpecificInstrument) S(InstrumentStatus) \
  S(QryInstrument) S(QryExchange) S(QryProduct) S(QryDepthMarketData) \
  S(QryInvestorPositionDetail) S(QryExchangeMarginRate) S(QryInstrumentOrderCommRate) \
  S(QryOptionInstrTradeCost) S(QryOptionInstrCommRate) S(QryOrder) S(QryTrade) \
  S(QryInvestorPosition) S(QryTradingAccount) S(QryInvestor) S(QryTradingCode) \
  S(QryInstrumentMarginRate) S(QryInstrumentCommissionRate)
// clang-format on
