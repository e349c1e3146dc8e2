#include "ctpgw/core/metrics.h"

#include <cmath>
#include <cstdio>

namespace ctpgw::core {

void Metrics::declare(std::string name, Type type, std::string help) {
  Family& f = families_[std::move(name)];
  f.type = type;
  f.help = std::move(help);
}

void Metrics::add(std::string_view name, std::string_view labels, double n) {
  auto it = families_.find(name);
  if (it == families_.end()) return;
  auto& series = it->second.series;
  auto s = series.find(labels);
  if (s == series.end()) s = series.emplace(std::string(labels), 0.0).first;
  s->second += n;
}

void Metrics::set(std::string_view name, std::string_view labels, double value) {
  auto it = families_.find(name);
  if (it == families_.end()) return;
  auto& series = it->second.series;
  auto s = series.find(labels);
  if (s == series.end()) s = series.emplace(std::string(labels), 0.0).first;
  s->second = value;
}

double Metrics::value(std::string_view name, std::string_view labels) const {
  auto it = families_.find(name);
  if (it == families_.end()) return 0;
  auto s = it->second.series.find(labels);
  return s == it->second.series.end() ? 0 : s->second;
}

std::string Metrics::render() const {
  std::string out;
  char number[64];
  for (const auto& [name, f] : families_) {
    out += "# HELP " + name + " " + f.help + "\n# TYPE " + name + " " +
           (f.type == Type::Counter ? "counter" : "gauge") + "\n";
    if (f.series.empty() && f.type == Type::Gauge) continue;
    if (f.series.empty()) out += name + " 0\n";
    for (const auto& [labels, v] : f.series) {
      std::snprintf(number, sizeof number, "%.17g", v);
      out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number + "\n";
    }
  }
  return out;
}

}  // namespace ctpgw::core
