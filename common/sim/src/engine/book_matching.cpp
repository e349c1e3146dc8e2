#include "ctpgw/sim/engine/book_matching.h"

#include <algorithm>
#include <cmath>

namespace ctpgw::sim {

void TakenLiquidity::age(std::int64_t now_ms, double half_life_ms) noexcept {
  if (now_ms <= at_ms_) return;
  const double factor =
      half_life_ms > 0 ? std::exp2(-static_cast<double>(now_ms - at_ms_) / half_life_ms) : 0.0;
  at_ms_ = now_ms;
  int kept = 0;
  for (int i = 0; i < used_; ++i) {
    Entry e = entries_[i];
    e.lots *= factor;
    if (e.lots >= 0.5) entries_[kept++] = e;  // below half a lot: recovered
  }
  used_ = kept;
}

int TakenLiquidity::taken(bool ask_side, std::int64_t price) const noexcept {
  for (int i = 0; i < used_; ++i) {
    if (entries_[i].price == price && entries_[i].ask == ask_side) {
      return static_cast<int>(std::lround(entries_[i].lots));
    }
  }
  return 0;
}

void TakenLiquidity::take(bool ask_side, std::int64_t price, int lots) noexcept {
  for (int i = 0; i < used_; ++i) {
    if (entries_[i].price == price && entries_[i].ask == ask_side) {
      entries_[i].lots += lots;
      return;
    }
  }
  if (used_ < static_cast<int>(entries_.size())) {
    entries_[used_++] = Entry{price, ask_side, static_cast<double>(lots)};
    return;
  }
  // Full: the smallest record is the one closest to recovered.
  Entry* smallest = &entries_[0];
  for (int i = 1; i < used_; ++i) {
    if (entries_[i].lots < smallest->lots) smallest = &entries_[i];
  }
  *smallest = Entry{price, ask_side, static_cast<double>(lots)};
}

BookFills match_book(const Tick& tick, bool buy, std::int64_t limit, int wanted,
                     char volume_condition, int min_volume, TakenLiquidity& taken) noexcept {
  std::array<BookFill, 5> levels{};
  int level_count = 0, available = 0;
  for (int i = 0; i < 5; ++i) {
    const std::int64_t price = buy ? tick.ask[i] : tick.bid[i];
    const int shown = buy ? tick.ask_volume[i] : tick.bid_volume[i];
    if (shown <= 0 || (buy ? price > limit : price < limit)) break;
    const int free = shown - taken.taken(buy, price);
    if (free <= 0) continue;
    levels[level_count++] = BookFill{price, free};
    available += free;
  }
  BookFills out;
  if (volume_condition == '3' && available < wanted) return out;  // all or nothing
  if (volume_condition == '2' && available < min_volume) return out;
  for (int i = 0; i < level_count && out.volume < wanted; ++i) {
    const int q = std::min(levels[i].volume, wanted - out.volume);
    taken.take(buy, levels[i].price, q);
    out.fills[out.count++] = BookFill{levels[i].price, q};
    out.volume += q;
  }
  return out;
}

}  // namespace ctpgw::sim
