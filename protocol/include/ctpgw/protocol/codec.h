// JSON <-> CTP struct codec, driven entirely by the field tables.
//
// Encoding: text as UTF-8 strings (NUL-terminated inside the struct, never trimmed), chars as
// one-letter strings ("" for '\0'), ints as integers, doubles as numbers. In market-data pushes
// (EncodeOptions::md_tick) Price and MdPrice fields holding DBL_MAX become integer 0, as webctp
// does; td replies adjust Price fields only. Non-finite doubles are written as null.
// Decoding: missing keys stay zero (CTP's memset convention); unknown keys are ignored; null,
// a wrong JSON type, a char string longer than one letter, an out-of-range int, a string longer
// than its field or a string containing NUL is rejected with a DecodeError naming the field.
// Stateless; callable from any thread.
#pragma once

#include <optional>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "ctpgw/protocol/field_table.h"

namespace ctpgw::protocol {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct EncodeOptions {
  bool md_tick = false;  ///< true for RtnDepthMarketData pushes on md
};

struct DecodeError {
  std::string detail;  ///< e.g. "InputOrder.LimitPrice: expected a number, got a string"
};

/// Appends the struct as a JSON object to `out`.
void write_struct(rapidjson::StringBuffer& out, const StructDesc& desc, const void* obj,
                  EncodeOptions opts = {});

template <class T>
void write_struct(rapidjson::StringBuffer& out, const T& obj, EncodeOptions opts = {}) {
  write_struct(out, describe<T>(), &obj, opts);
}

/// Fills `out` (sizeof == desc.size, value-initialised by the callee) from a JSON object.
std::optional<DecodeError> read_struct(const rapidjson::Value& json, const StructDesc& desc,
                                       void* out);

template <class T>
std::optional<DecodeError> read_struct(const rapidjson::Value& json, T& out) {
  return read_struct(json, describe<T>(), &out);
}

/// "a string", "an integer", ... for error details.
std::string json_type_name(const rapidjson::Value& v);

}  // namespace ctpgw::protocol
