// td_service built against the fake vendor libraries (CTPGW_CTP_SDK_FAKE_LIBS): an unchanged
// webctp client logs in, queries, places an order and cancels it through a tcp:// front, with
// every call crossing the vendor's ABI (adapter -> CThostFtdcTraderApi -> vendor double).
#include <gtest/gtest.h>
#include <stdlib.h>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"

namespace ctpgw::testkit {
namespace {

TEST(SdkService, LoginQueryOrderAndCancelThroughTheVendorAbi) {
  ::setenv("CTPGW_VENDOR_DOUBLE_USERS", "028742=secret-1", 1);  // read by the service's double
  ServiceProcess svc(CTPGW_TD_SERVICE, "TdFrontAddress: tcp://127.0.0.1:1");
  EXPECT_NE(svc.output().find("CTP SDK fake-for-tests"), std::string::npos) << svc.output();
  WsClient c(svc.port(), "/td/");
  c.send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"028742","Password":"secret-1"},"RequestID":1})");
  auto rsp = next_json(c);
  ASSERT_EQ(str(rsp, "MsgType"), "RspUserLogin");
  ASSERT_EQ(error_id(rsp), 0);
  EXPECT_EQ(str(rsp["RspInfo"], "ErrorMsg"), "CTP:正确");  // GB18030 from the "vendor"
  c.send_text(
      R"({"MsgType":"ReqQryInstrument","QryInstrument":{"InstrumentID":"rb2705"},"RequestID":2})");
  rsp = next_json(c);
  EXPECT_EQ(str(rsp, "MsgType"), "RspQryInstrument");
  EXPECT_EQ(str(rsp["Instrument"], "InstrumentID"), "rb2705");
  c.send_text(
      R"({"MsgType":"ReqOrderInsert","RequestID":3,"InputOrder":{"InstrumentID":"rb2705","ExchangeID":"SHFE","LimitPrice":3500,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
  EXPECT_EQ(str(next_json(c)["Order"], "OrderStatus"), "a");
  const auto accepted = next_json(c);
  EXPECT_EQ(str(accepted["Order"], "OrderStatus"), "3");
  const std::string sys_id = str(accepted["Order"], "OrderSysID");
  c.send_text(
      R"({"MsgType":"ReqOrderAction","RequestID":4,"InputOrderAction":{"ActionFlag":"0","ExchangeID":"SHFE","OrderSysID":")" +
      sys_id + R"("}})");
  const auto cancelled = next_json(c);
  EXPECT_EQ(str(cancelled["Order"], "OrderStatus"), "5");
  EXPECT_EQ(str(cancelled["Order"], "OrderSysID"), sys_id);
}

}  // namespace
}  // namespace ctpgw::testkit
