// K-line bars of one instrument built from its ticks (docs/protocol.md, "K-line bars"). Pure:
// ticks in, closed bars out; io thread only.
//
// A bar of period P minutes covers [start, end) on the clock, aligned to multiples of P from
// midnight (60-minute bars: 09:00-10:00, ...). No bar spans a break: when ticks stop for
// kBreakGapSeconds or more (a session break, the night's end), the bar in progress closes at its
// last tick and the next one starts at the first tick after the break, still ending on the
// aligned boundary (10:30-11:00 after SHFE's 10:15 break). The daily bar covers the trading day
// and closes when the trading day changes. Volume and turnover are the differences of the
// cumulative tick values; open interest is the last tick's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctpgw::md {

enum class BarPeriod : std::uint8_t { M1, M5, M15, M30, M60, D1 };
inline constexpr std::array kBarPeriods{BarPeriod::M1,  BarPeriod::M5,  BarPeriod::M15,
                                        BarPeriod::M30, BarPeriod::M60, BarPeriod::D1};

std::string_view period_name(BarPeriod p) noexcept;  ///< "1m", "5m", ..., "1d"
std::optional<BarPeriod> parse_period(std::string_view name) noexcept;

/// What a bar needs of a tick.
struct BarTick {
  std::string trading_day;  ///< YYYYMMDD
  int seconds = 0;          ///< of the day, from UpdateTime (0..86399)
  double price = 0;         ///< LastPrice
  std::int64_t volume = 0;  ///< cumulative for the day
  double turnover = 0;      ///< cumulative for the day
  double open_interest = 0;
};

struct Bar {
  std::string instrument;
  BarPeriod period = BarPeriod::M1;
  std::string trading_day;
  int start = 0;  ///< seconds of the day (inclusive)
  int end = 0;    ///< seconds of the day (exclusive; may exceed 86400 past midnight)
  double open = 0, high = 0, low = 0, close = 0;
  std::int64_t volume = 0;
  double turnover = 0;
  double open_interest = 0;
  bool closed = false;
};

inline constexpr int kBreakGapSeconds = 120;

class KLineBuilder {
 public:
  explicit KLineBuilder(std::string instrument) : instrument_(std::move(instrument)) {}

  /// Feeds a tick; returns the bars it closed (oldest first).
  std::vector<Bar> add(const BarTick& tick);
  /// Closes every bar of a period whose end is at or before `seconds` (the market's clock,
  /// from any instrument's ticks); returns them.
  std::vector<Bar> close_until(int seconds);
  /// The trading day's bars of a period: closed ones, then the one in progress.
  std::vector<Bar> day_bars(BarPeriod period) const;

 private:
  struct Track {
    std::optional<Bar> current;
    std::vector<Bar> done;  ///< closed bars of the trading day
  };
  void close(Track& t, std::vector<Bar>& out);
  void start_day(const BarTick& tick, std::vector<Bar>& out);

  std::string instrument_;
  std::string trading_day_;
  std::optional<BarTick> last_;  ///< the previous tick (volume base, break detection)
  std::array<Track, kBarPeriods.size()> tracks_;
};

}  // namespace ctpgw::md
