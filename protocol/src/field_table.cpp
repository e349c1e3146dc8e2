#include "ctpgw/protocol/field_table.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace ctpgw::protocol {
namespace {

using namespace ctpgw::ctp;

#define CTPGW_FIELD_DESC(kind, member, n)                    \
  FieldDesc{#member, "\"" #member "\":", FieldKind::kind,    \
            static_cast<std::uint16_t>(offsetof(S, member)), \
            static_cast<std::uint16_t>(sizeof(S::member))},

#define CTPGW_TABLE(Name)                                                          \
  struct Table##Name {                                                             \
    using S = CThostFtdc##Name##Field;                                             \
    static constexpr FieldDesc fields[] = {CTPGW_FIELDS_##Name(CTPGW_FIELD_DESC)}; \
  };
CTPGW_CTP_STRUCTS(CTPGW_TABLE)
#undef CTPGW_TABLE
#undef CTPGW_FIELD_DESC

const std::array<StructDesc, static_cast<std::size_t>(StructId::Count)> kStructs{{
#define CTPGW_STRUCT_DESC(Name)                                           \
  StructDesc{#Name, Table##Name::fields, sizeof(CThostFtdc##Name##Field), \
             alignof(CThostFtdc##Name##Field)},
    CTPGW_CTP_STRUCTS(CTPGW_STRUCT_DESC)
#undef CTPGW_STRUCT_DESC
}};

}  // namespace

const FieldDesc* StructDesc::find(std::string_view field_name) const noexcept {
  // Structs have at most ~70 fields; a linear scan over short string_views beats hashing here.
  for (const FieldDesc& f : fields) {
    if (f.kind != FieldKind::Reserve && f.name == field_name) return &f;
  }
  return nullptr;
}

const StructDesc& describe(StructId id) noexcept {
  return kStructs[static_cast<std::size_t>(id)];
}

std::span<const StructDesc> all_structs() noexcept {
  return kStructs;
}

std::optional<StructId> struct_id_by_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kStructs.size(); ++i) {
    if (kStructs[i].name == name) return static_cast<StructId>(i);
  }
  return std::nullopt;
}

std::string_view kind_name(FieldKind kind) noexcept {
  switch (kind) {
    case FieldKind::Text:
      return "string";
    case FieldKind::Reserve:
      return "reserved";
    case FieldKind::Char:
      return "char";
    case FieldKind::Int:
      return "int";
    case FieldKind::Double:
      return "number";
    case FieldKind::Price:
      return "price";
    case FieldKind::MdPrice:
      return "price";
  }
  return "?";
}

}  // namespace ctpgw::protocol
