// The injecting operator (episodes.injected_by, migration 0015) on every engine: stored and
// read back, hashed into the episode's record only when set, and handed to the outcome
// report as a column of operator indices.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class InjectingOperator : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre({"a", "A", "الف", "", "", "licensed", "", ""});
      Patient p;
      p.centre_id = "a";
      p.mrn = "M1";
      p.name_latin = "Test Patient";
      p.birth_date = CivilDate::from_ymd(1960, 5, 1);
      patient_ = tx.insert_patient(p, "t");
    });
  }

  Episode episode() const {
    Episode e;
    e.patient_id = patient_;
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd-10-cm", "M16.11"};
    return e;
  }

  // An episode injected on `day`, recorded by `by` (unset: not recorded).
  std::int64_t treated(Transaction& tx, std::optional<std::string> by, CivilDate day) {
    Episode e = episode();
    e.state = EpisodeState::injected;
    e.injected_by = std::move(by);
    const std::int64_t id = tx.insert_episode(e, "t");
    tx.insert_transition({id, EpisodeState::product_released, EpisodeState::injected, "", "u", "surgeon", "t", day});
    return id;
  }

  std::string episode_hash(std::int64_t id) {
    std::string out;
    store_->read([&](Transaction& tx) { out = tx.record_content("episode", id)->hash; });
    return out;
  }

  // Runs SQL on the database directly, as another program would, on either engine.
  void raw_exec(const std::string& sql) {
    if (postgres()) {
      postgres::Connection(db()).run(sql);
    } else {
      SQLite::Database(db().substr(7), SQLite::OPEN_READWRITE).exec(sql);
    }
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0;
};
INSTANTIATE_ENGINES(InjectingOperator);

TEST_P(InjectingOperator, IsStoredChangedAndClearedLikeAnyDetail) {
  Episode e = episode();
  e.injected_by = "surgeon.a";
  store_->write([&](Transaction& tx) { e.id = tx.insert_episode(e, "t"); });
  auto read = [&] {
    std::optional<Episode> out;
    store_->read([&](Transaction& tx) { out = tx.find_episode(e.id); });
    return *out;
  };
  EXPECT_EQ(read().injected_by, "surgeon.a");
  e.injected_by = "surgeon.b";
  store_->write([&](Transaction& tx) { tx.update_episode(e, "t2"); });
  EXPECT_EQ(read().injected_by, "surgeon.b");
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.episodes_of_patient(patient_).at(0).injected_by, "surgeon.b"); });
  e.injected_by.reset();
  store_->write([&](Transaction& tx) { tx.update_episode(e, "t3"); });
  EXPECT_FALSE(read().injected_by.has_value());
}

// Audit rows written before the column existed must still verify: an episode without an
// operator hashes exactly as content v1 did, and one with an operator adds it after the
// v1 content. Both values computed independently (Python's hashlib.blake2b over the
// tagged values of store/record_content.hpp).
TEST_P(InjectingOperator, TheEpisodesContentHashAddsTheOperatorOnlyWhenSet) {
  raw_exec(
      "INSERT INTO patients (id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, created_at) VALUES (7, 'a', 'M-7', '', 'P', "
      "'female', '1961-03-21', '', '', 1, 1, 0, '2026-11-25T08:00:00.000Z')");
  raw_exec(
      "INSERT INTO episodes (id, centre_id, patient_id, protocol_id, side, diagnosis_system, diagnosis_code, "
      "kl_grade, tonnis_grade, cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, "
      "injection_date, created_at, updated_at) VALUES (7, 'a', 7, 'hip-msc-v1', 'right', "
      "'http://hl7.org/fhir/sid/icd-10-cm', 'M16.11', 3, NULL, 'bone_marrow', 'ultrasound', 'injected', NULL, "
      "NULL, '2026-11-01', '2026-11-20', '2026-11-25T08:00:00.000Z', '2026-11-25T08:00:00.000Z')");
  const std::string v1 = "aa013cdeffe3bd4c3c362dcce0a7cfff06f08c260d8f312a8fd5a135082c3322";
  EXPECT_EQ(episode_hash(7), v1);
  raw_exec("UPDATE episodes SET injected_by = 'surgeon.a' WHERE id = 7");
  EXPECT_EQ(episode_hash(7), "327b94cadf4fee9016f7980d9c3f0ad24006e5c9e067a7d8b41c27e9cda19d12");
  raw_exec("UPDATE episodes SET injected_by = NULL WHERE id = 7");
  EXPECT_EQ(episode_hash(7), v1);
}

// Each treated joint's row names its operator by index into operator_ids (name order);
// -1 where none was recorded. A repeat's operator and an untreated episode's are not the
// row's and are not listed.
TEST_P(InjectingOperator, OutcomeColumnsIndexEachJointsOperator) {
  store_->write([&](Transaction& tx) {
    const auto day = CivilDate::from_ymd(2026, 1, 10);
    treated(tx, "surgeon.b", day);
    const std::int64_t second = treated(tx, "surgeon.a", day);
    treated(tx, std::nullopt, day);
    treated(tx, "surgeon.b", day);
    Episode repeat = episode();
    repeat.repeat_of = second;
    repeat.injected_by = "surgeon.c";
    const std::int64_t again = tx.insert_episode(repeat, "t");
    tx.insert_transition({again, EpisodeState::product_released, EpisodeState::injected, "", "u", "surgeon", "t",
                          CivilDate::from_ymd(2026, 6, 1)});
    Episode planned = episode();
    planned.injected_by = "surgeon.z";  // recorded ahead, never injected: not a treated joint
    tx.insert_episode(planned, "t");
  });
  store_->read([&](Transaction& tx) {
    const auto c = tx.outcome_columns("hip-msc-v1", {"prom-baseline"});
    ASSERT_EQ(c.episodes.size(), 4U);
    EXPECT_EQ(c.operator_ids, (std::vector<std::string>{"surgeon.a", "surgeon.b"}));
    EXPECT_EQ(c.episodes.injecting_operator, (std::vector<std::int32_t>{1, 0, -1, 1}));
    // A protocol with no treated joint has no operators either.
    const auto none = tx.outcome_columns("knee-prp-test", {"prom-baseline"});
    EXPECT_TRUE(none.operator_ids.empty());
    EXPECT_TRUE(none.episodes.injecting_operator.empty());
  });
}

}  // namespace
}  // namespace rp::store
