// SimCounter: accounts, passwords and the sessions that receive an account's pushes.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "ctp/counter_text.h"
#include "ctpgw/sim/accounts/password_hash.h"
#include "ctpgw/sim/accounts/password_policy.h"
#include "ctpgw/sim/ctp/sim_counter.h"

namespace ctpgw::sim {

using namespace ctpgw::ctp;
using namespace counter_text;

ErrorCode SimCounter::login(const std::string& investor_id, const std::string& password) {
  ErrorCode rc = ErrorCode::None;
  const bool written = guarded([&] {
    roll_day_if_needed();
    // An empty password would match anything a careless client sends: never accepted.
    if (investor_id.empty() || password.empty()) {
      rc = ErrorCode::InvalidLogin;
      return;
    }
    Investor* a = find_account(investor_id);
    if (a != nullptr && !a->stored.password.empty()) {
      rc =
          verify_password(password, a->stored.password) ? ErrorCode::None : ErrorCode::InvalidLogin;
      return;
    }
    if (a != nullptr) {
      // Only data written before empty passwords were refused can hold one.
      spdlog::warn("account '{}' had no password stored; this login sets it", investor_id);
    }
    // First login creates the account with the configured balance; its password becomes the
    // account's password.
    Investor& created = account(investor_id);
    created.stored.password = hash_password(password);
    if (a == nullptr)
      created.stored.pre_balance = Money::from_yuan(exchange_.config().initial_balance);
    write_begin();
    store_->put_account(created.stored);
    write_end();
  });
  return written ? rc : kStorageFailure;
}

int SimCounter::next_session_id() {
  // Unique among the sessions of stored orders (load() starts above them) and of this process.
  return ++last_session_id_;
}

ErrorCode SimCounter::change_password(const std::string& investor_id,
                                      const std::string& old_password,
                                      const std::string& new_password) {
  Investor* a = find_account(investor_id);
  if (a == nullptr) return ErrorCode::UserNotFound;
  if (a->stored.password.empty() || !verify_password(old_password, a->stored.password)) {
    return ErrorCode::OldPasswordMismatch;
  }
  if (new_password == old_password) return ErrorCode::PwdMustDiff;
  if (is_weak_password(new_password)) return ErrorCode::WeakPassword;
  const bool written = guarded([&] {
    a->stored.password = hash_password(new_password);
    write_begin();
    store_->put_account(a->stored);
    write_end();
  });
  return written ? ErrorCode::None : kStorageFailure;
}

void SimCounter::attach(const std::string& investor_id, std::weak_ptr<TradeSessionSink> sink) {
  Investor& a = account(investor_id);
  std::erase_if(a.sinks, [](const auto& w) { return w.expired(); });
  // A session that logs in again must not receive every push twice.
  const auto same = [&sink](const std::weak_ptr<TradeSessionSink>& w) {
    return !w.owner_before(sink) && !sink.owner_before(w);
  };
  if (std::none_of(a.sinks.begin(), a.sinks.end(), same)) a.sinks.push_back(std::move(sink));
}

void SimCounter::detach(const std::string& investor_id,
                        const std::shared_ptr<TradeSessionSink>& sink) {
  if (Investor* a = find_account(investor_id)) {
    std::erase_if(a->sinks, [&](const auto& w) { return w.expired() || w.lock() == sink; });
  }
}

std::string SimCounter::max_order_ref(const SessionContext& s) const {
  auto it = max_ref_.find({s.front_id, s.session_id});
  return std::to_string(it == max_ref_.end() ? 0 : it->second);
}

}  // namespace ctpgw::sim
