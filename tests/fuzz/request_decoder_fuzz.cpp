// libFuzzer target: any byte string handed to the request decoder must produce either a decoded
// request or a webctp error reply, never a crash, leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ctpgw/protocol/catalog.h"
#include "ctpgw/protocol/envelope.h"
#include "ctpgw/protocol/request.h"

using namespace ctpgw::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ParsedRequest req;
  if (auto err = parse_request(text, req)) {
    (void)err->encode();
    return 0;
  }
  for (Service service : {Service::Md, Service::Td}) {
    const MessageSpec* spec = find_message(service, req.msg_type);
    if (spec == nullptr) {
      (void)encode_error(req.msg_type, -404);
      continue;
    }
    int request_id = 0;
    (void)read_request_id(req, service == Service::Td, request_id);
    if (spec->request_body.empty()) {
      std::vector<std::string> ids;
      (void)read_instrument_ids(req, ids);
      continue;
    }
    AnyStruct body;
    if (auto err = read_body(req, *spec, body.data())) {
      (void)err->encode();
      continue;
    }
    (void)require_body_keys(req, *spec, {"UserID", "Password"});
    // Whatever decoded must encode again.
    Reply r;
    r.msg_type = spec->reply;
    r.body_key = spec->request_body;
    r.body_type = spec->request_type;
    r.body = body.data();
    (void)encode_reply(r);
  }
  return 0;
}
