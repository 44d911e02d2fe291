// Education pages (education_pages, migration 0037) on every engine: a version written and
// read back whole, a draft saved over in place, versions listed by slug then version and
// one page's alone, the table refusing a second row for the same version, and on
// PostgreSQL row security keeping a centre to its own pages.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

class EducationPagesStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      tx.upsert_centre(test::test_centre("b"));
    });
  }

  static education::Page page(const std::string& slug, int version) {
    education::Page p;
    p.centre_id = "a";
    p.slug = slug;
    p.version = version;
    p.kind = education::PageKind::faq;
    p.position = 20;
    p.protocol = "hip-msc-v1";
    p.title = {"Is it painful?", "آیا دردناک است؟"};
    p.body = {"Local anaesthesia.\n\n{{claim:success-75-85}}", "بی‌حسی موضعی."};
    p.written_by = "surgeon.a";
    p.written_at = "2026-12-01T08:00:00.000Z";
    return p;
  }

  std::unique_ptr<Store> store_;
};
INSTANTIATE_ENGINES(EducationPagesStore);

TEST_P(EducationPagesStore, VersionsAreKeptWholeAndADraftIsSavedOverInPlace) {
  auto first = page("painful", 1);
  store_->write([&](Transaction& tx) {
    first.id = tx.save_education_page(first);
    tx.save_education_page(page("after", 1));
  });
  first.published_by = "admin.a";
  first.published_at = "2026-12-01T09:00:00.000Z";
  // Taken down (0042): who, when and why are kept with the version.
  first.withdrawn_by = "admin.a";
  first.withdrawn_at = "2026-12-02T09:00:00.000Z";
  first.withdrawn_reason = "prices changed";
  auto draft = page("painful", 2);
  draft.body.en = "Changed.";
  store_->write([&](Transaction& tx) {
    EXPECT_EQ(tx.save_education_page(first), first.id);
    draft.id = tx.save_education_page(draft);
  });
  EXPECT_NE(draft.id, first.id);
  draft.title.fa = "عنوان تازه";
  store_->write([&](Transaction& tx) { EXPECT_EQ(tx.save_education_page(draft), draft.id); });
  store_->read([&](Transaction& tx) {
    const auto all = tx.education_pages("a", std::nullopt);
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].slug, "after");
    EXPECT_EQ(all[1], first);
    EXPECT_EQ(all[2], draft);
    EXPECT_EQ(tx.education_pages("a", std::string("painful")), (std::vector<education::Page>{first, draft}));
    EXPECT_TRUE(tx.education_pages("a", std::string("none")).empty());
    EXPECT_TRUE(tx.education_pages("b", std::nullopt).empty());
  });
}

TEST_P(EducationPagesStore, TheTableRefusesASecondRowForOneVersion) {
  store_->write([&](Transaction& tx) { tx.save_education_page(page("painful", 1)); });
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.save_education_page(page("painful", 1)); }));
  auto next_version = page("painful", 2);
  EXPECT_NO_THROW(store_->write([&](Transaction& tx) { tx.save_education_page(next_version); }));
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.education_pages("a", std::nullopt).size(), 2U); });
}

TEST_P(EducationPagesStore, AnotherCentreReachesNoPageUnderRowSecurity) {
  store_->write([&](Transaction& tx) { tx.save_education_page(page("painful", 1)); });
  // SQLite has no row security (the service's checks are the wall there); on PostgreSQL,
  // as the role a server connects as, another centre reads none of centre a's pages.
  if (postgres()) {
    store_.reset();
    store_ = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  }
  store_->read(CentreScope::of_centre("a"),
               [&](Transaction& tx) { EXPECT_EQ(tx.education_pages("a", std::nullopt).size(), 1U); });
  if (postgres()) {
    store_->read(CentreScope::of_centre("b"),
                 [&](Transaction& tx) { EXPECT_TRUE(tx.education_pages("a", std::nullopt).empty()); });
  }
}

}  // namespace
}  // namespace rp::store
