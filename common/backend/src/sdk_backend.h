// Internal to common/backend: the SDK backend's factory (sdk_backend.cpp, SDK builds only).
#pragma once

#include <memory>

#include "ctpgw/backend/backend.h"

namespace ctpgw::backend {

std::unique_ptr<Backend> make_sdk_backend(const core::Config& config);

}  // namespace ctpgw::backend
