// Counters, gauges and histograms for GET /metrics, rendered in Prometheus' text format (version
// 0.0.4).
//
// Label values must come from bounded sets (catalogue MsgTypes, error codes), never from what
// a client typed, so a stranger cannot grow the registry. One owner thread (the io thread).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ctpgw::core {

class Metrics {
 public:
  enum class Type { Counter, Gauge };

  /// Declares a family once (name, type, help); add()/set() on an undeclared name are ignored.
  void declare(std::string name, Type type, std::string help);
  /// Counter += n. `labels` is the inside of {...}, e.g. `msg_type="ReqOrderInsert"`.
  void add(std::string_view name, std::string_view labels = {}, double n = 1);
  void set(std::string_view name, std::string_view labels, double value);
  double value(std::string_view name, std::string_view labels = {}) const;
  /// A histogram with these upper bounds (ascending; +Inf is implied).
  void declare_histogram(std::string name, std::string help, std::vector<double> bounds);
  void observe(std::string_view name, double value);
  /// Observations of a histogram so far.
  std::uint64_t count(std::string_view name) const;
  std::string render() const;

 private:
  struct Family {
    Type type = Type::Counter;
    std::string help;
    std::map<std::string, double, std::less<>> series;
  };
  struct Histogram {
    std::string help;
    std::vector<double> bounds;
    std::vector<std::uint64_t> buckets;  ///< per bound, not cumulative; the last is +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  std::map<std::string, Family, std::less<>> families_;
  std::map<std::string, Histogram, std::less<>> histograms_;
};

}  // namespace ctpgw::core
