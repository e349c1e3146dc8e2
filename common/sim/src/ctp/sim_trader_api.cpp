#include "ctpgw/sim/ctp/sim_trader_api.h"

#include <cstring>
#include <vector>

#include "ctp/sim_trader_api_impl.h"
#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/ctp/reference_data.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;

namespace {

bool matches(const char* filter, const std::string& value) {
  return filter[0] == '\0' || value == filter;
}

}  // namespace

SimTraderApi* SimTraderApi::create(SimExchange& exchange, SimCounter& counter) {
  return new SimTraderApi(exchange, counter);
}

SimTraderApi::SimTraderApi(SimExchange& exchange, SimCounter& counter)
    : exchange_(exchange),
      counter_(counter),
      session_(std::make_shared<Session>(exchange, counter)) {}

void SimTraderApi::RegisterSpi(TraderSpi* spi) {
  session_->spi.set(spi);
}
void SimTraderApi::RegisterFront(const char*) {}
void SimTraderApi::SubscribePrivateTopic(ResumeType) {}
void SimTraderApi::SubscribePublicTopic(ResumeType) {}

void SimTraderApi::Init() {
  exchange_.post(
      [session = session_] { session->spi.call([](TraderSpi& spi) { spi.OnFrontConnected(); }); });
}

void SimTraderApi::Release() {
  session_->spi.set(nullptr);
  delete this;
}

const char* SimTraderApi::GetTradingDay() {
  trading_day_ = trading_day(exchange_.clock().now(), exchange_.calendar());
  return trading_day_.c_str();
}

int SimTraderApi::admit_query() {
  // Sim.QueriesPerSecond: a counter's query flow control (0: none). CTP's returns: -2 while the
  // session's previous query is unanswered, -3 within 1/QueriesPerSecond of the previous one.
  const int per_second = exchange_.config().queries_per_second;
  if (per_second <= 0) return 0;
  std::lock_guard lock(query_gate_);
  if (session_->query_in_flight) return -2;
  const auto now = std::chrono::steady_clock::now();
  if (last_query_ && now - *last_query_ < std::chrono::microseconds(1'000'000 / per_second)) {
    return -3;
  }
  last_query_ = now;
  session_->query_in_flight = true;
  return 0;
}

// ---- private-flow pushes ---------------------------------------------------------------------

void SimTraderApi::Session::on_rtn_order(const CThostFtdcOrderField& order) {
  CThostFtdcOrderField copy = order;
  spi.call([&](TraderSpi& s) { s.OnRtnOrder(&copy); });
}
void SimTraderApi::Session::on_rtn_trade(const CThostFtdcTradeField& trade) {
  CThostFtdcTradeField copy = trade;
  spi.call([&](TraderSpi& s) { s.OnRtnTrade(&copy); });
}
void SimTraderApi::Session::on_err_rtn_order_insert(const CThostFtdcInputOrderField& order,
                                                    const CThostFtdcRspInfoField& info) {
  CThostFtdcInputOrderField copy = order;
  CThostFtdcRspInfoField i = info;
  spi.call([&](TraderSpi& s) { s.OnErrRtnOrderInsert(&copy, &i); });
}
void SimTraderApi::Session::on_rtn_instrument_status(const CThostFtdcInstrumentStatusField& st) {
  CThostFtdcInstrumentStatusField copy = st;
  spi.call([&](TraderSpi& s) { s.OnRtnInstrumentStatus(&copy); });
}
void SimTraderApi::Session::on_err_rtn_order_action(const CThostFtdcOrderActionField& action,
                                                    const CThostFtdcRspInfoField& info) {
  CThostFtdcOrderActionField copy = action;
  CThostFtdcRspInfoField i = info;
  spi.call([&](TraderSpi& s) { s.OnErrRtnOrderAction(&copy, &i); });
}

// ---- session requests -------------------------------------------------------------------------

int SimTraderApi::ReqAuthenticate(CThostFtdcReqAuthenticateField* field, int nRequestID) {
  // Like openctp's counters, the simulator accepts any AppID/AuthCode.
  CThostFtdcRspAuthenticateField rsp{};
  set_text(rsp.BrokerID, field->BrokerID);
  set_text(rsp.UserID, field->UserID);
  set_text(rsp.UserProductInfo, field->UserProductInfo);
  set_text(rsp.AppID, field->AppID);
  rsp.AppType = '1';
  return on_exchange(
      nRequestID, false, [rsp, nRequestID](const std::shared_ptr<Session>& s) mutable {
        s->authenticated = true;
        CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
        deliver(
            s, [=](TraderSpi& spi) mutable { spi.OnRspAuthenticate(&rsp, &ok, nRequestID, true); });
      });
}

int SimTraderApi::ReqUserLogin(CThostFtdcReqUserLoginField* field, int nRequestID) {
  const CThostFtdcReqUserLoginField req = *field;
  return on_exchange(nRequestID, false, [req, nRequestID](const std::shared_ptr<Session>& s) {
    CThostFtdcRspInfoField info = make_rsp_info(ErrorCode::None);
    CThostFtdcRspUserLoginField rsp{};
    if (!s->authenticated) {
      info = make_rsp_info(ErrorCode::NotAuthent);
    } else if (const ErrorCode rc = s->counter.login(req.UserID, req.Password);
               rc != ErrorCode::None) {
      info = make_rsp_info(rc);
    } else {
      const TimePoint now = s->exchange.clock().now();
      s->logged_in = true;
      s->ctx.broker_id = req.BrokerID;
      s->ctx.investor_id = req.UserID;
      s->ctx.front_id = SimExchange::kFrontId;
      s->ctx.session_id = s->counter.next_session_id();
      s->ctx.settlement_confirmed = false;
      s->counter.attach(req.UserID, s);
      set_text(rsp.TradingDay, trading_day(now, s->exchange.calendar()));
      const std::string clock = clock_text(now);
      set_text(rsp.LoginTime, clock);
      set_text(rsp.BrokerID, req.BrokerID);
      set_text(rsp.UserID, req.UserID);
      set_text(rsp.SystemName, "ctpgw-sim");
      rsp.FrontID = s->ctx.front_id;
      rsp.SessionID = s->ctx.session_id;
      set_text(rsp.MaxOrderRef, s->counter.max_order_ref(s->ctx));
      for (char* t :
           {rsp.SHFETime, rsp.DCETime, rsp.CZCETime, rsp.FFEXTime, rsp.INETime, rsp.GFEXTime}) {
        copy_text(t, sizeof rsp.SHFETime, clock);
      }
      set_text(rsp.SysVersion, "ctpgw-sim 0.1");
    }
    const bool ok = info.ErrorID == 0;
    deliver_or(
        s,
        [=](TraderSpi& spi) mutable {
          spi.OnRspUserLogin(ok ? &rsp : nullptr, &info, nRequestID, true);
        },
        [nRequestID](Session& session) {
          // The new account was not stored: this login did not happen.
          session.logged_in = false;
          session.spi.call([&](TraderSpi& spi) {
            CThostFtdcRspInfoField failed = storage_failure();
            spi.OnRspUserLogin(nullptr, &failed, nRequestID, true);
          });
        });
  });
}

int SimTraderApi::ReqUserLogout(CThostFtdcUserLogoutField* field, int nRequestID) {
  CThostFtdcUserLogoutField rsp = *field;
  return on_exchange(
      nRequestID, false, [rsp, nRequestID](const std::shared_ptr<Session>& s) mutable {
        // A logged-out session receives none of the account's pushes any more.
        if (s->logged_in) s->counter.detach(s->ctx.investor_id, s);
        s->logged_in = false;
        CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
        deliver(s,
                [=](TraderSpi& spi) mutable { spi.OnRspUserLogout(&rsp, &ok, nRequestID, true); });
      });
}

int SimTraderApi::ReqUserPasswordUpdate(CThostFtdcUserPasswordUpdateField* field, int nRequestID) {
  CThostFtdcUserPasswordUpdateField req = *field;
  return on_exchange(
      nRequestID, true, [req, nRequestID](const std::shared_ptr<Session>& s) mutable {
        ErrorCode rc = ErrorCode::ChangeOtherPassword;
        if (req.UserID[0] == '\0' || s->ctx.investor_id == req.UserID) {
          rc = s->counter.change_password(s->ctx.investor_id, req.OldPassword, req.NewPassword);
        }
        CThostFtdcRspInfoField info = make_rsp_info(rc);
        deliver_or(
            s,
            [=](TraderSpi& spi) mutable {
              spi.OnRspUserPasswordUpdate(&req, &info, nRequestID, true);
            },
            [req, nRequestID](Session& session) mutable {
              session.spi.call([&](TraderSpi& spi) {
                CThostFtdcRspInfoField failed = storage_failure();
                spi.OnRspUserPasswordUpdate(&req, &failed, nRequestID, true);
              });
            });
      });
}

// ---- orders
// ---------------------------------------------------------------------------------------

int SimTraderApi::ReqOrderInsert(CThostFtdcInputOrderField* field, int nRequestID) {
  const CThostFtdcInputOrderField order = *field;
  return on_exchange(nRequestID, true, [order, nRequestID](const std::shared_ptr<Session>& s) {
    s->counter.insert_order(
        s->ctx, order, nRequestID,
        // Called from the counter's outbox, already in order after the commit.
        [s, nRequestID](const CThostFtdcInputOrderField& in, const CThostFtdcRspInfoField& info) {
          CThostFtdcInputOrderField o = in;
          CThostFtdcRspInfoField i = info;
          s->spi.call([&](TraderSpi& spi) { spi.OnRspOrderInsert(&o, &i, nRequestID, true); });
        });
  });
}

int SimTraderApi::ReqOrderAction(CThostFtdcInputOrderActionField* field, int nRequestID) {
  const CThostFtdcInputOrderActionField action = *field;
  return on_exchange(nRequestID, true, [action, nRequestID](const std::shared_ptr<Session>& s) {
    s->counter.cancel_order(
        s->ctx, action,
        [s, nRequestID](const CThostFtdcInputOrderActionField& in,
                        const CThostFtdcRspInfoField& info) {
          CThostFtdcInputOrderActionField a = in;
          CThostFtdcRspInfoField i = info;
          s->spi.call([&](TraderSpi& spi) { spi.OnRspOrderAction(&a, &i, nRequestID, true); });
        });
  });
}

// ---- account queries
// --------------------------------------------------------------------------------

int SimTraderApi::ReqQryOrder(CThostFtdcQryOrderField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    respond(s, &TraderSpi::OnRspQryOrder, s->counter.query_orders(s->ctx, q), id);
  });
}

int SimTraderApi::ReqQryTrade(CThostFtdcQryTradeField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    respond(s, &TraderSpi::OnRspQryTrade, s->counter.query_trades(s->ctx, q), id);
  });
}

int SimTraderApi::ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    respond(s, &TraderSpi::OnRspQryInvestorPosition, s->counter.query_positions(s->ctx, q), id);
  });
}

int SimTraderApi::ReqQryInvestorPositionDetail(CThostFtdcQryInvestorPositionDetailField* field,
                                               int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    respond(s, &TraderSpi::OnRspQryInvestorPositionDetail,
            s->counter.query_position_details(s->ctx, q), id);
  });
}

int SimTraderApi::ReqQryTradingAccount(CThostFtdcQryTradingAccountField*, int id) {
  return on_query(id, [id](const std::shared_ptr<Session>& s) {
    respond(s, &TraderSpi::OnRspQryTradingAccount,
            std::vector<CThostFtdcTradingAccountField>{s->counter.query_account(s->ctx)}, id);
  });
}

int SimTraderApi::ReqQryMaxOrderVolume(CThostFtdcQryMaxOrderVolumeField* field, int id) {
  auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) mutable {
    CThostFtdcRspInfoField info = make_rsp_info(ErrorCode::None);
    if (s->exchange.instruments().find(q.InstrumentID) == nullptr) {
      info = make_rsp_info(ErrorCode::InstrumentNotFound);
    } else {
      q.MaxVolume = s->counter.max_order_volume(s->ctx, q);
    }
    deliver(s, [=](TraderSpi& spi) mutable { spi.OnRspQryMaxOrderVolume(&q, &info, id, true); });
  });
}

int SimTraderApi::ReqQryInvestor(CThostFtdcQryInvestorField*, int id) {
  return on_query(id, [id](const std::shared_ptr<Session>& s) {
    respond(
        s, &TraderSpi::OnRspQryInvestor,
        std::vector<CThostFtdcInvestorField>{investor_field(s->ctx.broker_id, s->ctx.investor_id)},
        id);
  });
}

int SimTraderApi::ReqQryTradingCode(CThostFtdcQryTradingCodeField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    auto rows =
        trading_code_fields(s->exchange.instruments(), s->ctx.broker_id, s->ctx.investor_id);
    std::erase_if(rows, [&](const auto& r) { return !matches(q.ExchangeID, r.ExchangeID); });
    respond(s, &TraderSpi::OnRspQryTradingCode, rows, id);
  });
}

// ---- reference-data queries
// ------------------------------------------------------------------------------

namespace {
template <class Query>
std::vector<const InstrumentSpec*> select_instruments(const InstrumentMaster& m, const Query& q) {
  std::vector<const InstrumentSpec*> out;
  for (const InstrumentSpec& s : m.all()) {
    if (matches(q.InstrumentID, s.id)) out.push_back(&s);
  }
  return out;
}
}  // namespace

int SimTraderApi::ReqQryInstrument(CThostFtdcQryInstrumentField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcInstrumentField> rows;
    for (const InstrumentSpec& sp : s->exchange.instruments().all()) {
      if (matches(q.InstrumentID, sp.id) && matches(q.ExchangeID, sp.exchange) &&
          matches(q.ProductID, sp.product) && matches(q.ExchangeInstID, sp.id)) {
        rows.push_back(instrument_field(sp));
      }
    }
    respond(s, &TraderSpi::OnRspQryInstrument, rows, id);
  });
}

int SimTraderApi::ReqQryExchange(CThostFtdcQryExchangeField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    auto rows = exchange_fields(s->exchange.instruments());
    std::erase_if(rows, [&](const auto& r) { return !matches(q.ExchangeID, r.ExchangeID); });
    respond(s, &TraderSpi::OnRspQryExchange, rows, id);
  });
}

int SimTraderApi::ReqQryProduct(CThostFtdcQryProductField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    auto rows = product_fields(s->exchange.instruments());
    std::erase_if(rows, [&](const auto& r) {
      return !matches(q.ExchangeID, r.ExchangeID) || !matches(q.ProductID, r.ProductID) ||
             (q.ProductClass != '\0' && q.ProductClass != r.ProductClass);
    });
    respond(s, &TraderSpi::OnRspQryProduct, rows, id);
  });
}

int SimTraderApi::ReqQryDepthMarketData(CThostFtdcQryDepthMarketDataField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcDepthMarketDataField> rows;
    MarketFeed& feed = s->exchange.feed();
    const std::int64_t now = s->exchange.current_index();
    for (const InstrumentSpec& sp : s->exchange.instruments().all()) {
      if (!matches(q.InstrumentID, sp.id) || !matches(q.ExchangeID, sp.exchange)) continue;
      if (q.ProductClass != '\0' && q.ProductClass != sp.product_class) continue;
      CThostFtdcDepthMarketDataField md;
      feed.to_ctp(sp, feed.tick(sp, feed.last_trading_index(sp, now).value_or(now)), md);
      rows.push_back(md);
    }
    respond(s, &TraderSpi::OnRspQryDepthMarketData, rows, id);
  });
}

int SimTraderApi::ReqQryInstrumentMarginRate(CThostFtdcQryInstrumentMarginRateField* field,
                                             int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcInstrumentMarginRateField> rows;
    for (const InstrumentSpec* sp : select_instruments(s->exchange.instruments(), q)) {
      if (matches(q.ExchangeID, sp->exchange)) {
        rows.push_back(margin_rate_field(*sp, s->ctx.broker_id, s->ctx.investor_id, q.HedgeFlag));
      }
    }
    respond(s, &TraderSpi::OnRspQryInstrumentMarginRate, rows, id);
  });
}

int SimTraderApi::ReqQryInstrumentCommissionRate(CThostFtdcQryInstrumentCommissionRateField* field,
                                                 int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcInstrumentCommissionRateField> rows;
    for (const InstrumentSpec* sp : select_instruments(s->exchange.instruments(), q)) {
      if (matches(q.ExchangeID, sp->exchange)) {
        rows.push_back(commission_rate_field(*sp, s->ctx.broker_id, s->ctx.investor_id));
      }
    }
    respond(s, &TraderSpi::OnRspQryInstrumentCommissionRate, rows, id);
  });
}

int SimTraderApi::ReqQryExchangeMarginRate(CThostFtdcQryExchangeMarginRateField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcExchangeMarginRateField> rows;
    for (const InstrumentSpec* sp : select_instruments(s->exchange.instruments(), q)) {
      if (matches(q.ExchangeID, sp->exchange)) {
        rows.push_back(exchange_margin_rate_field(*sp, s->ctx.broker_id, q.HedgeFlag));
      }
    }
    respond(s, &TraderSpi::OnRspQryExchangeMarginRate, rows, id);
  });
}

int SimTraderApi::ReqQryInstrumentOrderCommRate(CThostFtdcQryInstrumentOrderCommRateField* field,
                                                int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcInstrumentOrderCommRateField> rows;
    for (const InstrumentSpec* sp : select_instruments(s->exchange.instruments(), q)) {
      rows.push_back(order_comm_rate_field(*sp, s->ctx.broker_id, s->ctx.investor_id));
    }
    respond(s, &TraderSpi::OnRspQryInstrumentOrderCommRate, rows, id);
  });
}

int SimTraderApi::ReqQryOptionInstrTradeCost(CThostFtdcQryOptionInstrTradeCostField* field,
                                             int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcOptionInstrTradeCostField> rows;
    MarketFeed& feed = s->exchange.feed();
    const std::int64_t now = s->exchange.current_index();
    for (const InstrumentSpec* sp : select_instruments(s->exchange.instruments(), q)) {
      if (sp->product_class != '2' || !matches(q.ExchangeID, sp->exchange)) continue;
      const double price =
          q.InputPrice > 0
              ? q.InputPrice
              : sp->to_price(feed.tick(*sp, feed.last_trading_index(*sp, now).value_or(now)).last);
      rows.push_back(
          option_trade_cost_field(*sp, s->ctx.broker_id, s->ctx.investor_id, q.HedgeFlag, price));
    }
    respond(s, &TraderSpi::OnRspQryOptionInstrTradeCost, rows, id);
  });
}

int SimTraderApi::ReqQryOptionInstrCommRate(CThostFtdcQryOptionInstrCommRateField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcOptionInstrCommRateField> rows;
    for (const InstrumentSpec* sp : select_instruments(s->exchange.instruments(), q)) {
      if (sp->product_class != '2' || !matches(q.ExchangeID, sp->exchange)) continue;
      rows.push_back(option_comm_rate_field(*sp, s->ctx.broker_id, s->ctx.investor_id));
    }
    respond(s, &TraderSpi::OnRspQryOptionInstrCommRate, rows, id);
  });
}

}  // namespace ctpgw::sim
