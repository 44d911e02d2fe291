// Ratings (ratings, migration 0036) on every engine: an episode's rating written, read
// back and rewritten in place, a centre's listed latest first and filtered to those
// waiting, the table refusing stars out of 1-5 and a second row for an episode, and each
// episode's latest satisfaction answer read for the centre's summary.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class RatingsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      patient_ = tx.insert_patient(test::bare_patient("a", "R-1"), "t");
      Episode e;
      e.patient_id = patient_;
      e.centre_id = "a";
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {"icd-10-cm", "M16.11"};
      for (int i = 0; i < 2; ++i) episodes_.push_back(tx.insert_episode(e, "t"));
    });
  }

  rating::Rating rating_of(std::int64_t episode, int stars, const std::string& at) {
    rating::Rating r;
    r.episode_id = episode;
    r.patient_id = patient_;
    r.centre_id = "a";
    r.stars = stars;
    r.comment = "comment " + std::to_string(stars);
    r.comment_status = rating::CommentStatus::pending;
    r.created_at = r.updated_at = at;
    return r;
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0;
  std::vector<std::int64_t> episodes_;
};
INSTANTIATE_ENGINES(RatingsStore);

TEST_P(RatingsStore, AnEpisodesRatingIsRewrittenInPlaceAndListedLatestFirst) {
  std::int64_t first = 0;
  store_->write([&](Transaction& tx) {
    first = tx.save_rating(rating_of(episodes_[0], 3, "2026-12-01T08:00:00.000Z"));
    tx.save_rating(rating_of(episodes_[1], 5, "2026-12-02T08:00:00.000Z"));
  });
  auto changed = rating_of(episodes_[0], 4, "2026-12-03T08:00:00.000Z");
  changed.comment_status = rating::CommentStatus::approved;
  changed.moderated_by = "admin.a";
  changed.moderated_at = "2026-12-03T09:00:00.000Z";
  store_->write([&](Transaction& tx) { EXPECT_EQ(tx.save_rating(changed), first); });
  store_->read([&](Transaction& tx) {
    const auto r = tx.rating_of_episode(episodes_[0]);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, first);
    EXPECT_EQ(r->stars, 4);
    EXPECT_EQ(r->comment_status, rating::CommentStatus::approved);
    EXPECT_EQ(r->moderated_by, "admin.a");
    EXPECT_EQ(r->created_at, "2026-12-01T08:00:00.000Z") << "the first rating's time stays";
    EXPECT_EQ(r->updated_at, "2026-12-03T08:00:00.000Z");
    EXPECT_EQ(tx.find_rating(first), r);
    const auto all = tx.ratings_of_centre("a", false);
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].episode_id, episodes_[0]) << "the latest changed first";
    const auto waiting = tx.ratings_of_centre("a", true);
    ASSERT_EQ(waiting.size(), 1U);
    EXPECT_EQ(waiting[0].episode_id, episodes_[1]);
    EXPECT_TRUE(tx.ratings_of_centre("b", false).empty());
    EXPECT_FALSE(tx.find_rating(first + 100));
  });
}

TEST_P(RatingsStore, TheTableRefusesStarsOutOfRange) {
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.save_rating(rating_of(episodes_[0], 6, "t")); }));
  store_->read([&](Transaction& tx) { EXPECT_FALSE(tx.rating_of_episode(episodes_[0])); });
}

TEST_P(RatingsStore, EachEpisodesLatestSatisfactionAnswerCounts) {
  auto answer = [&](std::int64_t episode, const char* instrument, std::optional<double> score) {
    QuestionnaireResponseRow r;
    r.episode_id = episode;
    r.centre_id = "a";
    r.instrument = instrument;
    r.item_id = "prom-3m";
    r.answers_json = r.scores_json = "{}";
    r.source = "patient";
    r.submitted_by = "patient";
    r.submitted_at = "2026-12-01T08:00:00Z";
    if (score)
      r.scores = {{instrument == std::string("satisfaction") ? "satisfaction" : "global", score, std::nullopt}};
    store_->write([&](Transaction& tx) { tx.insert_questionnaire_response(r); });
  };
  answer(episodes_[0], "satisfaction", 2);
  answer(episodes_[0], "satisfaction", 4);  // the later answer counts
  answer(episodes_[1], "satisfaction", 5);
  answer(episodes_[1], "patient-global", 1);  // another instrument does not
  store_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.latest_satisfaction_of_centre("a"), (std::vector<int>{4, 5}));
    EXPECT_TRUE(tx.latest_satisfaction_of_centre("b").empty());
  });
}

}  // namespace
}  // namespace rp::store
