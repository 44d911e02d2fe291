// Staff sign-in's waits on a clock the test moves: free failures, then 1 s, 2 s, 4 s …
// up to the cap, per username at an address and per address; the count forgotten after
// a quiet spell; unknown usernames counted like known ones; and the client address read
// as the key it is counted under (IPv4-mapped, IPv6 /64).
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "../store/store_test_support.hpp"
#include "service/accounts.hpp"
#include "service/auth.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

class StaffSignInWaits : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    const Clock clock{[now = now_] { return *now; }};
    Pathway(*store_, clock).upsert_centre(op_, {"a", "C", "م", "", "", "licensed", "", ""});
    Accounts(*store_, clock).create(op_, "surgeon.a", "surgeon", "a", "Testing-pass-2026");
    AuthPolicy policy;
    policy.account_at_address = {3, 8, 60'000};
    policy.address = {5, 8, 60'000};
    auth_ = std::make_unique<Auth>(*store_, clock, policy,
                                   [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
  }
  void advance_s(double seconds) { *now_ += static_cast<std::int64_t>(seconds * 1000); }
  // 0 for a sign-in, 401 for a refusal, or the seconds to wait.
  int attempt(const std::string& username, const std::string& password, const std::string& address) {
    try {
      auth_->login(username, password, address);
      return 0;
    } catch (const TooManyAttemptsError& e) {
      return e.retry_after_s();
    } catch (const UnauthorizedError&) {
      return 401;
    }
  }
  int wrong(const std::string& username, const std::string& address) {
    return attempt(username, "Wrong-guess-2026", address);
  }

  test::TempDb db_;
  std::shared_ptr<std::int64_t> now_ = std::make_shared<std::int64_t>(1795000000000);
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Auth> auth_;
  Actor op_ = Actor::cli_operator();
};

TEST_F(StaffSignInWaits, TheWaitDoublesAfterTheFreeFailuresUpToTheCap) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 401) << i;
  EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 1);  // waiting: not counted
  std::vector<int> waits;
  for (int i = 0; i < 5; ++i) {
    advance_s(waits.empty() ? 1 : waits.back());
    EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 401);
    waits.push_back(wrong("surgeon.a", "10.0.0.1"));
  }
  EXPECT_EQ(waits, (std::vector<int>{2, 4, 8, 8, 8}));
  // The right password waits too, here; elsewhere it signs in at once.
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.0.1"), 8);
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.0.2"), 0);
}

TEST_F(StaffSignInWaits, AttemptsSentAllAtOnceAreCountedOneByOne) {
  // Sixteen at once from one address: without one attempt at a time per address, all
  // would pass the wait check before any failure is counted. The clock stands still, so
  // once the fourth failure sets a wait, nothing more from here is checked.
  std::vector<std::thread> threads;
  threads.reserve(16);
  std::atomic<int> checked{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      if (wrong("surgeon.a", "10.0.5.1") == 401) ++checked;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(checked.load(), 4);
  EXPECT_GE(checked.load(), 1);
}

TEST_F(StaffSignInWaits, FailuresAreForgottenAfterAQuietSpell) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 401);
  advance_s(61);
  // Counted from one again: three free failures before any wait.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 401);
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.0.1"), 0);
}

TEST_F(StaffSignInWaits, ARightPasswordClearsTheUsernamesCountAtThatAddressOnly) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 401);
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.0.1"), 0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(wrong("surgeon.a", "10.0.0.1"), 401) << "free again";
  // The address's own count (six failures) was not cleared: its free five are spent.
  EXPECT_EQ(wrong("nobody", "10.0.0.1"), 1);
}

TEST_F(StaffSignInWaits, UnknownUsernamesWaitExactlyLikeKnownOnes) {
  std::vector<int> known, unknown;
  for (int i = 0; i < 6; ++i) known.push_back(wrong("surgeon.a", "10.0.1.1"));
  for (int i = 0; i < 6; ++i) unknown.push_back(wrong("surgeon.zz", "10.0.1.2"));
  EXPECT_EQ(known, (std::vector<int>{401, 401, 401, 401, 1, 1}));
  EXPECT_EQ(unknown, known);
}

TEST_F(StaffSignInWaits, OneAddressIsCountedAcrossUsernames) {
  for (int i = 0; i < 6; ++i) EXPECT_EQ(wrong("user" + std::to_string(i), "10.0.2.1"), 401) << i;
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.2.1"), 1);
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.2.2"), 0);
}

TEST_F(StaffSignInWaits, AnIpv6SubscriberIsOneAddress) {
  // Hopping within a /64 does not reset the count; an IPv4-mapped address is its IPv4.
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(wrong("user" + std::to_string(i), "2001:db8:1:2::" + std::to_string(i + 1)), 401);
  EXPECT_EQ(wrong("surgeon.a", "2001:db8:1:2:ffff::9"), 1);
  EXPECT_EQ(wrong("surgeon.a", "2001:db8:1:3::1"), 401);
  EXPECT_EQ(address_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("192.0.2.7"), "192.0.2.7");
}

TEST_F(StaffSignInWaits, TheAccountCountsFailuresForTheAdminAndDecidesNothing) {
  for (int i = 0; i < 12; ++i) EXPECT_EQ(wrong("surgeon.a", "10.0.3." + std::to_string(i + 1)), 401);
  std::optional<store::AccountRow> row;
  store_->read([&](store::Transaction& tx) { row = tx.find_account_by_username("surgeon.a"); });
  EXPECT_EQ(row->failed_logins, 12);
  EXPECT_EQ(attempt("surgeon.a", "Testing-pass-2026", "10.0.4.1"), 0);
  store_->read([&](store::Transaction& tx) { row = tx.find_account_by_username("surgeon.a"); });
  EXPECT_EQ(row->failed_logins, 0);
}

}  // namespace
}  // namespace rp::service
