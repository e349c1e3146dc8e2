// What the simulated counter accepts as a new password (ReqUserPasswordUpdate).
//
// Real counters refuse weak passwords with ErrorID 131; brokers set the exact rule. The
// simulator's rule is this record: at least `min_length` characters from at least `min_classes`
// of the classes digits, letters and other printable characters. An empty password is never
// accepted anywhere: a stored password is never a wildcard.
#pragma once

#include <cstddef>
#include <string_view>

namespace ctpgw::sim {

struct PasswordPolicy {
  std::size_t min_length = 6;
  int min_classes = 2;
};

inline bool is_weak_password(std::string_view password, const PasswordPolicy& policy = {}) {
  bool digit = false, letter = false, other = false;
  for (const char c : password) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      letter = true;
    } else {
      other = true;
    }
  }
  const int classes = int{digit} + int{letter} + int{other};
  return password.size() < policy.min_length || classes < policy.min_classes;
}

}  // namespace ctpgw::sim
