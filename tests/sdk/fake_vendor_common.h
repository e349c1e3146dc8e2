// What both fake vendor libraries share: the vendor struct for a gateway struct, and a copy of a
// gateway struct (or nullptr) into a vendor buffer for a vendor Spi call.
#pragma once

#include "ctpgw/ctp_sdk/sfit_vendor.h"
#include "ctpgw/ctp_sdk/struct_copy.h"

namespace ctpgw::fake_vendor {

template <class Ours>
using V = typename ctp_sdk::SfitStruct<Ours>::type;

template <class Ours>
V<Ours>* out(const Ours* in, V<Ours>& buf) {
  if (in == nullptr) return nullptr;
  ctp_sdk::to_vendor(*in, buf);
  return &buf;
}

}  // namespace ctpgw::fake_vendor
