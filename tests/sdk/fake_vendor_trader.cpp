// A fake thosttraderapi_se.so built from the user's SDK headers: CThostFtdcTraderApi's ABI in
// front of the project's vendor double, so tests exercise the real adapter through the vendor's
// classes, virtual tables, static factory and a shared library. Requests the double knows are
// forwarded (structs copied by struct_copy.h); every other vendor method is a generated stub.
#include <ThostFtdcTraderApi.h>

#include <atomic>

#include "ctpgw/ctp_sdk/sfit_vendor.h"
#include "ctpgw/ctp_sdk/struct_copy.h"
#include "ctpgw/testkit/vendor_double.h"
#include "fake_trader_stubs.h"
#include "fake_vendor_common.h"

namespace {

using namespace ctpgw;
using fake_vendor::out;
using fake_vendor::V;

class FakeTraderApi final : public FakeTraderStubs, private ctp::TraderSpi {
 public:
  explicit FakeTraderApi(const char* flow_path)
      : inner_(testkit::DoubleVendor::create_trader(flow_path, true)) {}

  void Release() override {
    inner_->Release();  // joins the double's thread
    delete this;
  }
  void Init() override {
    inner_->RegisterSpi(this);
    inner_->Init();
  }
  int Join() override { return 0; }
  const char* GetTradingDay() override { return inner_->GetTradingDay(); }
  void RegisterFront(char* address) override { inner_->RegisterFront(address); }
  void RegisterSpi(CThostFtdcTraderSpi* spi) override { spi_ = spi; }
  void SubscribePrivateTopic(THOST_TE_RESUME_TYPE t) override {
    inner_->SubscribePrivateTopic(static_cast<ctp::ResumeType>(t));
  }
  void SubscribePublicTopic(THOST_TE_RESUME_TYPE t) override {
    inner_->SubscribePublicTopic(static_cast<ctp::ResumeType>(t));
  }

#define CTPGW_FAKE_REQ(req, req_struct, callback, rsp_struct)        \
  int req(::CThostFtdc##req_struct##Field* field, int id) override { \
    ctp::CThostFtdc##req_struct##Field ours;                         \
    ctp_sdk::from_vendor(*field, ours);                              \
    return inner_->req(&ours, id);                                   \
  }
  CTPGW_TRADER_REQUESTS(CTPGW_FAKE_REQ)
#undef CTPGW_FAKE_REQ

 private:
  ~FakeTraderApi() override = default;

  // The double's callbacks, handed to the vendor Spi in vendor structs (unguarded, as SFIT's).
  void OnFrontConnected() override {
    if (auto* s = spi_.load()) s->OnFrontConnected();
  }
  void OnFrontDisconnected(int reason) override {
    if (auto* s = spi_.load()) s->OnFrontDisconnected(reason);
  }
#define CTPGW_FAKE_RSP(req, req_struct, callback, rsp_struct)                                  \
  void callback(ctp::CThostFtdc##rsp_struct##Field* f, ctp::CThostFtdcRspInfoField* i, int id, \
                bool last) override {                                                          \
    V<ctp::CThostFtdc##rsp_struct##Field> vf;                                                  \
    V<ctp::CThostFtdcRspInfoField> vi;                                                         \
    if (auto* s = spi_.load()) s->callback(out(f, vf), out(i, vi), id, last);                  \
  }
  CTPGW_TRADER_REQUESTS(CTPGW_FAKE_RSP)
#undef CTPGW_FAKE_RSP
  void OnRspError(ctp::CThostFtdcRspInfoField* i, int id, bool last) override {
    V<ctp::CThostFtdcRspInfoField> vi;
    if (auto* s = spi_.load()) s->OnRspError(out(i, vi), id, last);
  }
#define CTPGW_FAKE_PUSH(callback, push_struct)                     \
  void callback(ctp::CThostFtdc##push_struct##Field* f) override { \
    V<ctp::CThostFtdc##push_struct##Field> vf;                     \
    if (auto* s = spi_.load()) s->callback(out(f, vf));            \
  }
  CTPGW_TRADER_PUSHES(CTPGW_FAKE_PUSH)
#undef CTPGW_FAKE_PUSH
#define CTPGW_FAKE_ERROR_PUSH(callback, push_struct)                                               \
  void callback(ctp::CThostFtdc##push_struct##Field* f, ctp::CThostFtdcRspInfoField* i) override { \
    V<ctp::CThostFtdc##push_struct##Field> vf;                                                     \
    V<ctp::CThostFtdcRspInfoField> vi;                                                             \
    if (auto* s = spi_.load()) s->callback(out(f, vf), out(i, vi));                                \
  }
  CTPGW_TRADER_ERROR_PUSHES(CTPGW_FAKE_ERROR_PUSH)
#undef CTPGW_FAKE_ERROR_PUSH

  ctp::TraderApi* inner_;
  std::atomic<CThostFtdcTraderSpi*> spi_{nullptr};
};

}  // namespace

// The header's own parameter list (generated): 6.7.11 added bIsProductionMode.
CThostFtdcTraderApi* CThostFtdcTraderApi::CreateFtdcTraderApi(FakeTraderStubs_FACTORY_PARAMS) {
  return new FakeTraderApi(pszFlowPath);
}

const char* CThostFtdcTraderApi::GetApiVersion() {
  return "fake-for-tests (vendor double)";
}
