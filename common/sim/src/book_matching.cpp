#include "ctpgw/sim/book_matching.h"

#include <algorithm>

namespace ctpgw::sim {

BookFills match_book(const Tick& tick, bool buy, std::int64_t limit, int wanted,
                     char volume_condition, int min_volume, TakenLiquidity& taken) noexcept {
  if (taken.tick_index() != tick.index) taken.reset(tick.index);
  std::array<BookFill, 5> levels{};
  int level_count = 0, available = 0;
  for (int i = 0; i < 5; ++i) {
    const std::int64_t price = buy ? tick.ask[i] : tick.bid[i];
    const int shown = buy ? tick.ask_volume[i] : tick.bid_volume[i];
    if (shown <= 0 || (buy ? price > limit : price < limit)) break;
    const int free = shown - taken.taken(price);
    if (free <= 0) continue;
    levels[level_count++] = BookFill{price, free};
    available += free;
  }
  BookFills out;
  if (volume_condition == '3' && available < wanted) return out;  // all or nothing
  if (volume_condition == '2' && available < min_volume) return out;
  for (int i = 0; i < level_count && out.volume < wanted; ++i) {
    const int q = std::min(levels[i].volume, wanted - out.volume);
    taken.take(levels[i].price, q);
    out.fills[out.count++] = BookFill{levels[i].price, q};
    out.volume += q;
  }
  return out;
}

}  // namespace ctpgw::sim
