// The vendor calls every CTP-shaped API spells the same way; vendor-traits types (SfitVendor,
// the tests' DoubleVendor) inherit them and add only what differs.
#pragma once

namespace ctpgw::ctp_sdk {

struct CommonVendorCalls {
  template <class Api>
  static void init(Api* api) {
    api->Init();
  }
  template <class Api>
  static void release(Api* api) {
    api->Release();
  }
  template <class Api>
  static const char* trading_day(Api* api) {
    return api->GetTradingDay();
  }
};

}  // namespace ctpgw::ctp_sdk
