#include "ctpgw/protocol/codec.h"

#include "ctpgw/ctp_api/gb18030.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cstring>
#include <random>
#include <vector>

#include "ctpgw/protocol/field_table.h"

namespace ctpgw::protocol {
namespace {

using ctp::StructId;

struct Buffer {
  explicit Buffer(std::size_t n) : bytes(n + alignof(std::max_align_t)) {}
  std::vector<std::byte> bytes;
  void* data() {
    void* p = bytes.data();
    std::size_t space = bytes.size();
    return std::align(alignof(std::max_align_t), 1, p, space);
  }
};

// Fills every field with a legal pseudo-random value (fixed seed: deterministic).
void fill_random(const StructDesc& desc, void* obj, std::mt19937& rng) {
  auto* base = static_cast<std::byte*>(obj);
  static const char* const kWords[] = {"rb2510", "报单已提交", "SHFE", "9999", " 1", "a\"b\\c", ""};
  for (const FieldDesc& f : desc.fields) {
    std::byte* p = base + f.offset;
    switch (f.kind) {
      case FieldKind::Text: {
        std::string s = ctp::utf8_to_gb18030(kWords[rng() % std::size(kWords)]);
        if (s.size() >= f.size) s = std::string(f.size - 1, 'x');
        std::memcpy(p, s.data(), s.size());
        break;
      }
      case FieldKind::Char:
        *reinterpret_cast<char*>(p) = "0123456789abc#"[rng() % 14];
        break;
      case FieldKind::Int: {
        const int v = static_cast<int>(rng());
        std::memcpy(p, &v, sizeof v);
        break;
      }
      case FieldKind::Double:
      case FieldKind::Price:
      case FieldKind::MdPrice: {
        const double v = static_cast<double>(static_cast<int>(rng() % 2'000'000) - 1'000'000) / 7.0;
        std::memcpy(p, &v, sizeof v);
        break;
      }
      case FieldKind::Reserve:
        break;
    }
  }
}

std::string encode(const StructDesc& desc, const void* obj, EncodeOptions opts = {}) {
  rapidjson::StringBuffer buf;
  write_struct(buf, desc, obj, opts);
  return std::string(buf.GetString(), buf.GetSize());
}

TEST(FieldTable, TablesTileEveryStructExactly) {
  for (const StructDesc& desc : all_structs()) {
    std::size_t at = 0;
    for (const FieldDesc& f : desc.fields) {
      const std::size_t align =
          f.kind == FieldKind::Int ? alignof(int)
          : (f.kind == FieldKind::Text || f.kind == FieldKind::Reserve || f.kind == FieldKind::Char)
              ? 1
              : alignof(double);
      at = (at + align - 1) / align * align;
      EXPECT_EQ(f.offset, at) << desc.name << "." << f.name;
      at += f.size;
    }
    at = (at + desc.align - 1) / desc.align * desc.align;
    EXPECT_EQ(at, desc.size) << desc.name;
  }
}

TEST(FieldTable, CompleteFieldCountsMatchTheCtpModel) {
  auto visible = [](StructId id) {
    std::size_t n = 0;
    for (const FieldDesc& f : describe(id).fields) n += f.kind != FieldKind::Reserve;
    return n;
  };
  // ctp-model.md §3 counts (6.7.11).
  EXPECT_EQ(visible(StructId::InputOrder), 32u);
  EXPECT_EQ(visible(StructId::Order), 65u);
  EXPECT_EQ(visible(StructId::InputOrderAction), 19u);
  EXPECT_EQ(visible(StructId::OrderAction), 31u);
  EXPECT_EQ(visible(StructId::Trade), 31u);
  EXPECT_EQ(visible(StructId::InvestorPosition), 50u);
  EXPECT_EQ(visible(StructId::InvestorPositionDetail), 29u);
  EXPECT_EQ(visible(StructId::TradingAccount), 50u);
  EXPECT_EQ(visible(StructId::Instrument), 31u);
  EXPECT_EQ(visible(StructId::DepthMarketData), 46u);
  EXPECT_EQ(visible(StructId::RspUserLogin), 19u);
  EXPECT_EQ(visible(StructId::Product), 19u);
  EXPECT_EQ(visible(StructId::Investor), 15u);
}

TEST(Codec, EveryStructRoundTripsThroughJson) {
  std::mt19937 rng(12345);
  for (const StructDesc& desc : all_structs()) {
    for (int round = 0; round < 20; ++round) {
      Buffer original(desc.size), decoded(desc.size);
      std::memset(original.data(), 0, desc.size);
      fill_random(desc, original.data(), rng);
      const std::string json = encode(desc, original.data());
      rapidjson::Document doc;
      doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.c_str());
      ASSERT_FALSE(doc.HasParseError()) << json;
      const auto err = read_struct(doc, desc, decoded.data());
      ASSERT_FALSE(err.has_value()) << desc.name << ": " << err->detail;
      EXPECT_EQ(std::memcmp(original.data(), decoded.data(), desc.size), 0)
          << desc.name << " did not round-trip: " << json;
    }
  }
}

TEST(Codec, EncodesCharsTextAndReservesAsWebctpDoes) {
  ctp::CThostFtdcTradeField t{};
  std::strcpy(t.OrderSysID, "       46792");
  std::strcpy(t.reserve1, "must-not-leak");
  t.Direction = '0';
  t.TradingRole = '\0';
  t.Price = 618.02;
  t.Volume = 3;
  const std::string json = encode(describe<ctp::CThostFtdcTradeField>(), &t);
  EXPECT_NE(json.find(R"("OrderSysID":"       46792")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("Direction":"0")"), std::string::npos);
  EXPECT_NE(json.find(R"("TradingRole":"")"), std::string::npos);
  EXPECT_NE(json.find(R"("Price":618.02)"), std::string::npos);
  EXPECT_NE(json.find(R"("Volume":3)"), std::string::npos);
  EXPECT_EQ(json.find("reserve1"), std::string::npos);
  EXPECT_EQ(json.find("must-not-leak"), std::string::npos);
}

TEST(Codec, DblMaxBecomesZeroOnlyForMarketDataPrices) {
  ctp::CThostFtdcDepthMarketDataField md{};
  md.LastPrice = 3500.0;
  md.AskPrice2 = DBL_MAX;
  md.PreSettlementPrice = DBL_MAX;
  md.Turnover = DBL_MAX;
  md.CurrDelta = DBL_MAX;
  const auto& desc = describe<ctp::CThostFtdcDepthMarketDataField>();

  const std::string tick = encode(desc, &md, EncodeOptions{.md_tick = true});
  EXPECT_NE(tick.find(R"("AskPrice2":0,)"), std::string::npos) << tick;
  EXPECT_NE(tick.find(R"("PreSettlementPrice":0,)"), std::string::npos);
  EXPECT_NE(tick.find(R"("LastPrice":3500.0,)"), std::string::npos);
  EXPECT_NE(tick.find(R"("Turnover":1.7976931348623157e308)"), std::string::npos);
  EXPECT_NE(tick.find(R"("CurrDelta":1.7976931348623157e308)"), std::string::npos);

  const std::string query = encode(desc, &md);  // td RspQryDepthMarketData
  EXPECT_NE(query.find(R"("AskPrice2":0,)"), std::string::npos);
  EXPECT_NE(query.find(R"("PreSettlementPrice":1.7976931348623157e308)"), std::string::npos);

  ctp::CThostFtdcInstrumentField inst{};
  inst.StrikePrice = DBL_MAX;
  const std::string i = encode(describe<ctp::CThostFtdcInstrumentField>(), &inst);
  EXPECT_NE(i.find(R"("StrikePrice":1.7976931348623157e308)"), std::string::npos) << i;
}

TEST(Codec, EscapesStringsAsJsonRequires) {
  ctp::CThostFtdcRspInfoField info{};
  ctp::set_gb_text(info.ErrorMsg, "a\"b\\c\n\t\x01 报单/x");
  const std::string json = encode(describe<ctp::CThostFtdcRspInfoField>(), &info);
  EXPECT_EQ(json, R"({"ErrorID":0,"ErrorMsg":"a\"b\\c\n\t\u0001 报单/x"})");
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(d["ErrorMsg"].GetString(), ctp::utf8_of(info.ErrorMsg));
}

TEST(Codec, NumbersReadAsRapidJsonWritesThem) {
  ctp::CThostFtdcTradingAccountField a{};
  a.Balance = 3281;
  a.Available = -12.5;
  a.Commission = 0.0001;
  a.CloseProfit = 1e20;
  a.PositionProfit = -0.0;
  const std::string json = encode(describe<ctp::CThostFtdcTradingAccountField>(), &a);
  EXPECT_NE(json.find(R"("Balance":3281.0,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("Available":-12.5,)"), std::string::npos);
  EXPECT_NE(json.find(R"("Commission":0.0001,)"), std::string::npos);
  EXPECT_NE(json.find(R"("CloseProfit":100000000000000000000.0,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("PositionProfit":-0.0,)"), std::string::npos);
}

TEST(Codec, NonFiniteDoublesAreNull) {
  ctp::CThostFtdcTradingAccountField a{};
  a.Balance = std::numeric_limits<double>::quiet_NaN();
  a.Available = std::numeric_limits<double>::infinity();
  const std::string json = encode(describe<ctp::CThostFtdcTradingAccountField>(), &a);
  EXPECT_NE(json.find(R"("Balance":null)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("Available":null)"), std::string::npos);
}

std::optional<DecodeError> decode_input_order(const char* json,
                                              ctp::CThostFtdcInputOrderField& out) {
  rapidjson::Document doc;
  doc.Parse(json);
  EXPECT_FALSE(doc.HasParseError()) << json;
  return read_struct(doc, out);
}

TEST(Codec, MissingKeysStayZeroAndUnknownKeysAreIgnored) {
  ctp::CThostFtdcInputOrderField o;
  std::memset(&o, 0x5A, sizeof o);
  ASSERT_FALSE(
      decode_input_order(R"({"InstrumentID":"rb2510","Bogus":[1,2],"VolumeTotalOriginal":2})", o));
  EXPECT_STREQ(o.InstrumentID, "rb2510");
  EXPECT_EQ(o.VolumeTotalOriginal, 2);
  EXPECT_EQ(o.LimitPrice, 0.0);
  EXPECT_EQ(o.Direction, '\0');
  EXPECT_STREQ(o.BrokerID, "");
}

TEST(Codec, RejectsWrongTypesNamingTheField) {
  ctp::CThostFtdcInputOrderField o{};
  struct Case {
    const char* json;
    const char* expected;
  } cases[] = {
      {R"({"LimitPrice":"3500"})", "InputOrder.LimitPrice: expected a number, got a string"},
      {R"({"LimitPrice":null})", "InputOrder.LimitPrice: expected a number, got null"},
      {R"({"VolumeTotalOriginal":1.5})",
       "InputOrder.VolumeTotalOriginal: expected an integer in the 32-bit range, got a number"},
      {R"({"VolumeTotalOriginal":4294967296})",
       "InputOrder.VolumeTotalOriginal: expected an integer in the 32-bit range, got an integer"},
      {R"({"VolumeTotalOriginal":"1"})",
       "InputOrder.VolumeTotalOriginal: expected an integer, got a string"},
      {R"({"Direction":"01"})", "InputOrder.Direction: expected a one-character string"},
      {R"({"Direction":0})",
       "InputOrder.Direction: expected a one-character string, got an integer"},
      {R"({"Direction":"\n"})", "InputOrder.Direction: expected a printable ASCII character"},
      {R"({"InstrumentID":["rb"]})", "InputOrder.InstrumentID: expected a string, got an array"},
      {R"({"BrokerID":"123456789012"})",
       "InputOrder.BrokerID: string of 12 bytes is longer than the 10 bytes the field holds"},
      {R"({"OrderRef":"a\u0000b"})", "InputOrder.OrderRef: string must not contain NUL characters"},
      {R"({"IsAutoSuspend":true})", "InputOrder.IsAutoSuspend: expected an integer, got a boolean"},
      {R"({"LimitPrice":10e308})",
       "InputOrder.LimitPrice: must be a finite number (got an overflowing literal)"},
      {R"({"LimitPrice":-10e308})",
       "InputOrder.LimitPrice: must be a finite number (got an overflowing literal)"},
      {R"({"StopPrice":9e308})",
       "InputOrder.StopPrice: must be a finite number (got an overflowing literal)"},
  };
  for (const Case& c : cases) {
    const auto err = decode_input_order(c.json, o);
    ASSERT_TRUE(err.has_value()) << c.json;
    EXPECT_EQ(err->detail, c.expected) << c.json;
  }
}

TEST(Codec, StringsExactlyAtCapacityFitAndOneMoreByteDoesNot) {
  ctp::CThostFtdcInputOrderField o{};
  EXPECT_FALSE(decode_input_order(R"({"BrokerID":"1234567890"})", o));
  EXPECT_STREQ(o.BrokerID, "1234567890");
  EXPECT_TRUE(decode_input_order(R"({"BrokerID":"12345678901"})", o));
  // Length counts GB18030 bytes, as CTP does: 5 Chinese characters are 10 bytes (15 in UTF-8).
  EXPECT_FALSE(decode_input_order(R"({"BrokerID":"报单报单报"})", o));
  EXPECT_EQ(ctp::utf8_of(o.BrokerID), "报单报单报");
  const auto err = decode_input_order(R"({"BrokerID":"报单报单报单"})", o);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->detail,
            "InputOrder.BrokerID: string of 12 bytes in GB18030 (as CTP counts) is longer than "
            "the 10 bytes the field holds");
}

TEST(Codec, CharAcceptsEmptyStringAsUnset) {
  ctp::CThostFtdcInputOrderField o{};
  ASSERT_FALSE(decode_input_order(R"({"Direction":"","OffsetFlag":"x"})", o));
  EXPECT_EQ(o.Direction, '\0');
}

TEST(Codec, ReserveSlotsAreNeitherReadNorWritten) {
  ctp::CThostFtdcInputOrderField o{};
  ASSERT_FALSE(decode_input_order(R"({"reserve1":"rb2510"})", o));
  EXPECT_STREQ(o.reserve1, "");
}

}  // namespace
}  // namespace ctpgw::protocol
