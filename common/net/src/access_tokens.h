// Access tokens (Security.Tokens): the file holds SHA-256 digests, never the tokens; a
// presented token is hashed and compared with every digest in constant time. No websocketpp.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ctpgw::net {

using TokenHash = std::array<unsigned char, 32>;

/// Whether `token` hashes to one of `hashes`. Every digest is compared, in constant time.
bool token_allowed(const std::vector<TokenHash>& hashes, std::string_view token);

/// The token in "Authorization: Bearer <t>" or else in the query's "token=<t>" ("" if none).
std::string presented_token(std::string_view authorization, std::string_view query);

}  // namespace ctpgw::net
