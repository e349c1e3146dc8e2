// The backend for real CTP fronts: SdkTraderApi / SdkMdApi over the user's SFIT SDK.
// Built only when CMake is given CTPGW_CTP_SDK_DIR (see common/ctp_sdk/CMakeLists.txt).

// The SDK's Spi classes have virtual functions and no virtual destructor; deriving from them is
// how the SDK is used, so the warning is silenced for this translation unit only.
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"

#include <filesystem>
#include <string>

#include "ctpgw/ctp_sdk/sdk_md_api.h"
#include "ctpgw/ctp_sdk/sdk_trader_api.h"
#include "ctpgw/ctp_sdk/sfit_vendor.h"
#include "sdk_backend.h"

namespace ctpgw::backend {
namespace {

// The adapter copies these with one memcpy only if the SDK has 6.7.11's layout; other 6.7.x
// versions are copied member by member. Either way the copy is checked at compile time.
static_assert(ctp_sdk::has_same_layout<ctp::CThostFtdcRspInfoField, ::CThostFtdcRspInfoField>(),
              "CThostFtdcRspInfoField must have CTP's layout");

class SdkBackend final : public Backend {
 public:
  explicit SdkBackend(const core::Config& config) : config_(config) {
    // The SDK writes its flow files under this prefix and does not create the folder.
    std::error_code ec;
    std::filesystem::create_directories(config.con_file_path, ec);
    if (ec) {
      throw BackendError("cannot create ConFilePath '" + config.con_file_path +
                         "': " + ec.message());
    }
    description_ = std::string("CTP SDK ") + ctp_sdk::SfitVendor::api_version();
  }

  TraderApiPtr create_trader_api(const std::string& flow_path) override {
    return TraderApiPtr(ctp_sdk::SdkTraderApi<ctp_sdk::SfitVendor>::create(
        unique_prefix(flow_path), config_.production_mode));
  }
  MdApiPtr create_md_api(const std::string& flow_path) override {
    return MdApiPtr(ctp_sdk::SdkMdApi<ctp_sdk::SfitVendor>::create(unique_prefix(flow_path),
                                                                   config_.production_mode));
  }
  std::string_view description() const override { return description_; }

 private:
  /// Two live API instances must never share flow files (two sessions of one user, md and td).
  std::string unique_prefix(const std::string& flow_path) {
    return flow_path + "." + std::to_string(++instances_) + ".";
  }

  core::Config config_;
  std::string description_;
  int instances_ = 0;
};

}  // namespace

std::unique_ptr<Backend> make_sdk_backend(const core::Config& config) {
  return std::make_unique<SdkBackend>(config);
}

}  // namespace ctpgw::backend
