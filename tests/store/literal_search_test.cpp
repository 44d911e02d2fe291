// "Contains" searches as portable SQL (LIKE with an escaped pattern, store/like_pattern.hpp):
// a search text holding % or _ matches those characters only, never any text, in the
// patient search and in the worklist's patient filter; Latin names still match in any case,
// and the worklist's list of kept items matches whole entries literally too.
#include <gtest/gtest.h>

#include <algorithm>

#include "planned_patients.hpp"
#include "service/pathway.hpp"
#include "store/like_pattern.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kDay = parse_gregorian("2031-05-20");

TEST(LikePattern, EscapesTheWildcardsAndTheEscape) {
  EXPECT_EQ(store::contains_pattern("a_b%c\\d"), "%a\\_b\\%c\\\\d%");
  EXPECT_EQ(store::contains_pattern("plain"), "%plain%");
}

class LiteralSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    service::Pathway pathway(*store_, Clock::fixed((kDay.days_since_epoch() * 86400 + 9 * 3600) * std::int64_t{1000}));
    add_centres(pathway, {"a"});
    // Written straight through the store: the names' own rules are not under test here.
    const auto add = [&](const std::string& mrn, const std::string& latin, const std::string& fa) {
      Patient p;
      p.centre_id = "a";
      p.mrn = mrn;
      p.name_latin = latin;
      p.name_fa = fa;
      p.birth_date = CivilDate::from_ymd(1960, 1, 1);
      p.national_id = test_national_id(mrn);
      std::int64_t id = 0;
      store_->write([&](store::Transaction& tx) { id = tx.insert_patient(p, "2031-01-01T00:00:00.000Z"); });
      planned_episode(pathway, id, kDay.plus_days(-20), kDay.plus_days(-14));
      ids_[mrn] = id;
    };
    add("M_1", "Ali_Reza Karimi", "علی_رضا");
    add("MX1", "AliXReza Karimi", "علیXرضا");
    add("P-100", "Sara 100% Ahmadi", "سارا ۱۰۰%");
    add("P-1000", "Sara 1000 Ahmadi", "سارا ۱۰۰۰");
  }

  std::vector<std::string> patients_matching(const std::string& text) {
    std::vector<std::string> out;
    store_->read([&](store::Transaction& tx) {
      for (const Patient& p : tx.list_patients({std::nullopt, text, false, std::nullopt, 100})) out.push_back(p.mrn);
    });
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<std::string> worklist_matching(const std::string& patient, const std::string& items = "") {
    std::vector<std::string> out;
    store_->read([&](store::Transaction& tx) {
      const store::WorklistItemsQuery q{"a", kDay, kDay.plus_days(7), "", patient, items, 1000, 0};
      for (const auto& row : tx.worklist_open_items(q)) out.push_back(row.who.mrn);
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::map<std::string, std::int64_t> ids_;
};

TEST_F(LiteralSearch, PatientSearchMatchesUnderscoreAndPercentLiterally) {
  EXPECT_EQ(patients_matching("i_R"), std::vector<std::string>{"M_1"});
  EXPECT_EQ(patients_matching("100%"), std::vector<std::string>{"P-100"});
  EXPECT_EQ(patients_matching("%"), std::vector<std::string>{"P-100"});
  EXPECT_EQ(patients_matching("_"), std::vector<std::string>{"M_1"});
  EXPECT_EQ(patients_matching("علی_"), std::vector<std::string>{"M_1"});
  EXPECT_EQ(patients_matching("۱۰۰%"), std::vector<std::string>{"P-100"});
  // What a search did before stays: any case of a Latin name, part of a Persian one, and
  // the record number exactly.
  EXPECT_EQ(patients_matching("alixreza"), std::vector<std::string>{"MX1"});
  EXPECT_EQ(patients_matching("SARA 10"), (std::vector<std::string>{"P-100", "P-1000"}));
  EXPECT_EQ(patients_matching("سارا"), (std::vector<std::string>{"P-100", "P-1000"}));
  EXPECT_EQ(patients_matching("MX1"), std::vector<std::string>{"MX1"});
  EXPECT_TRUE(patients_matching("\\").empty());
}

TEST_F(LiteralSearch, WorklistPatientFilterMatchesUnderscoreAndPercentLiterally) {
  ASSERT_EQ(worklist_matching("").size(), 4U);
  EXPECT_EQ(worklist_matching("i_R"), std::vector<std::string>{"M_1"});
  EXPECT_EQ(worklist_matching("%"), std::vector<std::string>{"P-100"});
  EXPECT_EQ(worklist_matching("m_"), std::vector<std::string>{"M_1"});  // the record number, in any case
  EXPECT_EQ(worklist_matching("alixreza"), std::vector<std::string>{"MX1"});
  EXPECT_EQ(worklist_matching("سارا"), (std::vector<std::string>{"P-100", "P-1000"}));
}

TEST_F(LiteralSearch, WorklistItemListMatchesWholeEntriesLiterally) {
  // visit-2w is due today for every patient; a list naming it keeps it, one whose entry
  // would match only as a pattern ("visit_2w", "%") keeps nothing.
  EXPECT_EQ(worklist_matching("", ",hip-msc-v1/visit-2w,").size(), 4U);
  EXPECT_TRUE(worklist_matching("", ",hip-msc-v1/visit_2w,").empty());
  EXPECT_TRUE(worklist_matching("", ",%,").empty());
  EXPECT_TRUE(worklist_matching("", ",hip-msc-v1/visit-2,").empty());
}

}  // namespace
}  // namespace rp::test
