// The patient search on every engine (store_suite.hpp): names in either script found
// through the folded names (migration 0018), whatever keyboard typed them: Arabic ي and ك
// find the Persian ی and ک and the other way round, a zero-width non-joiner or its absence
// changes nothing, a fragment from the middle of a name is enough; national id, mobile
// and record number found exactly; another centre's patient never returned; a correction
// moves the patient to the new name. The worklist's patient filter folds the same way.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "planned_patients.hpp"
#include "service/pathway.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kSearchDay = parse_gregorian("2031-05-20");

class PatientSearch : public EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    service::Pathway pathway(*store_,
                             Clock::fixed((kSearchDay.days_since_epoch() * 86400 + 9 * 3600) * std::int64_t{1000}));
    add_centres(pathway, {"a", "b"});
    const auto add = [&](const char* centre, const char* mrn, const char* fa, const char* latin, const char* mobile) {
      Patient p;
      p.centre_id = centre;
      p.mrn = mrn;
      p.name_fa = fa;
      p.name_latin = latin;
      p.sex = Sex::male;
      p.birth_date = CivilDate::from_ymd(1960, 1, 1);
      p.national_id = test_national_id(mrn);
      p.mobile = mobile;
      p.consent = {true, true, true};
      p = pathway.add_patient(service::Actor::cli_operator(), p);
      planned_episode(pathway, p.id, kSearchDay.plus_days(-20), kSearchDay.plus_days(-14));
      return p;
    };
    karimi_ = add("a", "A-1", "علی کریمی", "Ali Karimi", "09121111111");  // Persian ی and ک
    kazem_ = add("a", "A-2", "كاظم علي", "Kazem Ali", "09122222222");     // typed with Arabic ك and ي
    mahdi_ = add("a", "A-3", "رضا مهدی‌زاده", "Reza Mahdizadeh",
                 "09123333333");                                         // with a zero-width non-joiner
    other_ = add("b", "B-1", "علی کریمی", "Ali Karimi", "09124444444");  // the same name, another centre
  }

  std::vector<std::string> found(const std::string& text, std::optional<std::string> centre = "a",
                                 bool by_identifiers = true) {
    std::vector<std::string> out;
    store_->read([&](store::Transaction& tx) {
      for (const Patient& p : tx.list_patients({centre, text, by_identifiers, std::nullopt, 100})) out.push_back(p.mrn);
    });
    return out;  // in id order, as the search answers
  }

  std::vector<std::string> worklist(const std::string& patient) {
    std::vector<std::string> out;
    store_->read([&](store::Transaction& tx) {
      const store::WorklistItemsQuery q{"a", kSearchDay, kSearchDay.plus_days(7), "", patient, "", 1000, 0};
      for (const auto& row : tx.worklist_open_items(q)) out.push_back(row.who.mrn);
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  using Mrns = std::vector<std::string>;
  std::unique_ptr<store::Store> store_;
  Patient karimi_, kazem_, mahdi_, other_;
};

TEST_P(PatientSearch, ArabicLettersFindPersianAndTheOtherWayRound) {
  EXPECT_EQ(found("علي كريمي"), Mrns{"A-1"});  // Arabic ي and ك typed, Persian stored
  EXPECT_EQ(found("کریمی"), Mrns{"A-1"});
  EXPECT_EQ(found("کاظم"), Mrns{"A-2"});  // Persian ک typed, Arabic ك stored
  EXPECT_EQ(found("كاظم"), Mrns{"A-2"});
  EXPECT_EQ(found("علی"), (Mrns{"A-1", "A-2"}));  // stored with ی and with ي
}

TEST_P(PatientSearch, TheZeroWidthNonJoinerChangesNothing) {
  EXPECT_EQ(found("مهدیزاده"), Mrns{"A-3"});
  EXPECT_EQ(found("مهدی‌زاده"), Mrns{"A-3"});
  EXPECT_EQ(found("ی‌ز"), Mrns{"A-3"});
}

TEST_P(PatientSearch, AFragmentFromTheMiddleOfANameInEitherScript) {
  EXPECT_EQ(found("ریم"), Mrns{"A-1"});
  EXPECT_EQ(found("ARIM"), Mrns{"A-1"});
  EXPECT_EQ(found("dizad"), Mrns{"A-3"});
  EXPECT_EQ(found("ظم ع"), Mrns{"A-2"});  // across the space between two names
  EXPECT_TRUE(found("karimi reza").empty());
  // The Persian and the Latin name are one column, joined by a line break no query holds.
  EXPECT_TRUE(found("زاده reza").empty());
}

TEST_P(PatientSearch, ShortTextsMatchNamesWithoutATrigram) {
  EXPECT_EQ(found("عل"), (Mrns{"A-1", "A-2"}));
  EXPECT_EQ(found("zE"), Mrns{"A-2"});
  EXPECT_EQ(found("ك"), (Mrns{"A-1", "A-2"}));
}

TEST_P(PatientSearch, IdentifiersAreFoundExactly) {
  EXPECT_EQ(found(kazem_.national_id), Mrns{"A-2"});
  EXPECT_EQ(found(mahdi_.mobile), Mrns{"A-3"});
  EXPECT_EQ(found("0912 333 3333"), Mrns{"A-3"});  // as a clerk types it: the stored form is +989...
  EXPECT_EQ(found("A-1"), Mrns{"A-1"});
  EXPECT_TRUE(found(kazem_.national_id.substr(0, 6)).empty());  // part of one is no match
  EXPECT_TRUE(found(mahdi_.mobile.substr(0, mahdi_.mobile.size() - 1)).empty());
  // A role not shown national ids and mobiles cannot find a patient by them.
  EXPECT_TRUE(found(kazem_.national_id, "a", false).empty());
  EXPECT_TRUE(found(mahdi_.mobile, "a", false).empty());
  EXPECT_EQ(found("A-1", "a", false), Mrns{"A-1"});
}

TEST_P(PatientSearch, AnotherCentresPatientIsNeverReturned) {
  EXPECT_EQ(found("Karimi"), Mrns{"A-1"});
  EXPECT_TRUE(found("B-1").empty());
  EXPECT_TRUE(found(other_.national_id).empty());
  EXPECT_TRUE(found(other_.mobile).empty());
  EXPECT_EQ(found("Karimi", std::nullopt), (Mrns{"A-1", "B-1"}));  // every centre: the operator's search
  EXPECT_EQ(found("B-1", std::nullopt), Mrns{"B-1"});
}

// Centre ids long enough for the name index to match them too, one inside the other: a
// centre's search still finds its own patients only, and (SQLite, where the index holds
// the centre) a patient whose row moves to another centre is found there and no longer at
// the first.
TEST_P(PatientSearch, TheNameIndexNarrowsByCentreAndFollowsAMove) {
  service::Pathway pathway(*store_, Clock::fixed(kSearchDay.days_since_epoch() * 86400 * std::int64_t{1000}));
  add_centres(pathway, {"tehran-1", "tehran-10", "mashhad-1"});
  const auto add = [&](const char* centre, const char* mrn, const char* mobile) {
    Patient p;
    p.centre_id = centre;
    p.mrn = mrn;
    p.name_fa = "مریم صادقی";
    p.name_latin = "Maryam Sadeghi";
    p.sex = Sex::female;
    p.birth_date = CivilDate::from_ymd(1962, 1, 1);
    p.national_id = test_national_id(mrn);
    p.mobile = mobile;
    p.consent = {true, true, true};
    return pathway.add_patient(service::Actor::cli_operator(), p);
  };
  add("tehran-1", "T1-1", "09125550001");
  const Patient ten = add("tehran-10", "T10-1", "09125550002");
  add("tehran-1", "T1-2", "09125550003");
  EXPECT_EQ(found("صادقی", "tehran-1"), (Mrns{"T1-1", "T1-2"}));
  EXPECT_EQ(found("sadeghi", "tehran-10"), (Mrns{"T10-1"}));
  EXPECT_EQ(found("صادقي", std::nullopt), (Mrns{"T1-1", "T10-1", "T1-2"}));  // every centre, Arabic ي
  if (postgres()) return;
  SQLite::Database(db().substr(7), SQLite::OPEN_READWRITE)
      .exec("UPDATE patients SET centre_id = 'mashhad-1' WHERE id = " + std::to_string(ten.id));
  EXPECT_EQ(found("sadeghi", "mashhad-1"), (Mrns{"T10-1"}));
  EXPECT_TRUE(found("sadeghi", "tehran-10").empty());
}

TEST_P(PatientSearch, ACorrectionMovesThePatientToTheNewName) {
  store_->write([&](store::Transaction& tx) {
    Patient p = *tx.find_patient(karimi_.id);
    p.name_fa = "علی کرمانی";
    p.name_latin = "Ali Kermani";
    tx.update_patient(p);
  });
  EXPECT_TRUE(found("کریمی").empty());
  EXPECT_TRUE(found("karimi").empty());
  EXPECT_EQ(found("كرماني"), Mrns{"A-1"});
  EXPECT_EQ(found("kerman"), Mrns{"A-1"});
}

TEST_P(PatientSearch, TheLimitAndTheEpisodeStateStillApply) {
  std::vector<std::string> first;
  store_->read([&](store::Transaction& tx) {
    for (const Patient& p : tx.list_patients({"a", "علی", true, std::nullopt, 1})) first.push_back(p.mrn);
    const EpisodeState now = tx.episodes_of_patient(karimi_.id).at(0).state;
    ASSERT_NE(now, EpisodeState::completed);
    EXPECT_TRUE(tx.list_patients({"a", "علی", true, EpisodeState::completed, 100}).empty());
    EXPECT_EQ(tx.list_patients({"a", "علی", true, now, 100}).size(), 2U);
    EXPECT_TRUE(tx.list_patients({"a", "ع", true, EpisodeState::completed, 100}).empty());
  });
  EXPECT_EQ(first, Mrns{"A-1"});
}

// A page starts after the last id of the one before, whichever index answers the text:
// every patient of the centre (no text), names through trigrams, short names read in id
// order, identifiers; the pages join without a gap or a repeat and end empty.
TEST_P(PatientSearch, PagesFollowOneAnotherInIdOrder) {
  const auto page = [&](const std::string& text, int limit, std::int64_t after) {
    std::vector<std::int64_t> ids;
    store_->read([&](store::Transaction& tx) {
      store::PatientQuery q{"a", text, true, std::nullopt, limit};
      q.after = after;
      for (const Patient& p : tx.list_patients(q)) ids.push_back(p.id);
    });
    return ids;
  };
  const auto all_pages = [&](const std::string& text, int limit) {
    std::vector<std::int64_t> ids;
    std::int64_t after = 0;
    for (int n = 0; n < 10; ++n) {
      const auto next = page(text, limit, after);
      if (next.empty()) break;
      EXPECT_LE(next.size(), static_cast<std::size_t>(limit));
      ids.insert(ids.end(), next.begin(), next.end());
      after = next.back();
    }
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(page("", 2, 0), (Ids{karimi_.id, kazem_.id}));
  EXPECT_EQ(page("", 2, kazem_.id), Ids{mahdi_.id});
  EXPECT_TRUE(page("", 2, mahdi_.id).empty());
  EXPECT_EQ(all_pages("", 1), (Ids{karimi_.id, kazem_.id, mahdi_.id}));
  EXPECT_EQ(all_pages("ali", 1), (Ids{karimi_.id, kazem_.id}));  // trigrams: Ali Karimi, Kazem Ali
  EXPECT_EQ(page("ali", 1, karimi_.id), Ids{kazem_.id});
  EXPECT_EQ(all_pages("ی", 1), (Ids{karimi_.id, kazem_.id, mahdi_.id}));  // under a trigram: read in id order
  EXPECT_EQ(page("A-2", 5, 0), Ids{kazem_.id});
  EXPECT_TRUE(page("A-2", 5, kazem_.id).empty());
  EXPECT_TRUE(page("09122222222", 5, kazem_.id).empty());
}

TEST_P(PatientSearch, TheWorklistFilterFoldsTheSameWay) {
  ASSERT_EQ(worklist(""), (Mrns{"A-1", "A-2", "A-3"}));
  EXPECT_EQ(worklist("كريمي"), Mrns{"A-1"});
  EXPECT_EQ(worklist("کاظم"), Mrns{"A-2"});
  EXPECT_EQ(worklist("مهدیزاده"), Mrns{"A-3"});
  EXPECT_EQ(worklist("ARIM"), Mrns{"A-1"});
  EXPECT_EQ(worklist("a-2"), Mrns{"A-2"});  // the record number, in any case
  EXPECT_TRUE(worklist("Karimi reza").empty());
}

INSTANTIATE_ENGINES(PatientSearch);

}  // namespace
}  // namespace rp::test
