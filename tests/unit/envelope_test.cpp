#include "ctpgw/protocol/envelope.h"
#include "ctpgw/ctp_api/gb18030.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cstring>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/protocol/errors.h"

namespace ctpgw::protocol {
namespace {

using ctp::StructId;

TEST(Envelope, NullRspInfoNoRequestIdNoIsLastNullBody) {
  Reply r;
  r.msg_type = "RspQryTrade";
  r.body_key = "Trade";
  r.body_type = StructId::Trade;
  r.empty_body = EmptyBody::Null;
  EXPECT_EQ(encode_reply(r), R"({"MsgType":"RspQryTrade","RspInfo":null,"Trade":null})");
}

TEST(Envelope, RequestIdAndIsLastOnlyWhenSet) {
  Reply r;
  r.msg_type = "RspQryTradingAccount";
  r.request_id = 3;
  r.is_last = true;
  r.body_key = "TradingAccount";
  r.body_type = StructId::TradingAccount;
  EXPECT_EQ(
      encode_reply(r),
      R"({"MsgType":"RspQryTradingAccount","RspInfo":null,"RequestID":3,"IsLast":true,"TradingAccount":null})");
  r.request_id = 0;
  r.is_last = false;
  EXPECT_EQ(encode_reply(r),
            R"({"MsgType":"RspQryTradingAccount","RspInfo":null,"TradingAccount":null})");
}

TEST(Envelope, EmptyObjectBodyAndOmittedBody) {
  Reply r;
  r.msg_type = "RspQryInstrument";
  r.is_last = true;
  r.request_id = 5;
  r.body_key = "Instrument";
  r.body_type = StructId::Instrument;
  r.empty_body = EmptyBody::Object;
  EXPECT_EQ(
      encode_reply(r),
      R"({"MsgType":"RspQryInstrument","RspInfo":null,"RequestID":5,"IsLast":true,"Instrument":{}})");
  r.empty_body = EmptyBody::Omit;
  EXPECT_EQ(encode_reply(r),
            R"({"MsgType":"RspQryInstrument","RspInfo":null,"RequestID":5,"IsLast":true})");
}

TEST(Envelope, RspInfoObjectIsCompactUtf8) {
  const auto info = ctp::make_rsp_info(ctp::ErrorCode::OrderNotFound);
  ctp::CThostFtdcInputOrderActionField body{};
  std::strcpy(body.ExchangeID, "SHFE");
  Reply r;
  r.msg_type = "RspOrderAction";
  r.rsp_info = &info;
  r.request_id = 12;
  r.is_last = true;
  r.body_key = "InputOrderAction";
  r.body_type = StructId::InputOrderAction;
  r.body = &body;
  const std::string json = encode_reply(r);
  EXPECT_EQ(
      json.rfind(
          R"({"MsgType":"RspOrderAction","RspInfo":{"ErrorID":25,"ErrorMsg":"CTP:撤单找不到相应报单"},"RequestID":12,"IsLast":true,"InputOrderAction":{"BrokerID":"",)",
          0),
      0u)
      << json;
}

TEST(Envelope, TickPushHasNoRspInfo) {
  ctp::CThostFtdcDepthMarketDataField md{};
  std::strcpy(md.InstrumentID, "rb2510");
  md.ClosePrice = DBL_MAX;
  const std::string json = encode_reply(tick_push(md));
  EXPECT_EQ(json.rfind(R"({"MsgType":"RtnDepthMarketData","DepthMarketData":{"TradingDay":"")", 0),
            0u)
      << json;
  EXPECT_EQ(json.find("RspInfo"), std::string::npos);
  EXPECT_NE(json.find(R"("ClosePrice":0,)"), std::string::npos) << json;  // md price rule applied
}

TEST(Envelope, WebctpErrorTextsAreExact) {
  EXPECT_EQ(encode_error("ReqQryFoo", kNotImplemented),
            R"({"MsgType":"ReqQryFoo","RspInfo":{"ErrorID":-404,"ErrorMsg":"Not implemented"}})");
  EXPECT_EQ(encode_error("ReqQryInstrument", kNotLoggedIn),
            R"({"MsgType":"ReqQryInstrument","RspInfo":{"ErrorID":-401,"ErrorMsg":"未登录"}})");
  EXPECT_EQ(
      encode_error("", kBadRequest, "invalid JSON"),
      R"({"MsgType":"","RspInfo":{"ErrorID":-400,"ErrorMsg":"参数有误"},"Detail":"invalid JSON"})");
  EXPECT_EQ(
      encode_error("RspQryExchange", kRateExceeded),
      R"({"MsgType":"RspQryExchange","RspInfo":{"ErrorID":-3,"ErrorMsg":"CTP:每秒发送请求数超过许可数"}})");
  EXPECT_EQ(webctp_error_message(kRequestFailed), "CTP:请求失败");
  EXPECT_EQ(webctp_error_message(kTooManyPending), "CTP:未处理请求超过许可数");
}

TEST(Envelope, GatewayErrorsEchoTheRequestIdWhenThereIsOne) {
  EXPECT_EQ(
      encode_error("RspQryOrder", -2, {}, {}, 17),
      R"({"MsgType":"RspQryOrder","RspInfo":{"ErrorID":-2,"ErrorMsg":"CTP:未处理请求超过许可数"},"RequestID":17})");
  EXPECT_EQ(
      encode_error("ReqQryFoo", -400, "bad", {}, 0),
      R"({"MsgType":"ReqQryFoo","RspInfo":{"ErrorID":-400,"ErrorMsg":"参数有误"},"Detail":"bad"})");
}

TEST(Envelope, EscapesControlAndQuoteCharacters) {
  EXPECT_EQ(encode_error("a\"b\\c\n", kNotImplemented),
            R"({"MsgType":"a\"b\\c\n","RspInfo":{"ErrorID":-404,"ErrorMsg":"Not implemented"}})");
}

TEST(ErrorCodes, CtpPromptsAreExact) {
  EXPECT_EQ(ctp::error_message(ctp::ErrorCode::InsufficientMoney), "CTP:资金不足");
  EXPECT_EQ(ctp::error_message(ctp::ErrorCode::DuplicateOrderRef), "CTP:报单错误：不允许重复报单");
  const auto info = ctp::make_rsp_info(ctp::ErrorCode::OverCloseTodayPosition);
  EXPECT_EQ(info.ErrorID, 50);
  EXPECT_EQ(info.ErrorMsg, ctp::utf8_to_gb18030("CTP:平今仓位不足"));  // GB18030, as CTP's
  EXPECT_EQ(ctp::utf8_of(info.ErrorMsg), "CTP:平今仓位不足");
}

TEST(ErrorCodes, CopyTextNeverSplitsAGb18030Character) {
  char small[8];
  // 10 bytes in GB18030: 7 fit, cut back to 6 (three characters of two bytes).
  ctp::set_gb_text(small, "报单已提交");
  EXPECT_EQ(ctp::utf8_of(small), "报单已");
  char tiny[4];
  ctp::set_gb_text(tiny, "\xF0\x9F\x98\x80x");  // a 4-byte GB18030 character does not fit in 3
  EXPECT_STREQ(tiny, "");
}

TEST(Gb18030, RoundTripsEveryPlaneAndReplacesWhatIsInvalid) {
  for (const char* s : {"", "ascii only", "螺纹钢2705", "沪深300股指", "€ ÿ 𝄞 😀 中文"}) {
    EXPECT_EQ(ctp::gb18030_to_utf8(ctp::utf8_to_gb18030(s)), s) << s;
  }
  EXPECT_EQ(ctp::utf8_to_gb18030("报单").size(), 4u);  // two bytes a character, as CTP counts
  EXPECT_EQ(ctp::gb18030_to_utf8("\xB1\xA8\xB5\xA5"), "报单");
  EXPECT_EQ(ctp::gb18030_to_utf8("a\xFF"
                                 "b"),
            "a\xEF\xBF\xBD"
            "b");                                             // U+FFFD
  EXPECT_EQ(ctp::gb18030_to_utf8("a\xB1"), "a\xEF\xBF\xBD");  // cut short
  EXPECT_EQ(ctp::utf8_to_gb18030("a\xC3"), "a?");             // invalid UTF-8
}

}  // namespace
}  // namespace ctpgw::protocol
