// The pushes of one trading session, numbered, kept for a socket that resumes (docs/protocol.md,
// "Sessions"). Bounded by entries and by bytes: the oldest go first. A ring that grows to its
// entry bound and then only overwrites: a full journal takes a push without allocating (the
// frame the new one replaces goes back to the frame pool). io thread only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "ctpgw/net/ws_server.h"

namespace ctpgw::td {

class PushJournal {
 public:
  PushJournal(std::size_t max_entries, std::size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  /// `seq` must be last_seq() + 1: the numbers have no gaps.
  void append(std::uint64_t seq, net::FramePtr frame) {
    bytes_ += net::frame_payload(frame).size();
    if (size_ == ring_.size()) grow();
    ring_[(head_ + size_) % ring_.size()] = {seq, std::move(frame)};
    ++size_;
    last_seq_ = seq;
    while (size_ > max_entries_ || (bytes_ > max_bytes_ && size_ > 1)) drop_oldest();
  }

  /// The newest number given out (0 before the first push).
  std::uint64_t last_seq() const noexcept { return last_seq_; }
  /// The oldest number still held (last_seq() + 1 while empty).
  std::uint64_t first_seq() const noexcept { return size_ == 0 ? last_seq_ + 1 : ring_[head_].seq; }

  /// Every push after `after`, in order; nullopt when the journal no longer reaches back to
  /// after + 1, or `after` is a number not yet given out.
  std::optional<std::vector<net::FramePtr>> after(std::uint64_t after) const {
    if (after > last_seq_ || after + 1 < first_seq()) return std::nullopt;
    std::vector<net::FramePtr> out;
    out.reserve(static_cast<std::size_t>(last_seq_ - after));
    for (std::size_t i = static_cast<std::size_t>(after + 1 - first_seq()); i < size_; ++i) {
      out.push_back(ring_[(head_ + i) % ring_.size()].frame);
    }
    return out;
  }

  std::size_t size() const noexcept { return size_; }
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  struct Entry {
    std::uint64_t seq = 0;
    net::FramePtr frame;
  };
  void drop_oldest() {
    Entry& oldest = ring_[head_];
    bytes_ -= net::frame_payload(oldest.frame).size();
    oldest.frame.reset();
    head_ = (head_ + 1) % ring_.size();
    --size_;
  }
  /// Doubles the ring (up to one past the bound: append adds before it drops), oldest first.
  void grow() {
    const std::size_t room =
        std::min(std::max<std::size_t>(16, ring_.size() * 2), max_entries_ + 1);
    std::vector<Entry> bigger(std::max(room, size_ + 1));
    for (std::size_t i = 0; i < size_; ++i) {
      bigger[i] = std::move(ring_[(head_ + i) % ring_.size()]);
    }
    ring_.swap(bigger);
    head_ = 0;
  }

  std::size_t max_entries_;
  std::size_t max_bytes_;
  std::vector<Entry> ring_;
  std::size_t head_ = 0;  ///< the oldest entry's slot
  std::size_t size_ = 0;
  std::size_t bytes_ = 0;
  std::uint64_t last_seq_ = 0;
};

}  // namespace ctpgw::td
