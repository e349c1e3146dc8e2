// A stand-in for the CTP vendor SDK, written in the project, so the SDK adapter's real code runs
// in CI without SFIT's libraries (ctp-sdk.md §4).
//
// It behaves as the vendor library does where the adapter can tell: callbacks on its own thread
// (raw, unguarded Spi pointer, as the vendor's), GB18030 text, 0/-1/-2/-3 returns (scripted, or
// -1 while disconnected, -2 while a query is answered, -3 for queries faster than the front's
// interval), OnRspError, disconnects with any reason code and automatic reconnects, and replies
// that are slow or never come. Release() joins its thread. Everything is scripted through the
// process-wide DoubleFront, which also counts what the APIs were asked.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "ctpgw/ctp_api/md_api.h"
#include "ctpgw/ctp_api/trader_api.h"
#include "ctpgw/ctp_sdk/vendor_calls.h"

namespace ctpgw::testkit {

/// The double's front: what it answers, and what it was asked. Thread-safe.
class DoubleFront {
 public:
  static DoubleFront& instance();

  // ---- script (set by the test) ----------------------------------------------------------
  void reset();
  void set_password(const std::string& user, const std::string& password);
  void set_auth_fails(bool fails);
  /// The next requests return these codes instead of being sent (no callback follows).
  void force_returns(std::deque<int> codes);
  void set_query_interval(std::chrono::milliseconds interval);
  void set_reply_delay(std::chrono::milliseconds delay);
  void set_drop_replies(bool drop);
  /// GB18030 bytes for ReqQryInstrument's InstrumentName.
  void set_instrument_name(const std::string& gb18030);
  /// OnRspSubMarketData arrives without a field (as some fronts do on errors).
  void set_sub_reply_without_field(bool on);
  /// ReqUserLogin answers this ErrorID whatever the password (0: check the password).
  void set_login_error(int error_id);

  // ---- faults (act on every live API of the double) --------------------------------------
  void disconnect(int reason, bool reconnect);
  void rsp_error(int error_id, int request_id);
  void push_tick(const std::string& instrument, int count);

  // ---- what happened ---------------------------------------------------------------------
  int count(const std::string& what) const;  ///< "ReqUserLogin", "OnFrontConnected", ...
  /// Waits until count(what) >= n; false on timeout.
  bool wait_count(const std::string& what, int n,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  std::string last_flow_path() const;
  std::string last_front() const;

  // ---- used by the double's APIs ---------------------------------------------------------
  struct Script {
    std::map<std::string, std::string> passwords;
    bool auth_fails = false;
    std::deque<int> forced;
    std::chrono::milliseconds query_interval{0};
    std::chrono::milliseconds reply_delay{0};
    bool drop_replies = false;
    std::string instrument_name;
    bool sub_without_field = false;
    int login_error = 0;
  };
  Script script() const;
  /// Takes the next forced return code, if any.
  bool take_forced(int& code);
  void note(const std::string& what);
  void note_flow_path(const std::string& path);
  void note_front(const std::string& front);

  class Endpoint {
   public:
    virtual ~Endpoint() = default;
    virtual void on_disconnect(int reason, bool reconnect) = 0;
    virtual void on_rsp_error(int error_id, int request_id) = 0;
    virtual void on_push_tick(const std::string& instrument, int count) = 0;
  };
  void attach(Endpoint* e);
  void detach(Endpoint* e);

 private:
  void load_users_from_env();

  mutable std::mutex mutex_;
  Script script_;
  std::map<std::string, int> counts_;
  std::string flow_path_, front_;
  std::vector<Endpoint*> endpoints_;
};

/// The traits the SDK adapter is instantiated with in tests (see sdk_trader_api.h).
struct DoubleVendor : ctp_sdk::CommonVendorCalls {
  using TraderApi = ctp::TraderApi;
  using TraderSpi = ctp::TraderSpi;
  using MdApi = ctp::MdApi;
  using MdSpi = ctp::MdSpi;
  template <class Ours>
  using Struct = Ours;  // the double speaks the gateway's structs (same layout as 6.7.11)

  static TraderApi* create_trader(const char* flow_path, bool production_mode);
  static MdApi* create_md(const char* flow_path, bool production_mode);
  static const char* api_version() { return "double-6.7.11"; }

  template <class Api, class Spi>
  static void register_spi(Api* api, Spi* spi) {
    api->RegisterSpi(spi);
  }
  template <class Api>
  static void register_front(Api* api, const char* address) {
    api->RegisterFront(address);
  }
  static void subscribe_private(TraderApi* api, ctp::ResumeType t) {
    api->SubscribePrivateTopic(t);
  }
  static void subscribe_public(TraderApi* api, ctp::ResumeType t) { api->SubscribePublicTopic(t); }
  static int front_query_interval_ms(TraderApi* api) { return api->FrontQueryIntervalMs(); }
};

}  // namespace ctpgw::testkit
