// TradingSession under test without sockets or a backend: a fake TraderApi that records what
// the session asked, a fake socket that keeps what it was sent, and a fixture that drives the
// upstream login as a backend's callback thread would, then polls the io_context.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <rapidjson/document.h>

#include "ctpgw/ctp_api/error_codes.h"
#include "trading_session.h"

namespace ctpgw::td::session_test {

using namespace ctpgw::ctp;
using Doc = rapidjson::Document;

inline Doc parse_json(const std::string& text) {
  Doc d;
  d.Parse(text.c_str(), text.size());
  return d;
}
inline std::string str(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : std::string();
}
inline int error_id(const rapidjson::Value& v) {
  return v.HasMember("RspInfo") && v["RspInfo"].IsObject() ? v["RspInfo"]["ErrorID"].GetInt() : 0;
}

/// What the fake API saw; outlives the API (the session releases it).
struct ApiLog {
  TraderSpi* spi = nullptr;
  std::vector<std::string> calls;
  std::vector<std::string> passwords;
  std::vector<CThostFtdcInputOrderActionField> actions;
  bool released = false;
  int count(const std::string& name) const {
    return static_cast<int>(std::count(calls.begin(), calls.end(), name));
  }
};

class FakeTraderApi final : public TraderApi {
 public:
  explicit FakeTraderApi(std::shared_ptr<ApiLog> log) : log_(std::move(log)) {}
  void RegisterSpi(TraderSpi* spi) override { log_->spi = spi; }
  void RegisterFront(const char*) override {}
  void SubscribePrivateTopic(ResumeType) override {}
  void SubscribePublicTopic(ResumeType) override {}
  void Init() override { log_->calls.push_back("Init"); }
  void Release() override {
    log_->released = true;
    delete this;
  }
  const char* GetTradingDay() override { return "20261201"; }
#define FAKE_REQ(req, req_struct, callback, rsp_struct)         \
  int req(CThostFtdc##req_struct##Field* field, int) override { \
    log_->calls.push_back(#req);                                \
    record(field);                                              \
    return 0;                                                   \
  }
  CTPGW_TRADER_REQUESTS(FAKE_REQ)
#undef FAKE_REQ

 private:
  template <class T>
  void record(T* field) {
    if constexpr (std::is_same_v<T, CThostFtdcReqUserLoginField>) {
      log_->passwords.push_back(field->Password);
    } else if constexpr (std::is_same_v<T, CThostFtdcInputOrderActionField>) {
      log_->actions.push_back(*field);
    }
  }
  std::shared_ptr<ApiLog> log_;
};

class FakeClient final : public SessionClient {
 public:
  explicit FakeClient(net::ConnectionId id) : id_(id) {}
  net::ConnectionId connection_id() const override { return id_; }
  void deliver(std::string_view json) override { messages.emplace_back(json); }
  void deliver_frame(const net::FramePtr& frame) override {
    messages.emplace_back(net::frame_payload(frame));
  }
  void login_answered(const CThostFtdcRspInfoField& info) override {
    answers.push_back(info.ErrorID);
  }
  std::vector<Doc> docs() const {
    std::vector<Doc> out;
    for (const auto& m : messages) out.push_back(parse_json(m));
    return out;
  }
  std::vector<std::uint64_t> seqs() const {
    std::vector<std::uint64_t> out;
    for (const Doc& d : docs()) {
      if (d.HasMember("SeqNo")) out.push_back(d["SeqNo"].GetUint64());
    }
    return out;
  }
  std::vector<std::string> messages;
  std::vector<int> answers;

 private:
  net::ConnectionId id_;
};

inline LoginRequest login(const std::string& password, int request_id = 1) {
  LoginRequest r;
  r.password = password;
  r.request_id = request_id;
  return r;
}

inline CThostFtdcOrderField order(const char* ref, char status) {
  CThostFtdcOrderField o{};
  set_text(o.OrderRef, ref);
  set_text(o.InstrumentID, "m2705");
  set_text(o.ExchangeID, "DCE");
  o.FrontID = 1;
  o.SessionID = 7;
  o.OrderStatus = status;
  return o;
}

class TradingSessionTest : public ::testing::Test {
 protected:
  void make(SessionSettings s = {}) {
    s.user_id = "000001";
    s.broker_id = "9999";
    s.query_pacing = false;
    session_ = std::make_unique<TradingSession>(
        io_, s, [this] { return backend::TraderApiPtr(new FakeTraderApi(log_)); },
        [this](TradingSession&) { ++released_; });
  }
  void run() {
    io_.restart();
    io_.poll();
  }
  /// Drives the first login through authenticate -> login with the front's answer `error`.
  void answer_login(int error, int front_id = 3, int session_id = 9) {
    log_->spi->OnFrontConnected();
    run();
    CThostFtdcRspInfoField ok{};
    log_->spi->OnRspAuthenticate(nullptr, &ok, 0, true);
    run();
    CThostFtdcRspUserLoginField field{};
    field.FrontID = front_id;
    field.SessionID = session_id;
    set_text(field.MaxOrderRef, "100");
    CThostFtdcRspInfoField info = make_rsp_info(static_cast<ErrorCode>(error));
    log_->spi->OnRspUserLogin(error == 0 ? &field : nullptr, &info, 0, true);
    run();
  }
  void push_order(const char* ref, char status) {
    CThostFtdcOrderField o = order(ref, status);
    log_->spi->OnRtnOrder(&o);
    run();
  }

  boost::asio::io_context io_;
  std::shared_ptr<ApiLog> log_ = std::make_shared<ApiLog>();
  std::unique_ptr<TradingSession> session_;
  int released_ = 0;
};

}  // namespace ctpgw::td::session_test
