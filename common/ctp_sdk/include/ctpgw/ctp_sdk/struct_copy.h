// Copies between the gateway's CTP structs and a vendor SDK's, generated from the field lists.
//
// The gateway's structs have the 6.7.11 layout. For a vendor struct with exactly that layout
// (checked at compile time, member by member: size and offset) a copy is one memcpy. For an
// older SDK whose struct lacks members or places them elsewhere, the copy goes member by member
// by name, and members the vendor does not have stay zero. Text is copied as bytes: both sides
// hold GB18030 (ADR 0005). Pure; any thread.
#pragma once

#include <cstddef>
#include <cstring>
#include <type_traits>

#include "ctpgw/ctp_api/ctp_structs.h"

namespace ctpgw::ctp_sdk {

template <class Dst, class Src>
void copy_member(Dst& dst, const Src& src) noexcept {
  if constexpr (std::is_array_v<Dst>) {
    static_assert(std::is_array_v<Src>, "a text member must be an array on both sides");
    constexpr std::size_t n = sizeof(Dst) < sizeof(Src) ? sizeof(Dst) : sizeof(Src);
    std::memcpy(dst, src, n);
    dst[sizeof(Dst) - 1] = '\0';  // a shorter vendor field stays terminated
  } else {
    static_assert(sizeof(Dst) == sizeof(Src), "scalar members must have the same size");
    dst = static_cast<Dst>(src);
  }
}

#define CTPGW_SDK_CHECK_MEMBER(kind, member, size)                                               \
  if constexpr (requires(const Vendor& v) { v.member; }) {                                       \
    same = same && offsetof(Vendor, member) == offsetof(Ours, member) &&                         \
           sizeof(std::declval<const Vendor&>().member) == sizeof(std::declval<Ours&>().member); \
  } else {                                                                                       \
    same = false;                                                                                \
  }
#define CTPGW_SDK_COPY_TO(kind, member, size) \
  if constexpr (requires { dst.member; }) copy_member(dst.member, src.member);
#define CTPGW_SDK_COPY_FROM(kind, member, size) \
  if constexpr (requires { src.member; }) copy_member(dst.member, src.member);

#define CTPGW_SDK_DEFINE_COPY(Name)                                                      \
  template <class Vendor>                                                                \
  constexpr bool same_layout(const ctp::CThostFtdc##Name##Field*, const Vendor*) {       \
    using Ours = ctp::CThostFtdc##Name##Field;                                           \
    bool same = sizeof(Vendor) == sizeof(Ours);                                          \
    CTPGW_FIELDS_##Name(CTPGW_SDK_CHECK_MEMBER) return same;                             \
  }                                                                                      \
  template <class Vendor>                                                                \
  void to_vendor(const ctp::CThostFtdc##Name##Field& src, Vendor& dst) noexcept {        \
    if constexpr (same_layout(static_cast<const ctp::CThostFtdc##Name##Field*>(nullptr), \
                              static_cast<const Vendor*>(nullptr))) {                    \
      std::memcpy(static_cast<void*>(&dst), &src, sizeof dst);                           \
    } else {                                                                             \
      std::memset(static_cast<void*>(&dst), 0, sizeof dst);                              \
      CTPGW_FIELDS_##Name(CTPGW_SDK_COPY_TO)                                             \
    }                                                                                    \
  }                                                                                      \
  template <class Vendor>                                                                \
  void from_vendor(const Vendor& src, ctp::CThostFtdc##Name##Field& dst) noexcept {      \
    if constexpr (same_layout(static_cast<const ctp::CThostFtdc##Name##Field*>(nullptr), \
                              static_cast<const Vendor*>(nullptr))) {                    \
      std::memcpy(static_cast<void*>(&dst), &src, sizeof dst);                           \
    } else {                                                                             \
      dst = {};                                                                          \
      CTPGW_FIELDS_##Name(CTPGW_SDK_COPY_FROM)                                           \
    }                                                                                    \
  }

// clang-format off
CTPGW_CTP_STRUCTS(CTPGW_SDK_DEFINE_COPY)
// clang-format on

#undef CTPGW_SDK_DEFINE_COPY
#undef CTPGW_SDK_COPY_FROM
#undef CTPGW_SDK_COPY_TO
#undef CTPGW_SDK_CHECK_MEMBER

/// True when the vendor struct matching `Ours` can be copied with one memcpy.
template <class Ours, class Vendor>
constexpr bool has_same_layout() {
  return same_layout(static_cast<const Ours*>(nullptr), static_cast<const Vendor*>(nullptr));
}

}  // namespace ctpgw::ctp_sdk
