// The physical reference for md fan-out: websocketpp broadcasting tick-sized text frames to
// every connected client with no application work (no subscriptions, no codec, no backend).
// Every interval it stamps the creation time into the frame (as md_service's CurrDelta), frames
// it once and queues the same buffer on every connection. Incoming messages are ignored.
//
// bare_broadcast --config=FILE [--instruments K]; reads Host, Port and Sim.TickIntervalMs from
// the same YAML as the services and logs "listening on ws://HOST:PORT/" like them.
// Compiled as C++17: it includes websocketpp (docs/adr/0001).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <set>
#include <string>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include "ctpgw/core/config.h"

using Server = websocketpp::server<websocketpp::config::asio>;

namespace {

// A DepthMarketData push of typical size; %s is replaced by the stamp.
const char* const kTemplate =
    R"({"MsgType":"RtnDepthMarketData","DepthMarketData":{"TradingDay":"20261123","ExchangeID":"SHFE","LastPrice":3281.0,"PreSettlementPrice":3276.0,"PreClosePrice":3278.0,"PreOpenInterest":1523344.0,"OpenPrice":3270.0,"HighestPrice":3295.0,"LowestPrice":3262.0,"Volume":182345,"Turnover":5982345670.0,"OpenInterest":1530021.0,"ClosePrice":0,"SettlementPrice":0,"UpperLimitPrice":3505.0,"LowerLimitPrice":3047.0,"PreDelta":0.0,"CurrDelta":%s,"UpdateTime":"21:30:15","UpdateMillisec":500,"BidPrice1":3280.0,"BidVolume1":10,"AskPrice1":3281.0,"AskVolume1":15,"BidPrice2":3279.0,"BidVolume2":11,"AskPrice2":3282.0,"AskVolume2":16,"BidPrice3":3278.0,"BidVolume3":12,"AskPrice3":3283.0,"AskVolume3":17,"BidPrice4":3277.0,"BidVolume4":13,"AskPrice4":3284.0,"AskVolume4":18,"BidPrice5":3276.0,"BidVolume5":14,"AskPrice5":3285.0,"AskVolume5":19,"AveragePrice":32807.4,"ActionDay":"20261120","InstrumentID":"rb2705","ExchangeInstID":"rb2705","BandingUpperPrice":0,"BandingLowerPrice":0}})";

double seconds_since_china_midnight() {
  using namespace std::chrono;
  const auto local = system_clock::now() + hours(8);
  const auto day = duration_cast<microseconds>(local.time_since_epoch()).count() % 86'400'000'000LL;
  return static_cast<double>(day) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  int instruments = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--config=", 0) == 0) config_path = a.substr(9);
    if (a.rfind("--instruments=", 0) == 0) instruments = std::stoi(a.substr(14));
  }
  const ctpgw::core::Config cfg = ctpgw::core::load_config(config_path);

  Server server;
  server.clear_access_channels(websocketpp::log::alevel::all);
  server.clear_error_channels(websocketpp::log::elevel::all);
  server.init_asio();
  server.set_reuse_addr(true);
  std::set<websocketpp::connection_hdl, std::owner_less<websocketpp::connection_hdl>> clients;
  server.set_open_handler([&](websocketpp::connection_hdl h) { clients.insert(h); });
  server.set_close_handler([&](websocketpp::connection_hdl h) { clients.erase(h); });
  server.set_fail_handler([&](websocketpp::connection_hdl h) { clients.erase(h); });
  server.set_message_handler([](websocketpp::connection_hdl, Server::message_ptr) {});
  server.set_tcp_post_init_handler([&](websocketpp::connection_hdl h) {
    websocketpp::lib::error_code ec;
    if (auto con = server.get_con_from_hdl(h, ec)) {
      boost::system::error_code opt_ec;
      con->get_socket().set_option(boost::asio::ip::tcp::no_delay(true), opt_ec);
    }
  });
  server.listen(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(cfg.host), cfg.port));
  server.start_accept();
  boost::system::error_code ec;
  std::cout << "bare_broadcast listening on ws://" << cfg.host << ":"
            << server.get_local_endpoint(ec).port() << "/" << std::endl;

  const auto interval = std::chrono::milliseconds(cfg.sim.tick_interval_ms);
  boost::asio::steady_timer timer(server.get_io_service());
  auto next = std::chrono::steady_clock::now() + interval;
  std::function<void(const boost::system::error_code&)> tick =
      [&](const boost::system::error_code& e) {
        if (e) return;
        for (int k = 0; k < instruments; ++k) {
          char stamp[32], payload[2048];
          std::snprintf(stamp, sizeof stamp, "%.6f", seconds_since_china_midnight());
          const int n = std::snprintf(payload, sizeof payload, kTemplate, stamp);
          auto msg = std::make_shared<websocketpp::config::asio::message_type>(
              websocketpp::config::asio::message_type::con_msg_man_ptr(),
              websocketpp::frame::opcode::text);
          std::string header{static_cast<char>(0x81), static_cast<char>(126),
                             static_cast<char>(n >> 8), static_cast<char>(n & 0xFF)};
          msg->set_header(header);
          msg->set_payload(std::string(payload, static_cast<std::size_t>(n)));
          msg->set_prepared(true);
          for (const auto& h : clients) {
            websocketpp::lib::error_code send_ec;
            auto con = server.get_con_from_hdl(h, send_ec);
            // Same bounded buffer as the services, so an overloaded client cannot grow memory.
            if (!send_ec && con->get_buffered_amount() < cfg.websocket.send_buffer_bytes)
              con->send(msg);
          }
        }
        next += interval;
        const auto now = std::chrono::steady_clock::now();
        if (next < now)
          next = now;  // skip ticks the process had no time for, as the feed pump does
        timer.expires_at(next);
        timer.async_wait(tick);
      };
  timer.expires_at(next);
  timer.async_wait(tick);
  server.run();
  return 0;
}
