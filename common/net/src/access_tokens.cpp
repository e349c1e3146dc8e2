#include "access_tokens.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>

namespace ctpgw::net {

bool token_allowed(const std::vector<TokenHash>& hashes, std::string_view token) {
  if (token.empty()) return false;
  TokenHash digest{};
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest.data());
  bool found = false;
  for (const TokenHash& h : hashes) {
    found |= CRYPTO_memcmp(h.data(), digest.data(), digest.size()) == 0;
  }
  return found;
}

std::string presented_token(std::string_view authorization, std::string_view query) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) == kBearer) {
    return std::string(authorization.substr(kBearer.size()));
  }
  // query: "a=1&token=xyz&b=2" (no percent-decoding: tokens are URL-safe by construction)
  std::size_t pos = 0;
  while (pos <= query.size()) {
    const std::size_t end = std::min(query.find('&', pos), query.size());
    const std::string_view pair = query.substr(pos, end - pos);
    if (pair.substr(0, 6) == "token=") return std::string(pair.substr(6));
    pos = end + 1;
  }
  return {};
}

}  // namespace ctpgw::net
