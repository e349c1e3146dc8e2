// Arithmetic in scenario files: "=1000000 - $fee + ($s1 - $fill) * 10", "ask + tick",
// "pre * 1.019". Numbers, $saved values, names the runner resolves (prices of the step's
// instrument), + - * / and parentheses. Throws std::runtime_error naming what it cannot read.
#pragma once

#include <cctype>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace ctpgw::sim::testing {

class ScenarioExpr {
 public:
  using Lookup = std::function<std::optional<double>(const std::string& name)>;

  static double eval(const std::string& text, const Lookup& lookup) {
    ScenarioExpr e(text, lookup);
    const double v = e.sum();
    e.skip();
    if (e.at_ < e.text_.size()) e.fail("unexpected '" + e.text_.substr(e.at_) + "'");
    return v;
  }

 private:
  ScenarioExpr(const std::string& text, const Lookup& lookup) : text_(text), lookup_(lookup) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("expression '" + text_ + "': " + what);
  }
  void skip() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool take(char c) {
    skip();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  double sum() {
    double v = product();
    for (;;) {
      if (take('+')) {
        v += product();
      } else if (take('-')) {
        v -= product();
      } else {
        return v;
      }
    }
  }
  double product() {
    double v = factor();
    for (;;) {
      if (take('*')) {
        v *= factor();
      } else if (take('/')) {
        v /= factor();
      } else {
        return v;
      }
    }
  }
  double factor() {
    skip();
    if (take('-')) return -factor();
    if (take('(')) {
      const double v = sum();
      if (!take(')')) fail("missing ')'");
      return v;
    }
    const std::size_t start = at_;
    if (at_ < text_.size() &&
        (std::isdigit(static_cast<unsigned char>(text_[at_])) || text_[at_] == '.')) {
      while (at_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[at_])) ||
                                    text_[at_] == '.' || text_[at_] == 'e')) {
        ++at_;
      }
      return std::stod(text_.substr(start, at_ - start));
    }
    while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) ||
                                  text_[at_] == '_' || text_[at_] == '$')) {
      ++at_;
    }
    if (at_ == start) fail("expected a number or a name");
    const std::string name = text_.substr(start, at_ - start);
    const auto v = lookup_(name);
    if (!v) fail("unknown name '" + name + "'");
    return *v;
  }

  std::string text_;
  const Lookup& lookup_;
  std::size_t at_ = 0;
};

}  // namespace ctpgw::sim::testing
