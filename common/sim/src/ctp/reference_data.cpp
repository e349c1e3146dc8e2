#include "ctpgw/sim/ctp/reference_data.h"

#include <cstdlib>
#include <set>

#include "ctpgw/ctp_api/error_codes.h"
#include "ctpgw/ctp_api/gb18030.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;

namespace {
const char* exchange_name(const std::string& id) {
  if (id == "SHFE") return "上海期货交易所";
  if (id == "INE") return "上海国际能源交易中心";
  if (id == "DCE") return "大连商品交易所";
  if (id == "CZCE") return "郑州商品交易所";
  if (id == "CFFEX") return "中国金融期货交易所";
  if (id == "GFEX") return "广州期货交易所";
  return "";
}
// Futures and option commission rows carry the same rate members.
template <class Row>
void fill_commission(Row& f, const InstrumentSpec& s, const std::string& broker,
                     const std::string& investor) {
  f.InvestorRange = '1';
  set_text(f.BrokerID, broker);
  set_text(f.InvestorID, investor);
  f.OpenRatioByMoney = s.open_by_money;
  f.OpenRatioByVolume = s.open_by_volume;
  f.CloseRatioByMoney = s.close_by_money;
  f.CloseRatioByVolume = s.close_by_volume;
  f.CloseTodayRatioByMoney = s.close_today_by_money;
  f.CloseTodayRatioByVolume = s.close_today_by_volume;
  set_text(f.ExchangeID, s.exchange);
}

}  // namespace

CThostFtdcInstrumentField instrument_field(const InstrumentSpec& s) {
  CThostFtdcInstrumentField f{};
  set_text(f.InstrumentID, s.id);
  set_text(f.ExchangeID, s.exchange);
  set_gb_text(f.InstrumentName, s.name);
  set_text(f.ExchangeInstID, s.id);
  set_text(f.ProductID, s.product);
  f.ProductClass = s.product_class;
  if (s.expire_date.size() == 8) {
    f.DeliveryYear = std::atoi(s.expire_date.substr(0, 4).c_str());
    f.DeliveryMonth = std::atoi(s.expire_date.substr(4, 2).c_str());
  }
  f.MaxMarketOrderVolume = s.max_market_volume;
  f.MinMarketOrderVolume = 1;
  f.MaxLimitOrderVolume = s.max_limit_volume;
  f.MinLimitOrderVolume = s.min_limit_volume;
  f.VolumeMultiple = s.multiplier;
  f.PriceTick = s.price_tick;
  set_text(f.ExpireDate, s.expire_date);
  set_text(f.StartDelivDate, s.expire_date);
  set_text(f.EndDelivDate, s.expire_date);
  f.InstLifePhase = '1';
  f.IsTrading = 1;
  f.PositionType = '2';
  f.PositionDateType = s.uses_close_today() ? '1' : '2';
  f.LongMarginRatio = s.margin_ratio;
  f.ShortMarginRatio = s.margin_ratio;
  f.MaxMarginSideAlgorithm = '0';
  f.StrikePrice = s.strike;
  f.OptionsType = s.options_type;
  f.UnderlyingMultiple = s.product_class == '2' ? 1.0 : 0.0;
  set_text(f.UnderlyingInstrID, s.underlying);
  return f;
}

std::vector<CThostFtdcExchangeField> exchange_fields(const InstrumentMaster& m) {
  std::vector<CThostFtdcExchangeField> out;
  for (const std::string& id : m.exchanges()) {
    CThostFtdcExchangeField f{};
    set_text(f.ExchangeID, id);
    set_gb_text(f.ExchangeName, exchange_name(id));
    f.ExchangeProperty = '0';
    out.push_back(f);
  }
  return out;
}

std::vector<CThostFtdcProductField> product_fields(const InstrumentMaster& m) {
  std::vector<CThostFtdcProductField> out;
  std::set<std::string> seen;
  for (const InstrumentSpec& s : m.all()) {
    if (!seen.insert(s.exchange + "/" + s.product).second) continue;
    CThostFtdcProductField f{};
    set_text(f.ProductID, s.product);
    set_gb_text(f.ProductName, s.name.substr(0, s.name.find_first_of("0123456789")));
    set_text(f.ExchangeID, s.exchange);
    f.ProductClass = s.product_class;
    f.VolumeMultiple = s.multiplier;
    f.PriceTick = s.price_tick;
    f.MaxMarketOrderVolume = s.max_market_volume;
    f.MinMarketOrderVolume = 1;
    f.MaxLimitOrderVolume = s.max_limit_volume;
    f.MinLimitOrderVolume = s.min_limit_volume;
    f.PositionType = '2';
    f.PositionDateType = s.uses_close_today() ? '1' : '2';
    f.CloseDealType = '0';
    set_text(f.TradeCurrencyID, "CNY");
    f.MortgageFundUseRange = '0';
    f.UnderlyingMultiple = 1;
    set_text(f.ExchangeProductID, s.product);
    out.push_back(f);
  }
  return out;
}

CThostFtdcInstrumentMarginRateField margin_rate_field(const InstrumentSpec& s,
                                                      const std::string& broker,
                                                      const std::string& investor, char hedge) {
  CThostFtdcInstrumentMarginRateField f{};
  f.InvestorRange = '1';
  set_text(f.BrokerID, broker);
  set_text(f.InvestorID, investor);
  f.HedgeFlag = hedge == '\0' ? '1' : hedge;
  f.LongMarginRatioByMoney = s.margin_ratio;
  f.ShortMarginRatioByMoney = s.margin_ratio;
  f.IsRelative = 0;
  set_text(f.ExchangeID, s.exchange);
  set_text(f.InstrumentID, s.id);
  return f;
}

CThostFtdcInstrumentCommissionRateField commission_rate_field(const InstrumentSpec& s,
                                                              const std::string& broker,
                                                              const std::string& investor) {
  CThostFtdcInstrumentCommissionRateField f{};
  fill_commission(f, s, broker, investor);
  f.BizType = '1';
  set_text(f.InstrumentID, s.id);
  return f;
}

CThostFtdcExchangeMarginRateField exchange_margin_rate_field(const InstrumentSpec& s,
                                                             const std::string& broker,
                                                             char hedge) {
  CThostFtdcExchangeMarginRateField f{};
  set_text(f.BrokerID, broker);
  f.HedgeFlag = hedge == '\0' ? '1' : hedge;
  f.LongMarginRatioByMoney = s.margin_ratio;
  f.ShortMarginRatioByMoney = s.margin_ratio;
  set_text(f.ExchangeID, s.exchange);
  set_text(f.InstrumentID, s.id);
  return f;
}

CThostFtdcInstrumentOrderCommRateField order_comm_rate_field(const InstrumentSpec& s,
                                                             const std::string& broker,
                                                             const std::string& investor) {
  CThostFtdcInstrumentOrderCommRateField f{};
  f.InvestorRange = '1';
  set_text(f.BrokerID, broker);
  set_text(f.InvestorID, investor);
  f.HedgeFlag = '1';
  set_text(f.ExchangeID, s.exchange);
  set_text(f.InstrumentID, s.id);
  return f;  // the simulator charges no order or cancel fees
}

CThostFtdcOptionInstrCommRateField option_comm_rate_field(const InstrumentSpec& s,
                                                          const std::string& broker,
                                                          const std::string& investor) {
  CThostFtdcOptionInstrCommRateField f{};
  fill_commission(f, s, broker, investor);
  set_text(f.InstrumentID, s.id);
  return f;
}

CThostFtdcOptionInstrTradeCostField option_trade_cost_field(const InstrumentSpec& s,
                                                            const std::string& broker,
                                                            const std::string& investor, char hedge,
                                                            double price) {
  CThostFtdcOptionInstrTradeCostField f{};
  set_text(f.BrokerID, broker);
  set_text(f.InvestorID, investor);
  f.HedgeFlag = hedge == '\0' ? '1' : hedge;
  f.FixedMargin = price * s.multiplier * s.margin_ratio;
  f.MiniMargin = f.FixedMargin;
  f.Royalty = price * s.multiplier;
  f.ExchFixedMargin = f.FixedMargin;
  f.ExchMiniMargin = f.MiniMargin;
  set_text(f.ExchangeID, s.exchange);
  set_text(f.InstrumentID, s.id);
  return f;
}

CThostFtdcInvestorField investor_field(const std::string& broker, const std::string& investor) {
  CThostFtdcInvestorField f{};
  set_text(f.InvestorID, investor);
  set_text(f.BrokerID, broker);
  set_text(f.InvestorGroupID, "sim");
  set_gb_text(f.InvestorName, "模拟投资者" + investor);
  f.IdentifiedCardType = 'x';
  f.IsActive = 1;
  set_text(f.OpenDate, "20240101");
  set_text(f.CommModelID, "sim");
  set_text(f.MarginModelID, "sim");
  f.IsOrderFreq = '0';
  f.IsOpenVolLimit = '0';
  return f;
}

std::vector<CThostFtdcTradingCodeField> trading_code_fields(const InstrumentMaster& m,
                                                            const std::string& broker,
                                                            const std::string& investor) {
  std::vector<CThostFtdcTradingCodeField> out;
  for (const std::string& ex : m.exchanges()) {
    CThostFtdcTradingCodeField f{};
    set_text(f.InvestorID, investor);
    set_text(f.BrokerID, broker);
    set_text(f.ExchangeID, ex);
    set_text(f.ClientID, investor);
    f.IsActive = 1;
    f.ClientIDType = '1';
    f.BizType = '1';
    out.push_back(f);
  }
  return out;
}

}  // namespace ctpgw::sim
