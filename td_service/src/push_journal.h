// The pushes of one trading session, numbered, kept for a socket that resumes (docs/protocol.md,
// "Sessions"). Bounded by entries and by bytes: the oldest go first. io thread only.
#pragma once

#include <cstdint>
#include <deque>
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
    entries_.push_back({seq, std::move(frame)});
    last_seq_ = seq;
    while (entries_.size() > max_entries_ || (bytes_ > max_bytes_ && entries_.size() > 1)) {
      bytes_ -= net::frame_payload(entries_.front().frame).size();
      entries_.pop_front();
    }
  }

  /// The newest number given out (0 before the first push).
  std::uint64_t last_seq() const noexcept { return last_seq_; }
  /// The oldest number still held (last_seq() + 1 while empty).
  std::uint64_t first_seq() const noexcept {
    return entries_.empty() ? last_seq_ + 1 : entries_.front().seq;
  }

  /// Every push after `after`, in order; nullopt when the journal no longer reaches back to
  /// after + 1, or `after` is a number not yet given out.
  std::optional<std::vector<net::FramePtr>> after(std::uint64_t after) const {
    if (after > last_seq_ || after + 1 < first_seq()) return std::nullopt;
    std::vector<net::FramePtr> out;
    out.reserve(static_cast<std::size_t>(last_seq_ - after));
    for (auto it = entries_.begin() + static_cast<std::ptrdiff_t>(after + 1 - first_seq());
         it != entries_.end(); ++it) {
      out.push_back(it->frame);
    }
    return out;
  }

  std::size_t size() const noexcept { return entries_.size(); }
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  struct Entry {
    std::uint64_t seq;
    net::FramePtr frame;
  };
  std::size_t max_entries_;
  std::size_t max_bytes_;
  std::deque<Entry> entries_;
  std::size_t bytes_ = 0;
  std::uint64_t last_seq_ = 0;
};

}  // namespace ctpgw::td
