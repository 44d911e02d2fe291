// Correcting a patient's details: only the fields given change, validated as at
// registration; the audit row keeps each old value beside the new one and the reason;
// a refusal (bad value, no reason, a taken record number, another centre, a role that
// may not) changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

class PatientUpdate : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    pathway_ = std::make_unique<Pathway>(*store_, Clock::fixed(1795000000000));  // 2026-11-18
    for (const char* c : {"a", "b"}) pathway_->upsert_centre(op_, {c, "C", "م", "", "", "licensed", "", ""});
    patient_ = add("M1", "a");
  }
  Patient add(const std::string& mrn, const std::string& centre) {
    Patient p;
    p.centre_id = centre;
    p.mrn = mrn;
    p.name_latin = "Test";
    p.name_fa = "آزمون";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(p.mrn);
    p.mobile = "09121234567";
    return pathway_->add_patient(Actor{"co-" + centre, Role::coordinator, centre}, p);
  }
  Patient stored(std::int64_t id) {
    std::optional<Patient> p;
    store_->read([&](store::Transaction& tx) { p = tx.find_patient(id); });
    return *p;
  }
  std::vector<store::AuditRow> updates() {
    std::vector<store::AuditRow> out;
    store_->read([&](store::Transaction& tx) {
      for (auto& r : tx.audit_rows(0, 100000))
        if (r.action == "patient.update") out.push_back(r);
    });
    return out;
  }
  static PatientChange because(std::string reason) {
    PatientChange c;
    c.reason = std::move(reason);
    return c;
  }
  // Every refusal leaves the record as it was and no audit row.
  void expect_unchanged() {
    const Patient now = stored(patient_.id);
    EXPECT_EQ(now.mobile, patient_.mobile);
    EXPECT_EQ(now.mrn, patient_.mrn);
    EXPECT_EQ(now.national_id, patient_.national_id);
    EXPECT_TRUE(updates().empty());
  }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  Actor op_ = Actor::cli_operator();
  Actor coordinator_a_{"co-a", Role::coordinator, "a"};
  Patient patient_;
};

TEST_F(PatientUpdate, OnlyTheGivenFieldsChangeAndTheOldValuesAreKept) {
  PatientChange c = because("the patient changed phone");
  c.mobile = "۰۹۱۲ ۷۶۵ ۴۳۲۱";  // typed as people say it, in Persian digits
  c.consent_contact = true;
  const Patient after = pathway_->update_patient(coordinator_a_, patient_.id, c);
  EXPECT_EQ(after.mobile, "+989127654321");
  EXPECT_TRUE(after.consent.contact);
  const Patient now = stored(patient_.id);
  EXPECT_EQ(now.mobile, "+989127654321");
  EXPECT_TRUE(now.consent.contact);
  EXPECT_EQ(now.name_latin, patient_.name_latin);
  EXPECT_EQ(now.mrn, patient_.mrn);
  EXPECT_EQ(now.centre_id, "a");

  const auto rows = updates();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].actor, "co-a");
  EXPECT_EQ(rows[0].centre_id, "a");
  EXPECT_EQ(rows[0].entity_id, std::to_string(patient_.id));
  const auto detail = nlohmann::json::parse(rows[0].detail);
  EXPECT_EQ(detail["reason"], "the patient changed phone");
  EXPECT_EQ(detail["changed"]["mobile"]["from"], "+989121234567");
  EXPECT_EQ(detail["changed"]["mobile"]["to"], "+989127654321");
  EXPECT_EQ(detail["changed"]["consent.contact"]["from"], false);
  EXPECT_EQ(detail["changed"]["consent.contact"]["to"], true);
  EXPECT_EQ(detail["changed"].size(), 2U);  // nothing else is said to have changed
}

TEST_F(PatientUpdate, TheSameValuesWriteNothing) {
  PatientChange c = because("checked with the patient");
  c.mobile = "0912 123 4567";  // the stored number, typed another way
  c.name_latin = patient_.name_latin;
  pathway_->update_patient(coordinator_a_, patient_.id, c);
  EXPECT_TRUE(updates().empty());
}

TEST_F(PatientUpdate, RefusalsNameTheFieldAndChangeNothing) {
  const auto refused_on = [&](const PatientChange& c, const std::string& field) {
    try {
      pathway_->update_patient(coordinator_a_, patient_.id, c);
      ADD_FAILURE() << "accepted; expected a refusal on " << field;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), field);
    }
    expect_unchanged();
  };
  PatientChange c = because("");
  c.mobile = "09127654321";
  refused_on(c, "reason");
  c.reason = "  \n ";
  refused_on(c, "reason");
  c = because("typo");
  c.national_id = "1234567890";
  refused_on(c, "national_id");
  c = because("typo");
  c.mobile = "0812";
  refused_on(c, "mobile");
  c = because("typo");
  c.birth_date = CivilDate::from_ymd(2027, 1, 1);
  refused_on(c, "birth_date");
  c = because("typo");
  c.name_fa = "";
  c.name_latin = "";
  refused_on(c, "name_fa");
  c = because(std::string(501, 'x'));
  c.mobile = "09127654321";
  refused_on(c, "reason");
}

TEST_F(PatientUpdate, ATakenRecordNumberIsAConflict) {
  add("M2", "a");
  add("M1-elsewhere", "b");
  PatientChange c = because("merged records");
  c.mrn = "M2";
  EXPECT_THROW(pathway_->update_patient(coordinator_a_, patient_.id, c), ConflictError);
  expect_unchanged();
  c.mrn = "M1-elsewhere";  // taken at another centre only: free here
  EXPECT_EQ(pathway_->update_patient(coordinator_a_, patient_.id, c).mrn, "M1-elsewhere");
}

TEST_F(PatientUpdate, AnotherCentreAndOtherRolesAreRefused) {
  PatientChange c = because("typo");
  c.mobile = "09127654321";
  EXPECT_THROW(pathway_->update_patient(Actor{"co-b", Role::coordinator, "b"}, patient_.id, c), NotFoundError);
  EXPECT_THROW(pathway_->update_patient(Actor{"lab-a", Role::lab, "a"}, patient_.id, c), ForbiddenError);
  EXPECT_THROW(pathway_->update_patient(Actor{"an", Role::analyst, "a"}, patient_.id, c), ForbiddenError);
  EXPECT_THROW(pathway_->update_patient(coordinator_a_, 999999, c), NotFoundError);
  expect_unchanged();
  EXPECT_EQ(pathway_->update_patient(Actor{"dr-a", Role::surgeon, "a"}, patient_.id, c).mobile, "+989127654321");
}

}  // namespace
}  // namespace rp::service
