// ctp::TraderApi over a vendor trading API (CThostFtdcTraderApi, or the project's test double).
//
// A template over a vendor-traits type V (described at the end of this comment) so the same
// adapter code runs against SFIT's SDK in production and against the
// project's vendor double in CI. Every request is generated from CTPGW_TRADER_REQUESTS: the
// struct is copied into the vendor's (struct_copy.h) and the vendor's return code (0/-1/-2/-3)
// is returned unchanged. Every vendor callback is copied into the gateway's structs on the
// vendor's thread and delivered through a SpiSlot, so once Release() has cleared the slot no
// callback reaches the gateway, whatever the vendor still does.
//
// V provides: TraderApi, TraderSpi (the vendor classes), template Struct<Ours> (the vendor
// struct for a gateway struct), create_trader(flow_path, production_mode), register_spi,
// register_front, subscribe_private/public(api, ctp::ResumeType), init, release, trading_day.
#pragma once

#include <string>

#include "ctpgw/ctp_api/spi_slot.h"
#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/ctp_sdk/struct_copy.h"

namespace ctpgw::ctp_sdk {

template <class V>
class SdkTraderApi final : public ctp::TraderApi, private V::TraderSpi {
 public:
  static SdkTraderApi* create(const std::string& flow_path, bool production_mode) {
    return new SdkTraderApi(V::create_trader(flow_path.c_str(), production_mode));
  }

  void RegisterSpi(ctp::TraderSpi* spi) override { spi_.set(spi); }
  void RegisterFront(const char* address) override { V::register_front(api_, address); }
  void SubscribePrivateTopic(ctp::ResumeType type) override { V::subscribe_private(api_, type); }
  void SubscribePublicTopic(ctp::ResumeType type) override { V::subscribe_public(api_, type); }
  void Init() override {
    V::register_spi(api_, static_cast<typename V::TraderSpi*>(this));
    V::init(api_);
  }
  void Release() override {
    spi_.set(nullptr);  // waits for a callback in flight; none reaches the gateway after this
    V::register_spi(api_, static_cast<typename V::TraderSpi*>(nullptr));
    V::release(api_);  // joins the vendor's threads
    delete this;
  }
  const char* GetTradingDay() override { return V::trading_day(api_); }
  int FrontQueryIntervalMs() override { return V::front_query_interval_ms(api_); }

  /// The vendor API, for calls outside the CTP interface (front info, system info).
  typename V::TraderApi* vendor() noexcept { return api_; }

#define CTPGW_SDK_FORWARD_REQ(req, req_struct, callback, rsp_struct)              \
  int req(ctp::CThostFtdc##req_struct##Field* field, int nRequestID) override {   \
    typename V::template Struct<ctp::CThostFtdc##req_struct##Field> vendor_field; \
    to_vendor(*field, vendor_field);                                              \
    return api_->req(&vendor_field, nRequestID);                                  \
  }
  CTPGW_TRADER_REQUESTS(CTPGW_SDK_FORWARD_REQ)
#undef CTPGW_SDK_FORWARD_REQ

 private:
  template <class Ours>
  using VendorOf = typename V::template Struct<Ours>;
  using VendorRspInfo = VendorOf<ctp::CThostFtdcRspInfoField>;

  explicit SdkTraderApi(typename V::TraderApi* api) : api_(api) {}
  ~SdkTraderApi() override = default;

  /// Copies a vendor struct (or nullptr) into the gateway's, on the vendor's thread.
  template <class Ours, class Vendor>
  static const Ours* copy_in(const Vendor* in, Ours& out) {
    if (in == nullptr) return nullptr;
    from_vendor(*in, out);
    return &out;
  }

  // ---- vendor callbacks ------------------------------------------------------------------
  void OnFrontConnected() override {
    spi_.call([](ctp::TraderSpi& s) { s.OnFrontConnected(); });
  }
  void OnFrontDisconnected(int reason) override {
    spi_.call([reason](ctp::TraderSpi& s) { s.OnFrontDisconnected(reason); });
  }
  void OnHeartBeatWarning(int lapse) override {
    spi_.call([lapse](ctp::TraderSpi& s) { s.OnHeartBeatWarning(lapse); });
  }

#define CTPGW_SDK_FORWARD_RSP(req, req_struct, callback, rsp_struct)                      \
  void callback(VendorOf<ctp::CThostFtdc##rsp_struct##Field>* field, VendorRspInfo* info, \
                int nRequestID, bool bIsLast) override {                                  \
    ctp::CThostFtdc##rsp_struct##Field f;                                                 \
    ctp::CThostFtdcRspInfoField i;                                                        \
    auto* fp = const_cast<ctp::CThostFtdc##rsp_struct##Field*>(copy_in(field, f));        \
    auto* ip = const_cast<ctp::CThostFtdcRspInfoField*>(copy_in(info, i));                \
    spi_.call([&](ctp::TraderSpi& s) { s.callback(fp, ip, nRequestID, bIsLast); });       \
  }
  CTPGW_TRADER_REQUESTS(CTPGW_SDK_FORWARD_RSP)
#undef CTPGW_SDK_FORWARD_RSP

  void OnRspError(VendorRspInfo* info, int nRequestID, bool bIsLast) override {
    ctp::CThostFtdcRspInfoField i;
    auto* ip = const_cast<ctp::CThostFtdcRspInfoField*>(copy_in(info, i));
    spi_.call([&](ctp::TraderSpi& s) { s.OnRspError(ip, nRequestID, bIsLast); });
  }
#define CTPGW_SDK_FORWARD_PUSH(callback, push_struct)                               \
  void callback(VendorOf<ctp::CThostFtdc##push_struct##Field>* field) override {    \
    ctp::CThostFtdc##push_struct##Field f;                                          \
    auto* fp = const_cast<ctp::CThostFtdc##push_struct##Field*>(copy_in(field, f)); \
    spi_.call([&](ctp::TraderSpi& s) { s.callback(fp); });                          \
  }
  CTPGW_TRADER_PUSHES(CTPGW_SDK_FORWARD_PUSH)
#undef CTPGW_SDK_FORWARD_PUSH
#define CTPGW_SDK_FORWARD_ERROR_PUSH(callback, push_struct)                                \
  void callback(VendorOf<ctp::CThostFtdc##push_struct##Field>* field, VendorRspInfo* info) \
      override {                                                                           \
    ctp::CThostFtdc##push_struct##Field f;                                                 \
    ctp::CThostFtdcRspInfoField i;                                                         \
    auto* fp = const_cast<ctp::CThostFtdc##push_struct##Field*>(copy_in(field, f));        \
    auto* ip = const_cast<ctp::CThostFtdcRspInfoField*>(copy_in(info, i));                 \
    spi_.call([&](ctp::TraderSpi& s) { s.callback(fp, ip); });                             \
  }
  CTPGW_TRADER_ERROR_PUSHES(CTPGW_SDK_FORWARD_ERROR_PUSH)
#undef CTPGW_SDK_FORWARD_ERROR_PUSH

  typename V::TraderApi* api_;
  ctp::SpiSlot<ctp::TraderSpi> spi_;
};

}  // namespace ctpgw::ctp_sdk
