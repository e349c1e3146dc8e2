// md_service: webctp market-data gateway. Everything but the app factory lives in md_service_core.
#include "ctpgw/service/service_main.h"
#include "md_app.h"

int main(int argc, char** argv) {
  return ctpgw::service::run_service(
      argc, argv,
      {"md_service", "/md/", [](boost::asio::io_context& io, const ctpgw::core::Config& config) {
         return std::make_unique<ctpgw::md::MdApp>(io, config);
       }});
}
