// The outcome report's derived rows (0019_outcome_rows.sql, store/outcome_rows.hpp) give
// the same columns as the whole-table read, column by column, on both engines: on the
// demo registry (repeats, conversions, exits, missed items, withdrawn consent, adverse
// events, red flags waiting for triage, operators, every PROM), and after each of a series
// of edits, both while the edited joints are only marked stale and once they are stored
// again. An edit the triggers did not mark would leave a stored row behind and fail here.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "demo/demo.hpp"
#include "store/outcome_rows_beside.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"

namespace rp::test {
namespace {

const CivilDate kToday = parse_gregorian("2031-05-20");
const std::vector<std::string> kTimePoints = {"prom-baseline", "prom-2w",  "prom-6w", "prom-3m",
                                              "prom-6m",       "prom-12m", "prom-24m"};

// The first difference between two columns, or "" when they are equal (NaN equals NaN).
template <class T>
std::string difference(const std::string& name, const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size())
    return name + ": " + std::to_string(a.size()) + " rows derived, " + std::to_string(b.size()) + " scanned";
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool same;
    if constexpr (std::is_floating_point_v<T>)
      same = (std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i];
    else
      same = a[i] == b[i];
    if (!same) {
      std::ostringstream out;
      out << name << " row " << i << ": " << a[i] << " derived, " << b[i] << " scanned";
      return out.str();
    }
  }
  return "";
}

std::string difference(const store::OutcomeColumns& a, const store::OutcomeColumns& b) {
  const auto& e = a.episodes;
  const auto& f = b.episodes;
  std::vector<std::string> found = {
      difference("centre_ids", a.centre_ids, b.centre_ids),
      difference("operator_ids", a.operator_ids, b.operator_ids),
      difference("centre", e.centre, f.centre),
      difference("injection_day", e.injection_day, f.injection_day),
      difference("converted_day", e.converted_day, f.converted_day),
      difference("exit_day", e.exit_day, f.exit_day),
      difference("last_contact_day", e.last_contact_day, f.last_contact_day),
      difference("repeat_day", e.repeat_day, f.repeat_day),
      difference("age_band", std::vector<int>(e.age_band.begin(), e.age_band.end()),
                 std::vector<int>(f.age_band.begin(), f.age_band.end())),
      difference("kl_grade", std::vector<int>(e.kl_grade.begin(), e.kl_grade.end()),
                 std::vector<int>(f.kl_grade.begin(), f.kl_grade.end())),
      difference("cell_source", std::vector<int>(e.cell_source.begin(), e.cell_source.end()),
                 std::vector<int>(f.cell_source.begin(), f.cell_source.end())),
      difference("injecting_operator", e.injecting_operator, f.injecting_operator),
      difference("ae.episode_row", a.adverse_events.episode_row, b.adverse_events.episode_row),
      difference("ae.ctcae_grade",
                 std::vector<int>(a.adverse_events.ctcae_grade.begin(), a.adverse_events.ctcae_grade.end()),
                 std::vector<int>(b.adverse_events.ctcae_grade.begin(), b.adverse_events.ctcae_grade.end())),
      difference("ae.serious", std::vector<int>(a.adverse_events.serious.begin(), a.adverse_events.serious.end()),
                 std::vector<int>(b.adverse_events.serious.begin(), b.adverse_events.serious.end())),
      difference("ae.assessed", std::vector<int>(a.adverse_events.assessed.begin(), a.adverse_events.assessed.end()),
                 std::vector<int>(b.adverse_events.assessed.begin(), b.adverse_events.assessed.end())),
      difference("ae.category", a.adverse_events.category, b.adverse_events.category),
      difference("ae.category_names", a.adverse_events.category_names, b.adverse_events.category_names),
      difference("ae.untriaged_red_flags", a.adverse_events.untriaged_red_flags, b.adverse_events.untriaged_red_flags),
  };
  if (a.proms.time_points != b.proms.time_points) found.push_back("proms.time_points");
  for (int tp = 0; tp < std::min(a.proms.time_points, b.proms.time_points); ++tp) {
    const std::string at = "[" + kTimePoints[static_cast<std::size_t>(tp)] + "]";
    for (int m = 0; m < store::kPromMeasures; ++m)
      found.push_back(difference("proms.value[" + std::to_string(m) + "]" + at,
                                 a.proms.column(static_cast<store::PromMeasure>(m), tp).to_vector(),
                                 b.proms.column(static_cast<store::PromMeasure>(m), tp).to_vector()));
    found.push_back(difference("proms.returned_after" + at, a.proms.returned_after[tp], b.proms.returned_after[tp]));
    found.push_back(difference("proms.window_end_day" + at, a.proms.window_end_day[tp], b.proms.window_end_day[tp]));
  }
  for (const auto& d : found)
    if (!d.empty()) return d;
  return "";
}

class OutcomeRows : public EngineTest {
 protected:
  void SetUp() override {
    s_ = open();
    demo::build_demo(*s_, kToday, 40);
  }

  // A statement run behind regenpath's back (as an operator's SQL would be): only the
  // triggers see it.
  void sql(const std::string& statement) {
    if (postgres()) {
      store::postgres::Connection(db()).run(statement);
    } else {
      SQLite::Database(db().substr(std::strlen("sqlite:")), SQLite::OPEN_READWRITE).exec(statement);
    }
  }
  std::int64_t number(const std::string& query) {
    if (postgres()) return store::postgres::Connection(db()).exec(query).int64(0, 0);
    return SQLite::Database(db().substr(std::strlen("sqlite:")), SQLite::OPEN_READONLY).execAndGet(query).getInt64();
  }

  // Derived and scanned columns agree for each reader's consent scope: first with the
  // joints changed since the last refresh computed on the fly, then stored.
  void expect_same(const std::string& after) {
    for (const bool refreshed : {false, true}) {
      if (refreshed) s_->write([](store::Transaction& tx) { tx.refresh_outcome_rows(); });
      for (const auto& consent : {store::ConsentScope::everyone(), store::ConsentScope::registry(),
                                  store::ConsentScope::centre_staff("tehran-1")}) {
        s_->read([&](store::Transaction& tx) {
          const auto derived = tx.outcome_columns("hip-msc-v1", kTimePoints, consent);
          const auto scanned = tx.scan_outcome_columns("hip-msc-v1", kTimePoints, consent);
          ASSERT_GT(scanned.episodes.size(), 0U);
          EXPECT_EQ(difference(derived, scanned), "")
              << "after " << after << (refreshed ? ", refreshed" : ", stale") << ", consent "
              << (consent.every_patient        ? "everyone"
                  : consent.own_centre.empty() ? "registry"
                                               : consent.own_centre);
        });
      }
    }
    EXPECT_EQ(number("SELECT COUNT(*) FROM outcome_stale"), 0);
  }

  std::unique_ptr<store::Store> s_;
};
// The server stores changed joints a batch per write (service/outcomes.cpp): the marks
// with the lowest episode ids first, the others left marked for the next batch, and the
// rows then as the whole-table read gives them.
TEST_P(OutcomeRows, MarksAreRefreshedABatchAtATimeLowestFirst) {
  s_->write([](store::Transaction& tx) { tx.refresh_outcome_rows(); });
  // Five first episodes marked behind regenpath's back, as an operator's SQL would leave them.
  sql("INSERT INTO outcome_stale (episode_id) SELECT episode_id FROM outcome_joints ORDER BY episode_id LIMIT 5");
  const std::int64_t lowest = number("SELECT MIN(episode_id) FROM outcome_stale");
  const std::int64_t highest = number("SELECT MAX(episode_id) FROM outcome_stale");
  // Read ahead in a snapshot (the keeper does so before each write): the same marks, and
  // nothing stored or cleared.
  std::size_t read = 0;
  s_->snapshot([&](store::Transaction& tx) { read = tx.read_marked_joints(2); });
  EXPECT_EQ(read, 2U);
  EXPECT_EQ(number("SELECT COUNT(*) FROM outcome_stale"), 5);
  s_->snapshot([&](store::Transaction& tx) { read = tx.read_marked_joints(10); });
  EXPECT_EQ(read, 5U);
  std::size_t refreshed = 0;
  s_->write([&](store::Transaction& tx) { refreshed = tx.refresh_outcome_rows_up_to(2); });
  EXPECT_EQ(refreshed, 2U);
  EXPECT_EQ(number("SELECT COUNT(*) FROM outcome_stale"), 3);
  EXPECT_GT(number("SELECT MIN(episode_id) FROM outcome_stale"), lowest);
  EXPECT_EQ(number("SELECT MAX(episode_id) FROM outcome_stale"), highest);
  s_->write([&](store::Transaction& tx) { refreshed = tx.refresh_outcome_rows_up_to(10); });
  EXPECT_EQ(refreshed, 3U);
  s_->write([&](store::Transaction& tx) { refreshed = tx.refresh_outcome_rows_up_to(10); });
  EXPECT_EQ(refreshed, 0U);
  s_->snapshot([&](store::Transaction& tx) { read = tx.read_marked_joints(10); });
  EXPECT_EQ(read, 0U);
  expect_same("a refresh in batches");
}

// The merge beside the read (store/outcome_rows_beside.hpp), here with a batch per row so
// that every hand-over and wait is taken: the columns are those of a merge on the reading
// thread; a blob cut short is an error the read answers, and nothing is left waiting.
TEST_P(OutcomeRows, RowsMergedBesideTheReadABatchAtATimeAreTheSame) {
  if (postgres()) GTEST_SKIP() << "the stored rows are read here with SQLite's API; the merge knows no engine";
  s_->write([](store::Transaction& tx) { tx.refresh_outcome_rows(); });
  SQLite::Database file(db().substr(std::strlen("sqlite:")), SQLite::OPEN_READONLY);
  struct Stored {
    std::int64_t episode;
    std::string centre, facts;
  };
  std::vector<Stored> rows;
  SQLite::Statement q(file,
                      "SELECT episode_id, centre_id, facts FROM outcome_joints WHERE protocol_id = 'hip-msc-v1' "
                      "ORDER BY episode_id");
  while (q.executeStep()) {
    const SQLite::Column facts = q.getColumn(2);
    rows.push_back(
        {q.getColumn(0).getInt64(), q.getColumn(1).getString(),
         std::string(static_cast<const char*>(facts.getBlob()), static_cast<std::size_t>(facts.getBytes()))});
  }
  ASSERT_GT(rows.size(), 10U);
  std::vector<std::string> centres;
  SQLite::Statement c(file, "SELECT id FROM centres ORDER BY id");
  while (c.executeStep()) centres.push_back(c.getColumn(0).getString());
  const std::string protocol = "hip-msc-v1";
  const auto everyone = store::ConsentScope::everyone();

  store::OutcomeColumns direct, beside;
  direct.centre_ids = beside.centre_ids = centres;
  {
    store::OutcomeRowsMerge merge(direct, kTimePoints, {}, {}, protocol, everyone);
    for (const auto& r : rows) merge.stored(r.episode, r.centre, r.facts);
    merge.finish();
  }
  {
    store::OutcomeRowsMerge merge(beside, kTimePoints, {}, {}, protocol, everyone);
    store::OutcomeRowsBeside merging(merge, 1);
    for (const auto& r : rows) merging.stored(r.episode, r.centre, r.facts);
    merging.finish();
    merge.finish();
  }
  ASSERT_EQ(beside.episodes.size(), rows.size());
  EXPECT_EQ(difference(beside, direct), "");

  store::OutcomeColumns cut;
  cut.centre_ids = centres;
  store::OutcomeRowsMerge merge(cut, kTimePoints, {}, {}, protocol, everyone);
  store::OutcomeRowsBeside merging(merge, 1);
  EXPECT_THROW(
      {
        for (std::size_t i = 0; i < rows.size(); ++i)
          merging.stored(rows[i].episode, rows[i].centre, i == 3 ? rows[i].facts.substr(0, 5) : rows[i].facts);
        merging.finish();
      },
      std::runtime_error);
}

INSTANTIATE_ENGINES(OutcomeRows);

TEST_P(OutcomeRows, DerivedRowsMatchTheWholeTableReadThroughEdits) {
  // Every kind of fact is in the registry the rows are checked on.
  s_->read([&](store::Transaction& tx) {
    const auto all = tx.scan_outcome_columns("hip-msc-v1", kTimePoints);
    const auto& e = all.episodes;
    auto any = [](const auto& column, auto test) { return std::any_of(column.begin(), column.end(), test); };
    const auto some_day = [](std::int32_t d) { return d != store::kNoDay; };
    EXPECT_TRUE(any(e.repeat_day, some_day));
    EXPECT_TRUE(any(e.converted_day, some_day));
    EXPECT_TRUE(any(e.exit_day, some_day));
    EXPECT_FALSE(all.operator_ids.empty());
    EXPECT_GT(all.adverse_events.size(), 0U);
    EXPECT_TRUE(any(all.adverse_events.untriaged_red_flags, [](std::int32_t n) { return n > 0; }));
    bool missed = false, returned = false;
    for (int tp = 0; tp < all.proms.time_points; ++tp) {
      missed |= any(all.proms.window_end_day[tp], [](std::int32_t d) { return d == store::PromColumns::kMissedDay; });
      returned |= any(all.proms.returned_after[tp], some_day);
    }
    EXPECT_TRUE(missed);
    EXPECT_TRUE(returned);
    for (int m = 0; m < store::kPromMeasures; ++m) {
      bool answered = false;
      for (int tp = 0; tp < all.proms.time_points; ++tp)
        answered |= any(all.proms.column(static_cast<store::PromMeasure>(m), tp).to_vector(),
                        [](double v) { return !std::isnan(v); });
      EXPECT_TRUE(answered) << "measure " << m;
    }
  });
  expect_same("the demo");

  // A treated first episode with answers, and its patient.
  const std::int64_t joint = number(
      "SELECT MIN(e.id) FROM episodes e JOIN patients p ON p.id = e.patient_id WHERE e.repeat_of IS NULL "
      "AND e.protocol_id = 'hip-msc-v1' AND p.consent_registry = 1 AND EXISTS (SELECT 1 "
      "FROM questionnaire_responses r WHERE r.episode_id = e.id AND r.instrument = 'hoos') AND EXISTS (SELECT 1 "
      "FROM episode_transitions t WHERE t.episode_id = e.id AND t.to_state = 'injected')");
  ASSERT_GT(joint, 0);
  const std::int64_t patient = number("SELECT patient_id FROM episodes WHERE id = " + std::to_string(joint));

  sql("UPDATE response_scores SET value = value + 7 WHERE name = 'pain' AND response_id = (SELECT MIN(id) FROM "
      "questionnaire_responses WHERE instrument = 'hoos' AND episode_id = " +
      std::to_string(joint) + ")");
  expect_same("an answer re-scored");

  s_->write([&](store::Transaction& tx) {
    store::QuestionnaireResponseRow r;
    r.episode_id = joint;
    r.centre_id = tx.find_episode(joint)->centre_id;
    r.instrument = "patient-global";
    r.item_id = "prom-24m";
    r.answers_json = "{}";
    r.scores_json = "{}";
    r.source = "staff";
    r.submitted_by = "test";
    r.submitted_at = "2031-05-19T08:00:00Z";
    r.scores = {{"global", 12.5, std::nullopt}};
    tx.insert_questionnaire_response(r);
  });
  expect_same("an answer added");

  s_->write([&](store::Transaction& tx) {
    tx.insert_transition({joint, EpisodeState::follow_up, EpisodeState::converted_to_thr, "", "test", "surgeon",
                          "2031-05-19T08:00:00Z", CivilDate::from_ymd(2031, 5, 18)});
  });
  expect_same("a transition");

  const auto registry_joints = [&] {
    std::size_t n = 0;
    s_->read([&](store::Transaction& tx) {
      n = tx.outcome_columns("hip-msc-v1", kTimePoints, store::ConsentScope::registry()).episodes.size();
    });
    return n;
  };
  const std::size_t consenting = registry_joints();
  sql("UPDATE patients SET consent_registry = 0 WHERE id = " + std::to_string(patient));
  EXPECT_EQ(registry_joints(), consenting - 1) << "the registry's figures leave the patient out at once";
  expect_same("a patient's consent withdrawn");

  sql("UPDATE patients SET birth_date = '1941-02-03' WHERE id = " + std::to_string(patient));
  expect_same("a birth date corrected");

  s_->write([&](store::Transaction& tx) {
    Episode repeat = *tx.find_episode(joint);
    repeat.id = 0;
    repeat.repeat_of = joint;
    repeat.state = EpisodeState::injected;
    const std::int64_t id = tx.insert_episode(repeat, "2031-05-19T08:00:00Z");
    tx.insert_transition({id, EpisodeState::product_released, EpisodeState::injected, "", "test", "surgeon",
                          "2031-05-19T08:00:00Z", CivilDate::from_ymd(2031, 5, 1)});
  });
  expect_same("a repeat added");

  sql("UPDATE adverse_events SET ctcae_grade = 3 WHERE id = (SELECT MIN(id) FROM adverse_events WHERE kind = "
      "'adverse_event' AND ctcae_grade IS NULL)");
  sql("UPDATE adverse_events SET category = 'infection' WHERE id = (SELECT MAX(id) FROM adverse_events WHERE kind = "
      "'adverse_event')");
  expect_same("an adverse event graded");

  sql("UPDATE schedule_items SET status = 'missed' WHERE kind = 'questionnaire' AND item_id = 'prom-12m' AND "
      "episode_id = (SELECT MAX(id) FROM episodes WHERE repeat_of IS NULL AND state = 'follow_up')");
  expect_same("an item missed");

  sql("UPDATE episodes SET injected_by = 'dr.other' WHERE id = " + std::to_string(joint));
  expect_same("the operator corrected");
}

}  // namespace
}  // namespace rp::test
