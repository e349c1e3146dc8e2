// Runs every scenario file in tests/scenarios/: given the shipped instrument master and calendar,
// a start time and a list of steps (orders, cancels, clock moves), expect these callbacks,
// positions, money, market data and statements. The file format is described in
// tests/scenarios/README.md; each file names the exchange rule it checks and its source.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "counter_fixture.h"
#include "ctpgw/core/config.h"
#include "ctpgw/protocol/codec.h"
#include "scenario_expr.h"

namespace ctpgw::sim::testing {
namespace {

namespace fs = std::filesystem;
using Json = rapidjson::Document;

const fs::path kScenarios = fs::path(CTPGW_SOURCE_DIR) / "tests/scenarios";

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kScenarios)) {
    if (e.path().extension() == ".yaml") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <class T>
Json to_json(const T& s) {
  rapidjson::StringBuffer buf;
  protocol::write_struct(buf, s);
  Json d;
  d.Parse(buf.GetString(), buf.GetSize());
  return d;
}

TimePoint china_time(const std::string& text) {
  const auto seconds = core::parse_china_time(text);
  if (!seconds) throw std::runtime_error("not a China time: " + text);
  return TimePoint(std::chrono::seconds(*seconds));
}

class ScenarioFile : public CounterFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    doc_ = YAML::LoadFile((kScenarios / (GetParam() + ".yaml")).string());
    for (const char* key : {"rule", "source", "steps"}) {
      ASSERT_TRUE(doc_[key]) << GetParam() << ": missing '" << key << "'";
    }
    always_open_ = doc_["sessions"].as<std::string>("always_open") != "real";
    cfg_.calendar = std::string(CTPGW_SOURCE_DIR) + "/configs/sim/calendar.yaml";
    CounterFixture::SetUp();
    if (doc_["start"]) {
      clock_->set(china_time(doc_["start"].as<std::string>()));
      reopen();
    }
    // A running counter has seen the market before the first step: the phases at the start are
    // no change.
    counter_->on_feed_tick(exchange_->current_index());
    recorder_->events.clear();
    for (const auto& w : doc_["watch"]) watch_.push_back(w.as<std::string>());
  }
  bool always_open() const override { return always_open_; }

  /// A number: a literal, or "=expression" over $saved values and the instrument's prices.
  double number(const YAML::Node& n, const std::string& instrument) {
    const std::string text = n.as<std::string>();
    if (text.empty() || text[0] != '=') {
      if (auto v = price_name(text, instrument)) return *v;
      return ScenarioExpr::eval(text,
                                [&](const std::string& name) { return lookup(name, instrument); });
    }
    return ScenarioExpr::eval(text.substr(1),
                              [&](const std::string& name) { return lookup(name, instrument); });
  }
  std::optional<double> lookup(const std::string& name, const std::string& instrument) {
    if (name.size() > 1 && name[0] == '$') {
      const auto it = saved_.find(name.substr(1));
      if (it == saved_.end()) return std::nullopt;
      return it->second;
    }
    return price_name(name, instrument);
  }
  /// ask, bid, ask2..ask5, bid2..bid5, last, open, upper, lower, pre (settlement), tick.
  std::optional<double> price_name(const std::string& name, const std::string& instrument) {
    if (instrument.empty()) return std::nullopt;
    const InstrumentSpec& s = spec(instrument);
    const Tick& t = tick(instrument);
    if (name == "tick") return s.price_tick;
    if (name == "last") return s.to_price(t.last);
    if (name == "open") return s.to_price(t.open);
    if (name == "upper") return s.to_price(t.upper);
    if (name == "lower") return s.to_price(t.lower);
    if (name == "pre") return s.to_price(t.pre_settlement);
    for (int i = 0; i < 5; ++i) {
      const std::string level = i == 0 ? "" : std::to_string(i + 1);
      if (name == "ask" + level) return s.to_price(t.ask[i]);
      if (name == "bid" + level) return s.to_price(t.bid[i]);
    }
    return std::nullopt;
  }

  OrderBuilder build_order(const YAML::Node& n) {
    const std::string id = n["InstrumentID"].as<std::string>();
    OrderBuilder b(id);
    const std::string side = n["side"].as<std::string>("buy");
    if (side == "sell") b.sell();
    const std::string offset = n["offset"].as<std::string>("open");
    if (offset == "close") b.close();
    if (offset == "close_today") b.close_today();
    if (offset == "close_yesterday") b.close_yesterday();
    const std::string type = n["type"].as<std::string>("limit");
    if (type == "market") b.market().limit(0);
    if (type == "fak") b.fak();
    if (type == "fok") b.fok();
    if (type == "gfd_cv") b.f.VolumeCondition = '3';  // good for day, complete volume
    if (n["price"]) {
      const InstrumentSpec& s = spec(id);
      b.limit(std::round(number(n["price"], id) / s.price_tick) * s.price_tick);
    }
    if (n["volume"]) b.volume(static_cast<int>(std::lround(number(n["volume"], id))));
    if (n["ref"]) b.ref(n["ref"].as<std::string>());
    return b;
  }

  /// The step's events as (type, fields): RtnOrder/RtnTrade with their struct's fields, errors
  /// with ErrorID, instrument status of the watched instruments only.
  std::vector<std::pair<std::string, Json>> normalise(const std::vector<Event>& events) {
    std::vector<std::pair<std::string, Json>> out;
    for (const Event& e : events) {
      Json fields;
      fields.SetObject();
      auto& alloc = fields.GetAllocator();
      std::string type = e.type;
      if (type == "RtnOrder") {
        fields = to_json(e.order);
      } else if (type == "RtnTrade") {
        fields = to_json(e.trade);
      } else if (type.rfind("RtnInstrumentStatus:", 0) == 0) {
        const std::string id = type.substr(type.find(':') + 1);
        if (std::find(watch_.begin(), watch_.end(), id) == watch_.end()) continue;
        type = "RtnInstrumentStatus";
        fields.AddMember("InstrumentID", rapidjson::Value(id.c_str(), alloc), alloc);
        fields.AddMember("InstrumentStatus",
                         rapidjson::Value(std::string(1, e.status).c_str(), alloc), alloc);
        fields.AddMember("EnterTime", rapidjson::Value(e.status_msg.c_str(), alloc), alloc);
      } else {
        fields.AddMember("ErrorID", e.error, alloc);
      }
      out.emplace_back(type, std::move(fields));
    }
    return out;
  }

  void compare(const Json& actual, const YAML::Node& expected, const std::string& where,
               const std::string& instrument) {
    for (const auto& kv : expected) {
      const std::string key = kv.first.as<std::string>();
      if (key == "event") continue;
      if (key == "status") {  // OrderSubmitStatus then OrderStatus, as "0a"
        const std::string s = kv.second.as<std::string>();
        EXPECT_EQ(std::string(actual["OrderSubmitStatus"].GetString()) +
                      actual["OrderStatus"].GetString(),
                  s)
            << where;
        continue;
      }
      if (!actual.HasMember(key.c_str())) {
        ADD_FAILURE() << where << ": no field " << key;
        continue;
      }
      const auto& v = actual[key.c_str()];
      if (v.IsNumber() && kv.second.IsMap() && !kv.second["value"]) {  // {min: expr, max: expr}
        if (kv.second["min"]) {
          EXPECT_GE(v.GetDouble(), number(kv.second["min"], instrument) - 1e-6)
              << where << ": " << key;
        }
        if (kv.second["max"]) {
          EXPECT_LE(v.GetDouble(), number(kv.second["max"], instrument) + 1e-6)
              << where << ": " << key;
        }
      } else if (v.IsNumber() &&
                 kv.second.IsMap()) {  // {value: expr, abs: expr} or {value, rel: r}
        const double want = number(kv.second["value"], instrument);
        const double tolerance = kv.second["abs"] ? number(kv.second["abs"], instrument)
                                                  : std::abs(want) * kv.second["rel"].as<double>(0);
        EXPECT_NEAR(v.GetDouble(), want, tolerance + 1e-6) << where << ": " << key;
      } else if (v.IsNumber()) {
        EXPECT_NEAR(v.GetDouble(), number(kv.second, instrument), 1e-6) << where << ": " << key;
      } else if (v.IsString()) {
        EXPECT_EQ(v.GetString(), kv.second.as<std::string>()) << where << ": " << key;
      }
    }
  }

  void save_from(const Json& fields, const std::string& field, const std::string& name,
                 const std::string& where) {
    ASSERT_TRUE(fields.HasMember(field.c_str()) && fields[field.c_str()].IsNumber())
        << where << ": cannot save " << field;
    saved_[name] = fields[field.c_str()].GetDouble();
  }

  void run_step(const YAML::Node& step, const std::string& where) {
    std::vector<Event> events;
    std::string instrument;
    if (const auto n = step["insert"]) {
      instrument = n["InstrumentID"].as<std::string>();
      events = insert(build_order(n));
    } else if (const auto c = step["cancel"]) {
      ctp::CThostFtdcInputOrderActionField a{};
      a.ActionFlag = '0';
      if (c["ref"]) ctp::set_text(a.OrderRef, c["ref"].as<std::string>());
      if (c["ExchangeID"]) ctp::set_text(a.ExchangeID, c["ExchangeID"].as<std::string>());
      if (c["OrderSysID"]) ctp::set_text(a.OrderSysID, c["OrderSysID"].as<std::string>());
      events = cancel(a);
    } else if (const auto at = step["at"]) {
      recorder_->events.clear();
      clock_->set(china_time(at.as<std::string>()));
      counter_->on_feed_tick(exchange_->current_index());
      events = recorder_->events;
    } else if (const auto tr = step["transfer"]) {
      // The counter's side of a bank-futures transfer: amount > 0 deposits, < 0 withdraws.
      int serial = 0;
      const auto rc = counter_->transfer(ctx_, Money::from_yuan(number(tr["amount"], "")),
                                         tr["password"].as<std::string>("pw"), serial);
      EXPECT_EQ(static_cast<int>(rc), tr["ErrorID"].as<int>(0)) << where;
      return;
    } else if (step["restart"]) {
      reopen();  // a new counter over the same storage, as after kill -9 and a start
      recorder_->events.clear();
      counter_->on_feed_tick(exchange_->current_index());
      events = recorder_->events;
    } else if (const auto adv = step["advance"]) {
      // Seconds (fractions allowed) on, then that moment's tick.
      recorder_->events.clear();
      clock_->advance(std::chrono::milliseconds(std::llround(adv.as<double>() * 1000)));
      counter_->on_feed_tick(exchange_->current_index());
      events = recorder_->events;
    } else if (const auto u = step["until"]) {
      const std::string type = u["event"].as<std::string>();
      const int max_ticks = u["max_ticks"].as<int>(5000);
      bool seen = false;
      for (int i = 0; i < max_ticks && !seen; ++i) {
        events = next_tick();
        for (const Event& e : events) seen = seen || e.type == type;
      }
      ASSERT_TRUE(seen) << where << ": no " << type << " within " << max_ticks << " ticks";
    } else if (const auto acc = step["account"]) {
      const Json a = to_json(account());
      compare(a, acc, where + " account", "");
      for (const auto& s : step["save"])
        save_from(a, s.second.as<std::string>(), s.first.as<std::string>(), where);
      return;
    } else if (const auto p = step["position"]) {
      const std::string id = p["InstrumentID"].as<std::string>();
      // Rows are picked by InstrumentID, PosiDirection and PositionDate (SHFE/INE keep today's
      // and yesterday's rows apart: PositionDate 1 and 2).
      const std::string dir = p["PosiDirection"].as<std::string>("");
      const std::string date = p["PositionDate"].as<std::string>("");
      for (const auto& row : counter_->query_positions(ctx_, {})) {
        const Json r = to_json(row);
        if (id != r["InstrumentID"].GetString() ||
            (!dir.empty() && dir != r["PosiDirection"].GetString()) ||
            (!date.empty() && date != r["PositionDate"].GetString())) {
          continue;
        }
        ASSERT_FALSE(p["absent"].as<bool>(false)) << where << ": the position exists";
        compare(r, p, where + " position", id);
        return;
      }
      std::string rows;
      for (const auto& row : counter_->query_positions(ctx_, {})) {
        rows +=
            std::string(row.InstrumentID) + "/" + row.PosiDirection + "/" + row.PositionDate + " ";
      }
      ASSERT_TRUE(p["absent"].as<bool>(false))
          << where << ": no position " << id << " " << dir << " " << date << "; rows: " << rows;
      return;
    } else if (const auto m = step["market"]) {
      instrument = m["InstrumentID"].as<std::string>();
      const InstrumentSpec& s = spec(instrument);
      MarketFeed& feed = exchange_->feed();
      const std::int64_t k = feed.last_trading_index(s, exchange_->current_index()).value();
      ctp::CThostFtdcDepthMarketDataField md;
      feed.to_ctp(s, feed.tick(s, k), md);
      const Json d = to_json(md);
      for (const auto& sv : step["save"])
        save_from(d, sv.second.as<std::string>(), sv.first.as<std::string>(), where);
      compare(d, m, where + " market", instrument);
      return;
    } else if (const auto st = step["statement"]) {
      const auto rows = counter_->settlement_info(ctx_, st["TradingDay"].as<std::string>(""));
      std::string gb;
      for (const auto& r : rows) gb += r.Content;
      const std::string text = ctp::gb18030_to_utf8(gb);
      if (st["none"].as<bool>(false)) {
        EXPECT_TRUE(rows.empty()) << where << ": a statement exists";
        return;
      }
      ASSERT_FALSE(rows.empty()) << where << ": no statement";
      if (st["day"]) {
        EXPECT_STREQ(rows[0].TradingDay, st["day"].as<std::string>().c_str()) << where;
      }
      for (const auto& part : st["contains"]) {
        EXPECT_NE(text.find(part.as<std::string>()), std::string::npos)
            << where << ": the statement lacks '" << part.as<std::string>() << "'\n"
            << text;
      }
      return;
    } else {
      FAIL() << where << ": unknown step";
    }
    if (instrument.empty()) instrument = doc_["instrument"].as<std::string>("");
    const auto actual = normalise(events);
    if (const auto expected = step["expect"]) {
      std::string got;
      for (const auto& [type, fields] : actual) got += type + " ";
      ASSERT_EQ(actual.size(), expected.size()) << where << ": got " << got;
      for (std::size_t i = 0; i < actual.size(); ++i) {
        ASSERT_EQ(actual[i].first, expected[i]["event"].as<std::string>())
            << where << " event " << i << ": got " << got;
        compare(actual[i].second, expected[i], where + " event " + std::to_string(i), instrument);
      }
    }
    for (const auto& s : step["save"]) {
      // "RtnTrade.Price": that field of the step's first event of that type.
      const std::string source = s.second.as<std::string>();
      const std::string type = source.substr(0, source.find('.'));
      const std::string field = source.substr(source.find('.') + 1);
      const auto it = std::find_if(actual.begin(), actual.end(),
                                   [&](const auto& e) { return e.first == type; });
      ASSERT_NE(it, actual.end()) << where << ": no " << type << " to save from";
      save_from(it->second, field, s.first.as<std::string>(), where);
    }
  }

  YAML::Node doc_;
  bool always_open_ = true;
  std::vector<std::string> watch_;
  std::map<std::string, double> saved_;
};

TEST_P(ScenarioFile, Holds) {
  int n = 0;
  for (const auto& step : doc_["steps"]) {
    ++n;
    const std::string where = GetParam() + ".yaml step " + std::to_string(n);
    ASSERT_NO_FATAL_FAILURE(run_step(step, where));
  }
  EXPECT_GT(n, 0);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioFile, ::testing::ValuesIn(scenario_files()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace ctpgw::sim::testing
