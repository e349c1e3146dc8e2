// Writes the generated protocol reference to stdout: gen_protocol_docs > docs/protocol-reference.md
#include <iostream>

#include "ctpgw/protocol/protocol_docs.h"

int main() {
  std::cout << ctpgw::protocol::render_protocol_reference();
  return 0;
}
