// A td_service client for integration tests: log in, send requests, collect replies and pushes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ctpgw/testkit/ws_client.h"
#include "json_helpers.h"

namespace ctpgw::testkit {

class TdClient {
 public:
  using Doc = rapidjson::Document;

  explicit TdClient(std::uint16_t port) : ws_(port, "/td/") {}

  /// The RspUserLogin of a login.
  Doc login(const std::string& user, const std::string& password) {
    ws_.send_text(R"({"MsgType":"ReqUserLogin","ReqUserLogin":{"UserID":")" + user +
                  R"(","Password":")" + password + R"("},"RequestID":1})");
    auto replies = until_type("RspUserLogin");
    return replies.empty() ? Doc() : std::move(replies.back());
  }
  /// Its ErrorID.
  int login_code(const std::string& user = "000001", const std::string& password = "pw-0001") {
    const Doc d = login(user, password);
    return d.IsObject() ? error_id(d) : -99999;
  }

  /// Sends a request and collects its replies up to the one with IsLast.
  std::vector<Doc> request(const std::string& msg_type, const std::string& body_key,
                           const std::string& body, int request_id) {
    ws_.send_text(R"({"MsgType":")" + msg_type + R"(",")" + body_key + R"(":)" + body +
                  R"(,"RequestID":)" + std::to_string(request_id) + "}");
    return until([&](const Doc& d) {
      return d.HasMember("IsLast") && d.HasMember("RequestID") &&
             d["RequestID"].GetInt() == request_id;
    });
  }

  /// Messages until one satisfies `done` (inclusive); fails the test on a 20 s silence.
  std::vector<Doc> until(const std::function<bool(const Doc&)>& done) {
    std::vector<Doc> out;
    for (;;) {
      auto text = ws_.next_text(20s);
      if (!text) {
        ADD_FAILURE() << "no reply; got " << out.size() << " messages";
        return out;
      }
      out.push_back(parse_json(*text));
      if (done(out.back())) return out;
    }
  }
  std::vector<Doc> until_type(const std::string& msg_type) {
    return until([&](const Doc& d) { return str(d, "MsgType") == msg_type; });
  }
  std::vector<Doc> until_order_status(char status) {
    return until([&](const Doc& d) {
      return str(d, "MsgType") == "RtnOrder" &&
             str(d["Order"], "OrderStatus") == std::string(1, status);
    });
  }

  /// A field of the instrument's depth snapshot ("UpperLimitPrice", "LowerLimitPrice", ...).
  double depth_price(const std::string& instrument, const char* field) {
    const auto rows = request("ReqQryDepthMarketData", "QryDepthMarketData",
                              R"({"InstrumentID":")" + instrument + "\"}", 3);
    return rows.empty() ? 0 : rows.back()["DepthMarketData"][field].GetDouble();
  }
  void send(const std::string& text) { ws_.send_text(text); }

 private:
  WsClient ws_;
};

}  // namespace ctpgw::testkit
