#include "ctpgw/sim/feed/instrument_master.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace ctpgw::sim {

bool Session::contains(int m) const noexcept {
  return start_min <= end_min ? (m >= start_min && m < end_min) : (m >= start_min || m < end_min);
}

bool InstrumentSpec::derive_price_units() noexcept {
  price_decimals = 0;
  price_scale = 1;
  while (price_decimals < 8 &&
         std::fabs(price_tick * price_scale - std::round(price_tick * price_scale)) > 1e-9) {
    ++price_decimals;
    price_scale *= 10;
  }
  tick_units = std::round(price_tick * price_scale);
  if (price_decimals > 6) return false;
  micros_per_price_unit = 1;
  for (int d = price_decimals; d < 6; ++d) micros_per_price_unit *= 10;
  tick_value = value_for(1, multiplier);
  strike_value = Money::from_yuan(strike) * multiplier;
  margin_rate = Rate::from_fraction(margin_ratio);
  open_rate = Rate::from_fraction(open_by_money);
  close_rate = Rate::from_fraction(close_by_money);
  close_today_rate = Rate::from_fraction(close_today_by_money);
  open_fee = Money::from_yuan(open_by_volume);
  close_fee = Money::from_yuan(close_by_volume);
  close_today_fee = Money::from_yuan(close_today_by_volume);
  return true;
}

std::int64_t InstrumentSpec::to_ticks(double price) const noexcept {
  return static_cast<std::int64_t>(std::llround(price / price_tick));
}

bool InstrumentSpec::on_grid(double price) const noexcept {
  const double t = price / price_tick;
  return std::fabs(t - std::round(t)) < 1e-6;
}

bool InstrumentSpec::in_session(int minute_of_day) const noexcept {
  return std::any_of(sessions.begin(), sessions.end(),
                     [&](const Session& s) { return s.contains(minute_of_day); });
}

namespace {

[[noreturn]] void fail(const std::string& origin, const std::string& where,
                       const std::string& what) {
  throw InstrumentError(origin + ": " + where + ": " + what);
}

int parse_clock(const std::string& text, const std::string& origin, const std::string& where) {
  int h = 0, m = 0;
  char colon = 0;
  std::istringstream in(text);
  if (!(in >> h >> colon >> m) || colon != ':' || h < 0 || h > 24 || m < 0 || m > 59) {
    fail(origin, where, "bad time '" + text + "' (HH:MM)");
  }
  return h * 60 + m;
}

std::vector<Session> parse_sessions(const YAML::Node& list, const std::string& origin,
                                    const std::string& where) {
  if (!list.IsSequence() || list.size() == 0) fail(origin, where, "expected a list of HH:MM-HH:MM");
  std::vector<Session> out;
  for (const auto& item : list) {
    const std::string s = item.as<std::string>();
    const auto dash = s.find('-');
    if (dash == std::string::npos) fail(origin, where, "bad session '" + s + "'");
    out.push_back({parse_clock(s.substr(0, dash), origin, where),
                   parse_clock(s.substr(dash + 1), origin, where)});
  }
  return out;
}

char flag_letter(const YAML::Node& n, const std::string& origin, const std::string& where) {
  const std::string s = n.as<std::string>("");
  if (s.size() != 1) fail(origin, where, "expected a one-letter CTP flag");
  return s[0];
}

/// 'exchanges': Id -> {CloseToday: separate | yesterday_first, Margin: larger_side | both_sides,
/// Refuse: [{OrderPriceType, TimeCondition, VolumeCondition, StatusMsg}]}.
std::map<std::string, std::shared_ptr<const ExchangeRules>> parse_exchanges(
    const YAML::Node& map, const std::string& origin) {
  if (!map.IsMap()) fail(origin, "exchanges", "expected a map of exchange rules");
  std::map<std::string, std::shared_ptr<const ExchangeRules>> out;
  for (const auto& kv : map) {
    auto rules = std::make_shared<ExchangeRules>();
    rules->id = kv.first.as<std::string>();
    const std::string where = "exchanges." + rules->id;
    if (!kv.second.IsMap()) fail(origin, where, "expected a map");
    for (const auto& field : kv.second) {
      const std::string key = field.first.as<std::string>();
      if (key == "CloseToday") {
        const std::string v = field.second.as<std::string>("");
        if (v != "separate" && v != "yesterday_first") {
          fail(origin, where, "CloseToday must be separate or yesterday_first");
        }
        rules->separate_close_today = v == "separate";
      } else if (key == "Margin") {
        const std::string v = field.second.as<std::string>("");
        if (v != "larger_side" && v != "both_sides") {
          fail(origin, where, "Margin must be larger_side or both_sides");
        }
        rules->larger_side_margin = v == "larger_side";
      } else if (key == "SettlementMinutes") {
        const int v = field.second.as<int>(-1);
        if (v < 0 || v > 24 * 60) fail(origin, where, "SettlementMinutes must be 0..1440");
        rules->settlement_minutes = v;
      } else if (key == "ParticipantID" || key == "TraderID") {
        const std::string v = field.second.as<std::string>("");
        if (v.empty() || v.size() > 10) fail(origin, where, key + " must be 1-10 characters");
        (key == "ParticipantID" ? rules->participant_id : rules->trader_id) = v;
      } else if (key == "OrderSysIDWidth") {
        const int v = field.second.as<int>(-1);
        if (v < 1 || v > 20) fail(origin, where, "OrderSysIDWidth must be 1..20");
        rules->order_sys_id_width = v;
      } else if (key == "AuctionMinutes") {
        const int v = field.second.as<int>(-1);
        if (v < 0 || v > 60) fail(origin, where, "AuctionMinutes must be 0..60");
        rules->auction_minutes = v;
      } else if (key == "Refuse") {
        if (!field.second.IsSequence()) fail(origin, where, "Refuse must be a list");
        for (const auto& item : field.second) {
          OrderRefusal r;
          for (const auto& f : item) {
            const std::string k = f.first.as<std::string>();
            const std::string at = where + ".Refuse." + k;
            if (k == "OrderPriceType") {
              r.price_type = flag_letter(f.second, origin, at);
            } else if (k == "TimeCondition") {
              r.time_condition = flag_letter(f.second, origin, at);
            } else if (k == "VolumeCondition") {
              r.volume_condition = flag_letter(f.second, origin, at);
            } else if (k == "StatusMsg") {
              r.status_msg = f.second.as<std::string>("");
            } else {
              fail(origin, where, "unknown key '" + k + "' in Refuse");
            }
          }
          if (r.status_msg.empty()) fail(origin, where, "a refusal needs a StatusMsg");
          rules->refusals.push_back(std::move(r));
        }
      } else {
        fail(origin, where, "unknown key '" + key + "'");
      }
    }
    out[rules->id] = std::move(rules);
  }
  return out;
}

struct ProductRules {
  double price_limit = 0;  ///< 0: the instrument's LimitRatio
  double volatility = 0;   ///< 0: the master's default
};

/// 'products': ProductID -> {PriceLimit: fraction, Volatility: daily fraction}.
std::map<std::string, ProductRules> parse_products(const YAML::Node& map,
                                                   const std::string& origin) {
  std::map<std::string, ProductRules> products;
  if (!map) return products;
  if (!map.IsMap()) fail(origin, "products", "expected a map of product rules");
  for (const auto& kv : map) {
    const std::string where = "products." + kv.first.as<std::string>();
    ProductRules& rules = products[kv.first.as<std::string>()];
    for (const auto& field : kv.second) {
      const std::string key = field.first.as<std::string>();
      const double v = field.second.as<double>(0);
      if (key == "PriceLimit") {
        if (!(v > 0 && v < 1)) fail(origin, where, "PriceLimit must be in (0, 1)");
        rules.price_limit = v;
      } else if (key == "Volatility") {
        if (!(v > 0 && v < 0.2)) fail(origin, where, "Volatility must be in (0, 0.2)");
        rules.volatility = v;
      } else {
        fail(origin, where, "unknown key '" + key + "'");
      }
    }
  }
  return products;
}

}  // namespace

InstrumentMaster InstrumentMaster::parse(std::string_view yaml, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw InstrumentError(origin + ": not valid YAML: " + e.what());
  }
  if (!root.IsMap() || !root["instruments"] || !root["sessions"] || !root["exchanges"]) {
    fail(origin, "<root>", "expected the maps 'sessions', 'exchanges' and 'instruments'");
  }
  const auto exchange_rules = parse_exchanges(root["exchanges"], origin);
  const auto products = parse_products(root["products"], origin);
  double default_volatility = 0.012;
  if (const YAML::Node v = root["default_volatility"]) {
    default_volatility = v.as<double>(0);
    if (!(default_volatility > 0 && default_volatility < 0.2)) {
      fail(origin, "default_volatility", "must be in (0, 0.2)");
    }
  }
  std::map<std::string, std::vector<Session>> sessions;
  for (const auto& kv : root["sessions"]) {
    const std::string name = kv.first.as<std::string>();
    sessions[name] = parse_sessions(kv.second, origin, "sessions." + name);
  }

  InstrumentMaster master;
  const YAML::Node list = root["instruments"];
  if (!list.IsSequence()) fail(origin, "instruments", "expected a list");
  for (const auto& node : list) {
    InstrumentSpec spec;
    const std::string where =
        "instrument " + (node["InstrumentID"] ? node["InstrumentID"].as<std::string>("?")
                                              : "#" + std::to_string(master.instruments_.size()));
    if (!node.IsMap()) fail(origin, where, "expected a mapping");
    auto text = [&](std::string& dst) {
      return [&dst](const YAML::Node& n) { dst = n.as<std::string>(); };
    };
    auto number = [&](double& dst) {
      return [&dst](const YAML::Node& n) { dst = n.as<double>(); };
    };
    auto integer = [&](int& dst) { return [&dst](const YAML::Node& n) { dst = n.as<int>(); }; };
    auto letter = [&](char& dst) {
      return [&dst](const YAML::Node& n) {
        const std::string s = n.as<std::string>();
        if (s.size() != 1) throw YAML::Exception(YAML::Mark(), "expected one character");
        dst = s[0];
      };
    };
    std::string session_name;
    const std::map<std::string, std::function<void(const YAML::Node&)>> setters{
        {"InstrumentID", text(spec.id)},
        {"ExchangeID", text(spec.exchange)},
        {"ProductID", text(spec.product)},
        {"InstrumentName", text(spec.name)},
        {"ProductClass", letter(spec.product_class)},
        {"VolumeMultiple", integer(spec.multiplier)},
        {"PriceTick", number(spec.price_tick)},
        {"MinLimitOrderVolume", integer(spec.min_limit_volume)},
        {"MaxLimitOrderVolume", integer(spec.max_limit_volume)},
        {"MaxMarketOrderVolume", integer(spec.max_market_volume)},
        {"BasePrice", number(spec.base_price)},
        {"LimitRatio", number(spec.limit_ratio)},
        {"MarginRatio", number(spec.margin_ratio)},
        {"OpenRatioByMoney", number(spec.open_by_money)},
        {"OpenRatioByVolume", number(spec.open_by_volume)},
        {"CloseRatioByMoney", number(spec.close_by_money)},
        {"CloseRatioByVolume", number(spec.close_by_volume)},
        {"CloseTodayRatioByMoney", number(spec.close_today_by_money)},
        {"CloseTodayRatioByVolume", number(spec.close_today_by_volume)},
        {"Sessions", text(session_name)},
        {"ExpireDate", text(spec.expire_date)},
        {"UnderlyingInstrID", text(spec.underlying)},
        {"StrikePrice", number(spec.strike)},
        {"OptionsType", letter(spec.options_type)},
    };
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      auto it = setters.find(key);
      if (it == setters.end()) fail(origin, where, "unknown key '" + key + "'");
      try {
        it->second(kv.second);
      } catch (const YAML::Exception&) {
        fail(origin, where, "key '" + key + "' has the wrong type");
      }
    }
    for (const char* required : {"InstrumentID", "ExchangeID", "ProductID", "VolumeMultiple",
                                 "PriceTick", "BasePrice", "MarginRatio", "Sessions"}) {
      if (!node[required]) fail(origin, where, std::string("missing key '") + required + "'");
    }
    // One source for a price limit: the product's rule, or else the instrument's own.
    const auto product = products.find(spec.product);
    const bool product_limit = product != products.end() && product->second.price_limit > 0;
    if (product_limit) {
      if (node["LimitRatio"]) {
        fail(origin, where, "LimitRatio is set by products." + spec.product + ".PriceLimit");
      }
      spec.limit_ratio = product->second.price_limit;
    } else if (!node["LimitRatio"]) {
      fail(origin, where, "missing key 'LimitRatio'");
    }
    spec.daily_volatility = product != products.end() && product->second.volatility > 0
                                ? product->second.volatility
                                : default_volatility;
    if (const auto r = exchange_rules.find(spec.exchange); r != exchange_rules.end()) {
      spec.rules = r->second;
    }
    static const std::set<std::string> kExchanges{"SHFE", "INE", "DCE", "CZCE", "CFFEX", "GFEX"};
    if (!kExchanges.contains(spec.exchange))
      fail(origin, where, "unknown ExchangeID '" + spec.exchange + "'");
    if (!spec.rules) fail(origin, where, "no entry for " + spec.exchange + " in 'exchanges'");
    if (spec.id.empty() || spec.id.size() > 30)
      fail(origin, where, "InstrumentID must be 1-30 characters");
    if (!(spec.price_tick > 0)) fail(origin, where, "PriceTick must be positive");
    if (spec.multiplier <= 0) fail(origin, where, "VolumeMultiple must be positive");
    if (!spec.derive_price_units()) fail(origin, where, "PriceTick may have at most 6 decimals");
    if (!(spec.base_price > 0) || !spec.on_grid(spec.base_price)) {
      fail(origin, where, "BasePrice must be positive and on the tick grid");
    }
    if (!(spec.limit_ratio > 0 && spec.limit_ratio < 1))
      fail(origin, where, "LimitRatio must be in (0, 1)");
    if (spec.min_limit_volume < 1 || spec.max_limit_volume < spec.min_limit_volume) {
      fail(origin, where, "order volume limits are inconsistent");
    }
    auto s = sessions.find(session_name);
    if (s == sessions.end()) fail(origin, where, "unknown session '" + session_name + "'");
    spec.sessions = s->second;
    spec.index = master.instruments_.size();
    if (!master.by_id_.emplace(spec.id, spec.index).second)
      fail(origin, where, "duplicate InstrumentID");
    if (std::find(master.exchanges_.begin(), master.exchanges_.end(), spec.exchange) ==
        master.exchanges_.end()) {
      master.exchanges_.push_back(spec.exchange);
    }
    master.instruments_.push_back(std::move(spec));
  }
  if (master.instruments_.empty()) fail(origin, "instruments", "no instruments");
  return master;
}

InstrumentMaster InstrumentMaster::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InstrumentError("cannot open instrument master '" + path.string() + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path.string());
}

const InstrumentSpec* InstrumentMaster::find(std::string_view id) const noexcept {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &instruments_[it->second];
}

}  // namespace ctpgw::sim
