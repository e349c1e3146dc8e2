#include "subscription_book.h"

#include <algorithm>

namespace ctpgw::md {

SubscriptionBook::Added SubscriptionBook::subscribe(ClientId client,
                                                    const std::string& instrument) {
  auto& mine = by_client_[client];
  if (!mine.insert(instrument).second) return Added::AlreadySubscribed;
  auto& clients = by_instrument_[instrument];
  clients.push_back(client);
  return clients.size() == 1 ? Added::FirstSubscriber : Added::AnotherSubscriber;
}

SubscriptionBook::Removed SubscriptionBook::unsubscribe(ClientId client,
                                                        const std::string& instrument) {
  auto c = by_client_.find(client);
  if (c == by_client_.end() || c->second.erase(instrument) == 0) return Removed::NotSubscribed;
  if (c->second.empty()) by_client_.erase(c);
  auto i = by_instrument_.find(instrument);
  auto& clients = i->second;
  clients.erase(std::find(clients.begin(), clients.end(), client));
  if (!clients.empty()) return Removed::OthersRemain;
  by_instrument_.erase(i);
  return Removed::LastSubscriber;
}

std::vector<std::string> SubscriptionBook::remove_client(ClientId client) {
  std::vector<std::string> orphaned;
  auto c = by_client_.find(client);
  if (c == by_client_.end()) return orphaned;
  const std::unordered_set<std::string> mine = std::move(c->second);
  by_client_.erase(c);
  for (const std::string& instrument : mine) {
    auto i = by_instrument_.find(instrument);
    auto& clients = i->second;
    clients.erase(std::find(clients.begin(), clients.end(), client));
    if (clients.empty()) {
      by_instrument_.erase(i);
      orphaned.push_back(instrument);
    }
  }
  std::sort(orphaned.begin(), orphaned.end());
  return orphaned;
}

const std::vector<ClientId>& SubscriptionBook::subscribers(const std::string& instrument) const {
  static const std::vector<ClientId> kNone;
  auto i = by_instrument_.find(instrument);
  return i == by_instrument_.end() ? kNone : i->second;
}

std::size_t SubscriptionBook::subscription_count(ClientId client) const {
  auto it = by_client_.find(client);
  return it == by_client_.end() ? 0 : it->second.size();
}

bool SubscriptionBook::is_subscribed(ClientId client, const std::string& instrument) const {
  auto c = by_client_.find(client);
  return c != by_client_.end() && c->second.contains(instrument);
}

std::vector<std::string> SubscriptionBook::instruments() const {
  std::vector<std::string> out;
  out.reserve(by_instrument_.size());
  for (const auto& [instrument, clients] : by_instrument_) out.push_back(instrument);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ctpgw::md
