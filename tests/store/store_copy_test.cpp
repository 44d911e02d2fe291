// `db copy` at the store level (store/copy.hpp): the demo clinic moved from SQLite to a
// real PostgreSQL database and back to a new SQLite file keeps every row, id and
// checksum, its audit chain and its outcome report; the id sequences continue past the
// copied ids; and a target holding any row is refused and left as it was.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/contract/reports.hpp"
#include "api/http/contract.hpp"
#include "base/clock.hpp"
#include "demo/demo.hpp"
#include "service/audit.hpp"
#include "service/outcomes.hpp"
#include "store/copy.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

const CivilDate kCopyToday = parse_gregorian("2031-05-20");

nlohmann::json outcome_report(store::Store& s) {
  // A fixed clock: the report's audit row is then the same on every engine.
  service::Outcomes outcomes(s, Clock::fixed((kCopyToday.days_since_epoch() * 86400 + 9 * 3600) * 1000));
  return api::http::encode(
      api::contract::outcome_report_out(outcomes.report(service::Actor::cli_operator(), service::OutcomeRequest{})));
}

std::int64_t rows_of(const store::CopyOutcome& o, const std::string& table) {
  for (const auto& t : o.tables)
    if (t.table == table) return t.target_rows;
  return -1;
}

void expect_same_checksums(const std::vector<store::TableCheck>& a, const std::vector<store::TableCheck>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].table, b[i].table);
    EXPECT_EQ(a[i].source_rows, b[i].source_rows) << a[i].table;
    EXPECT_EQ(a[i].source_checksum, b[i].source_checksum) << a[i].table;
  }
}

TEST(StoreCopy, DemoGoesToPostgresAndBackWithEveryRowChainAndReport) {
  TempDb source_file, back_file;
  auto sqlite = store::open_sqlite(source_file.path());
  demo::build_demo(*sqlite, kCopyToday, 30);
  auto pg = store::open_postgres(PgTestCluster::shared().fresh_database());

  const store::CopyOutcome there = store::copy_store(*sqlite, *pg);
  EXPECT_EQ(there.first_mismatch(), "");
  for (const char* table : {"centres", "patients", "episodes", "schedule_items", "audit_log", "questionnaire_responses",
                            "response_scores", "adverse_events"})
    EXPECT_GT(rows_of(there, table), 0) << table;

  // The chain, and every record's content hash it vouches for, verify on the copy as on
  // the source.
  const auto source_audit = service::verify_audit_chain(*sqlite, service::Actor::cli_operator());
  const auto copy_audit = service::verify_audit_chain(*pg, service::Actor::cli_operator());
  EXPECT_EQ(source_audit.verdict(), copy_audit.verdict());
  EXPECT_FALSE(copy_audit.tampered());
  EXPECT_EQ(source_audit.rows, copy_audit.rows);
  EXPECT_GT(copy_audit.rows, 0);
  EXPECT_EQ(source_audit.records_checked, copy_audit.records_checked);
  EXPECT_GT(copy_audit.records_checked, 0);

  const nlohmann::json report = outcome_report(*sqlite);
  EXPECT_EQ(outcome_report(*pg), report);

  // Back to a new SQLite file: every table alike on all three.
  auto back = store::open_sqlite(back_file.path());
  const store::CopyOutcome home = store::copy_store(*pg, *back);
  EXPECT_EQ(home.first_mismatch(), "");
  expect_same_checksums(store::store_checksums(*back), store::store_checksums(*sqlite));
  expect_same_checksums(store::store_checksums(*pg), store::store_checksums(*sqlite));
  EXPECT_EQ(outcome_report(*back), outcome_report(*sqlite));
}

// The checksum sees one changed value or null, but not the order the engine lists the
// columns in; a copy whose rows differ names the first such table.
TEST(StoreCopy, ChecksumSeesValuesNotColumnOrderAndAMismatchNamesItsTable) {
  const store::TableRows rows{"patients", {"id", "mrn"}, {{"1", "M-1"}, {"2", std::nullopt}}};
  const store::TableRows reordered{"patients", {"mrn", "id"}, {{"M-1", "1"}, {std::nullopt, "2"}}};
  const store::TableRows changed{"patients", {"id", "mrn"}, {{"1", "M-1"}, {"2", ""}}};
  EXPECT_EQ(store::table_checksum(rows), store::table_checksum(reordered));
  EXPECT_NE(store::table_checksum(rows), store::table_checksum(changed));
  store::CopyOutcome outcome;
  outcome.tables.push_back({"centres", 1, 1, "a", "a"});
  outcome.tables.push_back({"patients", 2, 2, store::table_checksum(rows), store::table_checksum(changed)});
  EXPECT_EQ(outcome.first_mismatch(), "patients");
}

TEST(StoreCopy, NewRecordsOnTheCopyTakeIdsPastTheCopiedOnes) {
  TempDb source_file;
  auto sqlite = store::open_sqlite(source_file.path());
  demo::build_demo(*sqlite, kCopyToday, 10);
  auto pg = store::open_postgres(PgTestCluster::shared().fresh_database());
  store::copy_store(*sqlite, *pg);
  std::int64_t largest = 0, added = 0;
  pg->write([&](store::Transaction& tx) {
    const auto patients = tx.list_patients({});
    for (const auto& p : patients) largest = std::max(largest, p.id);
    Patient p = patients.front();
    p.mrn = "copy-test-new";
    added = tx.insert_patient(p, "2031-05-20T09:00:00.000Z");
  });
  EXPECT_EQ(added, largest + 1);
}

TEST(StoreCopy, TargetWithAnyRowIsRefusedAndLeftUnchanged) {
  TempDb source_file, target_file;
  auto sqlite = store::open_sqlite(source_file.path());
  demo::build_demo(*sqlite, kCopyToday, 10);
  auto pg = store::open_postgres(PgTestCluster::shared().fresh_database());
  // One audit row is enough to make a database not empty.
  pg->write([](store::Transaction& tx) {
    tx.append_audit({"2031-05-20T08:00:00.000Z", "op", "operator", "", "x.y", "e", "1", ""});
  });
  const auto before = store::store_checksums(*pg);
  try {
    store::copy_store(*sqlite, *pg);
    FAIL() << "a copy into a database with an audit row went ahead";
  } catch (const store::TargetNotEmpty& e) {
    EXPECT_EQ(e.table(), "audit_log");
  }
  expect_same_checksums(store::store_checksums(*pg), before);

  // The same on SQLite, with records this time.
  auto target = store::open_sqlite(target_file.path());
  demo::build_demo(*target, kCopyToday, 3);
  const auto target_before = store::store_checksums(*target);
  EXPECT_THROW(store::copy_store(*sqlite, *target), store::TargetNotEmpty);
  expect_same_checksums(store::store_checksums(*target), target_before);
}

}  // namespace
}  // namespace rp::test
