// docs/messages/: one ready-to-send file per request MsgType of the catalogue, each sent as it is
// to the built services on the shipped instrument master and answered with success.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "ctpgw/protocol/catalog.h"
#include "ctpgw/testkit/service_process.h"
#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"
#include "sim_config.h"

namespace ctpgw::testkit {
namespace {

namespace fs = std::filesystem;
using Doc = rapidjson::Document;

const fs::path kMessages = fs::path(CTPGW_SOURCE_DIR) / "docs" / "messages";

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The files of one service, by the RequestID they carry (the order to send them in).
std::map<int, std::string> files_of(const std::string& service) {
  std::map<int, std::string> out;
  for (const auto& entry : fs::directory_iterator(kMessages / service)) {
    const std::string text = read_file(entry.path());
    const Doc d = parse_json(text);
    EXPECT_TRUE(d.IsObject()) << entry.path();
    EXPECT_EQ(str(d, "MsgType") + ".json", entry.path().filename().string());
    EXPECT_TRUE(out.emplace(d["RequestID"].GetInt(), text).second)
        << "two files with RequestID " << d["RequestID"].GetInt();
  }
  return out;
}

TEST(ReadyMessages, EveryRequestOfTheCatalogueHasOneFile) {
  for (const auto& [service, name] :
       {std::pair{protocol::Service::Md, "md"}, std::pair{protocol::Service::Td, "td"}}) {
    std::set<std::string> expected, present;
    for (const auto& m : protocol::messages()) {
      if (m.service == service) expected.insert(std::string(m.request) + ".json");
    }
    for (const auto& e : fs::directory_iterator(kMessages / name)) {
      present.insert(e.path().filename().string());
    }
    EXPECT_EQ(present, expected) << name;
  }
}

/// Every reply to `request_id` up to IsLast; each must succeed (ErrorID 0 or RspInfo null).
std::vector<Doc> replies_to(WsClient& c, int request_id, const std::string& what) {
  std::vector<Doc> out;
  for (;;) {
    auto text = c.next_text(20s);
    if (!text) {
      ADD_FAILURE() << what << ": no reply";
      return out;
    }
    Doc d = parse_json(*text);
    if (!d.HasMember("RequestID") || d["RequestID"].GetInt() != request_id) continue;
    EXPECT_EQ(error_id(d), 0) << what << ": " << *text;
    const bool last = d.HasMember("IsLast") && d["IsLast"].GetBool();
    out.push_back(std::move(d));
    if (last) return out;
  }
}

bool wait_for(WsClient& c, const std::string& type, const char* status = nullptr) {
  for (;;) {
    auto text = c.next_text(20s);
    if (!text) return false;
    const Doc d = parse_json(*text);
    if (str(d, "MsgType") != type) continue;
    if (status == nullptr || str(d["Order"], "OrderStatus") == status) return true;
  }
}

TEST(ReadyMessages, EveryTdFileSucceedsAgainstTheSimulator) {
  ServiceProcess td(CTPGW_TD_SERVICE, "", sim_yaml(100));
  WsClient c(td.port(), "/td/");
  for (const auto& [rid, text] : files_of("td")) {
    const std::string type = str(parse_json(text), "MsgType");
    if (type == "ReqOrderAction") {
      // The cancel names OrderRef 100: rest one first at the day's lower limit (a live price).
      c.send_text(
          R"({"MsgType":"ReqQryDepthMarketData","QryDepthMarketData":{"InstrumentID":"m2705"},"RequestID":900})");
      const double lower =
          replies_to(c, 900, "depth").back()["DepthMarketData"]["LowerLimitPrice"].GetDouble();
      c.send_text(
          R"({"MsgType":"ReqOrderInsert","RequestID":901,"InputOrder":{"ExchangeID":"DCE","InstrumentID":"m2705","OrderRef":"100","OrderPriceType":"2","LimitPrice":)" +
          std::to_string(lower) +
          R"(,"Direction":"0","CombOffsetFlag":"0","CombHedgeFlag":"1","VolumeTotalOriginal":1,"TimeCondition":"3","VolumeCondition":"1","ContingentCondition":"1","ForceCloseReason":"0"}})");
      ASSERT_TRUE(wait_for(c, "RtnOrder", "3"));
    }
    c.send_text(text);
    if (type == "ReqOrderInsert") {
      EXPECT_TRUE(wait_for(c, "RtnTrade")) << "the market order did not fill";
      continue;
    }
    if (type == "ReqOrderAction") {
      EXPECT_TRUE(wait_for(c, "RtnOrder", "5")) << "the cancel did not cancel";
      continue;
    }
    if (type.starts_with("ReqFrom")) {  // a transfer succeeds with its report, Rtn...
      EXPECT_TRUE(wait_for(c, "Rtn" + type.substr(3))) << type << " did not report";
      continue;
    }
    const auto replies = replies_to(c, rid, type);
    ASSERT_FALSE(replies.empty()) << type;
    // A new account has no settlement statement before its first trading-day roll (tested in
    // sim_trading_day_test.cpp with a simulated clock).
    if (type.rfind("ReqQry", 0) == 0 && type != "ReqQrySettlementInfo") {
      // A useful filter finds something (every query runs after the order has filled).
      const auto& last = replies.back();
      bool has_body = false;
      for (auto it = last.MemberBegin(); it != last.MemberEnd(); ++it) {
        has_body = has_body || (it->value.IsObject() && it->value.MemberCount() > 0 &&
                                std::string(it->name.GetString()) != "RspInfo");
      }
      EXPECT_TRUE(has_body) << type << " found nothing";
    }
  }
}

TEST(ReadyMessages, EveryMdFileSucceeds) {
  ServiceProcess md(CTPGW_MD_SERVICE, "", sim_yaml(100));
  WsClient c(md.port(), "/md/");
  for (const auto& [rid, text] : files_of("md")) {
    c.send_text(text);
    replies_to(c, rid, str(parse_json(text), "MsgType"));
  }
  EXPECT_TRUE(wait_for(c, "RtnDepthMarketData"));
}

}  // namespace
}  // namespace ctpgw::testkit
