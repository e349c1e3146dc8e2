// Chinese text end to end (ADR 0005): names that fill their CTP field in GB18030 reach the
// client intact, client strings are measured in GB18030 bytes as CTP measures them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"

namespace ctpgw::testkit {
namespace {

// 10 Chinese characters: 20 bytes in GB18030 (fits InstrumentName[21]), 30 in UTF-8 (would not).
constexpr const char* kLongName = "上海期货螺纹钢指数一";

std::filesystem::path master_with_long_name(const std::filesystem::path& dir) {
  std::ifstream in(std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string yaml = ss.str();
  const std::string anchor = "instruments:\n";
  yaml.insert(yaml.find(anchor) + anchor.size(),
              std::string("  - {InstrumentID: rb2799, ExchangeID: SHFE, ProductID: rb, "
                          "InstrumentName: \"") +
                  kLongName +
                  "\", ProductClass: \"1\", VolumeMultiple: 10, PriceTick: 1, "
                  "MinLimitOrderVolume: 1, MaxLimitOrderVolume: 1000, MaxMarketOrderVolume: 500, "
                  "BasePrice: 3280, LimitRatio: 0.07, MarginRatio: 0.07, OpenRatioByMoney: "
                  "0.0001, OpenRatioByVolume: 0, CloseRatioByMoney: 0.0001, CloseRatioByVolume: "
                  "0, CloseTodayRatioByMoney: 0.0001, CloseTodayRatioByVolume: 0, Sessions: "
                  "night_2300, ExpireDate: \"20270517\"}\n");
  std::filesystem::create_directories(dir);
  const auto path = dir / "instruments.yaml";
  std::ofstream(path) << yaml;
  return path;
}

TEST(TextEncoding, ChineseNamesAndClientStringsFitAsInCtp) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ctpgw-text-" + std::to_string(::getpid()));
  const auto master = master_with_long_name(dir);
  ServiceProcess svc(CTPGW_TD_SERVICE, "",
                     "Instruments: " + master.string() + ", AlwaysOpen: true, TickIntervalMs: 100");
  WsClient c(svc.port(), "/td/");
  c.send_text(
      R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":"000001","Password":"pw"},"RequestID":1})");
  ASSERT_EQ(error_id(next_json(c)), 0);

  c.send_text(
      R"({"MsgType":"ReqQryInstrument","QryInstrument":{"InstrumentID":"rb2799"},"RequestID":2})");
  const auto inst = next_json(c);
  EXPECT_EQ(str(inst["Instrument"], "InstrumentName"), kLongName);

  // BusinessUnit is char[21]: 10 Chinese characters fit (as in CTP), 11 do not.
  const auto order = [](const std::string& unit) {
    return R"({"MsgType":"ReqOrderInsert","RequestID":3,"InputOrder":{"InstrumentID":"rb2705","LimitPrice":1,"OrderPriceType":"2","Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0","BusinessUnit":")" +
           unit + R"("}})";
  };
  c.send_text(order(std::string(kLongName) + "二"));
  const auto refused = next_json(c);
  EXPECT_EQ(error_id(refused), -400);
  EXPECT_EQ(str(refused, "Detail"),
            "InputOrder.BusinessUnit: string of 22 bytes in GB18030 (as CTP counts) is longer "
            "than the 20 bytes the field holds");
  c.send_text(order(kLongName));
  const auto echoed = next_json(c);  // the order is accepted, then rejected by the exchange
  EXPECT_EQ(str(echoed, "MsgType"), "RtnOrder");
  EXPECT_EQ(str(echoed["Order"], "BusinessUnit"), kLongName);
  const auto rejected = next_json(c);
  EXPECT_EQ(str(rejected["Order"], "StatusMsg"), "报单价格超出涨跌停板范围");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ctpgw::testkit
