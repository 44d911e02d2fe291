// A patient's rating (domain/rating/rating.hpp): its bounds, what a change does to the
// comment's moderation, and a summary whose counts and mean agree with the stars given.
#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "domain/rating/rating.hpp"

namespace rp::rating {
namespace {

std::string refused_field(const Rating& r) {
  try {
    validate_rating(r);
  } catch (const InputError& e) {
    return e.field();
  }
  return "";
}

TEST(Rating, StarsAreOneToFiveAndACommentIsBoundedTypedText) {
  Rating r;
  r.stars = 3;
  EXPECT_EQ(refused_field(r), "");
  for (const int stars : {0, 6, -1}) {
    r.stars = stars;
    EXPECT_EQ(refused_field(r), "stars") << stars;
  }
  r.stars = 5;
  r.comment = std::string(kMaxCommentBytes, 'a');
  EXPECT_EQ(refused_field(r), "");
  r.comment += "a";
  EXPECT_EQ(refused_field(r), "comment");
  r.comment = "خوب\u202eبود";
  EXPECT_EQ(refused_field(r), "comment");
  r.comment = "first line\nsecond line";
  EXPECT_EQ(refused_field(r), "") << "lines are allowed";
}

TEST(Rating, ANewOrChangedCommentWaitsAndAnUnchangedOneKeepsItsDecision) {
  Rating first = changed_rating(std::nullopt, 4, "  Less pain.  ");
  EXPECT_EQ(first.comment, "Less pain.");
  EXPECT_EQ(first.comment_status, CommentStatus::pending);
  EXPECT_EQ(changed_rating(std::nullopt, 4, " \n").comment_status, CommentStatus::none);

  first.comment_status = CommentStatus::approved;
  first.moderated_by = "admin.a";
  const Rating more_stars = changed_rating(first, 5, "Less pain.");
  EXPECT_EQ(more_stars.stars, 5);
  EXPECT_EQ(more_stars.comment_status, CommentStatus::approved);
  EXPECT_EQ(more_stars.moderated_by, "admin.a");
  const Rating reworded = changed_rating(first, 5, "Less pain, more walking.");
  EXPECT_EQ(reworded.comment_status, CommentStatus::pending);
  EXPECT_EQ(reworded.moderated_by, "");
  EXPECT_EQ(changed_rating(first, 5, "").comment_status, CommentStatus::none);
}

TEST(Rating, TheSummaryAgreesWithTheStarsGiven) {
  EXPECT_FALSE(summarise({}).mean);
  EXPECT_EQ(summarise({}).count, 0);
  std::mt19937 rng(19);
  std::uniform_int_distribution<int> star(0, 6), size(1, 200);
  for (int round = 0; round < 200; ++round) {
    std::vector<int> given(static_cast<std::size_t>(size(rng)));
    std::int64_t sum = 0, counted = 0;
    for (int& g : given) {
      g = star(rng);
      if (g >= 1 && g <= 5) {
        sum += g;
        ++counted;
      }
    }
    const Summary s = summarise(given);
    EXPECT_EQ(s.count, counted);
    std::int64_t in_distribution = 0, weighted = 0;
    for (std::size_t i = 0; i < 5; ++i) {
      in_distribution += s.distribution[i];
      weighted += s.distribution[i] * static_cast<std::int64_t>(i + 1);
    }
    EXPECT_EQ(in_distribution, counted);
    EXPECT_EQ(weighted, sum);
    if (counted > 0) {
      EXPECT_DOUBLE_EQ(*s.mean, static_cast<double>(sum) / static_cast<double>(counted));
    }
  }
}

}  // namespace
}  // namespace rp::rating
