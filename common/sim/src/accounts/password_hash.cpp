#include "ctpgw/sim/accounts/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace ctpgw::sim {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;

std::string to_hex(const unsigned char* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xF]);
  }
  return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<unsigned char>(hi << 4 | lo));
  }
  return true;
}

std::array<unsigned char, kKeyBytes> derive(std::string_view password, const unsigned char* salt,
                                            std::size_t salt_len, int iterations) {
  std::array<unsigned char, kKeyBytes> key{};
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt,
                        static_cast<int>(salt_len), iterations, EVP_sha256(),
                        static_cast<int>(key.size()), key.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return key;
}

struct Parsed {
  int iterations = 0;
  std::vector<unsigned char> salt, key;
};

bool parse(std::string_view stored, Parsed& out) {
  const auto next = [&stored](std::string_view& part) {
    const auto cut = stored.find('$');
    part = stored.substr(0, cut);
    stored = cut == std::string_view::npos ? std::string_view() : stored.substr(cut + 1);
    return !part.empty();
  };
  std::string_view scheme, iterations, salt, key;
  if (!next(scheme) || scheme != kScheme || !next(iterations) || !next(salt) || !next(key)) {
    return false;
  }
  int n = 0;
  for (const char c : iterations) {
    if (c < '0' || c > '9' || n > 100'000'000) return false;
    n = n * 10 + (c - '0');
  }
  out.iterations = n;
  return n > 0 && from_hex(salt, out.salt) && from_hex(key, out.key) && out.key.size() == kKeyBytes;
}

}  // namespace

std::string hash_password(std::string_view password) {
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw std::runtime_error("no random bytes for a password salt");
  }
  const auto key = derive(password, salt.data(), salt.size(), kPasswordHashIterations);
  return std::string(kScheme) + "$" + std::to_string(kPasswordHashIterations) + "$" +
         to_hex(salt.data(), salt.size()) + "$" + to_hex(key.data(), key.size());
}

bool verify_password(std::string_view password, std::string_view stored) {
  Parsed p;
  if (!parse(stored, p)) return false;
  const auto key = derive(password, p.salt.data(), p.salt.size(), p.iterations);
  return CRYPTO_memcmp(key.data(), p.key.data(), kKeyBytes) == 0;
}

bool is_password_hash(std::string_view stored) {
  Parsed p;
  return parse(stored, p);
}

}  // namespace ctpgw::sim
