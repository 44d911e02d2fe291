#include <gtest/gtest.h>

#include <cmath>

#include <SQLiteCpp/SQLiteCpp.h>

#include "base/error.hpp"
#include "store/audit_chain.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

// The interface's tests, on every engine (store_suite.hpp); SQLite's own file handling
// and pragmas are tested with TEST(SqliteStore, ...) alone.
class StoreSuite : public test::EngineTest {};
INSTANTIATE_ENGINES(StoreSuite);

Patient patient(const std::string& centre_id, const std::string& mrn) {
  Patient p;
  p.centre_id = centre_id;
  p.mrn = mrn;
  p.name_latin = "Test Patient";
  p.birth_date = CivilDate::from_ymd(1960, 5, 1);
  return p;
}

TEST(SqliteStore, CreatesWithEveryMigrationAndWalFullSync) {
  test::TempDb db;
  auto s = open_sqlite(db.path());
  EXPECT_EQ(s->schema_version(), latest_schema_version());
  EXPECT_GE(latest_schema_version(), 1);
  EXPECT_EQ(s->integrity_check(), "ok");
  SQLite::Database raw(db.path());
  EXPECT_EQ(raw.execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(raw.execAndGet("SELECT COUNT(*) FROM schema_version").getInt(), static_cast<int>(migrations().size()));
  // Reopening applies nothing more.
  s.reset();
  auto again = open_sqlite(db.path());
  EXPECT_EQ(again->migrate(), 0);
}

// An existing database applies only migrations numbered above its version, so a gap
// filled later would be skipped: the numbers must run 1..N.
TEST(SqliteStore, MigrationsAreNumberedWithoutGaps) {
  int expected = 1;
  for (const Migration& m : migrations()) EXPECT_EQ(m.version, expected++) << m.name;
}

TEST(SqliteStore, RefusesASchemaNewerThanTheBinary) {
  test::TempDb db;
  open_sqlite(db.path()).reset();
  {
    SQLite::Database raw(db.path(), SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO schema_version (version, name) VALUES (9999, 'from the future')");
  }
  EXPECT_THROW(open_sqlite(db.path()), ConflictError);
}

TEST(SqliteStore, CheckModeNeverCreatesAFile) {
  test::TempDb db;
  EXPECT_THROW(open_sqlite(db.path(), OpenMode::existing_no_migrate), NotFoundError);
  EXPECT_FALSE(std::filesystem::exists(db.path()));
}

TEST_P(StoreSuite, DuplicateRecordNumberIsAConflictPerCentre) {
  auto s = open();
  s->write([](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    tx.upsert_centre(test::test_centre("b"));
    tx.insert_patient(patient("a", "M1"), "t");
    tx.insert_patient(patient("b", "M1"), "t");  // the same number at another centre is fine
  });
  try {
    s->write([](Transaction& tx) { tx.insert_patient(patient("a", "M1"), "t"); });
    FAIL();
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.field(), "mrn");
  }
}

// A conflict must not poison the cached statement: the next, valid registration at the
// same centre succeeds (it once answered 500 with the previous UNIQUE error).
TEST_P(StoreSuite, AConflictDoesNotBreakTheNextInsert) {
  auto s = open();
  s->write([](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    tx.insert_patient(patient("a", "M1"), "t");
  });
  for (int round = 0; round < 3; ++round) {
    EXPECT_THROW(s->write([](Transaction& tx) { tx.insert_patient(patient("a", "M1"), "t"); }), ConflictError);
    const std::string mrn = "M" + std::to_string(round + 2);
    EXPECT_NO_THROW(s->write([&](Transaction& tx) { tx.insert_patient(patient("a", mrn), "t"); }));
  }
  s->read([](Transaction& tx) { EXPECT_EQ(tx.list_patients({}).size(), 4U); });
}

TEST_P(StoreSuite, AFailedTransactionLeavesNothing) {
  auto s = open();
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  EXPECT_THROW(s->write([](Transaction& tx) {
    tx.insert_patient(patient("a", "M1"), "t");
    tx.append_audit({"t", "u", "r", "a", "patient.create", "patient", "1", ""});
    throw InputError("x", "required"_err);
  }),
               InputError);
  s->read([](Transaction& tx) {
    EXPECT_TRUE(tx.list_patients({}).empty());
    EXPECT_TRUE(tx.audit_rows(0, 10).empty());
  });
}

// The server remembers each episode's centre to check reads without a query
// (service/episode_centres.hpp): the schema must keep that true.
TEST_P(StoreSuite, AnEpisodeNeverMovesToAnotherCentre) {
  auto s = open();
  Episode e;
  s->write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    tx.upsert_centre(test::test_centre("b"));
    e.patient_id = tx.insert_patient(patient("a", "M1"), "t");
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd10", "M16.1"};
    e.id = tx.insert_episode(e, "t");
  });
  Episode moved = e;
  moved.centre_id = "b";
  EXPECT_ANY_THROW(s->write([&](Transaction& tx) { tx.update_episode(moved, "t2"); }));
  // Other details still change.
  Episode graded = e;
  graded.kl_grade = 3;
  s->write([&](Transaction& tx) { tx.update_episode(graded, "t2"); });
  s->read([&](Transaction& tx) {
    const auto now = tx.find_episode(e.id);
    ASSERT_TRUE(now.has_value());
    EXPECT_EQ(now->centre_id, "a");
    EXPECT_EQ(now->kl_grade, 3);
  });
}

// The outcome report counts one protocol's episodes: a knee protocol's patient never
// enters a hip protocol's survival or responder figures, nor the other way round.
TEST_P(StoreSuite, OutcomeColumnsHoldOneProtocolsEpisodes) {
  auto s = open();
  std::int64_t hip = 0, knee = 0;
  s->write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    const auto patient_id = tx.insert_patient(patient("a", "M1"), "t");
    for (const auto& [protocol, id] : {std::pair<const char*, std::int64_t*>{"hip-msc-v1", &hip},
                                       std::pair<const char*, std::int64_t*>{"knee-prp-test", &knee}}) {
      Episode e;
      e.patient_id = patient_id;
      e.centre_id = "a";
      e.protocol_id = protocol;
      e.diagnosis = {"icd10", "M16.1"};
      e.injection_date = CivilDate::from_ymd(2026, 1, 10);
      e.state = EpisodeState::injected;
      *id = tx.insert_episode(e, "t");
      tx.insert_transition({*id, EpisodeState::product_released, EpisodeState::injected, "", "u", "surgeon", "t",
                            CivilDate::from_ymd(2026, 1, 10)});
    }
    Episode not_injected;
    not_injected.patient_id = patient_id;
    not_injected.centre_id = "a";
    not_injected.protocol_id = "hip-msc-v1";
    not_injected.diagnosis = {"icd10", "M16.1"};
    tx.insert_episode(not_injected, "t");
    // Planned for an injection that has not happened: not a treated joint.
    Episode planned = not_injected;
    planned.injection_date = CivilDate::from_ymd(2026, 1, 20);
    planned.state = EpisodeState::product_released;
    tx.insert_episode(planned, "t");
  });
  s->read([&](Transaction& tx) {
    const auto hips = tx.outcome_columns("hip-msc-v1", {"prom-baseline"});
    ASSERT_EQ(hips.episodes.injection_day.size(), 1U);
    EXPECT_EQ(hips.episodes.injection_day[0], CivilDate::from_ymd(2026, 1, 10).days_since_epoch());
    EXPECT_EQ(tx.outcome_columns("knee-prp-test", {"prom-baseline"}).episodes.injection_day.size(), 1U);
    EXPECT_TRUE(tx.outcome_columns("no-such-protocol", {"prom-baseline"}).episodes.injection_day.empty());
    // The patient gave no registry consent: gone from the registry's figures and another
    // centre's staff's, still in their own centre's.
    auto rows = [&](const store::ConsentScope& c) {
      return tx.outcome_columns("hip-msc-v1", {"prom-baseline"}, c).episodes.size();
    };
    EXPECT_EQ(rows(store::ConsentScope::registry()), 0U);
    EXPECT_EQ(rows(store::ConsentScope::centre_staff("b")), 0U);
    EXPECT_EQ(rows(store::ConsentScope::centre_staff("a")), 1U);
    EXPECT_EQ(rows(store::ConsentScope::everyone()), 1U);
  });
  EXPECT_NE(hip, knee);
}

// A joint treated twice is one row: the repeat's injection is its own event on that row,
// and what happens after it (here a replacement) is the joint's.
TEST_P(StoreSuite, ARepeatTreatmentCountsOnceForItsJoint) {
  auto s = open();
  std::int64_t first = 0;
  s->write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    const auto patient_id = tx.insert_patient(patient("a", "M1"), "t");
    Episode e;
    e.patient_id = patient_id;
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd10", "M16.1"};
    e.state = EpisodeState::follow_up;
    first = tx.insert_episode(e, "t");
    tx.insert_transition({first, EpisodeState::product_released, EpisodeState::injected, "", "u", "surgeon", "t",
                          CivilDate::from_ymd(2025, 1, 10)});
    Episode again = e;
    again.repeat_of = first;
    again.state = EpisodeState::converted_to_thr;
    const std::int64_t repeat = tx.insert_episode(again, "t");
    tx.insert_transition({repeat, EpisodeState::product_released, EpisodeState::injected, "", "u", "surgeon", "t",
                          CivilDate::from_ymd(2026, 1, 10)});
    tx.insert_transition({repeat, EpisodeState::follow_up, EpisodeState::converted_to_thr, "THR", "u", "surgeon", "t",
                          CivilDate::from_ymd(2026, 6, 1)});
    // The repeat restarts its own questionnaires: its 6-month answer is not the first's.
    QuestionnaireResponseRow r{0,
                               repeat,
                               "a",
                               "nrs",
                               "prom-6m",
                               R"({"pain_activity": 2})",
                               R"({"scores": {"pain": 2}})",
                               "staff",
                               "u",
                               "2026-07-10T08:00:00.000Z",
                               ""};
    tx.insert_questionnaire_response(r);
  });
  s->read([&](Transaction& tx) {
    const auto c = tx.outcome_columns("hip-msc-v1", {"prom-baseline", "prom-6m"});
    ASSERT_EQ(c.episodes.size(), 1U);
    EXPECT_EQ(c.episodes.injection_day[0], CivilDate::from_ymd(2025, 1, 10).days_since_epoch());
    EXPECT_EQ(c.episodes.repeat_day[0], CivilDate::from_ymd(2026, 1, 10).days_since_epoch());
    EXPECT_EQ(c.episodes.converted_day[0], CivilDate::from_ymd(2026, 6, 1).days_since_epoch());
    EXPECT_EQ(c.episodes.last_contact_day[0], CivilDate::from_ymd(2026, 7, 10).days_since_epoch());
    EXPECT_TRUE(std::isnan(c.proms.column(PromMeasure::nrs_pain, 1)[0]));
  });
}

TEST_P(StoreSuite, ForeignKeysAreEnforced) {
  auto s = open();
  EXPECT_ANY_THROW(s->write([](Transaction& tx) { tx.insert_patient(patient("nowhere", "M1"), "t"); }));
}

// The row hash's exact input is a stored format: databases written by earlier versions
// must still verify. This value was computed by the first implementation.
TEST(AuditChain, TheRowHashFormatNeverChanges) {
  const AuditEntry e{
      "2026-11-25T08:00:00.000Z", "coordinator.a", "coordinator", "a", "episode.read", "episode", "42", "timeline"};
  EXPECT_EQ(audit_hash(kAuditGenesis, 7, e), "a94c296a436e1c2a9a5e034eac4db75a64f9769812735b4089d35af753711407");
}

TEST_P(StoreSuite, EachAuditRowChainsAndTamperingChangesTheHash) {
  auto s = open();
  s->write([](Transaction& tx) {
    for (int i = 0; i < 3; ++i) tx.append_audit({"t", "u", "r", "a", "x.y", "e", std::to_string(i), ""});
  });
  std::vector<AuditRow> rows;
  s->read([&](Transaction& tx) { rows = tx.audit_rows(0, 10); });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].prev_hash, kAuditGenesis);
  EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  EXPECT_EQ(rows[2].prev_hash, rows[1].hash);
  EXPECT_EQ(audit_hash(rows[1].prev_hash, rows[1].seq, rows[1]), rows[1].hash);
  AuditRow changed = rows[1];
  changed.entity_id = "9";
  EXPECT_NE(audit_hash(changed.prev_hash, changed.seq, changed), rows[1].hash);
  // Moving bytes between fields must not give the same hash.
  AuditEntry a{"t", "ab", "c", "", "", "", "", ""}, b{"t", "a", "bc", "", "", "", "", ""};
  EXPECT_NE(audit_hash(kAuditGenesis, 1, a), audit_hash(kAuditGenesis, 1, b));
}

}  // namespace
}  // namespace rp::store
