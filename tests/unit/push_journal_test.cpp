// PushJournal: the numbered pushes a resuming socket is replayed, bounded by entries and bytes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "push_journal.h"

namespace ctpgw::td {
namespace {

net::FramePtr frame(std::uint64_t seq, std::size_t bytes = 10) {
  std::string payload = std::to_string(seq);
  payload.resize(bytes, '.');
  return net::prepare_text_frame(payload);
}

std::vector<std::uint64_t> seqs_of(const std::vector<net::FramePtr>& frames) {
  std::vector<std::uint64_t> out;
  for (const auto& f : frames) out.push_back(std::stoull(std::string(net::frame_payload(f))));
  return out;
}

TEST(PushJournal, KeepsTheNewestEntriesInOrderAcrossTheRingsWrapAndGrowth) {
  PushJournal j(37, 1u << 20);  // not a power of two: the ring grows 16, 32, then 38
  EXPECT_EQ(j.first_seq(), 1u);
  EXPECT_EQ(j.after(0)->size(), 0u);
  for (std::uint64_t s = 1; s <= 500; ++s) {
    j.append(s, frame(s));
    ASSERT_EQ(j.last_seq(), s);
    ASSERT_EQ(j.size(), std::min<std::uint64_t>(s, 37));
    ASSERT_EQ(j.first_seq(), s <= 37 ? 1 : s - 36);
    if (s == 20) {
      EXPECT_EQ(seqs_of(*j.after(17)), (std::vector<std::uint64_t>{18, 19, 20}));
    }
  }
  std::vector<std::uint64_t> want;
  for (std::uint64_t s = 464; s <= 500; ++s) want.push_back(s);
  EXPECT_EQ(seqs_of(*j.after(463)), want);
  EXPECT_EQ(seqs_of(*j.after(497)), (std::vector<std::uint64_t>{498, 499, 500}));
  EXPECT_TRUE(j.after(500)->empty()) << "nothing after the newest";
  EXPECT_FALSE(j.after(462)) << "463 is gone: the gap cannot be replayed";
  EXPECT_FALSE(j.after(501)) << "a number not given out yet";
  EXPECT_EQ(j.bytes(), 37u * 10);
}

TEST(PushJournal, TheByteBoundDropsTheOldestButKeepsTheNewestEvenIfLarger) {
  PushJournal j(1000, 100);
  for (std::uint64_t s = 1; s <= 9; ++s) j.append(s, frame(s, 30));
  EXPECT_EQ(j.size(), 3u);
  EXPECT_EQ(j.bytes(), 90u);
  EXPECT_EQ(j.first_seq(), 7u);
  j.append(10, frame(10, 250));
  EXPECT_EQ(j.size(), 1u) << "one push larger than the bound stays, alone";
  EXPECT_EQ(j.first_seq(), 10u);
  EXPECT_EQ(j.bytes(), 250u);
  j.append(11, frame(11, 30));
  EXPECT_EQ(seqs_of(*j.after(10)), (std::vector<std::uint64_t>{11}));
}

TEST(PushJournal, ABoundOfOneKeepsTheLastPush) {
  PushJournal j(1, 1u << 20);
  for (std::uint64_t s = 1; s <= 5; ++s) j.append(s, frame(s));
  EXPECT_EQ(j.size(), 1u);
  EXPECT_EQ(seqs_of(*j.after(4)), (std::vector<std::uint64_t>{5}));
  EXPECT_FALSE(j.after(3));
}

}  // namespace
}  // namespace ctpgw::td
