#include "ctpgw/sim/engine/order_fsm.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <utility>

namespace ctpgw::sim {
namespace {

using E = OrderEvent;

// The life cycle as the exchanges run it, written out pair by pair (independently of the table):
// 'a' submitted, '3' queueing, '1' part traded and queueing, '0' all traded, '5' cancelled.
const std::map<std::pair<char, E>, char> kExpected = {
    {{'a', E::Accept}, '3'},   {{'a', E::Reject}, '5'},   {{'a', E::PartFill}, '1'},
    {{'a', E::FullFill}, '0'}, {{'a', E::Cancel}, '5'},   {{'3', E::PartFill}, '1'},
    {{'3', E::FullFill}, '0'}, {{'3', E::Cancel}, '5'},   {{'3', E::Expire}, '5'},
    {{'1', E::PartFill}, '1'}, {{'1', E::FullFill}, '0'}, {{'1', E::Cancel}, '5'},
    {{'1', E::Expire}, '5'},
};

TEST(OrderFsm, EveryStateAndEventPairIsLegalExactlyAsTheExchangesRunIt) {
  int legal = 0, illegal = 0;
  for (char state : kOrderStatuses) {
    for (E event : kOrderEvents) {
      const std::optional<char> next = next_status(state, event);
      const auto it = kExpected.find({state, event});
      if (it == kExpected.end()) {
        EXPECT_FALSE(next.has_value()) << state << " " << event_name(event) << " must be illegal";
        ++illegal;
      } else {
        ASSERT_TRUE(next.has_value()) << state << " " << event_name(event) << " must be legal";
        EXPECT_EQ(*next, it->second) << state << " " << event_name(event);
        ++legal;
      }
    }
  }
  EXPECT_EQ(legal, static_cast<int>(kExpected.size()));
  EXPECT_EQ(legal + illegal, 5 * 6);
  EXPECT_EQ(kOrderTransitions.size(), kExpected.size()) << "each legal pair listed once";
}

TEST(OrderFsm, FinishedOrdersTakeNoEventAtAll) {
  for (char done : {'0', '5'}) {
    EXPECT_TRUE(is_finished(done));
    for (E event : kOrderEvents) EXPECT_FALSE(next_status(done, event).has_value());
  }
  for (char live : {'a', '3', '1'}) EXPECT_FALSE(is_finished(live));
}

}  // namespace
}  // namespace ctpgw::sim
