// Scores as typed rows (0014_response_scores.sql): every response the demo writes through
// the store has one row per score agreeing with its scores_json (numbers, yes/no, dates,
// scores the rule withheld); the migration backfills the same rows from the JSON of
// responses written before it; a row changed outside regenpath fails the integrity check;
// and the outcome read takes its figures from the rows, never from the JSON.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>

#include "../support/made_once.hpp"
#include "demo/demo.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kScoresToday = parse_gregorian("2031-05-20");
const std::vector<std::string> kScoreTimePoints = {"prom-baseline", "prom-2w",  "prom-6w", "prom-3m",
                                                   "prom-6m",       "prom-12m", "prom-24m"};

class ResponseScores : public ::testing::Test {
 protected:
  // The demo's responses, written once per build (made_once.hpp) and copied.
  void SetUp() override {
    const auto made = made_once("response-scores", [](const std::filesystem::path& into) {
      auto s = store::open_sqlite((into / "demo.db").string());
      demo::build_demo(*s, kScoresToday, 40);
    });
    std::filesystem::copy_file(made / "demo.db", db_.path());
  }
  int count(const std::string& sql) {
    SQLite::Database d(db_.path(), SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt();
  }
  // Every score row, in key order, as text: name, value, text (NULL shown as "-").
  std::vector<std::string> rows() {
    SQLite::Database d(db_.path(), SQLite::OPEN_READONLY);
    SQLite::Statement q(d,
                        "SELECT response_id || '|' || name || '|' || COALESCE(printf('%.17g', value), '-') || '|' "
                        "|| COALESCE(text, '-') FROM response_scores ORDER BY response_id, name");
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  }
  store::OutcomeColumns outcome_columns() {
    auto s = store::open_sqlite(db_.path());
    store::OutcomeColumns out;
    s->read([&](store::Transaction& tx) { out = tx.outcome_columns("hip-msc-v1", kScoreTimePoints); });
    return out;
  }
  TempDb db_;
};

TEST_F(ResponseScores, EveryScoreOfEveryResponseIsARowAgreeingWithItsJson) {
  const int scores = count("SELECT COUNT(*) FROM questionnaire_responses r, json_each(r.scores_json, '$.scores')");
  ASSERT_GT(scores, 100);
  EXPECT_EQ(count("SELECT COUNT(*) FROM response_scores"), scores);
  // Each kind of score is there: numbers, yes/no, a date, and withheld ones.
  EXPECT_GT(count("SELECT COUNT(*) FROM response_scores WHERE text IS NOT NULL"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM response_scores WHERE name = 'returned'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM response_scores WHERE value IS NOT NULL AND value <> CAST(value AS INTEGER)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM questionnaire_responses r, json_each(r.scores_json, '$.scores') j "
                  "LEFT JOIN response_scores s ON s.response_id = r.id AND s.name = j.key "
                  "WHERE s.response_id IS NULL OR NOT ("
                  " (j.type IN ('integer', 'real', 'true', 'false') AND s.value = j.value AND s.text IS NULL)"
                  " OR (j.type = 'text' AND s.text = j.value AND s.value IS NULL)"
                  " OR (j.type = 'null' AND s.value IS NULL AND s.text IS NULL))"),
            0);
}

TEST_F(ResponseScores, TheMigrationBackfillsTheRowsOfEarlierResponses) {
  const auto written = rows();
  ASSERT_FALSE(written.empty());
  const std::string on_worklists = "SELECT COUNT(*) FROM schedule_items WHERE worklist_centre IS NOT NULL";
  const int worklist_items = count(on_worklists);
  ASSERT_GT(worklist_items, 0);
  {
    // The database as the binary before 0014 left it: no typed rows, version 13 (and
    // nothing of the later migrations).
    SQLite::Database d(db_.path(), SQLite::OPEN_READWRITE);
    // 0049's sheet exports, 0048's bulk exports, 0047's imaging links and grades, 0046's FHIR links, 0044's signed
    // consents, 0043's consent documents, 0042's withdrawals (with their table), 0041's evidence, 0040's reversals
    // (with their table), 0039's agreed estimates, 0038's payment plans, 0037's education pages, 0036's ratings.
    for (const char* table : {"sheet_export_parts", "sheet_export_files", "sheet_exports", "bulk_export_files",
                              "bulk_exports", "radiographic_grades", "imaging_links", "fhir_links",
                              "consent_signatures", "consent_documents", "evidence_entries", "plan_payers",
                              "plan_lines", "payments", "plan_instalments", "payment_plans", "education_pages"})
      d.exec(std::string("DROP TABLE ") + table);
    d.exec("DROP TABLE ratings");
    // 0035's directory fields of a centre.
    for (const char* c : {"address_en", "address_fa", "map_url", "services", "licence_issuer", "licence_expires"})
      d.exec(std::string("ALTER TABLE centres DROP COLUMN ") + c);
    // 0034's price lists.
    d.exec("DROP TABLE price_list_lines");
    d.exec("DROP TABLE price_lists");
    // 0033's e-mail address and preferred channel.
    d.exec("ALTER TABLE patients DROP COLUMN preferred_channel");
    d.exec("ALTER TABLE patients DROP COLUMN email");
    d.exec("ALTER TABLE messages DROP COLUMN subject");
    // 0032's re-plan marks and the triggers that set them.
    for (const char* t : {"episode_insert", "episode_update", "schedule_insert", "schedule_update", "schedule_delete",
                          "patient_update", "centre_update"})
      d.exec(std::string("DROP TRIGGER messages_replan_") + t);
    d.exec("DROP TABLE messages_replan");
    // 0031's on-call mobile.
    d.exec("ALTER TABLE centres DROP COLUMN on_call_mobile");
    // 0029's patient language.
    d.exec("ALTER TABLE patients DROP COLUMN language");
    // 0028's outbox (its indexes go with the tables) and its index of episodes on the pathway.
    d.exec("DROP TABLE message_attempts");
    d.exec("DROP TABLE messages");
    d.exec("DROP INDEX episodes_on_pathway");
    // 0027's index of products with a QC result pending.
    d.exec("DROP INDEX products_qc_pending");
    // 0026's calendar feeds (their index goes with the table).
    d.exec("DROP TABLE calendar_feeds");
    // 0025's storage readings and culture passages (its product columns go with the table).
    d.exec("DROP TABLE product_readings");
    d.exec("DROP TABLE product_passages");
    // 0024's first product the audit rows vouch for.
    d.exec("DELETE FROM audit_content_start WHERE kind = 'product'");
    // 0023's index of refused bedside checks.
    d.exec("DROP INDEX product_events_refused");
    // 0022's facility code of a centre.
    d.exec("ALTER TABLE centres DROP COLUMN facility_code");
    // 0021's products and their custody chain.
    d.exec("DROP TABLE product_events");
    d.exec("DROP TABLE products");
    // 0020's worklist column, its indexes and the triggers that keep it.
    for (const char* t : {"schedule_insert", "schedule_update", "episode_state", "response_insert", "response_delete",
                          "response_update"})
      d.exec(std::string("DROP TRIGGER worklist_") + t);
    d.exec("DROP INDEX schedule_worklist_by_start");
    d.exec("DROP INDEX schedule_worklist_by_end");
    d.exec("ALTER TABLE schedule_items DROP COLUMN worklist_centre");
    // 0019's derived outcome rows first: the triggers that mark them hang on response_scores too.
    for (const char* table : {"episode", "transition", "schedule", "response", "score", "event"})
      for (const char* op : {"insert", "update", "delete"})
        d.exec(std::string("DROP TRIGGER outcome_stale_") + table + "_" + op);
    d.exec("DROP TRIGGER outcome_stale_patient_update");
    d.exec("DROP INDEX episodes_by_repeat_of");
    d.exec("DROP TABLE outcome_joints");
    d.exec("DROP TABLE outcome_stale");
    d.exec("DROP TABLE response_scores");
    // Later migrations are forgotten too, as that binary never knew them (those that
    // follow 0014 apply again: 0015's column, 0016's table and 0019's tables and
    // triggers go, to be made again).
    d.exec("ALTER TABLE episodes DROP COLUMN injected_by");
    d.exec("DROP TABLE pseudonyms");
    // 0018: the folded names, their trigram index and its triggers, the record number's index.
    d.exec("DROP TRIGGER patient_names_insert");
    d.exec("DROP TRIGGER patient_names_delete");
    d.exec("DROP TRIGGER patient_names_update");
    d.exec("DROP TABLE patient_names");
    d.exec("DROP INDEX patients_by_mrn");
    d.exec("ALTER TABLE patients DROP COLUMN search_names");
    d.exec("DELETE FROM schema_version WHERE version >= 14");
  }
  auto s = store::open_sqlite(db_.path(), store::OpenMode::existing_no_migrate);
  EXPECT_EQ(s->schema_version(), 13);
  int after_13 = 0;
  for (const store::Migration& m : store::migrations()) after_13 += m.version > 13;
  EXPECT_EQ(s->migrate(), after_13);
  s.reset();
  EXPECT_EQ(rows(), written);
  // 0020's own step marked the items on a worklist: those written since, as the triggers did.
  EXPECT_EQ(count(on_worklists), worklist_items);
  // 0018's own step folded the names of the patients already there, and the trigram index
  // holds them: every patient is found by the first three letters of their folded Persian name.
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients WHERE search_names NOT LIKE '_%' || char(10) || '_%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM patients p WHERE EXISTS (SELECT 1 FROM patient_names WHERE patient_names "
                  "MATCH '\"' || substr(p.search_names, 1, 3) || '\"' AND rowid = p.id)"),
            count("SELECT COUNT(*) FROM patients"));
}

TEST_F(ResponseScores, ARowChangedBehindRegenpathsBackFailsTheIntegrityCheck) {
  EXPECT_EQ(store::open_sqlite(db_.path())->integrity_check(), "ok");
  {
    SQLite::Database d(db_.path(), SQLite::OPEN_READWRITE);
    d.exec(
        "UPDATE response_scores SET value = value + 1 WHERE (response_id, name) = "
        "(SELECT response_id, name FROM response_scores WHERE value IS NOT NULL LIMIT 1)");
    d.exec(
        "INSERT INTO response_scores (response_id, name, value) SELECT MAX(id), 'made_up', 1 "
        "FROM questionnaire_responses");
  }
  EXPECT_EQ(store::open_sqlite(db_.path())->integrity_check(),
            "ok; 2 responses whose response_scores disagree with scores_json");
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

TEST_F(ResponseScores, TheOutcomeReadTakesTheRowsNotTheJson) {
  const store::OutcomeColumns before = outcome_columns();
  int answered = 0;
  for (int m = 0; m < store::kPromMeasures; ++m)
    for (int tp = 0; tp < before.proms.time_points; ++tp)
      for (double v : before.proms.column(static_cast<store::PromMeasure>(m), tp).to_vector())
        answered += std::isnan(v) ? 0 : 1;
  ASSERT_GT(answered, 50);
  {
    SQLite::Database d(db_.path(), SQLite::OPEN_READWRITE);
    d.exec("UPDATE questionnaire_responses SET scores_json = '{}'");
  }
  const store::OutcomeColumns without_json = outcome_columns();
  for (int m = 0; m < store::kPromMeasures; ++m)
    for (int tp = 0; tp < static_cast<int>(kScoreTimePoints.size()); ++tp)
      for (std::size_t row = 0; row < before.episodes.size(); ++row)
        ASSERT_TRUE(same(before.proms.at(static_cast<store::PromMeasure>(m), tp, row),
                         without_json.proms.at(static_cast<store::PromMeasure>(m), tp, row)))
            << "measure " << m << " time point " << tp << " row " << row;
  EXPECT_EQ(before.proms.returned_after, without_json.proms.returned_after);
  {
    SQLite::Database d(db_.path(), SQLite::OPEN_READWRITE);
    d.exec("DELETE FROM response_scores");
  }
  const store::OutcomeColumns without_rows = outcome_columns();
  for (int m = 0; m < store::kPromMeasures; ++m)
    for (int tp = 0; tp < without_rows.proms.time_points; ++tp)
      for (double v : without_rows.proms.column(static_cast<store::PromMeasure>(m), tp).to_vector())
        ASSERT_TRUE(std::isnan(v));
}

}  // namespace
}  // namespace rp::test
