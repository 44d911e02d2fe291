// A centre's consent documents (consent_documents: migration 0043) on every engine: a
// version is written with its sections and questions and read back whole, a draft saved
// over in place, another version its own row; one protocol's or all; and on PostgreSQL
// row security keeping a centre to its own documents.
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

}  // namespace
}  // namespace rp::store
