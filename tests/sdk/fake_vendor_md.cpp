// A fake thostmduserapi_se.so built from the user's SDK headers: CThostFtdcMdApi's ABI in front
// of the project's vendor double (see fake_vendor_trader.cpp).
#include <ThostFtdcMdApi.h>

#include <atomic>

#include "ctpgw/ctp_sdk/sfit_vendor.h"
#include "ctpgw/ctp_sdk/struct_copy.h"
#include "ctpgw/testkit/vendor_double.h"
#include "fake_md_stubs.h"
#include "fake_vendor_common.h"

namespace {

using namespace ctpgw;
using fake_vendor::out;
using fake_vendor::V;

class FakeMdApi final : public FakeMdStubs, private ctp::MdSpi {
 public:
  explicit FakeMdApi(const char* flow_path)
      : inner_(testkit::DoubleVendor::create_md(flow_path, true)) {}

  void Release() override {
    inner_->Release();
    delete this;
  }
  void Init() override {
    inner_->RegisterSpi(this);
    inner_->Init();
  }
  int Join() override { return 0; }
  const char* GetTradingDay() override { return inner_->GetTradingDay(); }
  void RegisterFront(char* address) override { inner_->RegisterFront(address); }
  void RegisterSpi(CThostFtdcMdSpi* spi) override { spi_ = spi; }
  int SubscribeMarketData(char* ids[], int n) override {
    return inner_->SubscribeMarketData(ids, n);
  }
  int UnSubscribeMarketData(char* ids[], int n) override {
    return inner_->UnSubscribeMarketData(ids, n);
  }
  int ReqUserLogin(::CThostFtdcReqUserLoginField* f, int id) override {
    ctp::CThostFtdcReqUserLoginField ours;
    ctp_sdk::from_vendor(*f, ours);
    return inner_->ReqUserLogin(&ours, id);
  }
  int ReqUserLogout(::CThostFtdcUserLogoutField* f, int id) override {
    ctp::CThostFtdcUserLogoutField ours;
    ctp_sdk::from_vendor(*f, ours);
    return inner_->ReqUserLogout(&ours, id);
  }

 private:
  ~FakeMdApi() override = default;

  void OnFrontConnected() override {
    if (auto* s = spi_.load()) s->OnFrontConnected();
  }
  void OnFrontDisconnected(int reason) override {
    if (auto* s = spi_.load()) s->OnFrontDisconnected(reason);
  }
#define CTPGW_FAKE_MD_RSP(callback, rsp_struct)                                                \
  void callback(ctp::CThostFtdc##rsp_struct##Field* f, ctp::CThostFtdcRspInfoField* i, int id, \
                bool last) override {                                                          \
    V<ctp::CThostFtdc##rsp_struct##Field> vf;                                                  \
    V<ctp::CThostFtdcRspInfoField> vi;                                                         \
    if (auto* s = spi_.load()) s->callback(out(f, vf), out(i, vi), id, last);                  \
  }
  CTPGW_MD_RESPONSES(CTPGW_FAKE_MD_RSP)
#undef CTPGW_FAKE_MD_RSP
  void OnRspError(ctp::CThostFtdcRspInfoField* i, int id, bool last) override {
    V<ctp::CThostFtdcRspInfoField> vi;
    if (auto* s = spi_.load()) s->OnRspError(out(i, vi), id, last);
  }
  void OnRtnDepthMarketData(ctp::CThostFtdcDepthMarketDataField* t) override {
    V<ctp::CThostFtdcDepthMarketDataField> vt;
    if (auto* s = spi_.load()) s->OnRtnDepthMarketData(out(t, vt));
  }

  ctp::MdApi* inner_;
  std::atomic<CThostFtdcMdSpi*> spi_{nullptr};
};

}  // namespace

CThostFtdcMdApi* CThostFtdcMdApi::CreateFtdcMdApi(FakeMdStubs_FACTORY_PARAMS) {
  return new FakeMdApi(pszFlowPath);
}

const char* CThostFtdcMdApi::GetApiVersion() {
  return "fake-for-tests (vendor double)";
}
