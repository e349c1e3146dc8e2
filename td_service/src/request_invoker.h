// Maps a webctp request MsgType (which is the TraderApi method name) to the TraderApi call,
// generated from CTPGW_TRADER_REQUESTS so routing cannot drift from the API.
#pragma once

#include <span>
#include <string_view>

#include "ctpgw/ctp_api/trader_api.h"

namespace ctpgw::td {

struct RequestInvoker {
  std::string_view method;
  ctp::StructId request_type;
  ctp::StructId reply_type;
  int (*invoke)(ctp::TraderApi& api, void* field, int request_id);
};

const RequestInvoker* find_invoker(std::string_view method) noexcept;
std::span<const RequestInvoker> invokers() noexcept;

}  // namespace ctpgw::td
