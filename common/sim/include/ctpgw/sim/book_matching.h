// The pure matching step: which of a tick's displayed levels an order takes.
//
// A buy takes asks at or below its limit, a sell bids at or above, best level first, each fill
// at the level's price, never more than a level shows minus what earlier orders took from it in
// the same tick. Complete-volume (FOK) orders take all or nothing; minimum-volume orders need at
// least `min_volume` available. No state of its own, no allocation; any thread.
#pragma once

#include <array>
#include <cstdint>

#include "ctpgw/sim/market_feed.h"

namespace ctpgw::sim {

/// Lots already taken at each price of one tick (at most the ten displayed levels).
class TakenLiquidity {
 public:
  void reset(std::int64_t tick_index) {
    index_ = tick_index;
    used_ = 0;
  }
  std::int64_t tick_index() const noexcept { return index_; }
  int taken(std::int64_t price) const noexcept {
    for (int i = 0; i < used_; ++i) {
      if (prices_[i] == price) return lots_[i];
    }
    return 0;
  }
  void take(std::int64_t price, int lots) noexcept {
    for (int i = 0; i < used_; ++i) {
      if (prices_[i] == price) {
        lots_[i] += lots;
        return;
      }
    }
    if (used_ < static_cast<int>(prices_.size())) {
      prices_[used_] = price;
      lots_[used_++] = lots;
    }
  }

 private:
  std::int64_t index_ = -1;
  int used_ = 0;
  std::array<std::int64_t, 10> prices_{};
  std::array<int, 10> lots_{};
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

/// volume_condition: '1' any, '2' minimum (`min_volume`), '3' complete. Updates `taken`.
BookFills match_book(const Tick& tick, bool buy, std::int64_t limit, int wanted,
                     char volume_condition, int min_volume, TakenLiquidity& taken) noexcept;

}  // namespace ctpgw::sim
