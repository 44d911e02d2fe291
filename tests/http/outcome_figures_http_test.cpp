// A small clinic built by hand, every figure of its outcome report worked out on paper
// below, read back whole as the operator reads it (the API's encoder, as `regenpath report
// outcomes` prints it: every cell of this clinic is under 5 patients, which the analyst
// reads suppressed, as the last test shows on a clinic built for it). Two of its episodes have an
// injection only planned: they are not treated joints and must count nowhere. A serious
// adverse event is recorded and graded the way staff do it, through the API, and moves
// the serious-event figures and the claim.
//
// The clinic, days relative to today (the server's clock):
//   A1 centre a  injected day -400; NRS 8 at baseline, 2 at 6 months (down 75 %): a
//                responder by every NRS rule; last contact the 6-month answer (day -217)
//   A2 centre a  injected day -400; NRS 6, then 5 at 6 months (down 17 %): no response;
//                hip replacement on day -100 (300 days after the injection)
//   A3 centre a  scheduled, harvest and injection planned for day -20: never injected
//   A4 centre a  harvested and released, injection planned for day -10: never injected
//   B1 centre b  injected day -100; no questionnaires; the serious event (a septic
//                arthritis, admitted) recorded through the API
//   B2 centre b  injected day -10; followed less than the 30 days a harm figure needs
#include <gtest/gtest.h>

#include "api/answers_json.hpp"
#include "api/contract/reports.hpp"
#include "api/http/contract.hpp"
#include "demo/product_walk.hpp"
#include "http_test_support.hpp"
#include "service/submissions.hpp"
#include "stats/interval.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

Clock noon(const CivilDate& day) { return Clock::fixed((day.days_since_epoch() * 86400 + 9 * 3600) * 1000); }

struct Clinic {
  store::Store& store;
  CivilDate today;
  service::Actor op = service::Actor::cli_operator();

  service::Pathway on(int day) const { return service::Pathway(store, noon(today.plus_days(day))); }

  std::int64_t patient(const std::string& centre, const std::string& mrn) const {
    return on(-500).add_patient(op, test_patient(centre, mrn)).id;
  }
  std::int64_t episode(std::int64_t patient, Side side) const {
    Episode e;
    e.patient_id = patient;
    e.protocol_id = "hip-msc-v1";
    e.side = side;
    e.diagnosis = {std::string(kIcd10Cm), side == Side::right ? "M16.11" : "M16.12"};
    e.cell_source = CellSource::bone_marrow;
    e.guidance = Guidance::ultrasound;
    store.read([&](store::Transaction& tx) { e.injected_by = "surgeon." + tx.find_patient(patient)->centre_id; });
    return on(-500).add_episode(op, e).id;
  }
  // Referral to `until` (scheduled, harvested, product_released or injected), the harvest
  // and injection planned for `day`.
  void walk(std::int64_t e, int day, EpisodeState until) const {
    on(day - 42).advance(op, e, {EpisodeState::screening, "", std::nullopt});
    on(day - 35).assess_eligibility(op, e, api::recorded_findings(eligible_findings()));
    on(day - 35).advance(op, e, {EpisodeState::eligible, "", std::nullopt});
    on(day - 28).advance(op, e, {EpisodeState::workup, "", std::nullopt});
    on(day - 21).plan(op, e, today.plus_days(day), today.plus_days(day));
    on(day - 21).advance(op, e, {EpisodeState::scheduled, "", std::nullopt});
    if (until == EpisodeState::scheduled) return;
    // The harvest, the release and the injection through the product, as the clinic records them.
    demo::walk_product(store, noon(today.plus_days(day)), demo::ProductCrew::of(op), e, until);
  }
  void nrs(std::int64_t e, const std::string& item, int day, int pain) const {
    const Clock clock = noon(today.plus_days(day));
    service::Auth auth(store, clock, {},
                       [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
    service::Submissions(store, clock, auth)
        .submit_questionnaire(op, e, {"nrs", item, {{"pain_activity", pain}, {"pain_rest", 0}}, ""});
  }
};

struct Built {
  std::int64_t b1 = 0;
};

Built build(const std::string& db) {
  auto store = store::open_store(db);
  Clinic c{*store, Clock::system().today()};
  Built out;
  const std::int64_t a1 = c.episode(c.patient("a", "A1"), Side::left);
  c.walk(a1, -400, EpisodeState::injected);
  c.nrs(a1, "prom-baseline", -407, 8);
  c.nrs(a1, "prom-6m", -217, 2);
  const std::int64_t a2 = c.episode(c.patient("a", "A2"), Side::right);
  c.walk(a2, -400, EpisodeState::injected);
  c.nrs(a2, "prom-baseline", -407, 6);
  c.nrs(a2, "prom-6m", -217, 5);
  c.on(-100).advance(c.op, a2, {EpisodeState::converted_to_thr, "total hip replacement", std::nullopt});
  const std::int64_t a3 = c.episode(c.patient("a", "A3"), Side::right);
  c.walk(a3, -20, EpisodeState::scheduled);  // A3: planned, the day has passed
  // A4: released, but the injection never recorded.
  const std::int64_t a4 = c.episode(c.patient("a", "A4"), Side::left);
  c.walk(a4, -10, EpisodeState::product_released);
  out.b1 = c.episode(c.patient("b", "B1"), Side::right);
  c.walk(out.b1, -100, EpisodeState::injected);
  const std::int64_t b2 = c.episode(c.patient("b", "B2"), Side::left);
  c.walk(b2, -10, EpisodeState::injected);
  return out;
}

const nlohmann::json& scope(const nlohmann::json& report, const char* centre) {
  for (const auto& s : report["scopes"])
    if ((centre == nullptr && s["centre"].is_null()) || (centre != nullptr && s["centre"] == centre)) return s;
  throw std::runtime_error("no scope");
}

const nlohmann::json& claim(const nlohmann::json& s, const std::string& id) {
  for (const auto& c : s["claims"])
    if (c["id"] == id) return c;
  throw std::runtime_error("no claim " + id);
}

const nlohmann::json& rate(const nlohmann::json& s, const std::string& definition, const std::string& time_point) {
  for (const auto& r : s["responders"])
    if (r["definition"] == definition && r["time_point"] == time_point) return r;
  throw std::runtime_error("no rate");
}

// The same figures on SQLite and on PostgreSQL.
class OutcomeFiguresHttp : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Engines, OutcomeFiguresHttp, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(OutcomeFiguresHttp, EveryFigureOfAHandBuiltClinic) {
  TempDir dir;
  const bool postgres = GetParam() == "postgresql";
  const std::string db = postgres ? PgTestCluster::shared().fresh_database() : dir.file("clinic.db");
  std::vector<std::string> env;
  if (postgres)
    env = {"REGENPATH_AUDIT_KEY=" + dir.file("audit.key"), "REGENPATH_AUDIT_ANCHORS=" + dir.file("anchors")};
  seed(db);
  const Built built = build(db);
  ServerProcess server(db, env);
  Client surgeon_b{server.port()}, coordinator_b{server.port()};
  ASSERT_EQ(coordinator_b.login("coordinator.b").status, 200);
  ASSERT_EQ(surgeon_b.login("surgeon.b").status, 200);
  auto report = [&] {
    auto store = store::open_store(db);
    service::Outcomes outcomes(*store, Clock::system());
    return api::http::encode(api::contract::outcome_report_out(outcomes.report(service::Actor::cli_operator(), {})));
  };

  // The serious event as a nurse first records it: the patient's word, no grade yet.
  const Reply recorded =
      coordinator_b.post("/api/v1/episodes/" + std::to_string(built.b1) + "/adverse-events",
                         {{"category", "infection"}, {"severity", "serious"}, {"description", "septic arthritis"}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(recorded.json()["serious"], false);
  EXPECT_EQ(recorded.json()["assessed"], false);
  nlohmann::json r = report();
  const nlohmann::json* all = &scope(r, nullptr);
  // Treated joints: A1, A2, B1, B2; never A3 or A4, whose injections were only planned.
  EXPECT_EQ((*all)["injected"], 4);
  EXPECT_EQ(scope(r, "a")["injected"], 2);
  EXPECT_EQ(scope(r, "b")["injected"], 2);
  EXPECT_EQ((*all)["survival"]["n"], 4);
  EXPECT_EQ((*all)["survival"]["events"], 1);  // A2's replacement
  EXPECT_EQ((*all)["adverse_events"]["events"], 1);
  EXPECT_EQ((*all)["adverse_events"]["not_assessed"], 1);
  EXPECT_EQ((*all)["adverse_events"]["serious_events"], 0);
  EXPECT_EQ(claim(*all, "serious-side-effects-under-1")["verdict"], "not_measurable");
  EXPECT_EQ(claim(*all, "serious-side-effects-under-1")["reason"], "events_not_assessed");
  EXPECT_EQ(claim(scope(r, "a"), "serious-side-effects-under-1")["verdict"], "insufficient_data");  // not a's event

  // A surgeon grades it: admitted to hospital, so serious.
  const Reply graded =
      surgeon_b.call("PATCH", "/api/v1/adverse-events/" + std::to_string(recorded.json()["id"].get<int>()),
                     nlohmann::json{{"ctcae_grade", 3},
                                    {"serious_reasons", {"hospitalisation"}},
                                    {"relatedness", "injection"},
                                    {"outcome", "resolved"},
                                    {"reason", "admitted for washout"}}
                         .dump());
  ASSERT_EQ(graded.status, 200) << graded.body;
  EXPECT_EQ(graded.json()["serious"], true);
  r = report();
  all = &scope(r, nullptr);
  const auto& ae = (*all)["adverse_events"];
  EXPECT_EQ(ae["events"], 1);
  EXPECT_EQ(ae["not_assessed"], 0);
  EXPECT_EQ(ae["serious_events"], 1);
  EXPECT_EQ(ae["by_grade"]["3"], 1);
  EXPECT_EQ(ae["treated"], 4);
  // A1 (followed 183 days), A2 (300) and B1 (the serious event); B2 has 10 days of 30.
  EXPECT_EQ(ae["patients"], 3);
  EXPECT_EQ(ae["patients_with_serious"], 1);
  EXPECT_EQ(ae["followed_days"], 30);
  const auto cp = stats::clopper_pearson(1, 3);
  EXPECT_DOUBLE_EQ(ae["serious_rate"]["estimate"].get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(ae["serious_rate"]["lower"].get<double>(), cp.lower);
  // The claim counts the same joints, so the two figures agree.
  const auto& serious = claim(*all, "serious-side-effects-under-1");
  EXPECT_EQ(serious["n"], 3);
  EXPECT_EQ(serious["events"], 1);
  EXPECT_DOUBLE_EQ(serious["estimate"].get<double>(), 1.0 / 3);
  EXPECT_EQ(serious["verdict"], "insufficient_data");  // 3 of the 300 a harm claim needs
  EXPECT_EQ(serious["reason"], "n_below_minimum");
  EXPECT_EQ(scope(r, "b")["adverse_events"]["patients_with_serious"], 1);
  EXPECT_EQ(scope(r, "a")["adverse_events"]["events"], 0);

  // Responders at 6 months: A1 (75 % less pain) and A2 (17 %); B1 and B2 not yet due.
  const auto& nrs50 = rate(*all, "nrs_50", "prom-6m");
  EXPECT_EQ(nrs50["n"], 2);
  EXPECT_EQ(nrs50["responders"], 1);
  EXPECT_EQ(nrs50["missing"], 0);
  const auto w = stats::wilson(1, 2);
  EXPECT_DOUBLE_EQ(nrs50["rate"]["lower"].get<double>(), w.lower);
  EXPECT_DOUBLE_EQ(nrs50["rate"]["upper"].get<double>(), w.upper);
  EXPECT_EQ(rate(*all, "nrs_30", "prom-6m")["responders"], 1);
  const auto& relief = claim(*all, "pain-relief-80-6m");
  EXPECT_EQ(relief["n"], 2);
  EXPECT_EQ(relief["events"], 1);
  EXPECT_EQ(relief["verdict"], "insufficient_data");

  // Pain at baseline: A1 8 and A2 6, a mean of 7 on two answers: too few for an interval.
  const auto& nrs = (*all)["trajectories"][0];
  ASSERT_EQ(nrs["measure"], "nrs_pain");
  EXPECT_EQ(nrs["points"][0]["n"], 2);
  EXPECT_DOUBLE_EQ(nrs["points"][0]["mean"].get<double>(), 7.0);
  EXPECT_TRUE(nrs["points"][0]["lower"].is_null());
  EXPECT_EQ(nrs["points"][0]["interval"], "n_too_small");

  // Completeness: the baseline was due for all four treated joints, two answered; the
  // 6-month questionnaire was due for A1 and A2 (A2's replacement came after it), both answered.
  for (const auto& c : (*all)["completeness"]) {
    if (c["time_point"] == "prom-baseline") {
      EXPECT_EQ(c["due"], 4);
      EXPECT_EQ(c["received"], 2);
    }
    if (c["time_point"] == "prom-6m") {
      EXPECT_EQ(c["due"], 2);
      EXPECT_EQ(c["received"], 2);
    }
  }
  EXPECT_EQ((*all)["repeats"]["repeated"], 0);
  // Every figure says what it counts.
  for (const char* key : {"treated", "survival", "responders", "adverse_events", "serious_rate", "completeness"}) {
    EXPECT_FALSE(r["definitions"][key]["en"].get<std::string>().empty()) << key;
    EXPECT_FALSE(r["definitions"][key]["fa"].get<std::string>().empty()) << key;
  }
  EXPECT_NE(r["definitions"]["serious_rate"]["en"].get<std::string>().find("30 days"), std::string::npos);
}

// Small cells (domain/outcomes/suppression.hpp): centre a treats 6 hips and centre b 2,
// all on one day and with no answers or events since. The analyst reads b's figures of 2
// patients as null, and a's matching figures too though they count 6, since the overall
// figure less a's would give b's back (secondary suppression); the overall figures (8
// hips) stand. Each centre's admin reads their own centre whole, and the overall figures
// suppressed only where less their own they leave another centre's 1-4 patients.
TEST(OutcomeSuppressionHttp, TheAnalystReadsSmallCellsAsNullAndACentresAdminReadsTheirOwn) {
  TempDir dir;
  const std::string db = dir.file("clinic.db");
  seed(db);
  {
    auto store = store::open_store(db);
    Clinic c{*store, Clock::system().today()};
    int k = 0;
    for (const char* centre : {"a", "a", "a", "a", "a", "a", "b", "b"}) {
      const std::int64_t e = c.episode(c.patient(centre, "S" + std::to_string(++k)), Side::left);
      c.walk(e, -400, EpisodeState::injected);
    }
  }
  ServerProcess server(db);
  Client analyst{server.port()}, admin_a{server.port()}, admin_b{server.port()};
  ASSERT_EQ(analyst.login("analyst.a").status, 200);
  ASSERT_EQ(admin_a.login("admin.a").status, 200);
  ASSERT_EQ(admin_b.login("admin.b").status, 200);
  const auto report = [](Client& reader, const std::string& query = "") {
    const Reply r = reader.get("/api/v1/reports/outcomes" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  const auto baseline = [](const nlohmann::json& s) -> const nlohmann::json& {
    for (const auto& c : s["completeness"])
      if (c["time_point"] == "prom-baseline") return c;
    throw std::runtime_error("no baseline completeness");
  };

  const nlohmann::json r = report(analyst);
  EXPECT_TRUE(r["suppressed"].get<bool>());
  const nlohmann::json& all = scope(r, nullptr);
  EXPECT_EQ(all["injected"], 8);
  EXPECT_EQ(all["survival"]["n"], 8);
  EXPECT_EQ(baseline(all)["due"], 8);
  EXPECT_FALSE(all["suppressed"].get<bool>()) << all.dump();
  // Centre b's 2 patients: every count of them null, and the curve that would show them.
  const nlohmann::json& b = scope(r, "b");
  EXPECT_TRUE(b["suppressed"].get<bool>());
  EXPECT_TRUE(b["injected"].is_null());
  EXPECT_TRUE(b["survival"]["n"].is_null());
  EXPECT_TRUE(b["survival"]["curve"].empty());
  EXPECT_TRUE(b["survival"]["at"][0]["n_risk"].is_null());
  EXPECT_TRUE(baseline(b)["due"].is_null());
  EXPECT_TRUE(baseline(b)["suppressed"].get<bool>());
  EXPECT_TRUE(b["adverse_events"]["treated"].is_null()) << b["adverse_events"].dump();
  // Centre a's 6: hidden where b's are, since 8 - 6 = 2; a count of no one stays shown.
  const nlohmann::json& a = scope(r, "a");
  EXPECT_TRUE(a["suppressed"].get<bool>());
  EXPECT_TRUE(a["injected"].is_null());
  EXPECT_TRUE(a["survival"]["n"].is_null());
  EXPECT_TRUE(baseline(a)["due"].is_null());
  EXPECT_TRUE(a["survival"]["events"].is_null());  // n and events go together
  EXPECT_EQ(a["adverse_events"]["events"], 0);
  EXPECT_EQ(a["trajectories"][0]["points"][0]["n"], 0);
  EXPECT_FALSE(a["trajectories"][0]["points"][0]["suppressed"].get<bool>());
  // Asked for centre a alone, the analyst reads it as hidden as beside b.
  const nlohmann::json only_a = report(analyst, "?centre=a");
  EXPECT_TRUE(scope(only_a, "a")["injected"].is_null()) << only_a.dump().substr(0, 2000);

  // Centre a's admin: their own 6 whole; the overall 8 is hidden, as 8 - 6 names b's 2.
  const nlohmann::json ra = report(admin_a);
  EXPECT_EQ(scope(ra, "a")["injected"], 6);
  EXPECT_EQ(scope(ra, "a")["survival"]["n"], 6);
  EXPECT_FALSE(scope(ra, "a")["survival"]["curve"].empty());
  EXPECT_FALSE(scope(ra, "a")["suppressed"].get<bool>());
  EXPECT_TRUE(scope(ra, nullptr)["injected"].is_null());
  EXPECT_TRUE(scope(ra, nullptr)["suppressed"].get<bool>());
  // Centre b's admin: their own 2 whole, and the overall 8, which less theirs leaves a's 6.
  const nlohmann::json rb = report(admin_b);
  EXPECT_EQ(scope(rb, "b")["injected"], 2);
  EXPECT_EQ(baseline(scope(rb, "b"))["due"], 2);
  EXPECT_EQ(scope(rb, nullptr)["injected"], 8);
  EXPECT_FALSE(scope(rb, "b")["suppressed"].get<bool>());
}

}  // namespace
}  // namespace rp::test
