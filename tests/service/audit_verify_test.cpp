// The audit check's record half and "who saw this patient", through the use cases:
// lists (the search, the worklist, the open red flags) name the patients they showed; a
// record changed, added or removed outside regenpath is named, to an admin only for the
// admin's own centre; a record from before record content was kept is counted, not failed.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "service/audit.hpp"
#include "service/submissions.hpp"
#include "service/worklist.hpp"

namespace rp::service {
namespace {

class AuditVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    pathway_ = std::make_unique<Pathway>(*store_, clock_);
    auth_ = std::make_unique<Auth>(*store_, clock_, AuthPolicy{},
                                   [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
    submissions_ = std::make_unique<Submissions>(*store_, clock_, *auth_);
    for (const char* c : {"a", "b"}) pathway_->upsert_centre(op_, {c, "C", "م", "", "", "licensed", "", ""});
    for (const char* c : {"a", "b"}) {
      Patient p;
      p.centre_id = c;
      p.mrn = "M1";
      p.name_latin = "Test";
      p.name_fa = "آزمون";
      p.birth_date = CivilDate::from_ymd(1961, 3, 21);
      p.national_id = "0013542419";
      p = pathway_->add_patient(op_, p);
      Episode e;
      e.patient_id = p.id;
      e.protocol_id = "hip-msc-v1";
      e.side = Side::right;
      e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
      e = pathway_->add_episode(op_, e);
      patients_.push_back(p.id);
      episodes_.push_back(e.id);
    }
  }
  void sql(const std::string& statement) {
    SQLite::Database raw(db_.path(), SQLite::OPEN_READWRITE);
    raw.exec(statement);
  }
  std::vector<std::string> listed_by(const Actor& viewer, std::int64_t patient) {
    std::vector<std::string> out;
    for (const auto& a : who_saw(*store_, clock_, op_, patient))
      if (a.listed && a.row.actor == viewer.user) out.push_back(a.row.action);
    return out;
  }

  test::TempDb db_;
  const Clock clock_ = Clock::fixed(1795000000000);  // 2026-11-18
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  std::unique_ptr<Auth> auth_;
  std::unique_ptr<Submissions> submissions_;
  std::vector<std::int64_t> patients_, episodes_;  // centre a's, then centre b's
  Actor op_ = Actor::cli_operator();
  Actor coordinator_a_{"co-a", Role::coordinator, "a"};
  Actor admin_a_{"admin-a", Role::admin, "a"};
};

TEST_F(AuditVerify, ListsNameThePatientsTheyShowed) {
  // A drug hold starts within the week: the worklist shows centre a's patient.
  pathway_->plan(coordinator_a_, episodes_[0], CivilDate::from_ymd(2026, 12, 5), CivilDate::from_ymd(2026, 12, 5));
  const Worklist w = worklist(*store_, clock_, coordinator_a_, std::nullopt);
  ASSERT_FALSE(w.holds.empty());
  // A red flag from the patient, on the open list.
  const Actor patient{"patient-" + std::to_string(patients_[0]), Role::patient, "a", false, patients_[0]};
  submissions_->report_red_flag(patient, episodes_[0], {"swelling", "moderate", "", std::nullopt, {}});
  ASSERT_EQ(submissions_->open_red_flags(coordinator_a_).size(), 1u);
  store::PatientQuery q;
  q.text = "Test";
  ASSERT_EQ(pathway_->find_patients(coordinator_a_, q).size(), 1u);

  EXPECT_EQ(listed_by(coordinator_a_, patients_[0]),
            (std::vector<std::string>{"worklist.read", "red_flag.list", "patient.search"}));
  EXPECT_TRUE(listed_by(coordinator_a_, patients_[1]).empty());
  // The rows name ids only: no name, no national id.
  store_->read([&](store::Transaction& tx) {
    for (const auto& r : tx.audit_rows(0, 1000)) {
      EXPECT_EQ(r.shown.find("Test"), std::string::npos);
      EXPECT_EQ(r.detail.find("0013542419"), std::string::npos);
    }
  });
  // A single-record read of the episode is the patient's too.
  pathway_->episode_record(coordinator_a_, episodes_[0]);
  bool opened = false;
  for (const auto& a : who_saw(*store_, clock_, op_, patients_[0]))
    opened |= a.row.action == "episode.read" && !a.listed && a.row.actor == "co-a";
  EXPECT_TRUE(opened);
  // Only admins and the operator ask, and an admin only of their own centre's patients.
  EXPECT_THROW(who_saw(*store_, clock_, coordinator_a_, patients_[0]), ForbiddenError);
  EXPECT_THROW(who_saw(*store_, clock_, admin_a_, patients_[1]), NotFoundError);
  EXPECT_NO_THROW(who_saw(*store_, clock_, admin_a_, patients_[0]));
  EXPECT_FALSE(verify_audit_chain(*store_, op_).tampered());
}

TEST_F(AuditVerify, ChangedAddedAndRemovedRecordsAreNamedToTheirCentresAdmin) {
  EXPECT_EQ(verify_audit_chain(*store_, op_).records_checked, 4);
  // Centre a's patient renamed, centre b's episode given answers nobody recorded.
  sql("UPDATE patients SET name_latin = 'Other' WHERE id = " + std::to_string(patients_[0]));
  sql("INSERT INTO questionnaire_responses (episode_id, centre_id, instrument, answers_json, scores_json, source, "
      "submitted_by, submitted_at) VALUES (" +
      std::to_string(episodes_[1]) + ", 'b', 'nrs-pain', '{}', '{}', 'staff', 'x', 't')");
  auto v = verify_audit_chain(*store_, op_);
  EXPECT_EQ(v.verdict(), "tampered");
  ASSERT_EQ(v.changed_records.size(), 2u);
  EXPECT_EQ(v.changed_records[0].kind, "patient");
  EXPECT_EQ(v.changed_records[0].id, patients_[0]);
  EXPECT_EQ(v.changed_records[0].last_seq, 3);  // its registration
  EXPECT_EQ(v.changed_records[1].kind, "questionnaire_response");
  EXPECT_EQ(v.changed_records[1].centre_id, "b");
  EXPECT_FALSE(v.changed_records[1].last_seq);
  EXPECT_NE(v.changed_records[1].why.find("no audit row"), std::string::npos);
  EXPECT_FALSE(v.first_broken_seq);
  v = verify_audit_chain(*store_, admin_a_);
  ASSERT_EQ(v.changed_records.size(), 1u);
  EXPECT_EQ(v.changed_records[0].id, patients_[0]);
  EXPECT_EQ(v.changed_elsewhere, 1);

  // A patient added behind regenpath's back has no row that vouches for it.
  sql("INSERT INTO patients (centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, created_at) VALUES ('a', 'X', 'x', 'x', 'female', "
      "'1960-01-01', '', '', 0, 0, 0, 't')");
  v = verify_audit_chain(*store_, op_);
  ASSERT_EQ(v.changed_records.size(), 3u);
  EXPECT_EQ(v.changed_records[1].kind, "patient");
  EXPECT_FALSE(v.changed_records[1].last_seq);
}

TEST_F(AuditVerify, ARemovedRecordIsNamedAndAnOlderOneCountedUnchecked) {
  // Removed: centre b's patient and everything of theirs.
  const std::string b = std::to_string(patients_[1]), eb = std::to_string(episodes_[1]);
  sql("DELETE FROM episode_transitions WHERE episode_id = " + eb);
  sql("DELETE FROM episodes WHERE id = " + eb);
  sql("DELETE FROM patients WHERE id = " + b);
  // Written before record content was kept (as migration 0008 finds an older database):
  // counted, not failed.
  sql("UPDATE audit_content_start SET first_id = 100");
  sql("INSERT INTO patients (id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, created_at) VALUES (50, 'a', 'OLD', 'x', 'x', 'female', "
      "'1960-01-01', '', '', 0, 0, 0, 't')");
  const auto v = verify_audit_chain(*store_, op_);
  EXPECT_EQ(v.records_unchecked, 1);
  EXPECT_EQ(v.records_checked, 2);
  ASSERT_EQ(v.changed_records.size(), 2u);
  for (const auto& c : v.changed_records) {
    EXPECT_NE(c.why.find("deleted since audit row"), std::string::npos) << c.why;
    EXPECT_EQ(c.centre_id, "b");
  }
  EXPECT_EQ(verify_audit_chain(*store_, admin_a_).changed_elsewhere, 2);
}

}  // namespace
}  // namespace rp::service
