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

void Metrics::declare_histogram(std::string name, std::string help, std::vector<double> bounds) {
  Histogram& h = histograms_[std::move(name)];
  h.help = std::move(help);
  h.buckets.assign(bounds.size() + 1, 0);
  h.bounds = std::move(bounds);
}

void Metrics::observe(std::string_view name, double value) {
  auto it = histograms_.find(name);
  if (it == histograms_.end()) return;
  Histogram& h = it->second;
  std::size_t i = 0;
  while (i < h.bounds.size() && value > h.bounds[i]) ++i;
  ++h.buckets[i];
  h.sum += value;
  ++h.count;
}

std::uint64_t Metrics::count(std::string_view name) const {
  auto it = histograms_.find(name);
  return it == histograms_.end() ? 0 : it->second.count;
}

std::string Metrics::render() const {
  std::string out;
  char number[64];
  for (const auto& [name, h] : histograms_) {
    out += "# HELP " + name + " " + h.help + "\n# TYPE " + name + " histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < h.buckets.size(); ++i) {
      cumulative += h.buckets[i];
      if (i < h.bounds.size()) {
        std::snprintf(number, sizeof number, "%g", h.bounds[i]);
      } else {
        std::snprintf(number, sizeof number, "+Inf");
      }
      out += name + "_bucket{le=\"" + number + "\"} " + std::to_string(cumulative) + "\n";
    }
    std::snprintf(number, sizeof number, "%.17g", h.sum);
    out += name + "_sum " + number + "\n" + name + "_count " + std::to_string(h.count) + "\n";
  }
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
