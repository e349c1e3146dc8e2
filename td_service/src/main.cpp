// td_service: webctp trading gateway. Everything but the app factory lives in td_service_core.
#include "ctpgw/service/service_main.h"
#include "td_app.h"

int main(int argc, char** argv) {
  return ctpgw::service::run_service(
      argc, argv,
      {"td_service", "/td/", [](boost::asio::io_context& io, const ctpgw::core::Config& config) {
         return std::make_unique<ctpgw::td::TdApp>(io, config);
       }});
}
