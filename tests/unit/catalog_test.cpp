#include "ctpgw/protocol/catalog.h"

#include <gtest/gtest.h>

#include <set>

#include "request_invoker.h"

namespace ctpgw::protocol {
namespace {

TEST(Catalog, HasEveryWebctpMessage) {
  std::size_t md = 0, td = 0;
  for (const MessageSpec& m : messages()) (m.service == Service::Md ? md : td)++;
  EXPECT_EQ(md, 3u);  // login, subscribe, unsubscribe
  // login + the 21 requests of protocol table 7.1 + ReqUserLogout + the settlement statement
  // and its confirmation queries (ReqQrySettlementInfo, ReqQrySettlementInfoConfirm) + the
  // bank-futures transfers (ReqFromBankToFutureByFuture, ReqFromFutureToBankByFuture).
  EXPECT_EQ(td, 27u);
}

TEST(Catalog, BodyKeysNameTheirStructs) {
  for (const MessageSpec& m : messages()) {
    if (!m.request_body.empty()) {
      EXPECT_EQ(m.request_body, describe(m.request_type).name) << m.request;
    }
    // RspQryMaxOrderVolume reuses the request's name; every other reply key is its struct.
    EXPECT_EQ(m.reply_body, describe(m.reply_type).name) << m.request;
  }
  for (const PushSpec& p : pushes()) {
    if (!p.body_key.empty()) {
      EXPECT_EQ(p.body_key, describe(p.body_type).name) << p.msg_type;
    }
  }
}

TEST(Catalog, EveryTdRequestRoutesToTheMatchingTraderApiCall) {
  for (const MessageSpec& m : messages()) {
    // The session handles login and logout itself.
    if (m.service != Service::Td || m.request == "ReqUserLogin" || m.request == "ReqUserLogout") {
      continue;
    }
    const td::RequestInvoker* inv = td::find_invoker(m.request);
    ASSERT_NE(inv, nullptr) << m.request;
    EXPECT_EQ(inv->request_type, m.request_type) << m.request;
    EXPECT_EQ(inv->reply_type, m.reply_type) << m.request;
  }
}

TEST(Catalog, QuirksOfTheReference) {
  EXPECT_EQ(find_message(Service::Td, "ReqQryMaxOrderVolume")->reply_body, "QryMaxOrderVolume");
  EXPECT_EQ(find_message(Service::Td, "ReqQryInstrument")->empty_body, EmptyBody::Object);
  EXPECT_EQ(find_message(Service::Td, "ReqQryTrade")->empty_body, EmptyBody::Null);
  EXPECT_EQ(find_message(Service::Md, "SubscribeMarketData")->reply, "RspSubMarketData");
  EXPECT_EQ(find_message(Service::Md, "ReqQryInstrument"), nullptr);
  EXPECT_FALSE(find_push(Service::Md, "RtnDepthMarketData")->with_rsp_info);
}

TEST(Catalog, RequestNamesAreUniquePerService) {
  std::set<std::pair<Service, std::string_view>> seen;
  for (const MessageSpec& m : messages()) {
    EXPECT_TRUE(seen.emplace(m.service, m.request).second) << m.request;
  }
}

}  // namespace
}  // namespace ctpgw::protocol
