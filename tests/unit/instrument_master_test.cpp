#include "ctpgw/sim/feed/instrument_master.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

namespace ctpgw::sim {
namespace {

const std::string kShipped = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/instruments.yaml";

TEST(InstrumentMaster, ShippedMasterCoversSixExchangesWithOptions) {
  const InstrumentMaster m = InstrumentMaster::load(kShipped);
  EXPECT_GE(m.all().size(), 30u);
  EXPECT_EQ(std::set<std::string>(m.exchanges().begin(), m.exchanges().end()),
            (std::set<std::string>{"SHFE", "INE", "DCE", "CZCE", "CFFEX", "GFEX"}));
  int options = 0;
  for (const InstrumentSpec& s : m.all()) {
    options += s.product_class == '2';
    EXPECT_TRUE(s.on_grid(s.base_price)) << s.id;
    EXPECT_FALSE(s.sessions.empty()) << s.id;
    if (s.product_class == '2') {
      EXPECT_NE(m.find(s.underlying), nullptr) << s.id << " underlying " << s.underlying;
      EXPECT_TRUE(s.options_type == '1' || s.options_type == '2') << s.id;
    }
  }
  EXPECT_GE(options, 3);
  const InstrumentSpec* rb = m.find("rb2705");
  ASSERT_NE(rb, nullptr);
  EXPECT_EQ(rb->multiplier, 10);
  EXPECT_EQ(rb->price_tick, 1.0);
  EXPECT_TRUE(rb->uses_close_today());
  EXPECT_FALSE(m.find("m2705")->uses_close_today());
  EXPECT_EQ(m.find("nope"), nullptr);
}

TEST(InstrumentMaster, PricesCarryTheTicksDecimalsExactly) {
  const InstrumentMaster m = InstrumentMaster::load(kShipped);
  const InstrumentSpec& au = *m.find("au2702");  // PriceTick 0.02
  EXPECT_EQ(au.price_decimals, 2);
  EXPECT_EQ(au.to_price(30340), 606.8);  // 30340 * 0.02 in doubles is 606.8000000000001
  char printed[32];
  std::snprintf(printed, sizeof printed, "%.17g", au.to_price(30340));
  EXPECT_STREQ(printed, "606.79999999999995");  // the double nearest 606.8, printed in full
  for (const InstrumentSpec& s : m.all()) {
    for (std::int64_t ticks : {1LL, 7LL, 12345LL, 987654LL}) {
      const double p = s.to_price(ticks);
      // The double is exactly the one nearest a number with the tick's decimals, so the
      // shortest printing (what clients see) never shows floating-point noise.
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*f", s.price_decimals, p);
      EXPECT_EQ(std::strtod(buf, nullptr), p) << s.id << " " << ticks << " -> " << buf;
      EXPECT_EQ(s.to_ticks(p), ticks) << s.id;
    }
  }
}

TEST(InstrumentMaster, SessionsCrossingMidnight) {
  const InstrumentMaster m = InstrumentMaster::load(kShipped);
  const InstrumentSpec& au = *m.find("au2702");  // 21:00-02:30 night session
  EXPECT_TRUE(au.in_session(21 * 60));
  EXPECT_TRUE(au.in_session(2 * 60 + 29));
  EXPECT_FALSE(au.in_session(2 * 60 + 30));
  EXPECT_TRUE(au.in_session(9 * 60 + 30));
  EXPECT_FALSE(au.in_session(10 * 60 + 20));  // the 10:15-10:30 break
  EXPECT_FALSE(au.in_session(16 * 60));
}

std::string error_of(const std::string& yaml) {
  try {
    InstrumentMaster::parse(yaml, "t.yaml");
  } catch (const InstrumentError& e) {
    return e.what();
  }
  return "";
}

TEST(InstrumentMaster, BadFilesAreRejectedNamingInstrumentAndKey) {
  const std::string head =
      "sessions: {day: [\"09:00-15:00\"]}\nexchanges: {DCE: {CloseToday: yesterday_first}}\n"
      "instruments:\n";
  const std::string ok =
      "  - {InstrumentID: x1, ExchangeID: DCE, ProductID: x, VolumeMultiple: 10, PriceTick: 1, "
      "BasePrice: 100, LimitRatio: 0.05, MarginRatio: 0.1, Sessions: day";
  EXPECT_EQ(error_of(head + ok + "}\n"), "");
  EXPECT_EQ(error_of(head + ok + ", Colour: red}\n"),
            "t.yaml: instrument x1: unknown key 'Colour'");
  EXPECT_NE(error_of(head + ok + ", VolumeMultiple: ten}\n")
                .find("key 'VolumeMultiple' has the wrong type"),
            std::string::npos);
  EXPECT_NE(error_of(head + ok + ", MinLimitOrderVolume: many}\n")
                .find("key 'MinLimitOrderVolume' has the wrong type"),
            std::string::npos);
  EXPECT_EQ(error_of(head + ok.substr(0, ok.find(", Sessions")) + ", Sessions: night}\n"),
            "t.yaml: instrument x1: unknown session 'night'");
  EXPECT_EQ(error_of(head + ok + "}\n" + ok + "}\n"),
            "t.yaml: instrument x1: duplicate InstrumentID");
  EXPECT_EQ(error_of(head + ok.substr(0, ok.find(", BasePrice")) +
                     ", BasePrice: 100.5, LimitRatio: 0.05, "
                     "MarginRatio: 0.1, Sessions: day}\n"),
            "t.yaml: instrument x1: BasePrice must be positive and on the tick grid");
  EXPECT_EQ(error_of(head + ok.substr(0, ok.find(", PriceTick")) +
                     ", PriceTick: 0.0000001, BasePrice: 100, LimitRatio: 0.05, MarginRatio: 0.1, "
                     "Sessions: day}\n"),
            "t.yaml: instrument x1: PriceTick may have at most 6 decimals");
  // An exchange's order number layout is data, and checked.
  const auto width_of = [&](const std::string& rule) {
    const auto m =
        InstrumentMaster::parse("sessions: {day: [\"09:00-15:00\"]}\nexchanges: {DCE: {" + rule +
                                    "}}\ninstruments:\n" + ok + "}\n",
                                "t.yaml");
    return m.find("x1")->rules->order_sys_id_width;
  };
  EXPECT_EQ(width_of("CloseToday: yesterday_first"), 12);
  EXPECT_EQ(width_of("OrderSysIDWidth: 8"), 8);
  EXPECT_EQ(error_of("sessions: {day: [\"09:00-15:00\"]}\nexchanges: {DCE: {OrderSysIDWidth: 21}}\n"
                     "instruments:\n" +
                     ok + "}\n"),
            "t.yaml: exchanges.DCE: OrderSysIDWidth must be 1..20");
  EXPECT_EQ(error_of("instruments: []\n"),
            "t.yaml: <root>: expected the maps 'sessions', 'exchanges' and 'instruments'");
  EXPECT_EQ(error_of("sessions: {d: [\"9-10\"]}\nexchanges: {}\ninstruments: []\n"),
            "t.yaml: sessions.d: bad time '9' (HH:MM)");
}

}  // namespace
}  // namespace ctpgw::sim

#include "ctpgw/sim/ctp/reference_data.h"

namespace ctpgw::sim {
namespace {

TEST(ReferenceData, RatesComeFromTheInstrumentMaster) {
  const InstrumentMaster m = InstrumentMaster::load(kShipped);
  const InstrumentSpec& au = *m.find("au2702");
  const auto c = commission_rate_field(au, "9999", "000001");
  EXPECT_EQ(c.OpenRatioByVolume, 10.0);
  EXPECT_EQ(c.CloseTodayRatioByVolume, 0.0);
  EXPECT_STREQ(c.InstrumentID, "au2702");
  EXPECT_STREQ(c.BrokerID, "9999");
  const InstrumentSpec& opt = *m.find("m2705-C-3000");
  const auto o = option_comm_rate_field(opt, "9999", "000001");
  EXPECT_EQ(o.OpenRatioByVolume, opt.open_by_volume);
  EXPECT_STREQ(o.ExchangeID, "DCE");
  const auto margin = margin_rate_field(au, "9999", "000001", '\0');
  EXPECT_EQ(margin.HedgeFlag, '1');
  EXPECT_EQ(margin.LongMarginRatioByMoney, au.margin_ratio);
  EXPECT_EQ(instrument_field(au).VolumeMultiple, 1000);
  EXPECT_EQ(exchange_fields(m).size(), 6u);
}

}  // namespace
}  // namespace ctpgw::sim
