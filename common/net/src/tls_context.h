// The server's TLS context: certificate chain and key from PEM files, TLS 1.2+ with forward-
// secret AEAD ciphers. No websocketpp here.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "ctpgw/net/ws_server.h"

namespace ctpgw::net {

/// Throws std::runtime_error naming the file and OpenSSL's reason when a file is unusable.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsOptions& options);

}  // namespace ctpgw::net
