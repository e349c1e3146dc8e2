#include "subscription_book.h"

#include <gtest/gtest.h>

namespace ctpgw::md {
namespace {

using Added = SubscriptionBook::Added;
using Removed = SubscriptionBook::Removed;

TEST(SubscriptionBook, ReferenceCountsDriveUpstreamSubscriptions) {
  SubscriptionBook book;
  EXPECT_EQ(book.subscribe(1, "rb2510"), Added::FirstSubscriber);
  EXPECT_EQ(book.subscribe(2, "rb2510"), Added::AnotherSubscriber);
  EXPECT_EQ(book.subscribe(2, "rb2510"), Added::AlreadySubscribed);
  EXPECT_EQ(book.subscribers("rb2510"), (std::vector<ClientId>{1, 2}));
  EXPECT_EQ(book.unsubscribe(1, "rb2510"), Removed::OthersRemain);
  EXPECT_EQ(book.unsubscribe(1, "rb2510"), Removed::NotSubscribed);
  EXPECT_EQ(book.unsubscribe(2, "rb2510"), Removed::LastSubscriber);
  EXPECT_TRUE(book.subscribers("rb2510").empty());
  EXPECT_EQ(book.instrument_count(), 0u);
  EXPECT_EQ(book.client_count(), 0u);
}

TEST(SubscriptionBook, RemovingAClientReturnsOnlyOrphanedInstruments) {
  SubscriptionBook book;
  book.subscribe(1, "rb2510");
  book.subscribe(1, "au2512");
  book.subscribe(1, "IF2509");
  book.subscribe(2, "au2512");
  EXPECT_EQ(book.remove_client(1), (std::vector<std::string>{"IF2509", "rb2510"}));
  EXPECT_FALSE(book.is_subscribed(1, "au2512"));
  EXPECT_TRUE(book.is_subscribed(2, "au2512"));
  EXPECT_EQ(book.instruments(), (std::vector<std::string>{"au2512"}));
  EXPECT_TRUE(book.remove_client(1).empty());
  EXPECT_EQ(book.remove_client(2), (std::vector<std::string>{"au2512"}));
  EXPECT_EQ(book.instrument_count(), 0u);
}

TEST(SubscriptionBook, ManyClientsKeepExactCounts) {
  SubscriptionBook book;
  for (ClientId c = 1; c <= 100; ++c) {
    for (const char* i : {"a", "b", "c", "d", "e"}) book.subscribe(c, i);
  }
  EXPECT_EQ(book.subscribers("c").size(), 100u);
  for (ClientId c = 1; c <= 100; c += 2) EXPECT_TRUE(book.remove_client(c).empty());
  EXPECT_EQ(book.subscribers("c").size(), 50u);
  for (ClientId s : book.subscribers("c")) EXPECT_EQ(s % 2, 0u);
}

}  // namespace
}  // namespace ctpgw::md
