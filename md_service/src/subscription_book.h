// Which client watches which instrument, with reference counts for the one shared upstream
// market-data session: the upstream subscribes an instrument when its first client does and
// unsubscribes after its last one leaves. Pure data structure, io thread only.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ctpgw::md {

using ClientId = std::uint64_t;

class SubscriptionBook {
 public:
  enum class Added { AlreadySubscribed, FirstSubscriber, AnotherSubscriber };
  enum class Removed { NotSubscribed, LastSubscriber, OthersRemain };

  Added subscribe(ClientId client, const std::string& instrument);
  Removed unsubscribe(ClientId client, const std::string& instrument);
  /// Drops every subscription of `client`; returns the instruments nobody watches any more.
  std::vector<std::string> remove_client(ClientId client);

  /// Subscribers of an instrument (empty if none). Stable until the next mutation.
  const std::vector<ClientId>& subscribers(const std::string& instrument) const;
  bool is_subscribed(ClientId client, const std::string& instrument) const;
  /// Instruments `client` watches.
  std::size_t subscription_count(ClientId client) const;
  std::size_t instrument_count() const noexcept { return by_instrument_.size(); }
  std::size_t client_count() const noexcept { return by_client_.size(); }
  std::vector<std::string> instruments() const;

 private:
  std::unordered_map<std::string, std::vector<ClientId>> by_instrument_;
  std::unordered_map<ClientId, std::unordered_set<std::string>> by_client_;
};

}  // namespace ctpgw::md
