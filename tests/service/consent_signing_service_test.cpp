// Signing a consent (service/consent_signing.hpp) with the real PDF writer, in one SQLite
// file: a centre that publishes a treatment consent harvests no cells until the patient
// signed that version for the episode and a witness countersigned it; a later version
// asks for a new signature while the signed copy stays as it was, its hash in the audit
// chain; signing and withdrawing set and clear the patient's consent flags; a wrong
// answer, another patient's consent and another centre's witness are refused.
#include <gtest/gtest.h>

#include <sodium.h>

#include "../store/store_test_support.hpp"
#include "api/labels/consent_sheet.hpp"
#include "base/error.hpp"
#include "demo/product_walk.hpp"
#include "eligible_findings.hpp"
#include "service/accounts.hpp"
#include "service/consent_documents.hpp"
#include "service/consent_signing.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

constexpr std::int64_t kNow = 1795000000000;  // 2026-11-18

class ConsentSigningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    pathway_ = std::make_unique<Pathway>(*store_, clock_);
    for (const char* c : {"a", "b"}) pathway_->upsert_centre(op_, {c, "C", "م", "", "", "licensed", "", ""});
    Accounts(*store_, clock_).create(op_, "dr-a", "surgeon", "a", "walk-the-path-2026");
    Patient p;
    p.centre_id = "a";
    p.mrn = "M1";
    p.name_latin = "Maryam Rezaei";
    p.name_fa = "مریم رضایی";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(p.mrn);
    patient_ = pathway_->add_patient(coordinator_, p);
    me_ = Actor{"patient", Role::patient, "a"};
    me_.patient_id = patient_.id;
  }
  ConsentSigning signing() { return ConsentSigning(*store_, clock_, nullptr, labels::consent_pdf); }
  void publish(consent::ConsentKind kind, const std::string& title) {
    consent::Document d;
    d.centre_id = "a";
    d.protocol = "hip-msc-v1";
    d.kind = kind;
    d.title = {title, "رضایت"};
    d.sections = {{{"What is done", "چه انجام می‌شود"},
                   {"Cells are taken from your hip bone.\n\n{{claim:success-75-85}}",
                    "سلول‌ها گرفته می‌شود."}}};
    d.questions = {{{"Is it proven?", "اثبات‌شده است؟"}, {{"Yes", "بله"}, {"No", "نه"}}, 1}};
    ConsentDocuments docs(*store_, clock_);
    const auto saved = docs.save(surgeon_, d);
    docs.publish(admin_, "a", "hip-msc-v1", kind, saved.latest.version);
  }
  // An episode walked to its planned harvest.
  Episode scheduled_episode() {
    Episode e;
    e.patient_id = patient_.id;
    e.protocol_id = "hip-msc-v1";
    e.side = Side::right;
    e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
    e = pathway_->add_episode(coordinator_, e);
    PatientChange flag;
    flag.consent_treatment = true;
    flag.reason = "signed the paper form at the first consult";
    pathway_->update_patient(coordinator_, patient_.id, flag);
    pathway_->advance(coordinator_, e.id, {EpisodeState::screening, "", std::nullopt});
    pathway_->assess_eligibility(surgeon_, e.id, test::eligible_hip_findings());
    pathway_->advance(surgeon_, e.id, {EpisodeState::eligible, "", std::nullopt});
    pathway_->advance(surgeon_, e.id, {EpisodeState::workup, "", std::nullopt});
    pathway_->plan(coordinator_, e.id, CivilDate::from_ymd(2026, 12, 1), CivilDate::from_ymd(2026, 12, 1));
    pathway_->advance(coordinator_, e.id, {EpisodeState::scheduled, "", std::nullopt});
    pathway_->update_details(surgeon_, e.id,
                             {std::nullopt, 1, CellSource::bone_marrow, Guidance::ultrasound, "", "dr-a"});
    return e;
  }
  std::string harvest(std::int64_t episode) {
    const Clock later = Clock::fixed(kNow + 14 * 86400000LL);
    try {
      demo::walk_product(*store_, later, {surgeon_, lab_, Actor{"lab-a2", Role::lab, "a"}, surgeon_}, episode,
                         EpisodeState::harvested);
    } catch (const ConflictError& e) {
      return e.code();
    }
    return "harvested";
  }
  static consent::Signing good() { return {{1}, "مریم رضایی", {{{0.1, 0.5}, {0.4, 0.6}, {0.7, 0.4}}}}; }
  Patient patient() { return pathway_->patient_record(coordinator_, patient_.id).patient; }
  std::vector<store::AuditRow> audit(const std::string& action) {
    std::vector<store::AuditRow> out;
    store_->read([&](store::Transaction& tx) {
      for (auto& r : tx.audit_rows(0, 100000))
        if (r.action == action) out.push_back(r);
    });
    return out;
  }
  static std::string sha256(const std::string& bytes) {
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[sizeof d * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, d, sizeof d);
    return hex;
  }

  test::TempDb db_;
  Clock clock_ = Clock::fixed(kNow);
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  Patient patient_;
  Actor me_;
  Actor op_ = Actor::cli_operator();
  Actor surgeon_{"dr-a", Role::surgeon, "a"};
  Actor admin_{"admin-a", Role::admin, "a"};
  Actor coordinator_{"co-a", Role::coordinator, "a"};
  Actor lab_{"lab-a", Role::lab, "a"};
  Actor coordinator_b_{"co-b", Role::coordinator, "b"};
};

TEST_F(ConsentSigningTest, NoHarvestWithoutTheCurrentVersionSignedAndCountersigned) {
  const Episode e = scheduled_episode();
  publish(consent::ConsentKind::treatment, "Consent to the treatment");
  EXPECT_EQ(harvest(e.id), "consent_not_signed") << "the flag alone no longer does once a document is published";
  auto docs = signing().to_read(me_, "fa");
  ASSERT_EQ(docs.size(), 1U);
  EXPECT_EQ(docs[0].episode_id, e.id);
  EXPECT_FALSE(docs[0].signed_copy);
  const auto s = signing().sign(me_, consent::ConsentKind::treatment, e.id, "fa", good());
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.pdf.rfind("%PDF", 0), 0U);
  EXPECT_EQ(s.pdf_sha256, sha256(s.pdf));
  const auto signed_rows = audit("consent.sign");
  ASSERT_EQ(signed_rows.size(), 1U);
  EXPECT_NE(signed_rows[0].detail.find("sha256 " + s.pdf_sha256), std::string::npos) << signed_rows[0].detail;
  EXPECT_EQ(harvest(e.id), "consent_not_signed") << "not countersigned yet";
  try {
    signing().countersign(coordinator_b_, s.id);
    ADD_FAILURE() << "another centre's witness";
  } catch (const NotFoundError&) {
  }
  try {
    signing().countersign(lab_, s.id);
    ADD_FAILURE() << "the lab witnesses nothing";
  } catch (const ForbiddenError&) {
  }
  const auto witnessed = signing().countersign(coordinator_, s.id);
  EXPECT_NE(witnessed.pdf_sha256, s.pdf_sha256) << "the witness is drawn onto the copy";
  EXPECT_EQ(signing().signed_copy(me_, s.id).pdf_sha256, sha256(signing().signed_copy(me_, s.id).pdf));
  ASSERT_EQ(audit("consent.countersign").size(), 1U);
  EXPECT_NE(audit("consent.countersign")[0].detail.find(witnessed.pdf_sha256), std::string::npos);
  EXPECT_EQ(harvest(e.id), "harvested");
}

TEST_F(ConsentSigningTest, ALaterVersionAsksAgainAndTheSignedCopyStaysAsItWas) {
  const Episode e = scheduled_episode();
  publish(consent::ConsentKind::treatment, "Consent to the treatment");
  const auto s = signing().sign(me_, consent::ConsentKind::treatment, e.id, "en", good());
  signing().countersign(surgeon_, s.id);
  const std::string kept = signing().signed_copy(surgeon_, s.id).pdf;
  try {
    signing().sign(me_, consent::ConsentKind::treatment, e.id, "en", good());
    ADD_FAILURE() << "signed twice";
  } catch (const ConflictError& err) {
    EXPECT_EQ(err.code(), "consent_already_signed");
  }
  publish(consent::ConsentKind::treatment, "Consent to the autologous cell treatment");
  EXPECT_EQ(signing().signed_copy(surgeon_, s.id).pdf, kept) << "a new version changes no signed copy";
  const auto docs = signing().to_read(me_, "en");
  ASSERT_EQ(docs.size(), 1U);
  EXPECT_EQ(docs[0].document.version, 2);
  EXPECT_FALSE(docs[0].signed_copy) << "version 2 is not signed";
  EXPECT_EQ(harvest(e.id), "consent_not_signed");
  const auto again = signing().sign(me_, consent::ConsentKind::treatment, e.id, "en", good());
  signing().countersign(coordinator_, again.id);
  EXPECT_EQ(harvest(e.id), "harvested");
}

TEST_F(ConsentSigningTest, SigningAndWithdrawingSetAndClearTheFlags) {
  publish(consent::ConsentKind::registry, "Consent to the registry");
  EXPECT_FALSE(patient().consent.registry);
  try {
    auto wrong = good();
    wrong.answers = {0};
    signing().sign(me_, consent::ConsentKind::registry, std::nullopt, "en", wrong);
    ADD_FAILURE() << "a wrong answer";
  } catch (const InputError& err) {
    EXPECT_EQ(err.field(), "answers[0]");
  }
  EXPECT_TRUE(audit("consent.sign").empty()) << "a refused signing writes nothing";
  try {
    signing().sign(me_, consent::ConsentKind::contact, std::nullopt, "en", good());
    ADD_FAILURE() << "nothing published to sign";
  } catch (const NotFoundError& err) {
    EXPECT_EQ(err.code(), "consent_not_published");
  }
  const auto s = signing().sign(me_, consent::ConsentKind::registry, std::nullopt, "en", good());
  EXPECT_TRUE(patient().consent.registry);
  Actor someone_else{"patient", Role::patient, "a"};
  someone_else.patient_id = patient_.id + 1000;
  try {
    signing().withdraw(someone_else, s.id, "not mine");
    ADD_FAILURE() << "another patient's consent";
  } catch (const NotFoundError&) {
  }
  try {
    signing().withdraw(me_, s.id, "");
    ADD_FAILURE() << "no reason";
  } catch (const InputError& err) {
    EXPECT_EQ(err.field(), "reason");
  }
  signing().withdraw(me_, s.id, "I no longer want my data used");
  EXPECT_FALSE(patient().consent.registry) << "what the flag gates follows";
  try {
    signing().withdraw(coordinator_, s.id, "again");
    ADD_FAILURE() << "withdrawn twice";
  } catch (const ConflictError& err) {
    EXPECT_EQ(err.code(), "consent_already_withdrawn");
  }
  const auto listed = signing().of_patient(coordinator_, patient_.id);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].withdrawal_reason, "I no longer want my data used");
  EXPECT_EQ(audit("consent.withdraw").size(), 1U);
}

}  // namespace
}  // namespace rp::service
