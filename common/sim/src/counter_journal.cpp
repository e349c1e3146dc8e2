#include "ctpgw/sim/counter_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <type_traits>

#include "ctpgw/sim/store_error.h"

namespace ctpgw::sim {
namespace {

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

constexpr char kMagic[8] = {'C', 'T', 'P', 'G', 'W', 'J', 'N', '1'};
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

// Little helpers for the row encoding: fixed-size values are copied as they are (the journal
// is read back by the same build: the header's layout check refuses another one).
template <class T>
void put(std::string& out, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_text(std::string& out, const std::string& s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const noexcept { return at_ == bytes_.size(); }
  template <class T>
  T get() {
    T v;
    need(sizeof v);
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string text() {
    const auto n = get<std::uint32_t>();
    need(n);
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - at_ < n) throw StoreError("journal record is cut short");
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

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

void JournalBatch::put_account(const StoredAccount& a) {
  put(bytes_, RowKind::Account);
  put_text(bytes_, a.investor_id);
  put_text(bytes_, a.password);
  put(bytes_, a.pre_balance);
}
void JournalBatch::put_order(const StoredOrder& o) {
  put(bytes_, RowKind::Order);
  put(bytes_, o.order);
  put(bytes_, o.frozen_margin);
  put(bytes_, o.frozen_commission);
  put(bytes_, o.frozen_today);
  put(bytes_, o.frozen_yesterday);
}
void JournalBatch::put_trade(const StoredTrade& t) {
  put(bytes_, RowKind::Trade);
  put(bytes_, t.trade);
  put(bytes_, t.commission);
  put(bytes_, t.close_profit_by_date);
  put(bytes_, t.close_profit_by_trade);
  put(bytes_, t.closed_today);
}
void JournalBatch::put_lot(const StoredLot& l) {
  put(bytes_, RowKind::Lot);
  put_text(bytes_, l.trade_id);
  put_text(bytes_, l.investor_id);
  put_text(bytes_, l.instrument_id);
  put(bytes_, l.direction);
  put(bytes_, l.hedge);
  put_text(bytes_, l.open_date);
  put(bytes_, l.open_ticks);
  put(bytes_, l.settle_ticks);
  put(bytes_, l.volume);
  put(bytes_, l.sequence);
}
void JournalBatch::put_counter(const std::string& name, std::int64_t value) {
  put(bytes_, RowKind::Counter);
  put_text(bytes_, name);
  put(bytes_, value);
}
void JournalBatch::put_statement(const std::string& investor, const std::string& trading_day,
                                 const std::string& text) {
  put(bytes_, RowKind::Statement);
  put_text(bytes_, investor);
  put_text(bytes_, trading_day);
  put_text(bytes_, text);
}
void JournalBatch::put_confirm(const std::string& investor, const StoredConfirm& c) {
  put(bytes_, RowKind::Confirm);
  put_text(bytes_, investor);
  put_text(bytes_, c.trading_day);
  put_text(bytes_, c.date);
  put_text(bytes_, c.time);
}
void JournalBatch::put_transfer(std::int64_t serial, const std::string& investor,
                                const std::string& trading_day, double amount) {
  put(bytes_, RowKind::Transfer);
  put(bytes_, serial);
  put_text(bytes_, investor);
  put_text(bytes_, trading_day);
  put(bytes_, amount);
}

void replay_batch(std::string_view bytes, RowSink& sink) {
  Reader r(bytes);
  while (!r.done()) {
    switch (r.get<RowKind>()) {
      case RowKind::Account: {
        StoredAccount a;
        a.investor_id = r.text();
        a.password = r.text();
        a.pre_balance = r.get<double>();
        sink.put_account(a);
        break;
      }
      case RowKind::Order: {
        StoredOrder o;
        o.order = r.get<ctp::CThostFtdcOrderField>();
        o.frozen_margin = r.get<double>();
        o.frozen_commission = r.get<double>();
        o.frozen_today = r.get<int>();
        o.frozen_yesterday = r.get<int>();
        sink.put_order(o);
        break;
      }
      case RowKind::Trade: {
        StoredTrade t;
        t.trade = r.get<ctp::CThostFtdcTradeField>();
        t.commission = r.get<double>();
        t.close_profit_by_date = r.get<double>();
        t.close_profit_by_trade = r.get<double>();
        t.closed_today = r.get<int>();
        sink.put_trade(t);
        break;
      }
      case RowKind::Lot: {
        StoredLot l;
        l.trade_id = r.text();
        l.investor_id = r.text();
        l.instrument_id = r.text();
        l.direction = r.get<char>();
        l.hedge = r.get<char>();
        l.open_date = r.text();
        l.open_ticks = r.get<std::int64_t>();
        l.settle_ticks = r.get<std::int64_t>();
        l.volume = r.get<int>();
        l.sequence = r.get<std::int64_t>();
        sink.put_lot(l);
        break;
      }
      case RowKind::Counter: {
        std::string name = r.text();
        sink.put_counter(name, r.get<std::int64_t>());
        break;
      }
      case RowKind::Statement: {
        std::string investor = r.text();
        std::string day = r.text();
        sink.put_statement(investor, day, r.text());
        break;
      }
      case RowKind::Confirm: {
        std::string investor = r.text();
        StoredConfirm c;
        c.trading_day = r.text();
        c.date = r.text();
        c.time = r.text();
        sink.put_confirm(investor, c);
        break;
      }
      case RowKind::Transfer: {
        const auto serial = r.get<std::int64_t>();
        std::string investor = r.text();
        std::string day = r.text();
        sink.put_transfer(serial, investor, day, r.get<double>());
        break;
      }
      default:
        throw StoreError("journal record holds an unknown row kind");
    }
  }
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
  put(header, layout_);
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
    if (std::memcmp(data.data(), kMagic, sizeof kMagic) != 0 || written_layout != layout) {
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
      if (after < end) out.push_back({end, std::string(payload)});
    }
    if (ignored != nullptr) *ignored += data.size() - at;
  }
  return out;
}

}  // namespace ctpgw::sim
