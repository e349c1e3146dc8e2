// SimTraderApi's settlement requests (statement, confirmation) and bank-futures transfers (the
// simulator's deposits and withdrawals).
#include <cmath>
#include <cstring>
#include <vector>

#include "ctp/sim_trader_api_impl.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;

int SimTraderApi::ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField* field,
                                           int nRequestID) {
  CThostFtdcSettlementInfoConfirmField rsp = *field;
  return on_exchange(nRequestID, true,
                     [rsp, nRequestID](const std::shared_ptr<Session>& s) mutable {
                       const TimePoint now = s->exchange.clock().now();
                       const StoredConfirm confirm{trading_day(now, s->exchange.calendar()),
                                                   action_day(now), clock_text(now)};
                       const ErrorCode rc = s->counter.confirm_settlement(s->ctx, confirm);
                       if (rc == ErrorCode::None) s->ctx.settlement_confirmed = true;
                       set_text(rsp.BrokerID, s->ctx.broker_id);
                       set_text(rsp.InvestorID, s->ctx.investor_id);
                       set_text(rsp.ConfirmDate, confirm.date);
                       set_text(rsp.ConfirmTime, confirm.time);
                       set_text(rsp.CurrencyID, "CNY");
                       CThostFtdcRspInfoField info = make_rsp_info(rc);
                       deliver_or(
                           s,
                           [=](TraderSpi& spi) mutable {
                             spi.OnRspSettlementInfoConfirm(&rsp, &info, nRequestID, true);
                           },
                           [rsp, nRequestID](Session& session) mutable {
                             session.spi.call([&](TraderSpi& spi) {
                               CThostFtdcRspInfoField failed = storage_failure();
                               spi.OnRspSettlementInfoConfirm(&rsp, &failed, nRequestID, true);
                             });
                           });
                     });
}

int SimTraderApi::ReqQrySettlementInfo(CThostFtdcQrySettlementInfoField* field, int id) {
  const auto q = *field;
  return on_query(id, [q, id](const std::shared_ptr<Session>& s) {
    respond(s, &TraderSpi::OnRspQrySettlementInfo, s->counter.settlement_info(s->ctx, q.TradingDay),
            id);
  });
}

int SimTraderApi::ReqQrySettlementInfoConfirm(CThostFtdcQrySettlementInfoConfirmField*, int id) {
  return on_query(id, [id](const std::shared_ptr<Session>& s) {
    std::vector<CThostFtdcSettlementInfoConfirmField> rows;
    if (const auto c = s->counter.settlement_confirm(s->ctx.investor_id)) {
      CThostFtdcSettlementInfoConfirmField r{};
      set_text(r.BrokerID, s->ctx.broker_id);
      set_text(r.InvestorID, s->ctx.investor_id);
      set_text(r.ConfirmDate, c->date);
      set_text(r.ConfirmTime, c->time);
      r.SettlementID = 1;
      set_text(r.AccountID, s->ctx.investor_id);
      set_text(r.CurrencyID, "CNY");
      rows.push_back(r);
    }
    respond(s, &TraderSpi::OnRspQrySettlementInfoConfirm, rows, id);
  });
}

// ---- bank-futures transfers: the fund account's deposits and withdrawals --------------------

namespace {

/// What a counter reports back of a transfer: the request with its serial, dates and status, and
/// no passwords.
CThostFtdcRspTransferField transfer_report(const CThostFtdcReqTransferField& req, int serial,
                                           TimePoint now, const TradingCalendar& calendar) {
  CThostFtdcRspTransferField r{};
  static_assert(sizeof r >= sizeof req);
  std::memcpy(&r, &req, sizeof req);  // the same leading fields, in the same order
  r.ErrorID = 0;
  std::memset(r.ErrorMsg, 0, sizeof r.ErrorMsg);
  std::memset(r.BankPassWord, 0, sizeof r.BankPassWord);
  std::memset(r.Password, 0, sizeof r.Password);
  r.FutureSerial = serial;
  set_text(r.TradeDate, action_day(now));
  set_text(r.TradeTime, clock_text(now));
  set_text(r.TradingDay, trading_day(now, calendar));
  if (r.CurrencyID[0] == '\0') set_text(r.CurrencyID, "CNY");
  r.TransferStatus = '0';  // THOST_FTDC_TRFS_Normal
  return r;
}

}  // namespace

int SimTraderApi::transfer(CThostFtdcReqTransferField* field, int request_id, bool deposit) {
  CThostFtdcReqTransferField req = *field;
  return on_exchange(
      request_id, true, [req, request_id, deposit](const std::shared_ptr<Session>& s) mutable {
        // Unlike a login password, the fund password arrives in the request: keep it no longer.
        const std::string password = req.Password;
        std::memset(req.Password, 0, sizeof req.Password);
        std::memset(req.BankPassWord, 0, sizeof req.BankPassWord);
        const double amount = req.TradeAmount;
        int serial = 0;
        ErrorCode rc = ErrorCode::BadField;  // no amount, or an absurd one
        if (amount > 0 && amount <= 1e12 && std::isfinite(amount)) {
          const Money money = Money::from_yuan(amount);
          rc = s->counter.transfer(s->ctx, deposit ? money : -money, password, serial);
        }
        if (rc != ErrorCode::None) {
          CThostFtdcRspInfoField info = make_rsp_info(rc);
          deliver(s, [=](TraderSpi& spi) mutable {
            if (deposit) {
              spi.OnRspFromBankToFutureByFuture(&req, &info, request_id, true);
            } else {
              spi.OnRspFromFutureToBankByFuture(&req, &info, request_id, true);
            }
          });
          return;
        }
        // Success comes as the private flow's report, as from a CTP counter.
        CThostFtdcRspTransferField report =
            transfer_report(req, serial, s->exchange.clock().now(), s->exchange.calendar());
        deliver(s, [=](TraderSpi& spi) mutable {
          if (deposit) {
            spi.OnRtnFromBankToFutureByFuture(&report);
          } else {
            spi.OnRtnFromFutureToBankByFuture(&report);
          }
        });
      });
}

int SimTraderApi::ReqFromBankToFutureByFuture(CThostFtdcReqTransferField* field, int id) {
  return transfer(field, id, true);
}

int SimTraderApi::ReqFromFutureToBankByFuture(CThostFtdcReqTransferField* field, int id) {
  return transfer(field, id, false);
}

}  // namespace ctpgw::sim
