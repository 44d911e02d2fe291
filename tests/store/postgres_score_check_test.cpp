// `db check` on PostgreSQL asks what it asks of SQLite (response_scores_test.cpp): every
// typed score row agrees with its response's scores_json. The demo's responses pass; a row
// changed, a row made up and a response whose text is no longer JSON each fail it, named
// once per response.
#include <gtest/gtest.h>

#include "demo/demo.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

TEST(PostgresScoreCheck, ScoreRowsThatDisagreeWithTheirJsonFailTheIntegrityCheck) {
  const std::string url = PgTestCluster::shared().fresh_database();
  demo::build_demo(*store::open_postgres(url), parse_gregorian("2031-05-20"), 30);
  EXPECT_EQ(store::open_postgres(url)->integrity_check(), "ok");

  store::postgres::Connection c(url);
  const auto rows = c.exec("SELECT COUNT(*) FROM response_scores");
  ASSERT_GT(rows.int64(0, 0), 100);
  // Each kind of score agrees as it is: numbers, yes/no, dates and withheld ones.
  EXPECT_GT(c.exec("SELECT COUNT(*) FROM response_scores WHERE text IS NOT NULL").int64(0, 0), 0);
  EXPECT_GT(c.exec("SELECT COUNT(*) FROM response_scores WHERE value IS NULL AND text IS NULL").int64(0, 0), 0);

  c.run(
      "UPDATE response_scores SET value = value + 1 WHERE (response_id, name) = "
      "(SELECT response_id, name FROM response_scores WHERE value IS NOT NULL ORDER BY 1, 2 LIMIT 1)");
  c.run(
      "INSERT INTO response_scores (response_id, name, value) SELECT MAX(id), 'made_up', 1 "
      "FROM questionnaire_responses");
  EXPECT_EQ(store::open_postgres(url)->integrity_check(),
            "2 responses whose response_scores disagree with scores_json");

  c.run(
      "UPDATE response_scores SET text = 'changed' WHERE (response_id, name) = "
      "(SELECT response_id, name FROM response_scores WHERE text IS NOT NULL ORDER BY 1 DESC, 2 LIMIT 1)");
  EXPECT_EQ(store::open_postgres(url)->integrity_check(),
            "3 responses whose response_scores disagree with scores_json");
}

}  // namespace
}  // namespace rp::test
