#pragma once
// How sign-in attempts are limited without a lock-out an attacker controls
// (0009_sign_in_limits.sql). Staff: each failure makes the next attempt under the same
// key wait, the wait doubling after a few free failures; the keys are a username at a
// client address and a client address alone, hashed, and an unknown username is counted
// exactly like a known one. Patients' codes: budgets of codes asked for and of wrong codes
// typed, per mobile number, per client address and overall, within a window.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/error.hpp"
#include "store/store.hpp"

namespace rp::service {

// No valid credentials or session (HTTP 401).
class UnauthorizedError : public InputError {
 public:
  using InputError::InputError;
};

// Too many attempts: try again after retry_after_s seconds (HTTP 429 with Retry-After).
class TooManyAttemptsError : public InputError {
 public:
  TooManyAttemptsError(std::string field, ErrorCode code, int retry_after_s)
      : InputError(std::move(field), code), retry_after_s_(retry_after_s) {}
  int retry_after_s() const { return retry_after_s_; }

 private:
  int retry_after_s_;
};

// A growing wait under one key.
struct DelayRule {
  int free_failures = 3;  // failures that cost no wait
  int max_delay_s = 300;  // the wait doubles from 1 s up to this
  // A key's failures are forgotten once its last one is this old.
  std::int64_t memory_ms = 3600LL * 1000;
};

// The seconds to wait after `failures` failures under a rule: 0 for the free ones, then
// 1, 2, 4, … up to the cap.
int delay_after_failures(const DelayRule& rule, int failures);

// The key a client address is counted under: an IPv4 address as it is (an IPv4-mapped
// IPv6 address as its IPv4 form), an IPv6 address by its /64 network, which one
// subscriber usually holds whole, so hopping within it does not reset a count.
std::string address_key(std::string_view peer);

// Whole seconds from `now_ms` until the key's wait ends (rounded up), or 0.
int wait_s(store::Transaction& tx, const std::string& key, std::int64_t now_ms);
// Counts a failure under the key and sets its wait by the rule.
void count_failure(store::Transaction& tx, const std::string& key, const DelayRule& rule, const Clock& clock);

// How many events of one kind are allowed within a window, per scope.
struct WindowBudget {
  int per_mobile = 0;
  int per_address = 0;
  int overall = 0;
};

// A patient's code counts as being guessed, for the worklist, once this many wrong codes
// were typed for their number within the window.
struct GuessAlert {
  std::int64_t window_ms = 24LL * 3600 * 1000;
  int min_wrong = 3;
};

// Throws TooManyAttemptsError(field, refusal, seconds until the oldest counted event
// leaves the window) when the mobile, the address or everyone has used the budget.
void check_budget(store::Transaction& tx, const std::string& kind, const std::string& mobile,
                  const std::string& address, const WindowBudget& budget, std::int64_t window_ms, const Clock& clock,
                  const std::string& field, ErrorCode refusal);

}  // namespace rp::service
