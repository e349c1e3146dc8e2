// Writes a generated protocol document to stdout:
//   gen_protocol_docs > docs/protocol-reference.md
//   gen_protocol_docs --asyncapi docs/messages > docs/asyncapi.yaml
#include <iostream>
#include <string_view>

#include "ctpgw/core/version.h"
#include "ctpgw/protocol/protocol_docs.h"

int main(int argc, char** argv) {
  if (argc == 3 && std::string_view(argv[1]) == "--asyncapi") {
    std::cout << ctpgw::protocol::render_asyncapi(argv[2], ctpgw::core::kVersion);
    return 0;
  }
  if (argc != 1) {
    std::cerr << "usage: gen_protocol_docs [--asyncapi MESSAGES_DIR]\n";
    return 2;
  }
  std::cout << ctpgw::protocol::render_protocol_reference();
  return 0;
}
