// ctp::MdApi over a vendor market-data API (CThostFtdcMdApi, or the project's test double).
// Same design and guarantees as SdkTraderApi (sdk_trader_api.h); V additionally provides
// MdApi, MdSpi and create_md(flow_path, production_mode).
#pragma once

#include <string>

#include "ctpgw/ctp_api/md_api.h"
#include "ctpgw/ctp_api/spi_slot.h"
#include "ctpgw/ctp_sdk/struct_copy.h"

namespace ctpgw::ctp_sdk {

template <class V>
class SdkMdApi final : public ctp::MdApi, private V::MdSpi {
 public:
  static SdkMdApi* create(const std::string& flow_path, bool production_mode) {
    return new SdkMdApi(V::create_md(flow_path.c_str(), production_mode));
  }

  void RegisterSpi(ctp::MdSpi* spi) override { spi_.set(spi); }
  void RegisterFront(const char* address) override { V::register_front(api_, address); }
  void Init() override {
    V::register_spi(api_, static_cast<typename V::MdSpi*>(this));
    V::init(api_);
  }
  void Release() override {
    spi_.set(nullptr);
    V::register_spi(api_, static_cast<typename V::MdSpi*>(nullptr));
    V::release(api_);
    delete this;
  }
  const char* GetTradingDay() override { return V::trading_day(api_); }
  int ReqUserLogin(ctp::CThostFtdcReqUserLoginField* field, int nRequestID) override {
    VendorOf<ctp::CThostFtdcReqUserLoginField> v;
    to_vendor(*field, v);
    return api_->ReqUserLogin(&v, nRequestID);
  }
  int ReqUserLogout(ctp::CThostFtdcUserLogoutField* field, int nRequestID) override {
    VendorOf<ctp::CThostFtdcUserLogoutField> v;
    to_vendor(*field, v);
    return api_->ReqUserLogout(&v, nRequestID);
  }
  int SubscribeMarketData(char* ids[], int count) override {
    return api_->SubscribeMarketData(ids, count);
  }
  int UnSubscribeMarketData(char* ids[], int count) override {
    return api_->UnSubscribeMarketData(ids, count);
  }

 private:
  template <class Ours>
  using VendorOf = typename V::template Struct<Ours>;
  using VendorRspInfo = VendorOf<ctp::CThostFtdcRspInfoField>;

  explicit SdkMdApi(typename V::MdApi* api) : api_(api) {}
  ~SdkMdApi() override = default;

  template <class Ours, class Vendor>
  static Ours* copy_in(const Vendor* in, Ours& out) {
    if (in == nullptr) return nullptr;
    from_vendor(*in, out);
    return &out;
  }

  void OnFrontConnected() override {
    spi_.call([](ctp::MdSpi& s) { s.OnFrontConnected(); });
  }
  void OnFrontDisconnected(int reason) override {
    spi_.call([reason](ctp::MdSpi& s) { s.OnFrontDisconnected(reason); });
  }
  void OnHeartBeatWarning(int lapse) override {
    spi_.call([lapse](ctp::MdSpi& s) { s.OnHeartBeatWarning(lapse); });
  }
#define CTPGW_SDK_FORWARD_MD_RSP(callback, rsp_struct)                                            \
  void callback(VendorOf<ctp::CThostFtdc##rsp_struct##Field>* field, VendorRspInfo* info, int id, \
                bool last) override {                                                             \
    ctp::CThostFtdc##rsp_struct##Field f;                                                         \
    ctp::CThostFtdcRspInfoField i;                                                                \
    auto* fp = copy_in(field, f);                                                                 \
    auto* ip = copy_in(info, i);                                                                  \
    spi_.call([&](ctp::MdSpi& s) { s.callback(fp, ip, id, last); });                              \
  }
  CTPGW_MD_RESPONSES(CTPGW_SDK_FORWARD_MD_RSP)
#undef CTPGW_SDK_FORWARD_MD_RSP
  void OnRspError(VendorRspInfo* info, int id, bool last) override {
    ctp::CThostFtdcRspInfoField i;
    auto* ip = copy_in(info, i);
    spi_.call([&](ctp::MdSpi& s) { s.OnRspError(ip, id, last); });
  }
  void OnRtnDepthMarketData(VendorOf<ctp::CThostFtdcDepthMarketDataField>* field) override {
    ctp::CThostFtdcDepthMarketDataField f;
    auto* fp = copy_in(field, f);
    spi_.call([&](ctp::MdSpi& s) { s.OnRtnDepthMarketData(fp); });
  }

  typename V::MdApi* api_;
  ctp::SpiSlot<ctp::MdSpi> spi_;
};

}  // namespace ctpgw::ctp_sdk
