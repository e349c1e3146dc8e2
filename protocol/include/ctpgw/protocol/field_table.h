// Run-time field tables for every supported CTP struct, expanded from ctp_field_lists.h.
//
// A table lists each member's JSON name, kind, byte offset and size. The codec, the request
// validator, the golden tests and the generated protocol docs all walk these tables; there is no
// per-field JSON code anywhere. Tables are immutable and safe to read from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "ctpgw/ctp_api/ctp_structs.h"

namespace ctpgw::protocol {

enum class FieldKind : std::uint8_t { Text, Reserve, Char, Int, Double, Price, MdPrice };

struct FieldDesc {
  std::string_view name;
  std::string_view json_key;  ///< `"Name":`, ready to copy into output
  FieldKind kind;
  std::uint16_t offset;
  std::uint16_t size;  ///< bytes of the member (char[N] -> N)
};

struct StructDesc {
  std::string_view name;  ///< CTP name without prefix/suffix, also the webctp body key
  std::span<const FieldDesc> fields;
  std::size_t size;   ///< sizeof the struct
  std::size_t align;  ///< alignof the struct
  /// Field by JSON name; nullptr if the struct has none (reserve slots are not addressable).
  const FieldDesc* find(std::string_view field_name) const noexcept;
};

const StructDesc& describe(ctp::StructId id) noexcept;

template <class T>
const StructDesc& describe() noexcept {
  return describe(ctp::StructTraits<T>::id);
}

std::span<const StructDesc> all_structs() noexcept;
std::optional<ctp::StructId> struct_id_by_name(std::string_view name) noexcept;

/// Largest sizeof among the supported structs, for stack buffers that hold any of them.
inline constexpr std::size_t kMaxStructSize = [] {
  std::size_t m = 0;
#define CTPGW_MAX_SIZE(Name) \
  m = sizeof(ctp::CThostFtdc##Name##Field) > m ? sizeof(ctp::CThostFtdc##Name##Field) : m;
  CTPGW_CTP_STRUCTS(CTPGW_MAX_SIZE)
#undef CTPGW_MAX_SIZE
  return m;
}();

std::string_view kind_name(FieldKind kind) noexcept;

}  // namespace ctpgw::protocol
