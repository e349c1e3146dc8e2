#include "ctpgw/protocol/codec.h"

#include "ctpgw/ctp_api/gb18030.h"
#include "ctpgw/protocol/json_out.h"

#include <cfloat>
#include <cmath>
#include <cstring>

namespace ctpgw::protocol {
namespace {

double load_double(const std::byte* p) {
  double v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

int load_int(const std::byte* p) {
  int v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

bool is_adjusted_price(FieldKind kind, EncodeOptions opts) {
  return kind == FieldKind::Price || (kind == FieldKind::MdPrice && opts.md_tick);
}

void write_double(JsonOut& out, double v, bool adjust_max) {
  if (adjust_max && v == DBL_MAX) {
    out.raw("0");
  } else if (!std::isfinite(v)) {
    out.null();
  } else {
    out.number(v);
  }
}

DecodeError field_error(const StructDesc& desc, const FieldDesc& f, std::string_view what) {
  std::string s;
  s.reserve(desc.name.size() + f.name.size() + what.size() + 4);
  s.append(desc.name).append(".").append(f.name).append(": ").append(what);
  return DecodeError{std::move(s)};
}

}  // namespace

std::string json_type_name(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "a boolean";
  if (v.IsString()) return "a string";
  if (v.IsArray()) return "an array";
  if (v.IsObject()) return "an object";
  if (v.IsInt() || v.IsInt64() || v.IsUint64() || v.IsUint()) return "an integer";
  return "a number";
}

void write_struct(rapidjson::StringBuffer& buf, const StructDesc& desc, const void* obj,
                  EncodeOptions opts) {
  const auto* base = static_cast<const std::byte*>(obj);
  JsonOut out(buf);
  out.ch('{');
  bool first = true;
  for (const FieldDesc& f : desc.fields) {
    if (f.kind == FieldKind::Reserve) continue;
    if (!first) out.ch(',');
    first = false;
    out.raw(f.json_key);
    const std::byte* p = base + f.offset;
    switch (f.kind) {
      case FieldKind::Text: {
        // Structs hold GB18030 (ADR 0005); JSON is UTF-8. ASCII needs no conversion.
        const char* s = reinterpret_cast<const char*>(p);
        const std::string_view text(s, strnlen(s, f.size));
        if (ctp::is_ascii(text)) {
          out.string(text);
        } else {
          out.string(ctp::gb18030_to_utf8(text));
        }
        break;
      }
      case FieldKind::Char: {
        const char c = *reinterpret_cast<const char*>(p);
        // Only printable ASCII is a valid enum letter; anything else is "no value".
        out.string(c >= 0x20 && c < 0x7f ? std::string_view(&c, 1) : std::string_view());
        break;
      }
      case FieldKind::Int:
        out.integer(load_int(p));
        break;
      case FieldKind::Double:
      case FieldKind::Price:
      case FieldKind::MdPrice:
        write_double(out, load_double(p), is_adjusted_price(f.kind, opts));
        break;
      case FieldKind::Reserve:
        break;
    }
  }
  out.ch('}');
}

std::optional<DecodeError> read_struct(const rapidjson::Value& json, const StructDesc& desc,
                                       void* out) {
  auto* base = static_cast<std::byte*>(out);
  std::memset(base, 0, desc.size);
  if (!json.IsObject()) {
    return DecodeError{std::string(desc.name) + ": expected an object, got " +
                       json_type_name(json)};
  }
  for (auto it = json.MemberBegin(); it != json.MemberEnd(); ++it) {
    const std::string_view key(it->name.GetString(), it->name.GetStringLength());
    const FieldDesc* f = desc.find(key);
    if (f == nullptr) continue;  // unknown keys are ignored, as webctp does
    const rapidjson::Value& v = it->value;
    std::byte* p = base + f->offset;
    switch (f->kind) {
      case FieldKind::Text: {
        if (!v.IsString())
          return field_error(desc, *f, "expected a string, got " + json_type_name(v));
        const std::string_view utf8(v.GetString(), v.GetStringLength());
        if (ctp::is_ascii(utf8)) {
          if (utf8.size() >= f->size) {
            return field_error(desc, *f,
                               "string of " + std::to_string(utf8.size()) +
                                   " bytes is longer than the " + std::to_string(f->size - 1) +
                                   " bytes the field holds");
          }
          if (std::memchr(utf8.data(), '\0', utf8.size()) != nullptr) {
            return field_error(desc, *f, "string must not contain NUL characters");
          }
          std::memcpy(p, utf8.data(), utf8.size());
          break;
        }
        if (std::memchr(utf8.data(), '\0', utf8.size()) != nullptr) {
          return field_error(desc, *f, "string must not contain NUL characters");
        }
        // CTP counts GB18030 bytes: 10 Chinese characters fit char[21], as in the SDK.
        const std::string gb = ctp::utf8_to_gb18030(utf8);
        if (gb.size() >= f->size) {
          return field_error(desc, *f,
                             "string of " + std::to_string(gb.size()) +
                                 " bytes in GB18030 (as CTP counts) is longer than the " +
                                 std::to_string(f->size - 1) + " bytes the field holds");
        }
        std::memcpy(p, gb.data(), gb.size());
        break;
      }
      case FieldKind::Char: {
        if (!v.IsString()) {
          return field_error(desc, *f, "expected a one-character string, got " + json_type_name(v));
        }
        const std::size_t len = v.GetStringLength();
        if (len > 1) return field_error(desc, *f, "expected a one-character string");
        const char c = len == 1 ? v.GetString()[0] : '\0';
        if (len == 1 && (c < 0x20 || c >= 0x7f)) {
          return field_error(desc, *f, "expected a printable ASCII character");
        }
        *reinterpret_cast<char*>(p) = c;
        break;
      }
      case FieldKind::Int: {
        if (!v.IsInt()) {
          const char* why =
              v.IsNumber() ? "expected an integer in the 32-bit range" : "expected an integer";
          return field_error(desc, *f, std::string(why) + ", got " + json_type_name(v));
        }
        const int i = v.GetInt();
        std::memcpy(p, &i, sizeof i);
        break;
      }
      case FieldKind::Double:
      case FieldKind::Price:
      case FieldKind::MdPrice: {
        if (!v.IsNumber())
          return field_error(desc, *f, "expected a number, got " + json_type_name(v));
        const double d = v.GetDouble();
        // 1e999 parses to infinity: never let a non-finite number reach the backend.
        if (!std::isfinite(d)) {
          return field_error(desc, *f, "must be a finite number (got an overflowing literal)");
        }
        std::memcpy(p, &d, sizeof d);
        break;
      }
      case FieldKind::Reserve:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace ctpgw::protocol
