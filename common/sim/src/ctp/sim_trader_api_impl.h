// The SimTraderApi's request plumbing, shared by its source files (internal to common/sim):
// running a request on the exchange thread, answering it after the batch's commit, answering
// queries row by row.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/ctp/sim_trader_api.h"

namespace ctpgw::sim {

// Every answer goes through the counter: with group commit it leaves after the batch's commit,
// in order with the account's pushes. An answer that does not depend on the batch being
// durable (an error) leaves either way.
template <class F>
void SimTraderApi::deliver(const std::shared_ptr<Session>& s, F f) {
  s->counter.defer([s, f]() mutable { s->spi.call(f); }, [s, f]() mutable { s->spi.call(f); });
}

/// A success answer that must not leave if the batch could not be committed: `failed` instead.
template <class F, class G>
void SimTraderApi::deliver_or(const std::shared_ptr<Session>& s, F f, G failed) {
  s->counter.defer([s, f = std::move(f)]() mutable { s->spi.call(f); },
                   [s, failed = std::move(failed)]() mutable { failed(*s); });
}

inline ctp::CThostFtdcRspInfoField storage_failure() {
  return ctp::make_rsp_info(SimCounter::kStorageFailure);
}

/// Answers a query: one callback per row, the last with bIsLast; none -> one empty callback.
template <class Row, class Callback>
void SimTraderApi::respond(const std::shared_ptr<Session>& s, Callback callback,
                           std::vector<Row> rows, int request_id) {
  deliver_or(
      s,
      [callback, rows = std::move(rows), request_id](ctp::TraderSpi& spi) mutable {
        if (rows.empty()) {
          (spi.*callback)(nullptr, nullptr, request_id, true);
          return;
        }
        for (std::size_t i = 0; i < rows.size(); ++i) {
          (spi.*callback)(&rows[i], nullptr, request_id, i + 1 == rows.size());
        }
      },
      // The rows may show changes that were just rolled back.
      [request_id](Session& session) {
        session.spi.call([&](ctp::TraderSpi& spi) {
          ctp::CThostFtdcRspInfoField info = storage_failure();
          spi.OnRspError(&info, request_id, true);
        });
      });
}

template <class F>
int SimTraderApi::on_exchange(int request_id, bool logged_in_only, F&& f) {
  exchange_.post(
      [session = session_, request_id, logged_in_only, f = std::forward<F>(f)]() mutable {
        // Requests are handled in order: any query admitted before this one is answered now.
        session->query_in_flight = false;
        if (logged_in_only && !session->logged_in) {
          deliver(session, [request_id](ctp::TraderSpi& spi) {
            ctp::CThostFtdcRspInfoField info = ctp::make_rsp_info(ctp::ErrorCode::NotLoginYet);
            spi.OnRspError(&info, request_id, true);
          });
          return;
        }
        f(session);
      });
  return 0;
}

template <class F>
int SimTraderApi::on_query(int request_id, F&& f) {
  if (const int rc = admit_query(); rc != 0) return rc;
  return on_exchange(request_id, true, std::forward<F>(f));
}

}  // namespace ctpgw::sim
