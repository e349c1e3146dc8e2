// Deposits and withdrawals of the simulated fund account through CTP's bank-futures transfer
// requests on the built td_service: reports, account fields, refusals, no password echoed, and
// the transfer in the day's settlement.
#include <gtest/gtest.h>

#include <thread>

#include "ctpgw/testkit/service_process.h"
#include "json_helpers.h"
#include "sim_config.h"
#include "td_client.h"

namespace ctpgw::testkit {
namespace {

using Doc = rapidjson::Document;

std::string transfer(const char* type, double amount, const char* password, int request_id) {
  return std::string(R"({"MsgType":")") + type + R"(","RequestID":)" + std::to_string(request_id) +
         R"(,"ReqTransfer":{"BrokerID":"9999","AccountID":"000001","CurrencyID":"CNY","Password":")" +
         password + R"(","BankPassWord":"bank-secret","TradeAmount":)" + std::to_string(amount) +
         "}}";
}

TEST(TdTransfer, DepositsAndWithdrawalsMoveTheFundAccountAndSettleWithTheDay) {
  // Thirty simulated seconds before the roll at 18:00, ten times real speed.
  ServiceProcess td(CTPGW_TD_SERVICE, "",
                    sim_yaml(500, "ClockStart: \"2026-11-30 17:59:30\", ClockRate: 10"));
  TdClient c(td.port());
  ASSERT_EQ(c.login_code("000001", "pw-0001"), 0);

  c.send(transfer("ReqFromBankToFutureByFuture", 50000, "pw-0001", 5));
  const auto in = c.until_type("RtnFromBankToFutureByFuture");
  ASSERT_FALSE(in.empty());
  const auto& report = in.back()["RspTransfer"];
  EXPECT_EQ(report["TradeAmount"].GetDouble(), 50000);
  EXPECT_GT(report["FutureSerial"].GetInt(), 0);
  EXPECT_EQ(report["ErrorID"].GetInt(), 0);
  EXPECT_EQ(str(report, "Password"), "") << "the fund password is never echoed";
  EXPECT_EQ(str(report, "BankPassWord"), "");

  c.send(transfer("ReqFromFutureToBankByFuture", 20000, "pw-0001", 6));
  ASSERT_FALSE(c.until_type("RtnFromFutureToBankByFuture").empty());
  auto account = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 7);
  const auto& a = account.back()["TradingAccount"];
  EXPECT_EQ(a["Deposit"].GetDouble(), 50000);
  EXPECT_EQ(a["Withdraw"].GetDouble(), 20000);
  EXPECT_EQ(a["Balance"].GetDouble(), 10'030'000);
  EXPECT_EQ(a["Available"].GetDouble(), 10'030'000);

  // Refusals come back as the request's reply, with the request (no passwords) and the error.
  const auto too_much = c.request("ReqFromFutureToBankByFuture", "ReqTransfer",
                                  R"({"Password":"pw-0001","TradeAmount":20000000})", 8);
  EXPECT_EQ(error_id(too_much.back()), 31);
  EXPECT_EQ(str(too_much.back()["ReqTransfer"], "Password"), "");
  const auto wrong = c.request("ReqFromBankToFutureByFuture", "ReqTransfer",
                               R"({"Password":"not-it","TradeAmount":100})", 9);
  EXPECT_EQ(error_id(wrong.back()), 48);
  const auto nothing =
      c.request("ReqFromBankToFutureByFuture", "ReqTransfer", R"({"Password":"pw-0001"})", 10);
  EXPECT_EQ(error_id(nothing.back()), 15);

  // After the roll the transfers are in PreBalance and in the statement.
  std::string day;
  for (int i = 0; i < 200 && day != "20261201"; ++i) {
    account = c.request("ReqQryTradingAccount", "QryTradingAccount", "{}", 11);
    day = str(account.back()["TradingAccount"], "TradingDay");
    if (day != "20261201") std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(day, "20261201");
  EXPECT_EQ(account.back()["TradingAccount"]["PreBalance"].GetDouble(), 10'030'000);
  EXPECT_EQ(account.back()["TradingAccount"]["Deposit"].GetDouble(), 0);
  std::string text;
  for (const auto& row : c.request("ReqQrySettlementInfo", "QrySettlementInfo", "{}", 12)) {
    text += str(row["SettlementInfo"], "Content");
  }
  EXPECT_NE(text.find("50000.00"), std::string::npos) << text;
  EXPECT_NE(text.find("20000.00"), std::string::npos) << text;
  EXPECT_EQ(td.output().find("bank-secret"), std::string::npos) << "a password in the log";
}

}  // namespace
}  // namespace ctpgw::testkit
