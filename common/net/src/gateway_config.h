// websocketpp configuration of the gateway's servers. Includes websocketpp: include it from
// ws_server.cpp only (the one C++17 translation unit, ADR 0001).
#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <websocketpp/concurrency/none.hpp>
#include <websocketpp/config/asio.hpp>
#include <websocketpp/server.hpp>

#include "ctpgw/net/ws_server.h"

namespace ctpgw::net {

// websocketpp's asio config with three changes: no locking (one io thread owns everything),
// an id stored in every connection, and a larger read buffer for order bursts. Plain TCP or TLS
// (Socket).
template <class Socket>
struct GatewayConfig : public websocketpp::config::core {
  typedef GatewayConfig type;
  typedef websocketpp::config::core base;
  typedef websocketpp::concurrency::none concurrency_type;
  typedef base::request_type request_type;
  typedef base::response_type response_type;
  typedef base::message_type message_type;
  typedef base::con_msg_manager_type con_msg_manager_type;
  typedef base::endpoint_msg_manager_type endpoint_msg_manager_type;
  typedef websocketpp::log::basic<concurrency_type, websocketpp::log::alevel> alog_type;
  typedef websocketpp::log::basic<concurrency_type, websocketpp::log::elevel> elog_type;
  typedef base::rng_type rng_type;
  static const bool enable_multithreading = false;
  static const size_t connection_read_buffer_size = 65536;

  struct connection_base {
    ConnectionId gateway_id = 0;
    std::string peer = "?";  ///< "ip:port", recorded when the TCP connection is accepted
    bool dropped = false;    ///< closed as its address's oldest pending handshake
  };

  struct transport_config : public base::transport_config {
    typedef type::concurrency_type concurrency_type;
    typedef type::alog_type alog_type;
    typedef type::elog_type elog_type;
    typedef type::request_type request_type;
    typedef type::response_type response_type;
    typedef Socket socket_type;
    static const bool enable_multithreading = false;
  };
  typedef websocketpp::transport::asio::endpoint<transport_config> transport_type;
};

using PlainConfig = GatewayConfig<websocketpp::transport::asio::basic_socket::endpoint>;
using TlsConfig = GatewayConfig<websocketpp::transport::asio::tls_socket::endpoint>;
using MessagePtr = websocketpp::server<PlainConfig>::message_ptr;
static_assert(std::is_same_v<MessagePtr, websocketpp::server<TlsConfig>::message_ptr>,
              "prepared frames are shared by both transports");
}  // namespace ctpgw::net
