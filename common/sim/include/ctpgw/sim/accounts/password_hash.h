// How the simulated counter keeps passwords: salted PBKDF2-HMAC-SHA256 (OpenSSL), never the
// clear text, in memory or on disk (docs/adr/0006). Stored form:
//   pbkdf2-sha256$<iterations>$<salt, hex>$<derived key, hex>
// Verification recomputes the key and compares in constant time. Any thread.
#pragma once

#include <string>
#include <string_view>

namespace ctpgw::sim {

/// Work factor of new hashes: ~5 ms per login on the reference machine (release build).
inline constexpr int kPasswordHashIterations = 20000;

/// A new salted hash of `password` (never empty: callers refuse empty passwords first).
std::string hash_password(std::string_view password);
/// True when `stored` is a hash made by hash_password() of `password`.
bool verify_password(std::string_view password, std::string_view stored);
/// True when `stored` is in the hash format (anything else is a clear text of older versions).
bool is_password_hash(std::string_view stored);

}  // namespace ctpgw::sim
