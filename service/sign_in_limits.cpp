#include "service/sign_in_limits.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace rp::service {
namespace {

// Whole seconds, rounded up, for a span of milliseconds; 0 when it is not positive.
int ceil_seconds(std::int64_t ms) { return ms <= 0 ? 0 : static_cast<int>((ms + 999) / 1000); }

}  // namespace

int delay_after_failures(const DelayRule& rule, int failures) {
  if (failures <= rule.free_failures) return 0;
  const int doublings = std::min(failures - rule.free_failures - 1, 30);
  return static_cast<int>(std::min<std::int64_t>(std::int64_t{1} << doublings, rule.max_delay_s));
}

std::string address_key(std::string_view peer) {
  std::string text(peer);
  std::array<unsigned char, 16> bytes{};
  if (::inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return text;  // IPv4 or not an address
  std::array<char, INET6_ADDRSTRLEN> out{};
  static constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes.begin())) {
    ::inet_ntop(AF_INET, bytes.data() + 12, out.data(), out.size());
    return out.data();
  }
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  ::inet_ntop(AF_INET6, bytes.data(), out.data(), out.size());
  return std::string(out.data()) + "/64";
}

int wait_s(store::Transaction& tx, const std::string& key, std::int64_t now_ms) {
  const auto row = tx.find_sign_in_delay(key);
  return row ? ceil_seconds(instant_ms(row->wait_until) - now_ms) : 0;
}

void count_failure(store::Transaction& tx, const std::string& key, const DelayRule& rule, const Clock& clock) {
  const std::int64_t now = clock.now_ms();
  const auto row = tx.find_sign_in_delay(key);
  const bool remembered = row && now - instant_ms(row->last_failure_at) < rule.memory_ms;
  const int failures = remembered ? row->failures + 1 : 1;
  const std::int64_t wait_ms = std::int64_t{delay_after_failures(rule, failures)} * 1000;
  tx.put_sign_in_delay({key, failures, clock.now_iso(), Clock::fixed(now + wait_ms).now_iso()});
}

void check_budget(store::Transaction& tx, const std::string& kind, const std::string& mobile,
                  const std::string& address, const WindowBudget& budget, std::int64_t window_ms, const Clock& clock,
                  const std::string& field, ErrorCode refusal) {
  const std::int64_t now = clock.now_ms();
  const std::string since = Clock::fixed(now - window_ms).now_iso();
  struct Scope {
    int limit;
    std::optional<std::string> mobile, address;
  };
  // A limit of 0 leaves that scope without a budget.
  for (const Scope& scope : {Scope{budget.per_mobile, mobile, std::nullopt},
                             Scope{budget.per_address, std::nullopt, address}, Scope{budget.overall, {}, {}}}) {
    if (scope.limit <= 0) continue;
    const auto used = tx.count_code_events({kind, since, scope.mobile, scope.address});
    if (used.count < scope.limit) continue;
    const int retry = std::max(1, ceil_seconds(instant_ms(used.oldest_at) + window_ms - now));
    throw TooManyAttemptsError(field, refusal, retry);
  }
}

}  // namespace rp::service
