// Vendor traits for SFIT's CTP SDK (CThostFtdcTraderApi / CThostFtdcMdApi), the V of
// SdkTraderApi<V> / SdkMdApi<V>. Only compiled when CMake is given CTPGW_CTP_SDK_DIR; the
// headers come from the user's copy of the SDK and are included as system headers.
//
// Supports 6.7.x: CreateFtdc*Api gained a production-mode flag in 6.7.11, which is passed when
// the headers have it; struct copies adapt to each version's layout (struct_copy.h).
#pragma once

#include <ThostFtdcMdApi.h>
#include <ThostFtdcTraderApi.h>

#include "ctpgw/ctp_api/ctp_field_lists.h"
#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/ctp_sdk/vendor_calls.h"

// Declared (not defined) for SDKs before 6.7.7, which lack GetFrontInfo and this struct.
struct CThostFtdcFrontInfoField;

namespace ctpgw::ctp_sdk {

/// Names T only when the template it is used in is instantiated.
template <class, class T>
struct Dependent {
  using type = T;
};

template <class Ours>
struct SfitStruct;
#define CTPGW_SFIT_STRUCT(Name)                     \
  template <>                                       \
  struct SfitStruct<ctp::CThostFtdc##Name##Field> { \
    using type = ::CThostFtdc##Name##Field;         \
  };
CTPGW_CTP_STRUCTS(CTPGW_SFIT_STRUCT)
#undef CTPGW_SFIT_STRUCT

struct SfitVendor : CommonVendorCalls {
  using TraderApi = ::CThostFtdcTraderApi;
  using TraderSpi = ::CThostFtdcTraderSpi;
  using MdApi = ::CThostFtdcMdApi;
  using MdSpi = ::CThostFtdcMdSpi;
  template <class Ours>
  using Struct = typename SfitStruct<Ours>::type;

  template <class Api = TraderApi>
  static Api* create_trader(const char* flow_path, bool production_mode) {
    if constexpr (requires { Api::CreateFtdcTraderApi(flow_path, production_mode); }) {
      return Api::CreateFtdcTraderApi(flow_path, production_mode);  // 6.7.11+
    } else {
      (void)production_mode;  // before 6.7.11 the mode was chosen by linking another library
      return Api::CreateFtdcTraderApi(flow_path);
    }
  }
  template <class Api = MdApi>
  static Api* create_md(const char* flow_path, bool production_mode) {
    if constexpr (requires { Api::CreateFtdcMdApi(flow_path, false, false, production_mode); }) {
      return Api::CreateFtdcMdApi(flow_path, false, false, production_mode);
    } else {
      (void)production_mode;
      return Api::CreateFtdcMdApi(flow_path, false, false);
    }
  }
  static const char* api_version() { return TraderApi::GetApiVersion(); }

  static void register_spi(TraderApi* api, TraderSpi* spi) { api->RegisterSpi(spi); }
  static void register_spi(MdApi* api, MdSpi* spi) { api->RegisterSpi(spi); }
  template <class Api>
  static void register_front(Api* api, const char* address) {
    api->RegisterFront(const_cast<char*>(address));  // the SDK takes char* and copies it
  }
  static void subscribe_private(TraderApi* api, ctp::ResumeType t) {
    api->SubscribePrivateTopic(static_cast<THOST_TE_RESUME_TYPE>(t));
  }
  static void subscribe_public(TraderApi* api, ctp::ResumeType t) {
    api->SubscribePublicTopic(static_cast<THOST_TE_RESUME_TYPE>(t));
  }
  /// 1000 / QryFreq from GetFrontInfo (6.7.7+), rounded up; -1 when the SDK cannot tell.
  template <class Api>
  static int front_query_interval_ms(Api* api) {
    using Info = typename Dependent<Api, ::CThostFtdcFrontInfoField>::type;
    if constexpr (requires(Api * a, Info * f) { a->GetFrontInfo(f); }) {
      Info info{};
      api->GetFrontInfo(&info);
      return info.QryFreq > 0 ? (1000 + info.QryFreq - 1) / info.QryFreq : -1;
    } else {
      return -1;
    }
  }
};

// ResumeType values are THOST_TE_RESUME_TYPE's (RESTART 0, RESUME 1, QUICK 2, NONE 3).
static_assert(static_cast<int>(THOST_TERT_QUICK) == static_cast<int>(ctp::ResumeType::Quick));
static_assert(static_cast<int>(THOST_TERT_RESTART) == static_cast<int>(ctp::ResumeType::Restart));

}  // namespace ctpgw::ctp_sdk
