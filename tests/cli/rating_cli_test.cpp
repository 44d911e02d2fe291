// `regenpath rating list|moderate` as the operator types them: a patient's rating (given
// on the portal; here written into the file as the server would) listed while its comment
// waits, approved, and then listed as such; a call without a decision, or naming no
// rating, refused with exit 2 naming the field and nothing changed.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string ratings_db() { return (scratch() / "ratings.db").string(); }
std::string ratings_db_arg() { return "--db " + ratings_db(); }

TEST(RatingCli, TheOperatorListsAndModeratesAComment) {
  std::filesystem::remove(ratings_db());
  ASSERT_EQ(run("db init " + ratings_db_arg(), "").exit_code, 0);
  ASSERT_EQ(run("centre add " + ratings_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه", "").exit_code, 0);
  auto r = run(
      "patient add " + ratings_db_arg() + " --centre c1 --mrn R-1 --name-latin 'Test Patient' --birth-date 1960-01-01",
      "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run("episode add " + ratings_db_arg() + " --patient 1 --side right --diagnosis M16.11", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  {
    SQLite::Database d(ratings_db(), SQLite::OPEN_READWRITE);
    d.exec(
        "INSERT INTO ratings (episode_id, patient_id, centre_id, stars, comment, comment_status, created_at, "
        "updated_at) VALUES (1, 1, 'c1', 4, 'دردم کمتر شده است', 'pending', '2026-12-01T08:00:00.000Z', "
        "'2026-12-01T08:00:00.000Z')");
  }
  r = run("rating list " + ratings_db_arg() + " --centre c1 --pending", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.json().size(), 1U);
  EXPECT_EQ(r.json()[0]["comment"], "دردم کمتر شده است");
  const std::int64_t id = r.json()[0]["id"];

  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {std::to_string(id), "decision"}, {std::to_string(id + 5) + " --approve", "rating"}}) {
    const auto bad = run("rating moderate " + ratings_db_arg() + " " + args, "");
    EXPECT_EQ(bad.exit_code, 2) << args << " " << bad.err;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
  }
  EXPECT_EQ(run("rating list " + ratings_db_arg() + " --centre c1 --pending", "").json().size(), 1U);

  r = run("rating moderate " + ratings_db_arg() + " " + std::to_string(id) + " --approve", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["comment_status"], "approved");
  EXPECT_EQ(r.json()["moderated_by"], "cli");
  EXPECT_TRUE(run("rating list " + ratings_db_arg() + " --centre c1 --pending", "").json().empty());
  EXPECT_EQ(run("rating list " + ratings_db_arg() + " --centre c1", "").json()[0]["comment_status"], "approved");
}

}  // namespace
}  // namespace rp::cli_test
