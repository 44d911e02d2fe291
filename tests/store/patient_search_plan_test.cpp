// The patient search reads through indexes on both engines (migration 0018): the query
// plans of the statements list_patients runs name the index of each identifier and the
// trigram index of the names, and read no table whole but for the short texts' scan,
// which is bounded by the limit. And the migration fills the folded names of patients
// registered before it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "service/pathway.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/search_names.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

bool has(const std::string& plan, const std::string& part) { return plan.find(part) != std::string::npos; }

store::PatientQuery query(const std::string& text) { return {"a", text, true, std::nullopt, 50}; }

void add_patients(store::Store& s) {
  const auto op = service::Actor::cli_operator();
  service::Pathway pathway(s, Clock::fixed(std::int64_t{1'900'000'000'000}));
  pathway.upsert_centre(op, {"a", "Centre a", "مرکز", "Tehran", "تهران", "licensed", "", ""});
  for (int i = 0; i < 20; ++i) {
    Patient p;
    p.centre_id = "a";
    p.mrn = "M-" + std::to_string(i);
    p.name_fa = i % 2 ? "علي كريمي" : "سارا احمدی";
    p.name_latin = i % 2 ? "Ali Karimi" : "Sara Ahmadi";
    p.birth_date = CivilDate::from_ymd(1960, 1, 1);
    p.national_id = test_national_id(p.mrn);
    p.mobile = "0912000" + std::to_string(1000 + i);
    pathway.add_patient(op, p);
  }
}

std::string sqlite_plan(SQLite::Database& db, const store::PatientQuery& q) {
  SQLite::Statement st(db, std::string("EXPLAIN QUERY PLAN ") + store::sqlite::patient_search_sql(q));
  store::sqlite::bind_patient_search(st, q);
  std::string plan;
  while (st.executeStep()) plan += st.getColumn(3).getString() + "\n";
  return plan;
}

TEST(PatientSearchPlan, SqliteLooksUpIdentifiersAndNamesInTheirIndexes) {
  TempDb file;
  add_patients(*store::open_sqlite(file.path()));
  SQLite::Database db(file.path(), SQLite::OPEN_READONLY);

  const std::string plan = sqlite_plan(db, query("0912001005"));
  EXPECT_TRUE(has(plan, "INDEX patients_by_national_id (national_id=?)")) << plan;
  EXPECT_TRUE(has(plan, "INDEX patients_by_mobile (mobile=?)")) << plan;
  EXPECT_TRUE(has(plan, "INDEX patients_by_mrn (mrn=?)")) << plan;
  EXPECT_TRUE(has(plan, "SCAN patient_names VIRTUAL TABLE INDEX")) << plan;
  // No step reads the patients table from end to end.
  EXPECT_FALSE(has(plan, "SCAN p\n") || has(plan, "SCAN patients") || has(plan, "SCAN n\n")) << plan;

  // A two-letter name holds no trigram: patients are read in id order up to the limit,
  // but its identifiers still come from their indexes.
  const std::string short_plan = sqlite_plan(db, query("عل"));
  EXPECT_TRUE(has(short_plan, "INDEX patients_by_mrn (mrn=?)")) << short_plan;
  EXPECT_TRUE(has(short_plan, "INDEX patients_by_national_id (national_id=?)")) << short_plan;
  EXPECT_FALSE(has(short_plan, "USE TEMP B-TREE FOR ORDER BY")) << short_plan;
}

TEST(PatientSearchPlan, PostgresqlLooksUpIdentifiersAndNamesInTheirIndexes) {
  const std::string url = PgTestCluster::shared().fresh_database();
  add_patients(*store::open_postgres(url));
  store::postgres::Connection c(url);
  c.run("ANALYZE patients");
  // On a table this small the planner reads every row (one page costs less than any
  // index); with whole-table reads priced out (sequential, and an index walked end to
  // end), the plan shows which indexes the statement's shape lets PostgreSQL use: a name
  // wrapped in a function, or an OR across the identifiers, would leave it none. Which
  // one it picks at a clinic's size is bench/search's to show.
  c.run("SET enable_seqscan = off");
  c.run("SET enable_indexscan = off");
  // Across centres (the operator's search), so that the centre's own index is no way in.
  const store::PatientQuery q{std::nullopt, "کریمی", true, std::nullopt, 50};
  auto r = c.exec("EXPLAIN " + store::postgres::patient_search_sql(q), store::postgres::patient_search_params(q));
  std::string plan;
  for (int i = 0; i < r.rows(); ++i) plan += r.text(i, 0) + "\n";
  EXPECT_TRUE(has(plan, "patients_by_national_id")) << plan;
  EXPECT_TRUE(has(plan, "patients_by_mobile")) << plan;
  EXPECT_TRUE(has(plan, "patients_by_mrn")) << plan;
  EXPECT_TRUE(has(plan, "patients_search_names")) << plan;
  EXPECT_FALSE(has(plan, "Seq Scan")) << plan;
}

// Patients registered before migration 0018 have no folded names until its own step
// fills them: blanked here, as that migration found them, and filled again.
TEST(PatientSearchPlan, TheMigrationFillsTheNamesOfPatientsRegisteredBeforeIt) {
  const std::string url = PgTestCluster::shared().fresh_database();
  auto s = store::open_postgres(url);
  add_patients(*s);
  store::postgres::Connection c(url);
  c.run("UPDATE patients SET search_names = ''");
  const auto found = [&] {
    std::size_t n = 0;
    s->read([&](store::Transaction& tx) { n = tx.list_patients(query("كريم")).size(); });
    return n;
  };
  ASSERT_EQ(found(), 0U);
  c.run("BEGIN");
  store::postgres::fill_search_names(c);
  c.run("COMMIT");
  EXPECT_EQ(found(), 10U);
  const auto folded = store::postgres::Params().text(store::patient_search_names("علي كريمي", "Ali Karimi"));
  EXPECT_EQ(c.exec("SELECT COUNT(*) FROM patients WHERE search_names = $1::text", folded).int64(0, 0), 10);
}

}  // namespace
}  // namespace rp::test
