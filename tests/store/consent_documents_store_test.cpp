// A centre's consent documents (consent_documents: migration 0043) on every engine: a
// version is written with its sections and questions and read back whole, a draft saved
// over in place, another version its own row; one protocol's or all; and on PostgreSQL
// row security keeping a centre to its own documents. A signed consent (consent_signatures:
// migration 0044) is kept with the copy shown, its strokes, answers and PDF bytes, listed
// without them, countersigned and withdrawn once each.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

class ConsentDocumentsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      tx.upsert_centre(test::test_centre("b"));
    });
  }
  static consent::Document document(int version, consent::ConsentKind kind = consent::ConsentKind::treatment) {
    consent::Document d;
    d.centre_id = "a";
    d.protocol = "hip-msc-v1";
    d.kind = kind;
    d.version = version;
    d.title = {"Consent", "رضایت‌نامه"};
    d.sections = {{{"Risks", "خطرها"}, {"Pain for 2 days.\n\n{{claim:success-75-85}}", "درد تا دو روز."}},
                  {{"Contact", "تماس"}, {"Call the clinic.", "با درمانگاه تماس بگیرید."}}};
    d.questions = {{{"Proven?", "اثبات‌شده؟"}, {{"Yes", "بله"}, {"No", "نه"}}, 1}};
    d.written_by = "surgeon.a";
    d.written_at = "2026-12-01T08:00:00.000Z";
    return d;
  }
  std::unique_ptr<Store> store_;
};
INSTANTIATE_ENGINES(ConsentDocumentsStore);

TEST_P(ConsentDocumentsStore, VersionsAreKeptWholeAndADraftIsSavedOverInPlace) {
  auto first = document(1);
  first.published_by = "admin.a";
  first.published_at = "2026-12-01T09:00:00.000Z";
  auto draft = document(2);
  store_->write([&](Transaction& tx) {
    first.id = tx.save_consent_document(first);
    draft.id = tx.save_consent_document(draft);
    tx.save_consent_document(document(1, consent::ConsentKind::registry));
  });
  draft.sections[1].body.fa = "شمارهٔ درمانگاه را بگیرید.";
  draft.questions.clear();
  store_->write([&](Transaction& tx) { EXPECT_EQ(tx.save_consent_document(draft), draft.id); });
  store_->read([&](Transaction& tx) {
    const auto all = tx.consent_documents("a", std::nullopt);
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].kind, consent::ConsentKind::registry) << "by protocol, kind, version";
    EXPECT_EQ(all[1].version, 1);
    EXPECT_EQ(all[1].published_by, "admin.a");
    ASSERT_EQ(all[1].sections.size(), 2U);
    EXPECT_EQ(all[1].sections[0].body.en, "Pain for 2 days.\n\n{{claim:success-75-85}}");
    ASSERT_EQ(all[1].questions.size(), 1U);
    EXPECT_EQ(all[1].questions[0].options[1].fa, "نه");
    EXPECT_EQ(all[1].questions[0].correct, 1);
    EXPECT_EQ(all[2].id, draft.id);
    EXPECT_EQ(all[2].sections[1].body.fa, "شمارهٔ درمانگاه را بگیرید.");
    EXPECT_TRUE(all[2].questions.empty());
    EXPECT_EQ(tx.consent_documents("a", std::string("knee-prp-test")).size(), 0U);
    EXPECT_TRUE(tx.consent_documents("b", std::nullopt).empty());
  });
}

TEST_P(ConsentDocumentsStore, AnotherCentreReachesNoDocumentUnderRowSecurity) {
  store_->write([&](Transaction& tx) { tx.save_consent_document(document(1)); });
  if (!postgres()) GTEST_SKIP() << "row security is PostgreSQL's";
  store_.reset();
  store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  store_->read(CentreScope::of_centre("a"),
               [&](Transaction& tx) { EXPECT_EQ(tx.consent_documents("a", std::nullopt).size(), 1U); });
  store_->read(CentreScope::of_centre("b"),
               [&](Transaction& tx) { EXPECT_TRUE(tx.consent_documents("a", std::nullopt).empty()); });
}

TEST_P(ConsentDocumentsStore, ASignedConsentIsKeptWholeCountersignedAndWithdrawnOnce) {
  consent::SignedConsent s;
  store_->write([&](Transaction& tx) {
    const auto patient = tx.insert_patient(test::bare_patient("a", "M-1"), "2026-12-01T08:00:00.000Z");
    s.centre_id = "a";
    s.patient_id = patient;
    s.document_id = tx.save_consent_document(document(1));
    s.protocol = "hip-msc-v1";
    s.kind = consent::ConsentKind::registry;
    s.version = 1;
    s.language = "fa";
    s.signed_name = "مریم رضایی";
    s.strokes = {{{0.1, 0.2}, {0.3, 0.4}}};
    s.answers = {1, 0};
    s.shown.language = "fa";
    s.shown.title = "رضایت‌نامه";
    s.shown.figures_as_of = "2026-12-01T08:00:00.000Z";
    s.shown.sections = {{"خطرها", {{"درد تا دو روز.", false}, {"در این مرکز: ۵۲٪", true}}}};
    s.shown.questions = {{"اثبات‌شده؟", {"بله", "نه"}}};
    s.pdf = std::string("%PDF-1.5\n\0\xff binary", 20);
    s.pdf_sha256 = "ab12";
    s.signed_at = "2026-12-01T09:00:00.000Z";
    s.id = tx.add_consent_signature(s);
  });
  store_->read([&](Transaction& tx) {
    const auto listed = tx.consent_signatures_of(s.patient_id);
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_TRUE(listed[0].pdf.empty()) << "a list leaves the copy out";
    EXPECT_FALSE(listed[0].episode_id);
    EXPECT_EQ(listed[0].answers, (std::vector<int>{1, 0}));
    const auto whole = tx.consent_signature(s.id);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->pdf, s.pdf) << "the bytes as drawn, a NUL among them";
    EXPECT_EQ(whole->kind, consent::ConsentKind::registry);
    EXPECT_EQ(whole->signed_name, "مریم رضایی");
    ASSERT_EQ(whole->strokes.size(), 1U);
    EXPECT_DOUBLE_EQ(whole->strokes[0][1].y, 0.4);
    ASSERT_EQ(whole->shown.sections.size(), 1U);
    EXPECT_TRUE(whole->shown.sections[0].blocks[1].figure);
    EXPECT_EQ(whole->shown.questions[0].options[1], "نه");
    EXPECT_FALSE(tx.consent_signature(s.id + 100));
  });
  store_->write([&](Transaction& tx) {
    EXPECT_TRUE(tx.countersign_consent(s.id, "surgeon.a", "surgeon", "2026-12-01T10:00:00.000Z", "%PDF-2", "cd34"));
    EXPECT_FALSE(tx.countersign_consent(s.id, "admin.a", "admin", "2026-12-01T11:00:00.000Z", "%PDF-3", "ef56"));
    EXPECT_TRUE(tx.withdraw_consent(s.id, "patient", "2026-12-02T10:00:00.000Z", "changed my mind"));
    EXPECT_FALSE(tx.withdraw_consent(s.id, "patient", "2026-12-03T10:00:00.000Z", "again"));
  });
  store_->read([&](Transaction& tx) {
    const auto whole = tx.consent_signature(s.id);
    EXPECT_EQ(whole->witness_by, "surgeon.a");
    EXPECT_EQ(whole->pdf, "%PDF-2");
    EXPECT_EQ(whole->pdf_sha256, "cd34");
    EXPECT_EQ(whole->withdrawn_at, "2026-12-02T10:00:00.000Z");
    EXPECT_EQ(whole->withdrawal_reason, "changed my mind");
  });
  if (!postgres()) return;
  store_.reset();
  store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  store_->read(CentreScope::of_centre("b"), [&](Transaction& tx) {
    EXPECT_TRUE(tx.consent_signatures_of(s.patient_id).empty()) << "row security: another centre's";
  });
}

}  // namespace
}  // namespace rp::store
