#include "ctpgw/sim/storage/counter_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <concepts>
#include <cstring>
#include <fstream>
#include <iterator>
#include <tuple>
#include <type_traits>

#include "ctpgw/sim/storage/store_error.h"

namespace ctpgw::sim {
namespace {

// Version 2 journals money as whole micro-yuan; version 1 (read, never written) as yuan doubles.
constexpr char kMagic[8] = {'C', 'T', 'P', 'G', 'W', 'J', 'N', '2'};
constexpr char kMagicV1[8] = {'C', 'T', 'P', 'G', 'W', 'J', 'N', '1'};
constexpr std::size_t kHeaderBytes = sizeof kMagic + sizeof(std::int64_t);
constexpr std::size_t kFrameBytes = sizeof(std::uint32_t) + sizeof(std::uint64_t);
constexpr std::uint32_t kMaxRecordBytes = 64u * 1024 * 1024;

// Detects a torn or damaged record (not an adversary): eight bytes per step, then the tail
// byte by byte, each step an xor, a multiply and a rotation (a byte-wise FNV-1a was a tenth of
// the counter's time per order).
std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t kPrime = 0x100000001b3ull;
  std::uint64_t h = 0xcbf29ce484222325ull ^ bytes.size();
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, sizeof w);
    h = std::rotl((h ^ w) * kPrime, 29);
  }
  for (; i < bytes.size(); ++i) {
    h = std::rotl((h ^ static_cast<unsigned char>(bytes[i])) * kPrime, 29);
  }
  return h ^ (h >> 31);
}

// Each stored row's fields, listed once: the encoder and the decoder both walk them. Values of
// fixed size are copied as they are (the journal is read back by the same build: the header's
// layout check refuses another one).
template <class Io, class R>
requires std::same_as<std::remove_const_t<R>, StoredAccount>
void each_field(Io& io, R& a) {
  io(a.investor_id), io(a.password), io(a.pre_balance);
}
template <class Io, class R>
requires std::same_as<std::remove_const_t<R>, StoredOrder>
void each_field(Io& io, R& o) {
  io(o.order), io(o.frozen_margin), io(o.frozen_commission), io(o.frozen_today),
      io(o.frozen_yesterday);
}
template <class Io, class R>
requires std::same_as<std::remove_const_t<R>, StoredTrade>
void each_field(Io& io, R& t) {
  io(t.trade), io(t.commission), io(t.close_profit_by_date), io(t.close_profit_by_trade),
      io(t.closed_today);
}
template <class Io, class R>
requires std::same_as<std::remove_const_t<R>, StoredLot>
void each_field(Io& io, R& l) {
  io(l.trade_id), io(l.investor_id), io(l.instrument_id), io(l.direction), io(l.hedge),
      io(l.open_date), io(l.open_ticks), io(l.settle_ticks), io(l.volume), io(l.sequence);
}
template <class Io, class R>
requires std::same_as<std::remove_const_t<R>, StoredConfirm>
void each_field(Io& io, R& c) {
  io(c.trading_day), io(c.date), io(c.time);
}

struct Encoder {
  std::string& out;
  template <class T>
  void operator()(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      (*this)(static_cast<std::uint32_t>(v.size()));
      out.append(v);
    } else if constexpr (std::is_same_v<T, Money>) {
      (*this)(v.micros());
    } else if constexpr (std::is_trivially_copyable_v<T> && !std::is_class_v<T>) {
      out.append(reinterpret_cast<const char*>(&v), sizeof v);
    } else if constexpr (std::is_same_v<T, ctp::CThostFtdcOrderField> ||
                         std::is_same_v<T, ctp::CThostFtdcTradeField>) {
      out.append(reinterpret_cast<const char*>(&v), sizeof v);  // a CTP struct: its bytes
    } else {
      each_field(*this, v);
    }
  }
};

class Decoder {
 public:
  /// `yuan_doubles`: money was written as doubles of yuan (a version 1 segment).
  explicit Decoder(std::string_view bytes, bool yuan_doubles = false)
      : bytes_(bytes), yuan_doubles_(yuan_doubles) {}
  bool done() const noexcept { return at_ == bytes_.size(); }
  template <class T>
  void operator()(T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
      std::uint32_t n = 0;
      (*this)(n);
      need(n);
      v.assign(bytes_.substr(at_, n));
      at_ += n;
    } else if constexpr (std::is_same_v<T, Money>) {
      if (yuan_doubles_) {
        double yuan = 0;
        (*this)(yuan);
        v = Money::from_yuan(yuan);
      } else {
        std::int64_t micros = 0;
        (*this)(micros);
        v = Money::micros(micros);
      }
    } else if constexpr ((std::is_trivially_copyable_v<T> && !std::is_class_v<T>) ||
                         std::is_same_v<T, ctp::CThostFtdcOrderField> ||
                         std::is_same_v<T, ctp::CThostFtdcTradeField>) {
      need(sizeof v);
      std::memcpy(&v, bytes_.data() + at_, sizeof v);
      at_ += sizeof v;
    } else {
      each_field(*this, v);
    }
  }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - at_ < n) throw StoreError("journal record is cut short");
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
  bool yuan_doubles_ = false;
};

/// Reads the arguments of one RowSink call, in order, and makes it: the row's layout is the
/// call's signature.
template <class... A>
void deliver(Decoder& in, RowSink& sink, void (RowSink::*put)(A...)) {
  std::tuple<std::remove_cvref_t<A>...> args;
  std::apply([&](auto&... v) { (in(v), ...); }, args);
  std::apply([&](auto&... v) { (sink.*put)(v...); }, args);
}

std::string io_error(const std::string& what, const std::filesystem::path& p) {
  return "simulator storage '" + p.string() + "': " + what + ": " + std::strerror(errno);
}

bool write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

/// Frame header and payload in one system call, without copying the payload.
bool write_record(int fd, std::string_view header, std::string_view payload) {
  iovec parts[2] = {{const_cast<char*>(header.data()), header.size()},
                    {const_cast<char*>(payload.data()), payload.size()}};
  const ssize_t w = ::writev(fd, parts, 2);
  if (w == static_cast<ssize_t>(header.size() + payload.size())) return true;
  if (w < 0 && errno != EINTR) return false;
  // A short write (or an interrupted one): finish it byte-exactly.
  std::string rest(header);
  rest.append(payload);
  const std::size_t done = w < 0 ? 0 : static_cast<std::size_t>(w);
  return write_all(fd, rest.data() + done, rest.size() - done);
}

}  // namespace

// ---- rows ---------------------------------------------------------------------------------------

template <class... A>
void JournalBatch::row(RowKind kind, const A&... fields) {
  Encoder out{bytes_};
  out(kind);
  (out(fields), ...);
}

void JournalBatch::put_account(const StoredAccount& a) {
  row(RowKind::Account, a);
}
void JournalBatch::put_order(const StoredOrder& o) {
  row(RowKind::Order, o);
}
void JournalBatch::put_trade(const StoredTrade& t) {
  row(RowKind::Trade, t);
}
void JournalBatch::put_lot(const StoredLot& l) {
  row(RowKind::Lot, l);
}
void JournalBatch::put_counter(const std::string& name, std::int64_t value) {
  row(RowKind::Counter, name, value);
}
void JournalBatch::put_statement(const std::string& investor, const std::string& trading_day,
                                 const std::string& text) {
  row(RowKind::Statement, investor, trading_day, text);
}
void JournalBatch::put_confirm(const std::string& investor, const StoredConfirm& c) {
  row(RowKind::Confirm, investor, c);
}
void JournalBatch::put_transfer(std::int64_t serial, const std::string& investor,
                                const std::string& trading_day, Money amount) {
  row(RowKind::Transfer, serial, investor, trading_day, amount);
}

namespace {

void replay_rows(Decoder& in, RowSink& sink) {
  while (!in.done()) {
    RowKind kind{};
    in(kind);
    switch (kind) {
      case RowKind::Account:
        deliver(in, sink, &RowSink::put_account);
        break;
      case RowKind::Order:
        deliver(in, sink, &RowSink::put_order);
        break;
      case RowKind::Trade:
        deliver(in, sink, &RowSink::put_trade);
        break;
      case RowKind::Lot:
        deliver(in, sink, &RowSink::put_lot);
        break;
      case RowKind::Counter:
        deliver(in, sink, &RowSink::put_counter);
        break;
      case RowKind::Statement:
        deliver(in, sink, &RowSink::put_statement);
        break;
      case RowKind::Confirm:
        deliver(in, sink, &RowSink::put_confirm);
        break;
      case RowKind::Transfer:
        deliver(in, sink, &RowSink::put_transfer);
        break;
      default:
        throw StoreError("journal record holds an unknown row kind");
    }
  }
}

/// A version 1 record in today's encoding.
std::string upgraded(std::string_view v1_payload) {
  Decoder in(v1_payload, true);
  JournalBatch out;
  replay_rows(in, out);
  return out.take();
}

}  // namespace

void replay_batch(std::string_view bytes, RowSink& sink) {
  Decoder in(bytes);
  replay_rows(in, sink);
}

// ---- segments -----------------------------------------------------------------------------------

std::filesystem::path JournalFile::segment_path(const std::filesystem::path& dir, std::uint64_t n) {
  return dir / ("journal." + std::to_string(n));
}

std::vector<std::uint64_t> JournalFile::segments(const std::filesystem::path& dir) {
  std::vector<std::uint64_t> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("journal.", 0) != 0) continue;
    std::uint64_t n = 0;
    const char* first = name.data() + 8;
    const char* last = name.data() + name.size();
    const auto [ptr, err] = std::from_chars(first, last, n);
    if (err == std::errc() && ptr == last && first != last) out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

JournalFile::JournalFile(std::filesystem::path dir, std::int64_t layout, bool sync,
                         std::uint64_t after_segment)
    : dir_(std::move(dir)), layout_(layout), sync_(sync) {
  // Numbers only grow: the database remembers positions by segment number.
  const auto existing = segments(dir_);
  removed_before_ = existing.empty() ? 1 : existing.front();
  open_segment(std::max(existing.empty() ? 0 : existing.back(), after_segment) + 1);
}

JournalFile::~JournalFile() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalFile::open_segment(std::uint64_t n) {
  const auto path = segment_path(dir_, n);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_APPEND, 0600);
  if (fd < 0) throw StoreError(io_error("cannot create", path));
  std::string header(kMagic, sizeof kMagic);
  Encoder{header}(layout_);
  if (!write_all(fd, header.data(), header.size()) || (sync_ && ::fdatasync(fd) != 0)) {
    const std::string error = io_error("cannot write", path);
    ::close(fd);
    ::unlink(path.c_str());
    throw StoreError(error);
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  segment_ = n;
  size_ = header.size();
  broken_ = false;
}

JournalPosition JournalFile::append(std::string_view payload) {
  if (broken_ || size_ >= kSegmentBytes) open_segment(segment_ + 1);
  char header[kFrameBytes];
  const auto length = static_cast<std::uint32_t>(payload.size());
  const std::uint64_t sum = checksum(payload);
  std::memcpy(header, &length, sizeof length);
  std::memcpy(header + sizeof length, &sum, sizeof sum);
  if (!write_record(fd_, std::string_view(header, sizeof header), payload) ||
      (sync_ && ::fdatasync(fd_) != 0)) {
    const std::string error = io_error("cannot append", segment_path(dir_, segment_));
    // Cut a partial record off so nothing follows it in this segment; if even that fails the
    // torn tail stays (replay ignores it) and the next append starts a new segment anyway.
    (void)::ftruncate(fd_, static_cast<off_t>(size_));
    broken_ = true;
    throw StoreError(error);
  }
  size_ += kFrameBytes + payload.size();
  return {segment_, size_};
}

void JournalFile::remove_before(std::uint64_t segment) {
  for (; removed_before_ < segment; ++removed_before_) {
    std::error_code ec;
    std::filesystem::remove(segment_path(dir_, removed_before_), ec);
  }
}

std::vector<JournalRecord> JournalFile::read(const std::filesystem::path& dir, std::int64_t layout,
                                             JournalPosition after, std::uint64_t* ignored) {
  std::vector<JournalRecord> out;
  for (const std::uint64_t n : segments(dir)) {
    if (n < after.segment) continue;
    const auto path = segment_path(dir, n);
    std::ifstream in(path, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw StoreError(io_error("cannot read", path));
    if (data.size() < kHeaderBytes) continue;  // a segment whose header was never completed
    std::int64_t written_layout = 0;
    std::memcpy(&written_layout, data.data() + sizeof kMagic, sizeof written_layout);
    const bool v1 = std::memcmp(data.data(), kMagicV1, sizeof kMagicV1) == 0;
    if ((!v1 && std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) || written_layout != layout) {
      throw StoreError("simulator storage '" + path.string() +
                       "' was written by an incompatible version; it was left untouched");
    }
    std::size_t at = kHeaderBytes;
    while (data.size() - at >= kFrameBytes) {
      std::uint32_t length = 0;
      std::uint64_t sum = 0;
      std::memcpy(&length, data.data() + at, sizeof length);
      std::memcpy(&sum, data.data() + at + sizeof length, sizeof sum);
      if (length > kMaxRecordBytes || data.size() - at - kFrameBytes < length) break;
      const std::string_view payload(data.data() + at + kFrameBytes, length);
      if (checksum(payload) != sum) break;
      at += kFrameBytes + length;
      const JournalPosition end{n, at};
      if (after < end) out.push_back({end, v1 ? upgraded(payload) : std::string(payload)});
    }
    if (ignored != nullptr) *ignored += data.size() - at;
  }
  return out;
}

}  // namespace ctpgw::sim
