// Chooses and creates the CTP-shaped backend a service talks to, from the front address:
// "sim://..." selects the embedded simulated counter; the vendor-SDK adapter is not part of
// this build, so any other address is refused at start-up with a clear message.
// One Backend per process; create APIs from the service's io thread.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ctpgw/core/config.h"
#include "ctpgw/ctp_api/md_api.h"
#include "ctpgw/ctp_api/trader_api.h"

namespace ctpgw::backend {

class BackendError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Frees an API through its Release(), for std::unique_ptr.
struct ApiRelease {
  template <class Api>
  void operator()(Api* api) const {
    if (api != nullptr) api->Release();
  }
};
using TraderApiPtr = std::unique_ptr<ctp::TraderApi, ApiRelease>;
using MdApiPtr = std::unique_ptr<ctp::MdApi, ApiRelease>;

/// What /health shows of a backend: `ok` false means degraded; `json_fields` are extra keys,
/// each preceded by a comma (e.g. `,"storage":{...}`).
struct BackendHealth {
  bool ok = true;
  std::string json_fields;
};

class Backend {
 public:
  virtual ~Backend() = default;
  /// `flow_path` is the CTP flow-file prefix (ConFilePath + "td"/"md" + sanitised UserID).
  virtual TraderApiPtr create_trader_api(const std::string& flow_path) = 0;
  virtual MdApiPtr create_md_api(const std::string& flow_path) = 0;
  virtual std::string_view description() const = 0;
  /// Any thread.
  virtual BackendHealth health() const { return {}; }
  /// The spacing the front needs between two queries of one session (QueryPacing).
  virtual int query_interval_ms(const core::Config& config) const {
    return config.query_interval_ms;
  }
};

/// Which service the backend serves: only td needs the simulated counter and its storage.
enum class Role { Md, Td };

/// Posts a function to the service's event loop (its WebSocket thread).
using LoopPost = std::function<void(std::function<void()>)>;

/// Throws BackendError for an unsupported front, and the simulator's own errors (unreadable
/// instrument master or storage) as std::runtime_error with a message saying what is wrong.
/// `loop`: the service's event loop, where the simulated counter runs with
/// Sim.CounterThread: io (td only; ignored otherwise).
std::unique_ptr<Backend> make_backend(const core::Config& config, std::string_view front_address,
                                      Role role, LoopPost loop = {});

/// ConFilePath + prefix + user id, with every character outside [A-Za-z0-9_-] replaced by '_'
/// so a client-chosen UserID can never escape the directory or form odd file names.
std::string flow_path(const core::Config& config, std::string_view prefix,
                      std::string_view user_id);

}  // namespace ctpgw::backend
