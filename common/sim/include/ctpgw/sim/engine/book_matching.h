// The pure matching step: which of a tick's displayed levels an order takes.
//
// A buy takes asks at or below its limit, a sell bids at or above, best level first, each fill
// at the level's price, never more than a level shows minus what the counter's orders took from
// it and has not recovered yet (TakenLiquidity). Complete-volume (FOK) orders take all or nothing;
// minimum-volume orders need at least `min_volume` available. No allocation; one TakenLiquidity per
// instrument, one thread.
#pragma once

#include <array>
#include <cstdint>

#include "ctpgw/sim/feed/market_feed.h"

namespace ctpgw::sim {

/// Displayed liquidity the counter's orders consumed, by book side and price. It comes back with
/// a half-life instead of with the next tick: sweeping the book twice in quick succession finds
/// less the second time, and after a minute the book is whole again.
class TakenLiquidity {
 public:
  static constexpr double kDefaultHalfLifeMs = 10'000;

  /// Lets the consumed lots recover up to `now_ms` (a clock that goes back changes nothing);
  /// a half-life of 0 refills the book as soon as the clock moves.
  void age(std::int64_t now_ms, double half_life_ms = kDefaultHalfLifeMs) noexcept;
  /// Lots still missing at the price (rounded to whole lots).
  int taken(bool ask_side, std::int64_t price) const noexcept;
  void take(bool ask_side, std::int64_t price, int lots) noexcept;

 private:
  struct Entry {
    std::int64_t price = 0;
    bool ask = false;
    double lots = 0;
  };
  std::array<Entry, 32> entries_{};
  int used_ = 0;
  std::int64_t at_ms_ = 0;
};

struct BookFill {
  std::int64_t price = 0;
  int volume = 0;
};

struct BookFills {
  std::array<BookFill, 5> fills{};
  int count = 0;
  int volume = 0;
};

/// volume_condition: '1' any, '2' minimum (`min_volume`), '3' complete. Updates `taken`
/// (aged by the caller to the tick's time).
BookFills match_book(const Tick& tick, bool buy, std::int64_t limit, int wanted,
                     char volume_condition, int min_volume, TakenLiquidity& taken) noexcept;

}  // namespace ctpgw::sim
