// Heavy reads over real HTTP, on SQLite and on PostgreSQL: while an outcome report holds
// its snapshot open, the clinic's writes and timeline reads are answered; a second look
// at an unchanged database is served from the cache, a write in between makes the next
// report fresh; and every report answered leaves one audit row, cached or not.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "api/answers_json.hpp"
#include "demo/product_walk.hpp"
#include "http_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

using namespace std::chrono_literals;

// An episode of centre a with everything its injection needs, moved on as far as its
// product's release (harvest and injection planned for today): the injection itself is
// left to the test, as the write that changes the report. Returns the product's DIN.
std::string released_product(const std::string& db) {
  auto store = store::open_store(db);
  const auto op = service::Actor::cli_operator();
  const CivilDate today = Clock::system().today();
  const auto days_ago = [&](int n) {
    return service::Pathway(*store, Clock::fixed((today.plus_days(-n).days_since_epoch() * 86400 + 9 * 3600) * 1000));
  };
  Episode e;
  e.patient_id = days_ago(60).add_patient(op, test_patient("a", "MRN-heavy")).id;
  e.protocol_id = "hip-msc-v1";
  e.side = Side::left;
  e.diagnosis = {std::string(kIcd10Cm), "M16.12"};
  e.cell_source = CellSource::bone_marrow;
  e.guidance = Guidance::ultrasound;
  e.injected_by = "surgeon.a";
  const std::int64_t id = days_ago(60).add_episode(op, e).id;
  days_ago(50).advance(op, id, {EpisodeState::screening, "", std::nullopt});
  days_ago(45).assess_eligibility(op, id, api::recorded_findings(eligible_findings()));
  for (EpisodeState s : {EpisodeState::eligible, EpisodeState::workup})
    days_ago(40).advance(op, id, {s, "", std::nullopt});
  days_ago(30).plan(op, id, today, today);
  days_ago(30).advance(op, id, {EpisodeState::scheduled, "", std::nullopt});
  return demo::walk_product(*store, Clock::fixed((today.days_since_epoch() * 86400 + 9 * 3600) * 1000),
                            demo::ProductCrew::of(op), id, EpisodeState::product_released);
}

int report_audit_rows(const std::string& db) {
  auto store = store::open_store(db);
  int n = 0;
  store->read([&](store::Transaction& tx) {
    for (const auto& row : tx.audit_rows(0, 100000)) n += row.action == "outcomes.report" ? 1 : 0;
  });
  return n;
}

// The injected count of centre a's scope, as centre a's own staff read it (the analyst
// reads so few patients as a suppressed cell, null).
int centre_a_injected(const Reply& report) {
  const nlohmann::json json = report.json();
  for (const auto& s : json["scopes"])
    if (s["centre"] == "a") return s["injected"].get<int>();
  throw std::runtime_error("no scope of centre a");
}

class HeavyReads : public ::testing::TestWithParam<std::string> {
 protected:
  // A seeded database on this test's engine, with released_product()'s product.
  void SetUp() override {
    postgres_ = GetParam() == "postgresql";
    db_ = postgres_ ? PgTestCluster::shared().fresh_database() : dir_.file("clinic.db");
    seeded_ = seed(db_);
    released_ = released_product(db_);
  }
  std::unique_ptr<ServerProcess> start(std::vector<std::string> env = {}) {
    if (postgres_) {
      env.push_back("REGENPATH_AUDIT_KEY=" + dir_.file("audit.key"));
      env.push_back("REGENPATH_AUDIT_ANCHORS=" + dir_.file("anchors"));
    }
    return std::make_unique<ServerProcess>(db_, env);
  }
  // On PostgreSQL other servers' changes (and this one's, a second time) reach the data
  // generation by NOTIFY, a moment after their commit: let the notices of the writes so
  // far arrive, so that they do not empty the cache between two looks.
  void settle() const {
    if (postgres_) std::this_thread::sleep_for(300ms);
  }
  Client signed_in(int port, const std::string& username) {
    Client c{port};
    EXPECT_EQ(c.login(username).status, 200);
    return c;
  }

  TempDir dir_;
  bool postgres_ = false;
  std::string db_;
  Seeded seeded_;
  std::string released_;  // the product awaiting its injection
};
INSTANTIATE_TEST_SUITE_P(Engines, HeavyReads, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(HeavyReads, WritesAndTimelinesAreAnsweredWhileAReportHoldsItsSnapshot) {
  const std::filesystem::path hold = dir_.file("hold");
  std::filesystem::create_directory(hold);
  auto server = start({"REGENPATH_TEST_HOLD_HEAVY_READS=" + hold.string()});
  const Client analyst = signed_in(server->port(), "analyst.a");
  const Client coordinator = signed_in(server->port(), "coordinator.a");
  auto report = std::async(std::launch::async, [&] { return analyst.get("/api/v1/reports/outcomes"); });
  for (int i = 0; i < 2000 && !std::filesystem::exists(hold / "held"); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(std::filesystem::exists(hold / "held")) << "the report never reached its snapshot";

  // The report is inside its snapshot now, and stays there until `release` appears.
  const std::string episode = "/api/v1/episodes/" + std::to_string(seeded_.episode_a);
  auto submit = std::async(std::launch::async, [&] {
    return coordinator.post(episode + "/questionnaires",
                            {{"instrument", "nrs"}, {"answers", {{"pain_rest", 2}, {"pain_activity", 4}}}});
  });
  // Generous bounds: this checks that they are answered at all, not how fast.
  const bool submitted = submit.wait_for(20s) == std::future_status::ready;
  // Then the timeline, which shows the answer just written.
  auto timeline = std::async(std::launch::async, [&] { return coordinator.get(episode + "/timeline"); });
  const bool read = timeline.wait_for(20s) == std::future_status::ready;
  const bool report_still_held = report.wait_for(0s) != std::future_status::ready;
  std::ofstream(hold / "release") << "go\n";
  EXPECT_TRUE(submitted) << "a write waited for the report's read";
  EXPECT_TRUE(read) << "a timeline read waited for the report's read";
  EXPECT_TRUE(report_still_held);
  EXPECT_EQ(submit.get().status, 201);
  const Reply shown = timeline.get();
  EXPECT_EQ(shown.status, 200);
  EXPECT_EQ(shown.json()["questionnaires"].size(), 1u);  // the write answered meanwhile
  EXPECT_EQ(report.get().status, 200);
}

TEST_P(HeavyReads, ASecondLookIsCachedAWriteMakesTheNextFreshEachIsAudited) {
  auto server = start();
  const Client analyst = signed_in(server->port(), "analyst.a");
  const Client surgeon = signed_in(server->port(), "surgeon.a");
  settle();
  const Reply first = analyst.get("/api/v1/reports/outcomes");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-cache"), "miss");
  const Reply second = analyst.get("/api/v1/reports/outcomes");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.header("x-cache"), "hit");
  EXPECT_EQ(second.body, first.body);
  // Another reader sees another view of the data: never the analyst's rendering.
  const Reply own_centre = surgeon.get("/api/v1/reports/outcomes");
  ASSERT_EQ(own_centre.status, 200);
  EXPECT_EQ(own_centre.header("x-cache"), "miss");
  EXPECT_NE(own_centre.body, first.body);
  EXPECT_EQ(centre_a_injected(own_centre), 0);

  // The injection, through the API: the next report is computed afresh and counts it.
  const Reply injected = surgeon.post("/api/v1/products/" + released_ + "/inject", {{"mrn", "MRN-heavy"}});
  ASSERT_EQ(injected.status, 200) << injected.body;
  settle();
  const Reply third = analyst.get("/api/v1/reports/outcomes");
  ASSERT_EQ(third.status, 200);
  EXPECT_EQ(third.header("x-cache"), "miss");
  const Reply fourth = analyst.get("/api/v1/reports/outcomes");
  EXPECT_EQ(fourth.header("x-cache"), "hit");
  EXPECT_EQ(fourth.body, third.body);
  const Reply own_after = surgeon.get("/api/v1/reports/outcomes");
  EXPECT_EQ(own_after.header("x-cache"), "miss");
  EXPECT_EQ(centre_a_injected(own_after), 1);
  EXPECT_EQ(surgeon.get("/api/v1/reports/outcomes").header("x-cache"), "hit");

  // One audit row per report answered, from the cache or not; none for one refused.
  Client coordinator = signed_in(server->port(), "coordinator.a");
  EXPECT_EQ(coordinator.get("/api/v1/reports/outcomes").status, 403);
  EXPECT_EQ(analyst.get("/api/v1/reports/outcomes?centre=nowhere").status, 404);
  server.reset();
  EXPECT_EQ(report_audit_rows(db_), 7);
}

}  // namespace
}  // namespace rp::test
