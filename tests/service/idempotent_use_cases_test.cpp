// A creating use case records the request's Idempotency-Key in its own transaction and
// answers a retry with what the first request created; the same key with another
// request is refused; a refused request records no key. And the one permission table:
// allows() and roles_with() say what require() enforces, and roles read back from text.
#include <gtest/gtest.h>

#include <algorithm>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "service/accounts.hpp"
#include "service/idempotency.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

class IdempotentUseCases : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    pathway_ = std::make_unique<Pathway>(*store_, Clock::fixed(1795000000000));  // 2026-11-18
    pathway_->upsert_centre(Actor::cli_operator(), {"a", "C", "م", "", "", "licensed", "", ""});
  }
  static Patient patient(const std::string& mrn) {
    Patient p;
    p.mrn = mrn;
    p.name_latin = "Test";
    p.name_fa = "آزمون";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(mrn);
    p.mobile = "09121234567";
    return p;
  }
  // The actor as the API hands it over for a request with `key` and body `body`.
  Actor keyed(RequestContext& context, const std::string& key, const std::string& body) {
    context = {};
    context.idempotency_key = key;
    context.route = "POST /api/v1/patients";
    context.request_id = context.route + " body " + body;
    Actor a = coordinator_;
    a.request = &context;
    return a;
  }
  int patients() {
    int n = 0;
    store_->read([&](store::Transaction& tx) { n = static_cast<int>(tx.list_patients({}).size()); });
    return n;
  }
  std::optional<store::IdempotencyRow> key_row(const std::string& user, const std::string& key) {
    std::optional<store::IdempotencyRow> r;
    store_->read([&](store::Transaction& tx) { r = tx.find_idempotency(user, key); });
    return r;
  }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  Actor coordinator_{"co-a", Role::coordinator, "a"};
};

TEST_F(IdempotentUseCases, ARetryGetsTheFirstPatientAndAnotherRequestWithTheKeyIsRefused) {
  RequestContext first, retry, other;
  const Patient created = pathway_->add_patient(keyed(first, "k1", "one"), patient("M1"));
  EXPECT_TRUE(first.recorded);
  EXPECT_FALSE(first.replayed);
  ASSERT_TRUE(key_row("co-a", "k1"));
  EXPECT_EQ(key_row("co-a", "k1")->route, "POST /api/v1/patients body one");
  EXPECT_EQ(patients(), 1);

  const Patient again = pathway_->add_patient(keyed(retry, "k1", "one"), patient("M1"));
  EXPECT_TRUE(retry.replayed);
  EXPECT_FALSE(retry.recorded);
  EXPECT_EQ(again.id, created.id);
  EXPECT_EQ(again.mrn, "M1");
  EXPECT_EQ(patients(), 1);

  EXPECT_THROW(pathway_->add_patient(keyed(other, "k1", "two"), patient("M2")), ConflictError);
  EXPECT_EQ(patients(), 1);
  // Without a key nothing is recorded: the same body makes a second patient (another number).
  pathway_->add_patient(coordinator_, patient("M3"));
  EXPECT_EQ(patients(), 2);
}

TEST_F(IdempotentUseCases, ARefusedRequestRecordsNoKeySoACorrectedRetryIsNew) {
  RequestContext bad, fixed;
  Patient taken = patient("M1");
  pathway_->add_patient(coordinator_, taken);
  // The record number is taken: refused inside the transaction, which rolls back the key too.
  EXPECT_THROW(pathway_->add_patient(keyed(bad, "k2", "one"), patient("M1")), ConflictError);
  EXPECT_FALSE(key_row("co-a", "k2"));
  const Patient p = pathway_->add_patient(keyed(fixed, "k2", "two"), patient("M9"));
  EXPECT_TRUE(fixed.recorded);
  EXPECT_EQ(p.mrn, "M9");
}

TEST_F(IdempotentUseCases, AnAccountRetryGetsTheFirstAccount) {
  Accounts accounts(*store_, Clock::fixed(1795000000000));
  Actor admin{"admin-a", Role::admin, "a"};
  RequestContext first, retry;
  first.idempotency_key = retry.idempotency_key = "acc";
  first.route = retry.route = "POST /api/v1/accounts";
  first.request_id = retry.request_id = "POST /api/v1/accounts body x";
  admin.request = &first;
  const Account a = accounts.create(admin, "lab.new", "lab", "a", "correct-horse-42");
  admin.request = &retry;
  const Account b = accounts.create(admin, "lab.new", "lab", "a", "correct-horse-42");
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(b.username, "lab.new");
  EXPECT_EQ(b.role, "lab");
  EXPECT_EQ(accounts.list(admin).size(), 1u);
}

TEST(PermissionTable, AllowsAndRolesWithSayWhatRequireEnforces) {
  for (int p = 0; p <= static_cast<int>(Permission::payment_record); ++p) {
    const auto permission = static_cast<Permission>(p);
    const auto listed = roles_with(permission);
    EXPECT_FALSE(listed.empty());
    for (const Role role : kAllRoles) {
      const bool in_table = std::find(listed.begin(), listed.end(), role) != listed.end();
      EXPECT_EQ(allows(role, permission), in_table || role == Role::operator_) << to_string(role) << " " << p;
      const Actor actor{"x", role, "a"};
      if (allows(role, permission)) {
        EXPECT_NO_THROW(require(actor, permission));
      } else {
        EXPECT_THROW(require(actor, permission), ForbiddenError);
      }
    }
  }
  EXPECT_FALSE(allows(Role::patient, Permission::patient_read));
  EXPECT_FALSE(allows(Role::anonymous, Permission::registry_read));
  EXPECT_TRUE(allows(Role::registry, Permission::centre_licence));
  EXPECT_FALSE(allows(Role::admin, Permission::centre_licence));
}

TEST(PermissionTable, RolesAreTextOnlyAtTheEdges) {
  for (const Role role : kAllRoles) EXPECT_EQ(role_from_string(to_string(role)), role);
  EXPECT_EQ(to_string(Role::operator_), "operator");
  EXPECT_EQ(to_string(Role::anonymous), "public");
  EXPECT_FALSE(role_from_string("Surgeon"));
  EXPECT_FALSE(role_from_string(""));
}

}  // namespace
}  // namespace rp::service
