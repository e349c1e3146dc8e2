// The simulator's static reference data as CTP structs: instruments, exchanges, products and
// the instrument's own margin and commission rates. Derived from the instrument master only.
// Pure functions; any thread.
#pragma once

#include <string>
#include <vector>

#include "ctpgw/ctp_api/ctp_structs.h"
#include "ctpgw/sim/feed/instrument_master.h"

namespace ctpgw::sim {

ctp::CThostFtdcInstrumentField instrument_field(const InstrumentSpec& s);
std::vector<ctp::CThostFtdcExchangeField> exchange_fields(const InstrumentMaster& m);
std::vector<ctp::CThostFtdcProductField> product_fields(const InstrumentMaster& m);
ctp::CThostFtdcInstrumentMarginRateField margin_rate_field(const InstrumentSpec& s,
                                                           const std::string& broker,
                                                           const std::string& investor, char hedge);
ctp::CThostFtdcInstrumentCommissionRateField commission_rate_field(const InstrumentSpec& s,
                                                                   const std::string& broker,
                                                                   const std::string& investor);
ctp::CThostFtdcExchangeMarginRateField exchange_margin_rate_field(const InstrumentSpec& s,
                                                                  const std::string& broker,
                                                                  char hedge);
ctp::CThostFtdcInstrumentOrderCommRateField order_comm_rate_field(const InstrumentSpec& s,
                                                                  const std::string& broker,
                                                                  const std::string& investor);
ctp::CThostFtdcOptionInstrCommRateField option_comm_rate_field(const InstrumentSpec& s,
                                                               const std::string& broker,
                                                               const std::string& investor);
/// Option margin per lot at `price` (the simulator margins options like futures).
ctp::CThostFtdcOptionInstrTradeCostField option_trade_cost_field(const InstrumentSpec& s,
                                                                 const std::string& broker,
                                                                 const std::string& investor,
                                                                 char hedge, double price);
ctp::CThostFtdcInvestorField investor_field(const std::string& broker, const std::string& investor);
std::vector<ctp::CThostFtdcTradingCodeField> trading_code_fields(const InstrumentMaster& m,
                                                                 const std::string& broker,
                                                                 const std::string& investor);

}  // namespace ctpgw::sim
