#include "request_invoker.h"

#include <array>

namespace ctpgw::td {
namespace {

using namespace ctpgw::ctp;

constexpr std::array kInvokers{
#define CTPGW_INVOKER(req, req_struct, callback, rsp_struct)                                       \
  RequestInvoker{#req, StructId::req_struct, StructId::rsp_struct,                                 \
                 [](TraderApi& api, void* field, int request_id) {                                 \
                   return api.req(static_cast<CThostFtdc##req_struct##Field*>(field), request_id); \
                 }},
    CTPGW_TRADER_BUSINESS_REQUESTS(CTPGW_INVOKER)
#undef CTPGW_INVOKER
};

}  // namespace

const RequestInvoker* find_invoker(std::string_view method) noexcept {
  for (const RequestInvoker& inv : kInvokers) {
    if (inv.method == method) return &inv;
  }
  return nullptr;
}

std::span<const RequestInvoker> invokers() noexcept {
  return kInvokers;
}

}  // namespace ctpgw::td
