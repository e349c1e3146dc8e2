#include "ctpgw/testkit/vendor_double.h"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include "ctpgw/ctp_api/error_codes.h"

namespace ctpgw::testkit {

using namespace ctpgw::ctp;

// ---- DoubleFront ----------------------------------------------------------------------------

DoubleFront& DoubleFront::instance() {
  static DoubleFront front;
  static const bool loaded = (front.load_users_from_env(), true);
  (void)loaded;
  return front;
}

void DoubleFront::load_users_from_env() {
  // A service process linked against the fake vendor libraries (tests/sdk) takes its users from
  // the environment: CTPGW_VENDOR_DOUBLE_USERS="user=password;user2=password2".
  const char* users = std::getenv("CTPGW_VENDOR_DOUBLE_USERS");
  if (users == nullptr) return;
  const std::string all = users;
  std::size_t start = 0;
  while (start < all.size()) {
    const std::size_t end = std::min(all.find(';', start), all.size());
    const std::string pair = all.substr(start, end - start);
    if (const auto eq = pair.find('='); eq != std::string::npos) {
      set_password(pair.substr(0, eq), pair.substr(eq + 1));
    }
    start = end + 1;
  }
}

void DoubleFront::reset() {
  std::lock_guard lock(mutex_);
  script_ = Script{};
  counts_.clear();
}
void DoubleFront::set_password(const std::string& user, const std::string& password) {
  std::lock_guard lock(mutex_);
  script_.passwords[user] = password;
}
void DoubleFront::set_auth_fails(bool fails) {
  std::lock_guard lock(mutex_);
  script_.auth_fails = fails;
}
void DoubleFront::force_returns(std::deque<int> codes) {
  std::lock_guard lock(mutex_);
  script_.forced = std::move(codes);
}
void DoubleFront::set_query_interval(std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  script_.query_interval = interval;
}
void DoubleFront::set_reply_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  script_.reply_delay = delay;
}
void DoubleFront::set_drop_replies(bool drop) {
  std::lock_guard lock(mutex_);
  script_.drop_replies = drop;
}
void DoubleFront::set_instrument_name(const std::string& gb18030) {
  std::lock_guard lock(mutex_);
  script_.instrument_name = gb18030;
}
void DoubleFront::set_login_error(int error_id) {
  std::lock_guard lock(mutex_);
  script_.login_error = error_id;
}
bool DoubleFront::wait_count(const std::string& what, int n,
                             std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (count(what) < n) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // polls a condition
  }
  return true;
}
void DoubleFront::set_sub_reply_without_field(bool on) {
  std::lock_guard lock(mutex_);
  script_.sub_without_field = on;
}
DoubleFront::Script DoubleFront::script() const {
  std::lock_guard lock(mutex_);
  return script_;
}
bool DoubleFront::take_forced(int& code) {
  std::lock_guard lock(mutex_);
  if (script_.forced.empty()) return false;
  code = script_.forced.front();
  script_.forced.pop_front();
  return true;
}
void DoubleFront::note(const std::string& what) {
  std::lock_guard lock(mutex_);
  ++counts_[what];
}
void DoubleFront::note_flow_path(const std::string& path) {
  std::lock_guard lock(mutex_);
  flow_path_ = path;
}
void DoubleFront::note_front(const std::string& front) {
  std::lock_guard lock(mutex_);
  front_ = front;
}
int DoubleFront::count(const std::string& what) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(what);
  return it == counts_.end() ? 0 : it->second;
}
std::string DoubleFront::last_flow_path() const {
  std::lock_guard lock(mutex_);
  return flow_path_;
}
std::string DoubleFront::last_front() const {
  std::lock_guard lock(mutex_);
  return front_;
}
void DoubleFront::attach(Endpoint* e) {
  std::lock_guard lock(mutex_);
  endpoints_.push_back(e);
}
void DoubleFront::detach(Endpoint* e) {
  std::lock_guard lock(mutex_);
  std::erase(endpoints_, e);
}
void DoubleFront::disconnect(int reason, bool reconnect) {
  std::lock_guard lock(mutex_);
  for (Endpoint* e : endpoints_) e->on_disconnect(reason, reconnect);
}
void DoubleFront::rsp_error(int error_id, int request_id) {
  std::lock_guard lock(mutex_);
  for (Endpoint* e : endpoints_) e->on_rsp_error(error_id, request_id);
}
void DoubleFront::push_tick(const std::string& instrument, int count) {
  std::lock_guard lock(mutex_);
  for (Endpoint* e : endpoints_) e->on_push_tick(instrument, count);
}

namespace {

/// The vendor's callback thread: runs posted callbacks in order; stop() joins it.
class Worker {
 public:
  Worker() : thread_([this] { run(); }) {}
  ~Worker() { stop(); }
  void post(std::function<void()> f, std::chrono::milliseconds delay = {}) {
    std::lock_guard lock(mutex_);
    tasks_.push_back({std::chrono::steady_clock::now() + delay, std::move(f)});
    cv_.notify_one();
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

 private:
  struct Task {
    std::chrono::steady_clock::time_point due;
    std::function<void()> f;
  };
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;  // like the vendor: what is queued at Release() is dropped
      Task t = std::move(tasks_.front());
      tasks_.pop_front();
      if (cv_.wait_until(lock, t.due, [this] { return stopping_; })) return;
      lock.unlock();
      t.f();
      lock.lock();
    }
  }
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Task> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

CThostFtdcRspInfoField info_of(int error_id, const char* gb18030_text) {
  CThostFtdcRspInfoField i{};
  i.ErrorID = error_id;
  std::strncpy(i.ErrorMsg, gb18030_text, sizeof i.ErrorMsg - 1);
  return i;
}

// GB18030 of the prompts the double answers with.
constexpr const char* kOk = "CTP:\xd5\xfd\xc8\xb7";  // CTP:正确
constexpr const char* kBadLogin =
    "CTP:\xb2\xbb\xba\xcf\xb7\xa8\xb5\xc4\xb5\xc7\xc2\xbc";  // 不合法的登录
constexpr const char* kAuthFailed =
    "CTP:\xbf\xcd\xbb\xa7\xb6\xcb\xc8\xcf\xd6\xa4\xca\xa7\xb0\xdc";  // 客户端认证失败

/// What the trader and md doubles share: thread, connection state, Spi, fault hooks.
template <class Spi>
class DoubleBase : public DoubleFront::Endpoint {
 protected:
  explicit DoubleBase(const char* flow_path) { DoubleFront::instance().note_flow_path(flow_path); }
  void start() {
    DoubleFront::instance().attach(this);
    connect_later({});
  }
  void stop() {
    DoubleFront::instance().detach(this);
    worker_.stop();
  }
  /// Calls the Spi on the worker, as the vendor does: the pointer is read when it runs.
  template <class F>
  void callback(F f, std::chrono::milliseconds delay = {}) {
    worker_.post(
        [this, f]() mutable {
          if (Spi* s = spi_.load()) f(*s);
        },
        delay);
  }
  /// Scripted return code or -1 while disconnected; 0 means "send it".
  int admit(const char* what) {
    DoubleFront::instance().note(what);
    int forced = 0;
    if (DoubleFront::instance().take_forced(forced)) return forced;
    return connected_.load() ? 0 : -1;
  }
  void connect_later(std::chrono::milliseconds delay) {
    callback(
        [this](Spi& s) {
          connected_ = true;
          s.OnFrontConnected();
          DoubleFront::instance().note("OnFrontConnected");
        },
        delay);
  }
  void on_disconnect(int reason, bool reconnect) override {
    callback([this, reason](Spi& s) {
      connected_ = false;
      s.OnFrontDisconnected(reason);
    });
    if (reconnect) connect_later(std::chrono::milliseconds(20));
  }
  void on_rsp_error(int error_id, int request_id) override {
    callback([error_id, request_id](Spi& s) {
      CThostFtdcRspInfoField i = info_of(error_id, "CTP:error");
      s.OnRspError(&i, request_id, true);
    });
  }

  std::atomic<Spi*> spi_{nullptr};
  std::atomic<bool> connected_{false};
  Worker worker_;
};

class DoubleTraderApi final : public TraderApi, public DoubleBase<TraderSpi> {
 public:
  explicit DoubleTraderApi(const char* flow_path) : DoubleBase(flow_path) {}

  void RegisterSpi(TraderSpi* spi) override { spi_ = spi; }
  void RegisterFront(const char* address) override { DoubleFront::instance().note_front(address); }
  void SubscribePrivateTopic(ResumeType) override {}
  void SubscribePublicTopic(ResumeType) override {}
  void Init() override { start(); }
  void Release() override {
    stop();
    delete this;
  }
  const char* GetTradingDay() override { return "20261202"; }
  /// As GetFrontInfo would tell it: the script's query interval.
  int FrontQueryIntervalMs() override {
    const auto interval = DoubleFront::instance().script().query_interval;
    return interval.count() > 0 ? static_cast<int>(interval.count()) : -1;
  }

  int ReqAuthenticate(CThostFtdcReqAuthenticateField* f, int id) override {
    if (const int rc = admit("ReqAuthenticate")) return rc;
    const bool fails = DoubleFront::instance().script().auth_fails;
    CThostFtdcRspAuthenticateField rsp{};
    std::memcpy(rsp.UserID, f->UserID, sizeof rsp.UserID);
    reply([rsp, fails, id](TraderSpi& s) mutable {
      CThostFtdcRspInfoField i = fails ? info_of(63, kAuthFailed) : info_of(0, kOk);
      s.OnRspAuthenticate(&rsp, &i, id, true);
    });
    return 0;
  }
  int ReqUserLogin(CThostFtdcReqUserLoginField* f, int id) override {
    if (const int rc = admit("ReqUserLogin")) return rc;
    const auto script = DoubleFront::instance().script();
    auto it = script.passwords.find(f->UserID);
    const bool ok =
        script.login_error == 0 && it != script.passwords.end() && it->second == f->Password;
    const int error = script.login_error != 0 ? script.login_error : 3;
    CThostFtdcRspUserLoginField rsp{};
    std::memcpy(rsp.UserID, f->UserID, sizeof rsp.UserID);
    std::memcpy(rsp.BrokerID, f->BrokerID, sizeof rsp.BrokerID);
    std::strcpy(rsp.TradingDay, "20261202");
    rsp.FrontID = 7;
    rsp.SessionID = ++sessions_;
    std::strcpy(rsp.MaxOrderRef, "0");
    reply([rsp, ok, error, id](TraderSpi& s) mutable {
      CThostFtdcRspInfoField i = ok ? info_of(0, kOk) : info_of(error, kBadLogin);
      s.OnRspUserLogin(ok ? &rsp : nullptr, &i, id, true);
    });
    return 0;
  }
  int ReqUserLogout(CThostFtdcUserLogoutField* f, int id) override {
    if (const int rc = admit("ReqUserLogout")) return rc;
    CThostFtdcUserLogoutField rsp = *f;
    reply([rsp, id](TraderSpi& s) mutable {
      CThostFtdcRspInfoField i = info_of(0, kOk);
      s.OnRspUserLogout(&rsp, &i, id, true);
    });
    return 0;
  }
  int ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField* f, int id) override {
    if (const int rc = admit("ReqSettlementInfoConfirm")) return rc;
    CThostFtdcSettlementInfoConfirmField rsp = *f;
    reply([rsp, id](TraderSpi& s) mutable {
      CThostFtdcRspInfoField i = info_of(0, kOk);
      s.OnRspSettlementInfoConfirm(&rsp, &i, id, true);
    });
    return 0;
  }
  /// Orders rest: RtnOrder 'a', then '3' with an OrderSysID; a cancel by OrderSysID gives '5'.
  int ReqOrderInsert(CThostFtdcInputOrderField* f, int) override {
    if (const int rc = admit("ReqOrderInsert")) return rc;
    CThostFtdcOrderField order{};
    std::memcpy(order.InstrumentID, f->InstrumentID, sizeof order.InstrumentID);
    std::memcpy(order.ExchangeID, f->ExchangeID, sizeof order.ExchangeID);
    std::memcpy(order.OrderRef, f->OrderRef, sizeof order.OrderRef);
    order.LimitPrice = f->LimitPrice;
    order.Direction = f->Direction;
    order.VolumeTotalOriginal = order.VolumeTotal = f->VolumeTotalOriginal;
    order.OrderSubmitStatus = '0';
    order.OrderStatus = 'a';
    reply([order](TraderSpi& s) mutable { s.OnRtnOrder(&order); });
    std::snprintf(order.OrderSysID, sizeof order.OrderSysID, "%12d", ++order_sys_ids_);
    order.OrderSubmitStatus = '3';
    order.OrderStatus = '3';
    {
      std::lock_guard lock(orders_mutex_);
      orders_[order.OrderSysID] = order;
    }
    reply([order](TraderSpi& s) mutable { s.OnRtnOrder(&order); });
    return 0;
  }
  int ReqOrderAction(CThostFtdcInputOrderActionField* f, int id) override {
    if (const int rc = admit("ReqOrderAction")) return rc;
    std::optional<CThostFtdcOrderField> order;
    {
      std::lock_guard lock(orders_mutex_);
      if (auto it = orders_.find(f->OrderSysID);
          it != orders_.end() && it->second.OrderStatus == '3') {
        it->second.OrderStatus = '5';
        order = it->second;
      }
    }
    if (order) {
      reply([o = *order](TraderSpi& s) mutable { s.OnRtnOrder(&o); });
      return 0;
    }
    CThostFtdcInputOrderActionField a = *f;
    reply([a, id](TraderSpi& s) mutable {
      CThostFtdcRspInfoField i = info_of(25, "CTP:25");
      s.OnRspOrderAction(&a, &i, id, true);
    });
    return 0;
  }
  int ReqUserPasswordUpdate(CThostFtdcUserPasswordUpdateField* f, int id) override {
    if (const int rc = admit("ReqUserPasswordUpdate")) return rc;
    CThostFtdcUserPasswordUpdateField u = *f;
    reply([u, id](TraderSpi& s) mutable {
      CThostFtdcRspInfoField i = info_of(0, kOk);
      s.OnRspUserPasswordUpdate(&u, &i, id, true);
    });
    return 0;
  }
  int ReqQryInstrument(CThostFtdcQryInstrumentField* q, int id) override {
    if (const int rc = admit_query("ReqQryInstrument")) return rc;
    CThostFtdcInstrumentField row{};
    std::memcpy(row.InstrumentID, q->InstrumentID, sizeof row.InstrumentID);
    const std::string name = DoubleFront::instance().script().instrument_name;
    std::strncpy(row.InstrumentName, name.c_str(), sizeof row.InstrumentName - 1);
    query_reply([row, id](TraderSpi& s) mutable { s.OnRspQryInstrument(&row, nullptr, id, true); });
    return 0;
  }

#define CTPGW_DOUBLE_QUERY(req, req_struct, callback, rsp_struct)                \
  int req(CThostFtdc##req_struct##Field*, int id) override {                     \
    if (const int rc = admit_query(#req)) return rc;                             \
    query_reply([id](TraderSpi& s) { s.callback(nullptr, nullptr, id, true); }); \
    return 0;                                                                    \
  }
  CTPGW_DOUBLE_QUERY(ReqQryMaxOrderVolume, QryMaxOrderVolume, OnRspQryMaxOrderVolume, x)
  CTPGW_DOUBLE_QUERY(ReqQryOrder, QryOrder, OnRspQryOrder, x)
  CTPGW_DOUBLE_QUERY(ReqQryTrade, QryTrade, OnRspQryTrade, x)
  CTPGW_DOUBLE_QUERY(ReqQryInvestorPosition, QryInvestorPosition, OnRspQryInvestorPosition, x)
  CTPGW_DOUBLE_QUERY(ReqQryTradingAccount, QryTradingAccount, OnRspQryTradingAccount, x)
  CTPGW_DOUBLE_QUERY(ReqQryInvestor, QryInvestor, OnRspQryInvestor, x)
  CTPGW_DOUBLE_QUERY(ReqQryTradingCode, QryTradingCode, OnRspQryTradingCode, x)
  CTPGW_DOUBLE_QUERY(ReqQrySettlementInfo, QrySettlementInfo, OnRspQrySettlementInfo, x)
  CTPGW_DOUBLE_QUERY(ReqQrySettlementInfoConfirm, QrySettlementInfoConfirm,
                     OnRspQrySettlementInfoConfirm, x)
  CTPGW_DOUBLE_QUERY(ReqFromBankToFutureByFuture, ReqTransfer, OnRspFromBankToFutureByFuture, x)
  CTPGW_DOUBLE_QUERY(ReqFromFutureToBankByFuture, ReqTransfer, OnRspFromFutureToBankByFuture, x)
  CTPGW_DOUBLE_QUERY(ReqQryInstrumentMarginRate, QryInstrumentMarginRate,
                     OnRspQryInstrumentMarginRate, x)
  CTPGW_DOUBLE_QUERY(ReqQryInstrumentCommissionRate, QryInstrumentCommissionRate,
                     OnRspQryInstrumentCommissionRate, x)
  CTPGW_DOUBLE_QUERY(ReqQryExchange, QryExchange, OnRspQryExchange, x)
  CTPGW_DOUBLE_QUERY(ReqQryProduct, QryProduct, OnRspQryProduct, x)
  CTPGW_DOUBLE_QUERY(ReqQryDepthMarketData, QryDepthMarketData, OnRspQryDepthMarketData, x)
  CTPGW_DOUBLE_QUERY(ReqQryInvestorPositionDetail, QryInvestorPositionDetail,
                     OnRspQryInvestorPositionDetail, x)
  CTPGW_DOUBLE_QUERY(ReqQryExchangeMarginRate, QryExchangeMarginRate, OnRspQryExchangeMarginRate, x)
  CTPGW_DOUBLE_QUERY(ReqQryInstrumentOrderCommRate, QryInstrumentOrderCommRate,
                     OnRspQryInstrumentOrderCommRate, x)
  CTPGW_DOUBLE_QUERY(ReqQryOptionInstrTradeCost, QryOptionInstrTradeCost,
                     OnRspQryOptionInstrTradeCost, x)
  CTPGW_DOUBLE_QUERY(ReqQryOptionInstrCommRate, QryOptionInstrCommRate, OnRspQryOptionInstrCommRate,
                     x)
#undef CTPGW_DOUBLE_QUERY

  void on_push_tick(const std::string&, int count) override {
    // On the trading API a "tick" is a burst of order pushes: callbacks in flight for tests of
    // Release().
    for (int n = 0; n < count; ++n) {
      callback([](TraderSpi& s) {
        CThostFtdcOrderField o{};
        o.OrderStatus = '3';
        s.OnRtnOrder(&o);
      });
    }
  }

 private:
  ~DoubleTraderApi() override = default;

  template <class F>
  void reply(F f) {
    const auto script = DoubleFront::instance().script();
    if (script.drop_replies) return;
    callback(std::move(f), script.reply_delay);
  }
  /// The front's query flow control: one query at a time, at most one per interval.
  int admit_query(const char* what) {
    if (const int rc = admit(what)) return rc;
    const auto now = std::chrono::steady_clock::now();
    if (query_in_flight_.load()) {
      DoubleFront::instance().note("query refused");
      return -2;
    }
    if (now - last_query_ < DoubleFront::instance().script().query_interval) {
      DoubleFront::instance().note("query refused");
      return -3;
    }
    last_query_ = now;
    query_in_flight_ = true;
    return 0;
  }
  template <class F>
  void query_reply(F f) {
    reply([this, f](TraderSpi& s) mutable {
      query_in_flight_ = false;  // the front takes the next query once this one is answered
      f(s);
    });
  }

  int sessions_ = 0;
  int order_sys_ids_ = 0;
  std::mutex orders_mutex_;
  std::map<std::string, CThostFtdcOrderField> orders_;
  std::atomic<bool> query_in_flight_{false};
  std::chrono::steady_clock::time_point last_query_{};
};

class DoubleMdApi final : public MdApi, public DoubleBase<MdSpi> {
 public:
  explicit DoubleMdApi(const char* flow_path) : DoubleBase(flow_path) {}

  void RegisterSpi(MdSpi* spi) override { spi_ = spi; }
  void RegisterFront(const char* address) override { DoubleFront::instance().note_front(address); }
  void Init() override { start(); }
  void Release() override {
    stop();
    delete this;
  }
  const char* GetTradingDay() override { return "20261202"; }
  int ReqUserLogin(CThostFtdcReqUserLoginField*, int id) override {
    if (const int rc = admit("ReqUserLogin")) return rc;
    callback([id](MdSpi& s) {
      CThostFtdcRspUserLoginField rsp{};
      std::strcpy(rsp.TradingDay, "20261202");
      CThostFtdcRspInfoField i = info_of(0, kOk);
      s.OnRspUserLogin(&rsp, &i, id, true);
    });
    return 0;
  }
  int ReqUserLogout(CThostFtdcUserLogoutField*, int) override { return admit("ReqUserLogout"); }
  int SubscribeMarketData(char* ids[], int count) override {
    if (const int rc = admit("SubscribeMarketData")) return rc;
    const bool without_field = DoubleFront::instance().script().sub_without_field;
    for (int n = 0; n < count; ++n) {
      DoubleFront::instance().note(std::string("sub:") + ids[n]);
      CThostFtdcSpecificInstrumentField f{};
      std::strncpy(f.InstrumentID, ids[n], sizeof f.InstrumentID - 1);
      const bool last = n + 1 == count;
      callback([f, last, without_field](MdSpi& s) mutable {
        CThostFtdcRspInfoField i = without_field ? info_of(16, "CTP:16") : info_of(0, kOk);
        s.OnRspSubMarketData(without_field ? nullptr : &f, &i, 0, last);
      });
    }
    return 0;
  }
  int UnSubscribeMarketData(char*[], int) override { return admit("UnSubscribeMarketData"); }

  void on_push_tick(const std::string& instrument, int count) override {
    for (int n = 0; n < count; ++n) {
      callback([instrument, n](MdSpi& s) {
        CThostFtdcDepthMarketDataField t{};
        std::strncpy(t.InstrumentID, instrument.c_str(), sizeof t.InstrumentID - 1);
        t.LastPrice = 3000 + n;
        t.Volume = n;
        s.OnRtnDepthMarketData(&t);
      });
    }
  }

 private:
  ~DoubleMdApi() override = default;
};

}  // namespace

TraderApi* DoubleVendor::create_trader(const char* flow_path, bool) {
  return new DoubleTraderApi(flow_path);
}

MdApi* DoubleVendor::create_md(const char* flow_path, bool) {
  return new DoubleMdApi(flow_path);
}

}  // namespace ctpgw::testkit
