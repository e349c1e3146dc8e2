// One investor's trading session (docs/protocol.md, "Sessions"; docs/adr/0007): keyed by
// UserID, it owns the backend TraderApi, the upstream login state machine, the query pacer, the
// order-reference counter and the numbered journal of its pushes. Sockets (SessionClient)
// attach by logging in with the session's password and detach by closing; every attached
// socket receives every push, replies go to the socket that asked. When the last socket leaves
// the session lingers for Session.LingerSeconds, then is released.
//
// Upstream life cycle: the first login creates the TraderApi and runs authenticate -> login ->
// settlement confirm; later logins are checked against a keyed hash of the session's password
// (HMAC-SHA256 with a per-session random key, compared in constant time) and never reach the
// backend. The clear text is kept only to log in again after the front reconnects, as CTP
// requires; a credential failure then is never retried (a changed password must not lock the
// account), other failures are retried with a doubling backoff up to 60 s.
//
// io thread only; the bridge posts backend events here.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ctpgw/backend/backend.h"
#include "ctpgw/net/recycling_pool.h"
#include "ctpgw/protocol/request.h"
#include "push_journal.h"
#include "query_pacer.h"
#include "request_invoker.h"
#include "request_routes.h"
#include "session_client.h"
#include "td_spi_bridge.h"

namespace ctpgw::td {

struct SessionSettings {
  std::string broker_id;
  std::string user_id;
  std::string auth_code;  ///< secret: never logged
  std::string app_id;
  std::vector<std::string> fronts;
  bool query_pacing = true;
  std::chrono::milliseconds query_interval{1000};
  std::chrono::milliseconds relogin_backoff{10000};
  std::chrono::seconds linger{60};
  std::size_t journal_entries = 10000;
  std::size_t journal_bytes = 64 << 20;
  /// Seconds from a ReqOrderInsert to its first RtnOrder (the order round trip), for metrics.
  std::function<void(double)> order_round_trip;
};

class TradingSession {
 public:
  using ApiFactory = std::function<backend::TraderApiPtr()>;
  /// The session is done (lingered out, logged out, or never logged in): forget it. Called at
  /// most once; the callee must not destroy the session inside the call (post instead).
  using Released = std::function<void(TradingSession&)>;

  TradingSession(boost::asio::io_context& io, SessionSettings settings, ApiFactory factory,
                 Released released);
  ~TradingSession();
  TradingSession(const TradingSession&) = delete;
  TradingSession& operator=(const TradingSession&) = delete;

  const std::string& user_id() const { return settings_.user_id; }
  /// A ReqUserLogin: answered to the client (RspUserLogin, then RspResume if asked), then
  /// client.login_answered(). The client stays valid until it calls detach().
  void login(SessionClient& client, const LoginRequest& request);
  /// The client's socket is gone (or it logs in elsewhere): no more calls to it.
  void detach(SessionClient& client);
  /// A clean ReqUserLogout from an attached client: it detaches; the last one ends the session
  /// upstream at once (no linger, no cancel-on-disconnect).
  void logout(SessionClient& client, int request_id);
  /// A business request from an attached client; failures are answered to it.
  void request(SessionClient& client, const RequestInvoker& invoker, std::string_view reply,
               protocol::AnyStruct& body, int request_id);
  bool attached(const SessionClient& client) const;
  std::size_t client_count() const { return clients_.size(); }
  std::uint64_t last_seq() const { return journal_.last_seq(); }
  bool released() const { return released_called_; }
  bool front_connected() const { return front_connected_; }

  // Backend events, posted by the bridge.
  void on_front_connected();
  void on_front_disconnected(int reason);
  void on_rsp_authenticate(const ctp::CThostFtdcRspInfoField& info);
  void on_rsp_user_login(const std::optional<ctp::CThostFtdcRspUserLoginField>& field,
                         const std::optional<ctp::CThostFtdcRspInfoField>& info);
  void on_rsp_settlement_confirm(const ctp::CThostFtdcRspInfoField& info);
  /// The answer to a ReqUserPasswordUpdate sent with this upstream RequestID.
  void on_password_update(int upstream_id, bool ok);
  void on_reply(const RequestRoute& route, std::string_view json, int upstream_id, bool done);
  /// Encodes the push once (io thread), sends it to every socket and keeps it in the journal.
  void on_push(const PushMail& push);

 private:
  enum class State { Idle, InFlight, LoggedIn };
  struct Waiting {
    SessionClient* client;  ///< nullptr once it went away
    LoginRequest request;
  };

  // trading_session_login.cpp: the upstream login machine.
  void start_attempt();
  void authenticate();
  void attempt_failed(const ctp::CThostFtdcRspInfoField& info, std::string_view msg_type);
  void relogin_failed(const ctp::CThostFtdcRspInfoField& info);
  void confirm_settlement();
  std::array<unsigned char, 32> mac(const std::string& password) const;
  bool password_matches(const std::string& password) const;

  // trading_session.cpp
  void attach(SessionClient& client, const LoginRequest& request, std::string_view detail);
  void refuse(SessionClient& client, const ctp::CThostFtdcRspInfoField& info, int request_id,
              std::string_view msg_type, std::string_view detail);
  void broadcast_status(bool ready, int reason, std::string_view detail);
  void maybe_idle();
  void linger_over();
  void release();
  void cancel_resting_orders();
  void track_order(const ctp::CThostFtdcOrderField& order);
  void assign_order_ref(ctp::CThostFtdcInputOrderField& order);
  SessionClient* client(net::ConnectionId id) const;

  boost::asio::io_context& io_;
  SessionSettings settings_;
  ApiFactory factory_;
  Released released_;
  bool released_called_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  ///< guards posted bridge events
  RequestRoutes routes_;
  std::atomic<std::uint64_t> push_seq_{0};  ///< given out by the bridge, in callback order
  /// The bridge's events, queued under a lock from the callback thread and run on the io thread
  /// in order: one post per burst, and a push costs no closure.
  class Mailbox final : public SessionMailbox {
   public:
    explicit Mailbox(TradingSession& session) : session_(session) {}
    void post(std::function<void(TradingSession&)> event) override;
    void post_push(const PushMail& push) override;

   private:
    struct Mail {
      std::function<void(TradingSession&)> event;  ///< empty: a push
      PushMail push;
    };
    /// The drain, posted by the first event of a burst; its operation's memory comes from
    /// the pooled blocks, not malloc.
    struct Drain {
      using allocator_type = net::PooledAllocator<void>;
      allocator_type get_allocator() const noexcept { return {}; }
      void operator()() const {
        if (alive.lock()) box->drain();
      }
      Mailbox* box;
      std::weak_ptr<int> alive;  ///< the session's: the mailbox is gone with it
    };
    template <class Fill>
    void add(Fill fill);
    void drain();
    TradingSession& session_;
    std::mutex mutex_;
    std::vector<Mail> queued_;  ///< guarded by mutex_
    std::vector<Mail> spare_;   ///< io thread: the last drained batch's storage, reused
  };
  Mailbox mailbox_{*this};
  TdSpiBridge bridge_;
  backend::TraderApiPtr api_;  ///< declared after bridge_ so it is released first

  State state_ = State::Idle;
  bool front_connected_ = false;
  std::optional<Waiting> attempt_;  ///< the login in flight upstream
  std::deque<Waiting> waiting_;     ///< logins that arrived while it was in flight
  std::string password_;            ///< of the logged-in session, for re-login only
  std::array<unsigned char, 32> mac_key_{};
  std::array<unsigned char, 32> password_mac_{};
  std::optional<ctp::CThostFtdcRspUserLoginField> login_reply_;
  bool relogin_ = false;
  int relogin_failures_ = 0;
  boost::asio::steady_timer relogin_timer_;
  boost::asio::steady_timer linger_timer_;
  std::optional<QueryPacer> pacer_;

  std::map<net::ConnectionId, SessionClient*> clients_;
  bool cancel_on_disconnect_ = false;
  PushJournal journal_;
  long long max_order_ref_ = 0;
  /// The order tables' nodes come from a pool of their own: an order coming and going reuses
  /// the node of one gone before instead of asking malloc (declared before the tables).
  std::pmr::unsynchronized_pool_resource order_nodes_;
  /// When each order still waiting for its first RtnOrder was sent, by OrderRef (at most 12
  /// characters: the key stays in the string's inline buffer).
  std::pmr::map<std::pmr::string, std::chrono::steady_clock::time_point, std::less<>>
      orders_in_flight_{&order_nodes_};
  /// New passwords of ReqUserPasswordUpdate in flight, by upstream RequestID (never logged).
  std::map<int, std::string> password_updates_;
  /// An order's identity within the counter: FrontID, SessionID, OrderRef.
  struct OrderKey {
    int front = 0;
    int session = 0;
    std::array<char, sizeof(ctp::CThostFtdcOrderField::OrderRef)> ref{};
    auto operator<=>(const OrderKey&) const = default;
  };
  /// Orders that may still trade, for cancel-on-disconnect.
  std::pmr::map<OrderKey, ctp::CThostFtdcOrderField> resting_{&order_nodes_};
};

}  // namespace ctpgw::td
