// A small ordered YAML tree and its block-style writer, for generated documents (the AsyncAPI
// spec). Scalars are written as they are given: quote() makes a JSON/YAML double-quoted string.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ctpgw::protocol {

class YamlNode {
 public:
  enum class Kind { Scalar, Map, List };

  static YamlNode scalar(std::string text) {
    YamlNode n(Kind::Scalar);
    n.text_ = std::move(text);
    return n;
  }
  static YamlNode map() { return YamlNode(Kind::Map); }
  static YamlNode list() { return YamlNode(Kind::List); }

  /// Adds (or returns the existing) member of a map.
  YamlNode& operator[](std::string_view key) {
    for (auto& [k, v] : members_) {
      if (k == key) return *v;
    }
    members_.emplace_back(std::string(key), std::make_unique<YamlNode>(map()));
    return *members_.back().second;
  }
  YamlNode& set(std::string_view key, YamlNode value) { return (*this)[key] = std::move(value); }
  YamlNode& push(YamlNode value) {
    items_.push_back(std::make_unique<YamlNode>(std::move(value)));
    return *items_.back();
  }

  std::string write() const {
    std::string out;
    write_block(out, 0);
    return out;
  }

  YamlNode(YamlNode&&) = default;
  YamlNode& operator=(YamlNode&&) = default;

 private:
  explicit YamlNode(Kind k) : kind_(k) {}
  bool empty_container() const {
    return (kind_ == Kind::Map && members_.empty()) || (kind_ == Kind::List && items_.empty());
  }
  std::string inline_text() const {
    if (kind_ == Kind::Scalar) return text_;
    return kind_ == Kind::Map ? "{}" : "[]";
  }
  static bool is_plain_key(std::string_view k) {
    if (k.empty()) return false;
    for (char c : k) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.';
      if (!ok) return false;
    }
    return true;
  }
  void write_block(std::string& out, int indent) const {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (kind_ == Kind::Map) {
      for (const auto& [k, v] : members_) {
        out += pad + (is_plain_key(k) ? k : quote(k)) + ":";
        v->write_value(out, indent);
      }
    } else if (kind_ == Kind::List) {
      for (const auto& item : items_) {
        if (item->kind_ == Kind::Map && !item->members_.empty()) {
          // "- key: value" with the map's other keys aligned under the first.
          std::string nested;
          item->write_block(nested, indent + 2);
          out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
        } else {
          out += pad + "-";
          item->write_value(out, indent);
        }
      }
    }
  }
  void write_value(std::string& out, int indent) const {
    if (kind_ == Kind::Scalar || empty_container()) {
      out += " " + inline_text() + "\n";
    } else {
      out += "\n";
      write_block(out, indent + 2);
    }
  }

 public:
  /// A double-quoted scalar (JSON string escaping is valid YAML).
  static std::string quote(std::string_view s) {
    std::string q = "\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        q += '\\';
        q += static_cast<char>(c);
      } else if (c == '\n') {
        q += "\\n";
      } else if (c < 0x20) {
        static const char* hex = "0123456789abcdef";
        q += "\\u00";
        q += hex[c >> 4];
        q += hex[c & 15];
      } else {
        q += static_cast<char>(c);
      }
    }
    return q + "\"";
  }

 private:
  Kind kind_;
  std::string text_;
  std::vector<std::pair<std::string, std::unique_ptr<YamlNode>>> members_;
  std::vector<std::unique_ptr<YamlNode>> items_;
};

}  // namespace ctpgw::protocol
