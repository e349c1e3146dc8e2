// CTP ErrorIDs (SFIT error.xml) with their exact prompt texts, and helpers to fill RspInfo.
//
// Only the codes the gateway or its simulator produce are listed; values and texts are CTP's.
#pragma once

#include <string_view>

#include "ctpgw/ctp_api/ctp_structs.h"

namespace ctpgw::ctp {

// clang-format off
#define CTPGW_CTP_ERRORS(E) \
  E(None, 0, "CTP:正确") \
  E(InvalidDataSyncStatus, 1, "CTP:不在已同步状态") \
  E(InvalidLogin, 3, "CTP:不合法的登录") \
  E(DuplicateLogin, 5, "CTP:重复的登录") \
  E(NotLoginYet, 6, "CTP:还没有登录") \
  E(NotInited, 7, "CTP:还没有初始化") \
  E(ChangeOtherPassword, 10, "CTP:修改别人的口令") \
  E(UserNotFound, 11, "CTP:找不到该用户") \
  E(InvestorNotFound, 13, "CTP:找不到投资者") \
  E(OldPasswordMismatch, 14, "CTP:原口令不匹配") \
  E(BadField, 15, "CTP:报单字段有误") \
  E(InstrumentNotFound, 16, "CTP:找不到合约") \
  E(InstrumentNotTrading, 17, "CTP:合约不能交易") \
  E(DuplicateOrderRef, 22, "CTP:报单错误：不允许重复报单") \
  E(BadOrderActionField, 23, "CTP:错误的报单操作字段") \
  E(DuplicateOrderActionRef, 24, "CTP:撤单已报送，不允许重复撤单") \
  E(OrderNotFound, 25, "CTP:撤单找不到相应报单") \
  E(InsuitableOrderStatus, 26, "CTP:报单已全成交或已撤销，不能再撤") \
  E(UnsupportedFunction, 27, "CTP:不支持的功能") \
  E(NoTradingRight, 28, "CTP:没有报单交易权限") \
  E(CloseOnly, 29, "CTP:只能平仓") \
  E(OverClosePosition, 30, "CTP:平仓量超过持仓量") \
  E(InsufficientMoney, 31, "CTP:资金不足") \
  E(SettlementInfoNotConfirmed, 42, "CTP:结算结果未确认") \
  E(InvalidInvestorIdOrPassword, 48, "CTP:无效的投资者或者密码") \
  E(OverCloseTodayPosition, 50, "CTP:平今仓位不足") \
  E(OverCloseYesterdayPosition, 51, "CTP:平昨仓位不足") \
  E(AuthFailed, 63, "CTP:客户端认证失败") \
  E(NotAuthent, 64, "CTP:客户端未认证") \
  E(LoginForbidden, 75, "CTP:连续登录失败次数超限，登录被禁止") \
  E(PriceTypeNotSupportedByExchange, 80, "CTP:交易所不支持的价格类型") \
  E(NeedRetry, 90, "CTP：查询未就绪，请稍后重试") \
  E(BadPriceValue, 95, "CTP：不支持的价格") \
  E(WeakPassword, 131, "CTP：您当前密码为弱密码，请修改成强密码后重新登录") \
  E(PwdMustDiff, 142, "CTP:修改密码失败。新密码不允许与旧密码相同") \
  E(ExchangeIdIsMissing, 147, "CTP:缺少ExchangeID字段，请填入ExchangeID") \
  E(ExchangeIdIsInvalid, 148, "CTP:无效的ExchangeID字段，请填入正确的ExchangeID") \
  E(ExchangeIdIsWrong, 150, "CTP:交易所代码错误") \
  E(OverSubInstLimit, 6000, "CTP:sub too many insts")
// clang-format on

enum class ErrorCode : int {
#define CTPGW_ERROR_ENUM(name, value, text) name = value,
  CTPGW_CTP_ERRORS(CTPGW_ERROR_ENUM)
#undef CTPGW_ERROR_ENUM
};

/// The exact CTP prompt for a code (UTF-8), or an empty view for codes not listed above.
std::string_view error_message(ErrorCode code) noexcept;

/// RspInfo carrying `code` and its CTP prompt, in GB18030 as every struct text (gb18030.h).
CThostFtdcRspInfoField make_rsp_info(ErrorCode code) noexcept;

/// Copies ASCII or already-GB18030 `text` into a char[N] field (see gb18030.h for UTF-8 text),
/// NUL-padded, truncating at a GB18030 character boundary if it must.
void copy_text(char* dst, std::size_t capacity, std::string_view text) noexcept;

template <std::size_t N>
void set_text(char (&dst)[N], std::string_view text) noexcept {
  copy_text(dst, N, text);
}

}  // namespace ctpgw::ctp
