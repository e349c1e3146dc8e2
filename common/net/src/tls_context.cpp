#include "tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <stdexcept>
#include <string>

namespace ctpgw::net {
namespace {

std::string openssl_reason() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "unknown error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

}  // namespace

std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsOptions& options) {
  using boost::asio::ssl::context;
  auto ctx = std::make_shared<context>(context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(
      native, SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
  // TLS 1.2: ECDHE with AES-GCM or ChaCha20-Poly1305 only (TLS 1.3 suites are all of that kind).
  SSL_CTX_set_cipher_list(native,
                          "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                          "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                          "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  if (SSL_CTX_use_certificate_chain_file(native, options.certificate_chain_file.c_str()) != 1) {
    throw std::runtime_error("TLS.CertificateChainFile '" + options.certificate_chain_file +
                             "': " + openssl_reason());
  }
  if (SSL_CTX_use_PrivateKey_file(native, options.private_key_file.c_str(), SSL_FILETYPE_PEM) !=
      1) {
    throw std::runtime_error("TLS.PrivateKeyFile '" + options.private_key_file +
                             "': " + openssl_reason());
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    throw std::runtime_error("TLS.PrivateKeyFile does not match TLS.CertificateChainFile: " +
                             openssl_reason());
  }
  return ctx;
}

}  // namespace ctpgw::net
