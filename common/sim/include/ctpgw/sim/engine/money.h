// Exact money for the counter: whole micro-yuan in an int64, and rates as fixed-point fractions.
//
// Why micro-yuan: every amount the counter forms (price ticks x tick value x lots, a fee rate of
// a few parts in 100,000 of that, a margin ratio) lands on a whole number of them for the
// instruments CTP lists, so sums, releases and settlements are exact and an account's identity
// (Balance = PreBalance + ... - Commission) holds to the last digit. Conversion to CTP's doubles
// happens once, at the CTP edge (yuan()). Range: +-9.2e12 yuan (configuration and transfers are
// limited far below it); SQLite keeps the same integers.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>

namespace ctpgw::sim {

/// Products of an amount and a rate need 128 bits before they are scaled back.
__extension__ typedef __int128 MoneyProduct;

class Money {
 public:
  static constexpr std::int64_t kPerYuan = 1'000'000;

  constexpr Money() = default;
  static constexpr Money micros(std::int64_t m) noexcept { return Money(m); }
  /// The nearest whole micro-yuan (for amounts arriving as CTP doubles or config numbers).
  static Money from_yuan(double yuan) noexcept {
    return Money(static_cast<std::int64_t>(std::llround(yuan * static_cast<double>(kPerYuan))));
  }
  constexpr std::int64_t micros() const noexcept { return micros_; }
  /// The CTP edge's double: the one nearest the exact decimal amount.
  constexpr double yuan() const noexcept {
    return static_cast<double>(micros_) / static_cast<double>(kPerYuan);
  }

  constexpr Money& operator+=(Money o) noexcept {
    micros_ += o.micros_;
    return *this;
  }
  constexpr Money& operator-=(Money o) noexcept {
    micros_ -= o.micros_;
    return *this;
  }
  friend constexpr Money operator+(Money a, Money b) noexcept { return a += b; }
  friend constexpr Money operator-(Money a, Money b) noexcept { return a -= b; }
  friend constexpr Money operator-(Money a) noexcept { return Money(-a.micros_); }
  friend constexpr Money operator*(Money a, std::int64_t n) noexcept {
    return Money(a.micros_ * n);
  }
  friend constexpr Money operator*(std::int64_t n, Money a) noexcept { return a * n; }
  /// The share `part / whole` of an amount, rounded toward zero: releasing a freeze lot by lot
  /// never releases more than was frozen; the last lot takes the remainder.
  constexpr Money share(std::int64_t part, std::int64_t whole) const noexcept {
    return Money(static_cast<std::int64_t>(static_cast<MoneyProduct>(micros_) * part / whole));
  }
  /// Whole lots of `per_lot` this amount pays for (0 when per_lot is not positive).
  constexpr std::int64_t lots_of(Money per_lot) const noexcept {
    return per_lot.micros_ > 0 && micros_ > 0 ? micros_ / per_lot.micros_ : 0;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t m) : micros_(m) {}
  std::int64_t micros_ = 0;
};

constexpr Money max(Money a, Money b) noexcept {
  return a < b ? b : a;
}
constexpr Money min(Money a, Money b) noexcept {
  return a < b ? a : b;
}

/// A fraction (margin ratio, fee rate) in parts of 10^10: 0.000023 is 230,000 parts, exactly.
class Rate {
 public:
  static constexpr std::int64_t kScale = 10'000'000'000;

  constexpr Rate() = default;
  static Rate from_fraction(double f) noexcept {
    return Rate(static_cast<std::int64_t>(std::llround(f * static_cast<double>(kScale))));
  }
  static constexpr Rate parts(std::int64_t p) noexcept { return Rate(p); }
  constexpr std::int64_t parts() const noexcept { return parts_; }
  /// The rate of an amount, rounded half away from zero to a whole micro-yuan.
  constexpr Money of(Money m) const noexcept {
    const MoneyProduct p = static_cast<MoneyProduct>(m.micros()) * parts_;
    const MoneyProduct half = kScale / 2;
    return Money::micros(
        static_cast<std::int64_t>(p >= 0 ? (p + half) / kScale : (p - half) / kScale));
  }
  constexpr auto operator<=>(const Rate&) const = default;

 private:
  constexpr explicit Rate(std::int64_t p) : parts_(p) {}
  std::int64_t parts_ = 0;
};

}  // namespace ctpgw::sim
