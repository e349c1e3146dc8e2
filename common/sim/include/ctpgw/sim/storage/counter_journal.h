// The counter's append-only journal: every committed batch of row changes is one framed record,
// written with a single write() before any of the batch's answers leave. The database is brought
// up to date from it in the background (CounterStore), so the order path never waits for SQLite.
//
// A record is [u32 payload length][u64 checksum of the payload][payload]; the payload is a
// sequence of rows (RowKind + fields). Segments are files `journal.<n>` of at most
// kSegmentBytes, each starting with a header (magic + the struct layout of the version that
// wrote it). Replay stops at the first record of a segment that is incomplete or fails its
// checksum: that is a write the process did not finish, which was never acknowledged, since a
// failed append truncates the segment back and the next append starts a new segment.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ctpgw/sim/storage/counter_rows.h"

namespace ctpgw::sim {

/// Where a record ends: the database remembers the last one it holds.
struct JournalPosition {
  std::uint64_t segment = 0;
  std::uint64_t offset = 0;  ///< byte offset just past the record in its segment
  auto operator<=>(const JournalPosition&) const = default;
};

/// What a journalled row is: which RowSink call replays it.
enum class RowKind : std::uint8_t {
  Account = 1,
  Order,
  Trade,
  Lot,
  Counter,
  Statement,
  Confirm,
  Transfer,
};

/// Row changes of one batch, encoded for the journal.
class JournalBatch final : public RowSink {
 public:
  void put_account(const StoredAccount& a) override;
  void put_order(const StoredOrder& o) override;
  void put_trade(const StoredTrade& t) override;
  void put_lot(const StoredLot& l) override;
  void put_counter(const std::string& name, std::int64_t value) override;
  void put_statement(const std::string& investor, const std::string& trading_day,
                     const std::string& text) override;
  void put_confirm(const std::string& investor, const StoredConfirm& c) override;
  void put_transfer(std::int64_t serial, const std::string& investor,
                    const std::string& trading_day, Money amount) override;

  bool empty() const noexcept { return bytes_.empty(); }
  const std::string& bytes() const noexcept { return bytes_; }
  std::string take() { return std::move(bytes_); }
  void clear() noexcept { bytes_.clear(); }

 private:
  template <class... A>
  void row(RowKind kind, const A&... fields);
  std::string bytes_;
};

/// Calls `sink` for every row of an encoded batch, in order. Throws StoreError if malformed.
void replay_batch(std::string_view bytes, RowSink& sink);

struct JournalRecord {
  JournalPosition end;
  std::string payload;
};

/// Appends records to the current segment; simulator thread only (remove_before: any thread).
class JournalFile {
 public:
  static constexpr std::uint64_t kSegmentBytes = 8 * 1024 * 1024;

  /// Starts a new segment after the highest one in `dir` and after `after_segment`. `layout`
  /// identifies the binary layout of the rows (the CTP structs' sizes); `sync` makes every append
  /// durable on the disk too (fdatasync), not only in the kernel (survives a power cut, costs a
  /// disk flush per batch).
  JournalFile(std::filesystem::path dir, std::int64_t layout, bool sync,
              std::uint64_t after_segment);
  ~JournalFile();
  JournalFile(const JournalFile&) = delete;
  JournalFile& operator=(const JournalFile&) = delete;

  /// Writes one record; returns where it ends. Throws StoreError (and writes nothing that a
  /// replay would take) when the file cannot be written.
  JournalPosition append(std::string_view payload);
  /// Deletes the segments before `segment` (their records are all in the database).
  void remove_before(std::uint64_t segment);
  /// True if remove_before(segment) would delete something.
  bool has_segments_before(std::uint64_t segment) const noexcept {
    return removed_before_ < segment;
  }
  std::uint64_t segment() const noexcept { return segment_; }

  /// Every complete record after `after`, in order, from all segments in `dir`. Throws
  /// StoreError for a segment written by another layout. `ignored` gets the bytes of torn tails.
  static std::vector<JournalRecord> read(const std::filesystem::path& dir, std::int64_t layout,
                                         JournalPosition after, std::uint64_t* ignored = nullptr);
  /// Segment numbers present in `dir`, ascending.
  static std::vector<std::uint64_t> segments(const std::filesystem::path& dir);
  static std::filesystem::path segment_path(const std::filesystem::path& dir, std::uint64_t n);

 private:
  void open_segment(std::uint64_t n);

  std::filesystem::path dir_;
  std::int64_t layout_;
  bool sync_;
  int fd_ = -1;
  std::uint64_t segment_ = 0;
  std::uint64_t size_ = 0;
  bool broken_ = false;  ///< a failed append: the next one starts a new segment
  std::uint64_t removed_before_ = 0;
};

}  // namespace ctpgw::sim
