// The one exception type of the simulator's storage layer.
#pragma once

#include <stdexcept>

namespace ctpgw::sim {

/// Storage could not be opened, read or written. The message names the file and the cause.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ctpgw::sim
