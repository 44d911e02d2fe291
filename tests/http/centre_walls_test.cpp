// Centres are tenants, behind two walls: the service's checks (a centre's staff are told
// another centre's record is "not found") and, on PostgreSQL, row-level security keyed on
// the transaction's centre (store::CentreScope, migration 0017). Each wall is proven alone:
//  - row-level security alone: a transaction held to centre a, straight through the store
//    (no service check), finds none of centre b's rows and changes none of them;
//  - the service alone: on SQLite (no row-level security) a centre-a surgeon asking for
//    centre b's records over HTTP gets 404 (here for the reads; every route, role and
//    centre in RoleRouteCentreMatrix.EveryCellIsAllowedOrRefused);
//  - both: the same over HTTP on PostgreSQL, the server connecting as the app role.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "http_test_support.hpp"
#include "store/postgres/pg_connection.hpp"
#include "tests/support/pg_app_role.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

const CivilDate kDay = parse_gregorian("2031-05-20");

// Both centres' episodes planned, injected and followed: schedule items, a transition, an
// eligibility assessment, an answered questionnaire with its scores, a red flag and a
// closed item each, written by the operator (every centre).
void follow_both(store::Store& store, const Seeded& seeded) {
  const auto op = service::Actor::cli_operator();
  service::Pathway pathway(store, Clock::fixed((kDay.days_since_epoch() * 86400 + std::int64_t{9} * 3600) * 1000));
  for (const auto& [episode, centre] : {std::pair{seeded.episode_a, "a"}, std::pair{seeded.episode_b, "b"}}) {
    pathway.plan(op, episode, kDay.plus_days(-30), kDay.plus_days(-16), "entered late");
    store.write([&, episode = episode, centre = std::string(centre)](store::Transaction& tx) {
      Episode e = *tx.find_episode(episode);
      tx.insert_transition({episode, e.state, EpisodeState::injected, "test", "op", "operator",
                            kDay.iso() + "T09:00:00.000Z", kDay.plus_days(-16)});
      e.state = EpisodeState::injected;
      tx.update_episode(e, kDay.iso() + "T09:00:00.000Z");
      tx.insert_eligibility({0, episode, "{}", "eligible", "[]", "op", kDay.iso() + "T09:00:00.000Z"});
      store::QuestionnaireResponseRow q{0,
                                        episode,
                                        centre,
                                        "nrs",
                                        "prom-baseline",
                                        "{}",
                                        "{}",
                                        "staff",
                                        "op",
                                        kDay.iso() + "T09:00:00.000Z",
                                        "",
                                        "",
                                        {{"nrs", 4.0, std::nullopt}}};
      tx.insert_questionnaire_response(q);
      store::AdverseEventRow r;
      r.episode_id = episode;
      r.centre_id = centre;
      r.kind = "red_flag";
      r.category = "swelling";
      r.severity = "moderate";
      r.description = "swollen";
      r.onset_date = kDay.iso();
      r.reported_by = r.role = "patient";
      r.reported_at = kDay.iso() + "T08:00:00.000Z";
      r.status = "open";
      tx.insert_adverse_event(r);
      tx.insert_schedule_closure(
          {0, episode, "visit-2w", "closed", "declined", "", "op", "operator", kDay.iso() + "T09:00:00.000Z"});
    });
  }
}

// What a transaction finds of one centre's episode and patient, as counts of rows.
struct Found {
  int patient = 0, episode = 0, schedule = 0, transitions = 0, eligibility = 0, responses = 0, adverse_events = 0,
      closures = 0, listed_patients = 0, open_items = 0, red_flags = 0, episodes_of_patient = 0;
};

Found found(store::Transaction& tx, std::int64_t patient, std::int64_t episode, const std::string& centre) {
  Found f;
  f.patient = tx.find_patient(patient).has_value();
  f.episode = tx.find_episode(episode).has_value();
  f.schedule = static_cast<int>(tx.schedule_of(episode).size());
  f.transitions = static_cast<int>(tx.transitions_of(episode).size());
  f.eligibility = static_cast<int>(tx.eligibility_of(episode).size());
  f.responses = static_cast<int>(tx.responses_of(episode).size());
  f.adverse_events = static_cast<int>(tx.adverse_events_of(episode).size());
  f.closures = static_cast<int>(tx.schedule_closures(episode, "visit-2w").size());
  f.episodes_of_patient = static_cast<int>(tx.episodes_of_patient(patient).size());
  store::PatientQuery q;
  q.centre_id = centre;  // the query names the other centre: only the wall stands in the way
  f.listed_patients = static_cast<int>(tx.list_patients(q).size());
  store::WorklistItemsQuery items;
  items.centre_id = centre;
  items.today = kDay;
  items.upcoming_until = kDay.plus_days(30);
  f.open_items = static_cast<int>(tx.worklist_open_items(items).size() + tx.worklist_window_closed(items).size());
  f.red_flags = static_cast<int>(tx.worklist_red_flags(centre).size());
  return f;
}

bool none(const Found& f) {
  return f.patient + f.episode + f.schedule + f.transitions + f.eligibility + f.responses + f.adverse_events +
             f.closures + f.listed_patients + f.open_items + f.red_flags + f.episodes_of_patient ==
         0;
}
bool every(const Found& f) {
  return f.patient && f.episode && f.schedule && f.transitions && f.eligibility && f.responses && f.adverse_events &&
         f.closures && f.listed_patients && f.open_items && f.red_flags && f.episodes_of_patient;
}

// A database with both centres followed, migrated and seeded by its owner, and the store
// the server would open on it: the app role's.
class CentreRowSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto owner = store::open_store(owner_url_);
      follow_both(*owner, seeded_);
    }
    app_url_ = app_role_url(owner_url_);
    app_ = store::open_store(app_url_, store::OpenMode::current_schema);
  }

  std::string owner_url_ = PgTestCluster::shared().fresh_database();
  Seeded seeded_ = seed(owner_url_);
  std::string app_url_;
  std::unique_ptr<store::Store> app_;
};

TEST_F(CentreRowSecurity, HeldToCentreATheStoreReadsNoneOfCentreBsRows) {
  Found own, other, all_of_b;
  app_->read(store::CentreScope::of_centre("a"), [&](store::Transaction& tx) {
    own = found(tx, seeded_.patient_a, seeded_.episode_a, "a");
    other = found(tx, seeded_.patient_b, seeded_.episode_b, "b");
  });
  app_->read(store::CentreScope::every_centre(),
             [&](store::Transaction& tx) { all_of_b = found(tx, seeded_.patient_b, seeded_.episode_b, "b"); });
  EXPECT_TRUE(every(own)) << "the centre's own rows are there to find";
  EXPECT_TRUE(every(all_of_b)) << "every centre's scope finds centre b's rows";
  EXPECT_TRUE(none(other)) << "patient " << other.patient << " episode " << other.episode << " schedule "
                           << other.schedule << " transitions " << other.transitions << " eligibility "
                           << other.eligibility << " responses " << other.responses << " adverse events "
                           << other.adverse_events << " closures " << other.closures << " listed "
                           << other.listed_patients << " worklist " << other.open_items << " red flags "
                           << other.red_flags << " episodes of patient " << other.episodes_of_patient;
}

TEST_F(CentreRowSecurity, HeldToCentreATheAggregatesCountOnlyCentreA) {
  std::vector<store::CountRow> scoped, all;
  std::optional<std::size_t> open_flags;
  store::OutcomeColumns scoped_outcomes, all_outcomes;
  app_->read(store::CentreScope::of_centre("a"), [&](store::Transaction& tx) {
    scoped = tx.episode_state_counts();
    open_flags = tx.open_red_flags(std::nullopt).size();  // "every centre" asked: the wall answers
    scoped_outcomes = tx.outcome_columns("hip-msc-v1", {"prom-baseline"});
  });
  app_->read([&](store::Transaction& tx) {
    all = tx.episode_state_counts();
    all_outcomes = tx.outcome_columns("hip-msc-v1", {"prom-baseline"});
  });
  // The outcome columns: both injected joints for every centre, centre a's alone here.
  const auto outcome_centres = [](const store::OutcomeColumns& c) {
    std::set<std::string> out;
    for (const auto i : c.episodes.centre) out.insert(c.centre_ids.at(static_cast<std::size_t>(i)));
    return out;
  };
  EXPECT_EQ(outcome_centres(all_outcomes), (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(outcome_centres(scoped_outcomes), (std::set<std::string>{"a"}));
  const auto centres = [](const std::vector<store::CountRow>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r.centre_id);
    return out;
  };
  EXPECT_EQ(centres(all), (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(centres(scoped), (std::set<std::string>{"a"}));
  EXPECT_EQ(open_flags, 1U);
}

TEST_F(CentreRowSecurity, HeldToCentreAWritesToCentreBsRowsChangeNothing) {
  const auto scope_a = store::CentreScope::of_centre("a");
  Patient renamed = test_patient("b", "MRN-b");
  renamed.id = seeded_.patient_b;
  renamed.name_latin = "Changed By Centre A";
  // An update finds no row to change; an insert into centre b is refused outright.
  try {
    app_->write(scope_a, [&](store::Transaction& tx) { tx.update_patient(renamed); });
  } catch (const std::exception&) {
  }
  EXPECT_ANY_THROW(app_->write(scope_a, [&](store::Transaction& tx) {
    tx.insert_patient(test_patient("b", "MRN-planted"), kDay.iso() + "T09:00:00.000Z");
  }));
  ScheduledItem done;
  std::size_t transitions = 0;
  app_->read([&](store::Transaction& tx) {
    done = *tx.schedule_item(seeded_.episode_b, "visit-2w");
    transitions = tx.transitions_of(seeded_.episode_b).size();
  });
  ASSERT_GT(transitions, 0U);
  done.status = ItemStatus::done;
  done.done_on = kDay;
  try {
    app_->write(scope_a, [&](store::Transaction& tx) { tx.update_schedule_item_status(seeded_.episode_b, done); });
  } catch (const std::exception&) {
  }
  EXPECT_ANY_THROW(app_->write(scope_a, [&](store::Transaction& tx) {
    tx.insert_transition({seeded_.episode_b, EpisodeState::injected, EpisodeState::withdrawn, "planted", "x", "surgeon",
                          kDay.iso() + "T10:00:00.000Z", kDay});
  }));
  app_->read([&](store::Transaction& tx) {
    EXPECT_EQ(tx.find_patient(seeded_.patient_b)->name_latin, "Test Patient");
    EXPECT_EQ(tx.schedule_item(seeded_.episode_b, "visit-2w")->status, ItemStatus::planned);
    EXPECT_EQ(tx.transitions_of(seeded_.episode_b).size(), transitions);
    store::PatientQuery q;
    q.text = "MRN-planted";
    EXPECT_TRUE(tx.list_patients(q).empty());
  });
}

TEST_F(CentreRowSecurity, ARegistrationStillNamesTheOtherCentresOfANationalId) {
  std::vector<std::string> patients_seen, centres;
  const std::string national_id = test_national_id("MRN-b");
  app_->write(store::CentreScope::of_centre("a"), [&](store::Transaction& tx) {
    for (const auto& p : tx.patients_with_national_id(national_id)) patients_seen.push_back(p.mrn);
    centres = tx.centres_with_national_id(national_id);
  });
  EXPECT_TRUE(patients_seen.empty()) << "the record itself stays behind the wall";
  EXPECT_EQ(centres, std::vector<std::string>{"b"});
}

// The outcome report's derived rows (0019) stand behind the same wall: a joint's stored
// row and the marks of its changes are its centre's. Held to centre a, a refresh stores
// centre a's joints only, a read finds centre a's rows only, and centre b's marks are
// neither seen nor cleared.
TEST_F(CentreRowSecurity, HeldToCentreATheDerivedOutcomeRowsAreCentreAsAlone) {
  const auto scope_a = store::CentreScope::of_centre("a");
  store::postgres::Connection raw(app_url_);
  const auto centres_in = [&](const std::string& setting, const char* query) {
    raw.run("BEGIN");
    raw.exec("SELECT set_config('regenpath.centre', $1::text, true)", store::postgres::Params().text(setting));
    const auto r = raw.exec(query);
    raw.run("COMMIT");
    std::set<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.insert(r.text(i, 0));
    return out;
  };
  const char* stored = "SELECT centre_id FROM outcome_joints";
  const char* marked = "SELECT e.centre_id FROM outcome_stale s JOIN episodes e ON e.id = s.episode_id";
  EXPECT_EQ(centres_in("a", marked), (std::set<std::string>{"a"}));
  EXPECT_EQ(centres_in("*", marked), (std::set<std::string>{"a", "b"}));

  app_->write(scope_a, [](store::Transaction& tx) { EXPECT_GT(tx.refresh_outcome_rows(), 0U); });
  EXPECT_EQ(centres_in("*", stored), (std::set<std::string>{"a"}));
  EXPECT_EQ(centres_in("*", marked), (std::set<std::string>{"b"})) << "centre b's marks are left to its readers";
  app_->write([](store::Transaction& tx) { EXPECT_GT(tx.refresh_outcome_rows(), 0U); });
  EXPECT_EQ(centres_in("*", stored), (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(centres_in("a", stored), (std::set<std::string>{"a"}));
  EXPECT_EQ(raw.exec("SELECT COUNT(*) FROM outcome_joints").int64(0, 0), 0) << "no setting, no row";

  // Centre b's joint changes: its mark is centre b's, out of centre a's sight and reach.
  app_->write([&](store::Transaction& tx) {
    tx.insert_transition({seeded_.episode_b, EpisodeState::injected, EpisodeState::converted_to_thr, "test", "op",
                          "operator", kDay.iso() + "T10:00:00.000Z", kDay});
  });
  EXPECT_EQ(centres_in("a", marked), (std::set<std::string>{}));
  app_->write(scope_a, [](store::Transaction& tx) { EXPECT_EQ(tx.refresh_outcome_rows(), 0U); });
  EXPECT_EQ(centres_in("*", marked), (std::set<std::string>{"b"}));
  store::OutcomeColumns scoped;
  app_->read(scope_a, [&](store::Transaction& tx) { scoped = tx.outcome_columns("hip-msc-v1", {"prom-baseline"}); });
  std::set<std::string> outcome_centres;
  for (const auto i : scoped.episodes.centre) outcome_centres.insert(scoped.centre_ids.at(static_cast<std::size_t>(i)));
  EXPECT_EQ(outcome_centres, (std::set<std::string>{"a"}));
}

// Without the setting (a connection that is not the store's: psql as the app role, a
// reporting tool) the policies fail closed; '*' opens every centre.
TEST_F(CentreRowSecurity, WithoutTheSettingNoRowIsSeen) {
  store::postgres::Connection raw(app_url_);
  for (const char* table : {"patients", "episodes", "schedule_items", "episode_transitions", "eligibility_assessments",
                            "questionnaire_responses", "response_scores", "adverse_events", "schedule_closures"}) {
    EXPECT_EQ(raw.exec(std::string("SELECT COUNT(*) FROM ") + table).int64(0, 0), 0) << table;
    raw.run("BEGIN");
    raw.exec("SELECT set_config('regenpath.centre', '*', true)");
    EXPECT_GT(raw.exec(std::string("SELECT COUNT(*) FROM ") + table).int64(0, 0), 1) << table;
    raw.run("COMMIT");
    // SET LOCAL: the next transaction is closed again.
    EXPECT_EQ(raw.exec(std::string("SELECT COUNT(*) FROM ") + table).int64(0, 0), 0) << table;
  }
}

// A centre-a surgeon over HTTP asks for centre b's records: each is not found, and lists
// name none of centre b's patients; the surgeon's own centre's records are there.
void centre_b_is_not_found(int port, const Seeded& seeded) {
  Client surgeon{port};
  ASSERT_EQ(surgeon.login("surgeon.a").status, 200);
  const std::string patient_b = "/api/v1/patients/" + std::to_string(seeded.patient_b);
  const std::string episode_b = "/api/v1/episodes/" + std::to_string(seeded.episode_b);
  for (const std::string& path : {patient_b, episode_b, episode_b + "/timeline", episode_b + "/schedule",
                                  episode_b + "/questionnaires", episode_b + "/adverse-events"}) {
    EXPECT_EQ(surgeon.get(path).status, 404) << path;
  }
  EXPECT_EQ(surgeon.get("/api/v1/patients/" + std::to_string(seeded.patient_a)).status, 200);
  EXPECT_EQ(surgeon.get("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/timeline").status, 200);
  const Reply listed = surgeon.get("/api/v1/patients");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const nlohmann::json patients = listed.json();
  ASSERT_EQ(patients.size(), 1U) << listed.body;
  EXPECT_EQ(patients[0]["id"], seeded.patient_a);
  const Reply worklist = surgeon.get("/api/v1/worklist?date=" + kDay.iso());
  ASSERT_EQ(worklist.status, 200) << worklist.body;
  EXPECT_EQ(worklist.body.find("MRN-b"), std::string::npos);
  EXPECT_NE(worklist.body.find("MRN-a"), std::string::npos);
}

TEST(CentreWalls, TheServiceAloneOnSqlite) {
  TempDir dir;
  const std::string db = dir.file("walls.db");
  const Seeded seeded = seed(db);
  {
    auto store = store::open_sqlite(db);
    follow_both(*store, seeded);
  }
  ServerProcess server(db, {"REGENPATH_AUDIT_KEY=" + dir.file("audit.key")});
  centre_b_is_not_found(server.port(), seeded);
}

TEST(CentreWalls, BothOnPostgresWithTheServerAsTheAppRole) {
  TempDir dir;
  const std::string owner_url = PgTestCluster::shared().fresh_database();
  const Seeded seeded = seed(owner_url);
  {
    auto store = store::open_store(owner_url);
    follow_both(*store, seeded);
  }
  ServerProcess server(app_role_url(owner_url), {"REGENPATH_AUDIT_KEY=" + dir.file("audit.key"),
                                                 "REGENPATH_AUDIT_ANCHORS=" + dir.file("anchors")});
  centre_b_is_not_found(server.port(), seeded);
}

}  // namespace
}  // namespace rp::test
