#include "ctpgw/protocol/ctp_flags.h"

#include <array>

namespace ctpgw::protocol {
namespace {

constexpr std::array kDirection{FlagValue{'0', "Buy"}, FlagValue{'1', "Sell"}};
constexpr std::array kOffset{FlagValue{'0', "Open"},           FlagValue{'1', "Close"},
                             FlagValue{'2', "ForceClose"},     FlagValue{'3', "CloseToday"},
                             FlagValue{'4', "CloseYesterday"}, FlagValue{'5', "ForceOff"},
                             FlagValue{'6', "LocalForceClose"}};
constexpr std::array kHedge{FlagValue{'1', "Speculation"}, FlagValue{'2', "Arbitrage"},
                            FlagValue{'3', "Hedge"},       FlagValue{'5', "MarketMaker"},
                            FlagValue{'6', "SpecHedge"},   FlagValue{'7', "HedgeSpec"}};
constexpr std::array kPriceType{FlagValue{'1', "AnyPrice (market)"}, FlagValue{'2', "LimitPrice"},
                                FlagValue{'3', "BestPrice"}, FlagValue{'4', "LastPrice"}};
constexpr std::array kTimeCondition{
    FlagValue{'1', "IOC: immediate or cancel"}, FlagValue{'2', "GFS: good for session"},
    FlagValue{'3', "GFD: good for day"},        FlagValue{'4', "GTD: good till date"},
    FlagValue{'5', "GTC: good till cancelled"}, FlagValue{'6', "GFA: good for auction"}};
constexpr std::array kVolumeCondition{FlagValue{'1', "AV: any volume"},
                                      FlagValue{'2', "MV: at least MinVolume"},
                                      FlagValue{'3', "CV: complete volume"}};
constexpr std::array kContingent{FlagValue{'1', "Immediately"},
                                 FlagValue{'2', "Touch"},
                                 FlagValue{'3', "TouchProfit"},
                                 FlagValue{'4', "ParkedOrder"},
                                 FlagValue{'5', "LastPriceGreaterThanStopPrice"},
                                 FlagValue{'6', "LastPriceGreaterEqualStopPrice"},
                                 FlagValue{'7', "LastPriceLesserThanStopPrice"},
                                 FlagValue{'8', "LastPriceLesserEqualStopPrice"}};
constexpr std::array kForceClose{FlagValue{'0', "NotForceClose"},
                                 FlagValue{'1', "LackDeposit"},
                                 FlagValue{'2', "ClientOverPositionLimit"},
                                 FlagValue{'3', "MemberOverPositionLimit"},
                                 FlagValue{'4', "NotMultiple"},
                                 FlagValue{'5', "Violation"},
                                 FlagValue{'6', "Other"},
                                 FlagValue{'7', "PersonDeliv"}};
constexpr std::array kActionFlag{FlagValue{'0', "Delete (cancel)"}, FlagValue{'3', "Modify"}};
constexpr std::array kOrderStatus{FlagValue{'0', "AllTraded"},
                                  FlagValue{'1', "PartTradedQueueing"},
                                  FlagValue{'2', "PartTradedNotQueueing"},
                                  FlagValue{'3', "NoTradeQueueing"},
                                  FlagValue{'4', "NoTradeNotQueueing"},
                                  FlagValue{'5', "Canceled"},
                                  FlagValue{'a', "Unknown (not yet accepted)"},
                                  FlagValue{'b', "NotTouched"},
                                  FlagValue{'c', "Touched"}};
constexpr std::array kSubmitStatus{
    FlagValue{'0', "InsertSubmitted"}, FlagValue{'1', "CancelSubmitted"},
    FlagValue{'2', "ModifySubmitted"}, FlagValue{'3', "Accepted"},
    FlagValue{'4', "InsertRejected"},  FlagValue{'5', "CancelRejected"},
    FlagValue{'6', "ModifyRejected"}};
constexpr std::array kPosiDirection{FlagValue{'1', "Net"}, FlagValue{'2', "Long"},
                                    FlagValue{'3', "Short"}};
constexpr std::array kPositionDate{FlagValue{'1', "Today"}, FlagValue{'2', "History"}};
constexpr std::array kProductClass{FlagValue{'1', "Futures"},     FlagValue{'2', "Options"},
                                   FlagValue{'3', "Combination"}, FlagValue{'4', "Spot"},
                                   FlagValue{'5', "EFP"},         FlagValue{'6', "SpotOption"}};
constexpr std::array kOptionsType{FlagValue{'1', "Call"}, FlagValue{'2', "Put"}};
constexpr std::array kLifePhase{FlagValue{'0', "NotStart"}, FlagValue{'1', "Started"},
                                FlagValue{'2', "Pause"}, FlagValue{'3', "Expired"}};
constexpr std::array kInstrumentStatus{
    FlagValue{'0', "BeforeTrading"},  FlagValue{'1', "NoTrading"},
    FlagValue{'2', "Continuous"},     FlagValue{'3', "AuctionOrdering"},
    FlagValue{'4', "AuctionBalance"}, FlagValue{'5', "AuctionMatch"},
    FlagValue{'6', "Closed"}};

constexpr std::array kFields{
    FlagField{"Direction", kDirection},
    FlagField{"OffsetFlag", kOffset},
    FlagField{"CombOffsetFlag", kOffset},
    FlagField{"HedgeFlag", kHedge},
    FlagField{"CombHedgeFlag", kHedge},
    FlagField{"OrderPriceType", kPriceType},
    FlagField{"TimeCondition", kTimeCondition},
    FlagField{"VolumeCondition", kVolumeCondition},
    FlagField{"ContingentCondition", kContingent},
    FlagField{"ForceCloseReason", kForceClose},
    FlagField{"ActionFlag", kActionFlag},
    FlagField{"OrderStatus", kOrderStatus},
    FlagField{"OrderSubmitStatus", kSubmitStatus},
    FlagField{"PosiDirection", kPosiDirection},
    FlagField{"PositionDate", kPositionDate},
    FlagField{"ProductClass", kProductClass},
    FlagField{"OptionsType", kOptionsType},
    FlagField{"InstLifePhase", kLifePhase},
    FlagField{"InstrumentStatus", kInstrumentStatus},
};

}  // namespace

std::span<const FlagField> flag_fields() noexcept {
  return kFields;
}

const FlagField* find_flag_field(std::string_view field) noexcept {
  for (const FlagField& f : kFields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

}  // namespace ctpgw::protocol
