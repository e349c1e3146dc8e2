// The values of CTP's one-letter flag fields and what they mean (ThostFtdcUserApiDataType.h),
// by field name, for the machine-readable spec and the console. Data only.
#pragma once

#include <span>
#include <string_view>

namespace ctpgw::protocol {

struct FlagValue {
  char value;
  std::string_view meaning;
};

struct FlagField {
  std::string_view field;  ///< the struct field name, e.g. "Direction"
  std::span<const FlagValue> values;
};

/// Every flag field described; CombOffsetFlag/CombHedgeFlag are strings of these letters.
std::span<const FlagField> flag_fields() noexcept;
/// nullptr for fields that are not a known flag.
const FlagField* find_flag_field(std::string_view field) noexcept;

}  // namespace ctpgw::protocol
