// Small helpers for asserting on JSON replies in integration tests.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "ctpgw/testkit/ws_client.h"

namespace ctpgw::testkit {

inline rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

/// The next text message as JSON; fails the test on timeout.
inline rapidjson::Document next_json(WsClient& c, std::chrono::milliseconds timeout = 10s) {
  auto text = c.next_text(timeout);
  EXPECT_TRUE(text.has_value()) << "no message within " << timeout.count() << " ms";
  return parse_json(text.value_or("{}"));
}

inline int error_id(const rapidjson::Value& msg) {
  if (!msg.HasMember("RspInfo") || !msg["RspInfo"].IsObject()) return 0;
  return msg["RspInfo"]["ErrorID"].GetInt();
}

inline std::string str(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : std::string("<missing>");
}

}  // namespace ctpgw::testkit
