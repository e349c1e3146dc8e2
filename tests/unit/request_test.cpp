#include "ctpgw/protocol/request.h"

#include <gtest/gtest.h>

#include "ctpgw/protocol/errors.h"

namespace ctpgw::protocol {
namespace {

std::optional<RequestError> parse(std::string_view text) {
  ParsedRequest req;
  return parse_request(text, req);
}

TEST(Request, RejectsNonJsonWithEmptyMsgType) {
  const auto err = parse("not json");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->error_id, kBadRequest);
  EXPECT_EQ(err->msg_type, "");
  EXPECT_EQ(err->detail.rfind("invalid JSON: ", 0), 0u) << err->detail;
}

TEST(Request, RejectsNonObjectsAndBadMsgType) {
  EXPECT_EQ(parse("[1,2]")->detail, "a request must be a JSON object, got an array");
  EXPECT_EQ(parse("42")->detail, "a request must be a JSON object, got an integer");
  EXPECT_EQ(parse(R"({"RequestID":1})")->detail, "MsgType is missing");
  EXPECT_EQ(parse(R"({"MsgType":7})")->detail, "MsgType must be a string, got an integer");
  EXPECT_EQ(parse(R"({"MsgType":"A"} trailing)")->error_id, kBadRequest);
  EXPECT_FALSE(parse(R"({"MsgType":"ReqQryFoo"})"));
}

TEST(Request, DeepNestingDoesNotExhaustTheStack) {
  const std::string deep(1 << 20, '[');
  const auto err = parse(deep);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->error_id, kBadRequest);
}

TEST(Request, RejectsInvalidUtf8) {
  const auto err = parse("{\"MsgType\":\"\xff\xfe\"}");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->error_id, kBadRequest);
}

TEST(Request, RequestIdRules) {
  ParsedRequest req;
  int id = -1;
  ASSERT_FALSE(parse_request(R"({"MsgType":"X"})", req));
  EXPECT_EQ(read_request_id(req, true, id)->detail, "RequestID is missing");
  EXPECT_FALSE(read_request_id(req, false, id));
  EXPECT_EQ(id, 0);
  ASSERT_FALSE(parse_request(R"({"MsgType":"X","RequestID":"1"})", req));
  EXPECT_EQ(read_request_id(req, true, id)->detail,
            "RequestID must be a 32-bit integer, got a string");
  ASSERT_FALSE(parse_request(R"({"MsgType":"X","RequestID":7})", req));
  EXPECT_FALSE(read_request_id(req, true, id));
  EXPECT_EQ(id, 7);
}

TEST(Request, BodyMustBePresentAndAnObject) {
  const MessageSpec& spec = *find_message(Service::Td, "ReqQryInstrument");
  ParsedRequest req;
  AnyStruct body;
  ASSERT_FALSE(parse_request(R"({"MsgType":"ReqQryInstrument","RequestID":1})", req));
  EXPECT_EQ(read_body(req, spec, body.data())->detail, "QryInstrument is missing");
  ASSERT_FALSE(
      parse_request(R"({"MsgType":"ReqQryInstrument","QryInstrument":[],"RequestID":1})", req));
  EXPECT_EQ(read_body(req, spec, body.data())->detail,
            "QryInstrument must be an object, got an array");
  ASSERT_FALSE(parse_request(
      R"({"MsgType":"ReqQryInstrument","QryInstrument":{"ExchangeID":null},"RequestID":1})", req));
  const auto err = read_body(req, spec, body.data());
  ASSERT_TRUE(err);
  EXPECT_EQ(err->msg_type, "ReqQryInstrument");
  EXPECT_EQ(err->detail, "QryInstrument.ExchangeID: expected a string, got null");
  ASSERT_FALSE(parse_request(
      R"({"MsgType":"ReqQryInstrument","QryInstrument":{"ExchangeID":"SHFE"},"RequestID":1})",
      req));
  ASSERT_FALSE(read_body(req, spec, body.data()));
  EXPECT_STREQ(body.as<ctp::CThostFtdcQryInstrumentField>().ExchangeID, "SHFE");
}

TEST(Request, LoginNeedsUserIdAndPasswordKeys) {
  const MessageSpec& spec = *find_message(Service::Td, "ReqUserLogin");
  ParsedRequest req;
  ASSERT_FALSE(parse_request(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"1"},"RequestID":1})", req));
  EXPECT_EQ(require_body_keys(req, spec, {"UserID", "Password"})->detail,
            "ReqUserLogin.Password is missing");
}

TEST(Request, InstrumentIdsMustBeAnArrayOfStrings) {
  ParsedRequest req;
  std::vector<std::string> ids;
  ASSERT_FALSE(parse_request(R"({"MsgType":"SubscribeMarketData","InstrumentID":"rb2510"})", req));
  EXPECT_EQ(read_instrument_ids(req, ids)->detail,
            "InstrumentID must be an array of strings, got a string");
  ASSERT_FALSE(parse_request(R"({"MsgType":"SubscribeMarketData"})", req));
  EXPECT_EQ(read_instrument_ids(req, ids)->detail, "InstrumentID is missing");
  ASSERT_FALSE(
      parse_request(R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2510",3]})", req));
  EXPECT_EQ(read_instrument_ids(req, ids)->detail,
            "InstrumentID[1] must be a string, got an integer");
  ASSERT_FALSE(parse_request(R"({"MsgType":"SubscribeMarketData","InstrumentID":[""]})", req));
  EXPECT_EQ(read_instrument_ids(req, ids)->detail, "InstrumentID[0] must not be empty");
  ASSERT_FALSE(parse_request(
      R"({"MsgType":"SubscribeMarketData","InstrumentID":["rb2510","au2512"]})", req));
  ASSERT_FALSE(read_instrument_ids(req, ids));
  EXPECT_EQ(ids, (std::vector<std::string>{"rb2510", "au2512"}));
  EXPECT_EQ(read_instrument_ids(req, ids, 1)->detail,
            "InstrumentID lists 2 instruments; at most 1 are allowed per request "
            "(Limits.MaxInstrumentsPerRequest)");
  ASSERT_FALSE(parse_request(R"({"MsgType":"SubscribeMarketData","InstrumentID":[]})", req));
  EXPECT_EQ(read_instrument_ids(req, ids)->detail,
            "InstrumentID must list at least one instrument");
}

TEST(Request, ErrorsAboutAReadableRequestCarryItsRequestId) {
  const MessageSpec& spec = *find_message(Service::Td, "ReqOrderInsert");
  ParsedRequest req;
  AnyStruct body;
  ASSERT_FALSE(parse_request(
      R"({"MsgType":"ReqOrderInsert","RequestID":42,"InputOrder":{"LimitPrice":"x"}})", req));
  EXPECT_EQ(peek_request_id(req), 42);
  const auto err = read_body(req, spec, body.data());
  ASSERT_TRUE(err);
  EXPECT_EQ(err->request_id, 42);
  EXPECT_NE(err->encode().find(R"("RequestID":42)"), std::string::npos);
  ASSERT_FALSE(parse_request(R"({"MsgType":"ReqOrderInsert","RequestID":"x"})", req));
  EXPECT_EQ(peek_request_id(req), 0);
}

}  // namespace
}  // namespace ctpgw::protocol

namespace ctpgw::protocol {
namespace {

TEST(Request, PricesParseExactlyAndAbsurdExponentsAreHarmless) {
  const MessageSpec& spec = *find_message(Service::Td, "ReqOrderInsert");
  ParsedRequest req;
  AnyStruct body;
  ASSERT_FALSE(parse_request(
      R"({"MsgType":"ReqOrderInsert","RequestID":1,"InputOrder":{"LimitPrice":3500.2,"StopPrice":618.02}})",
      req));
  ASSERT_FALSE(read_body(req, spec, body.data()));
  EXPECT_EQ(body.as<ctp::CThostFtdcInputOrderField>().LimitPrice, 3500.2);
  EXPECT_EQ(body.as<ctp::CThostFtdcInputOrderField>().StopPrice, 618.02);
  for (const char* weird : {"1e-788730745", "0e999999999", "123456789012345678901234567890e-30"}) {
    const std::string text =
        std::string(R"({"MsgType":"ReqOrderInsert","RequestID":1,"InputOrder":{"LimitPrice":)") +
        weird + "}}";
    if (!parse_request(text, req)) (void)read_body(req, spec, body.data());
  }
}

}  // namespace
}  // namespace ctpgw::protocol
