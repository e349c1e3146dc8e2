#include "ctpgw/sim/ctp/sim_md_api.h"

#include <vector>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/sim/feed/china_time.h"
#include "ctpgw/sim/feed/trading_calendar.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;

SimMdApi* SimMdApi::create(SimExchange& exchange) {
  return new SimMdApi(exchange);
}

SimMdApi::SimMdApi(SimExchange& exchange)
    : exchange_(exchange), session_(std::make_shared<Session>(exchange)) {}

void SimMdApi::RegisterSpi(MdSpi* spi) {
  session_->spi.set(spi);
}
void SimMdApi::RegisterFront(const char*) {}

void SimMdApi::Init() {
  exchange_.post([session = session_] {
    session->exchange.add_feed_subscriber(session);
    session->spi.call([](MdSpi& spi) { spi.OnFrontConnected(); });
  });
}

void SimMdApi::Release() {
  session_->spi.set(nullptr);
  delete this;
}

const char* SimMdApi::GetTradingDay() {
  trading_day_ = trading_day(exchange_.clock().now(), exchange_.calendar());
  return trading_day_.c_str();
}

int SimMdApi::ReqUserLogin(CThostFtdcReqUserLoginField* field, int nRequestID) {
  CThostFtdcReqUserLoginField req = *field;
  on_exchange([req, nRequestID](Session& s) {
    // Market-data fronts accept any credentials, as real CTP md fronts do.
    const TimePoint now = s.exchange.clock().now();
    CThostFtdcRspUserLoginField rsp{};
    set_text(rsp.TradingDay, trading_day(now, s.exchange.calendar()));
    set_text(rsp.LoginTime, clock_text(now));
    set_text(rsp.BrokerID, req.BrokerID);
    set_text(rsp.UserID, req.UserID);
    set_text(rsp.SystemName, "ctpgw-sim-md");
    set_text(rsp.SysVersion, "ctpgw-sim 0.1");
    s.logged_in = true;
    CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
    s.spi.call([&](MdSpi& spi) { spi.OnRspUserLogin(&rsp, &ok, nRequestID, true); });
  });
  return 0;
}

int SimMdApi::ReqUserLogout(CThostFtdcUserLogoutField* field, int nRequestID) {
  CThostFtdcUserLogoutField rsp = *field;
  on_exchange([rsp, nRequestID](Session& s) mutable {
    s.logged_in = false;
    s.subscribed.clear();
    CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
    s.spi.call([&](MdSpi& spi) { spi.OnRspUserLogout(&rsp, &ok, nRequestID, true); });
  });
  return 0;
}

namespace {
std::vector<std::string> copy_ids(char* ids[], int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    if (ids[i] != nullptr) out.emplace_back(ids[i]);
  }
  return out;
}
}  // namespace

int SimMdApi::SubscribeMarketData(char* ppInstrumentID[], int nCount) {
  if (ppInstrumentID == nullptr || nCount <= 0) return -1;
  on_exchange([ids = copy_ids(ppInstrumentID, nCount)](Session& s) {
    const std::int64_t now = s.exchange.current_index();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const InstrumentSpec* spec = s.exchange.instruments().find(ids[i]);
      CThostFtdcSpecificInstrumentField rsp{};
      set_text(rsp.InstrumentID, ids[i]);
      CThostFtdcRspInfoField info = make_rsp_info(
          !s.logged_in ? ErrorCode::NotLoginYet
                       : (spec == nullptr ? ErrorCode::InstrumentNotFound : ErrorCode::None));
      const bool ok = info.ErrorID == 0;
      if (ok) s.subscribed.try_emplace(ids[i]);
      s.spi.call([&](MdSpi& spi) { spi.OnRspSubMarketData(&rsp, &info, 0, i + 1 == ids.size()); });
      // Like a CTP front, a new subscription gets the current snapshot right away.
      if (ok) s.push_tick(*spec, now);
    }
  });
  return 0;
}

int SimMdApi::UnSubscribeMarketData(char* ppInstrumentID[], int nCount) {
  if (ppInstrumentID == nullptr || nCount <= 0) return -1;
  on_exchange([ids = copy_ids(ppInstrumentID, nCount)](Session& s) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CThostFtdcSpecificInstrumentField rsp{};
      set_text(rsp.InstrumentID, ids[i]);
      s.subscribed.erase(ids[i]);
      CThostFtdcRspInfoField ok = make_rsp_info(ErrorCode::None);
      s.spi.call([&](MdSpi& spi) { spi.OnRspUnSubMarketData(&rsp, &ok, 0, i + 1 == ids.size()); });
    }
  });
  return 0;
}

void SimMdApi::Session::push_tick(const InstrumentSpec& spec, std::int64_t index) {
  const auto at = exchange.feed().last_trading_index(spec, index);
  if (at) send(spec, *at, subscribed[spec.id]);
}

void SimMdApi::Session::send(const InstrumentSpec& spec, std::int64_t index, Pushed& pushed) {
  MarketFeed& feed = exchange.feed();
  pushed.last = index;
  if (index > pushed.day_end) pushed.day_end = feed.last_tick_of_day(spec, index);
  CThostFtdcDepthMarketDataField md;
  feed.to_ctp(spec, feed.tick(spec, index), md);
  if (exchange.config().stamp_curr_delta)
    md.CurrDelta = seconds_since_china_midnight(SystemClock().now());
  spi.call([&](MdSpi& s) { s.OnRtnDepthMarketData(&md); });
}

void SimMdApi::Session::on_feed_tick(std::int64_t index) {
  if (!logged_in) return;
  MarketFeed& feed = exchange.feed();
  for (auto& [id, pushed] : subscribed) {
    const InstrumentSpec* spec = exchange.instruments().find(id);
    if (spec == nullptr) continue;
    // The day ended since the last push and its last tick (close, settlement) was skipped.
    if (pushed.last >= 0 && pushed.day_end > pushed.last && pushed.day_end < index) {
      send(*spec, pushed.day_end, pushed);
    }
    if (index <= pushed.last) continue;
    if (feed.trading(*spec, index)) {
      send(*spec, index, pushed);
    } else if (feed.phase(*spec, index) == Phase::AuctionMatch &&
               (pushed.last < 0 || feed.phase(*spec, pushed.last) != Phase::AuctionMatch)) {
      // The opening auction's result, once, in its match minute: the opening price.
      send(*spec, index, pushed);
    }
  }
}

}  // namespace ctpgw::sim
