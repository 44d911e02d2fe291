// One patient through the whole pathway over real HTTP against a real SQLite file, and
// against a PostgreSQL database:
// register, open an episode, screen, assess eligibility, plan, harvest with the wristband
// scanned, the lab's receipt, processing and QC, release by a second person of the lab,
// inject through the bedside check, follow up with questionnaires (staff, link, portal),
// red flag, and verify the audit chain at the end.
#include <gtest/gtest.h>

#include "base/clock.hpp"
#include "http_test_support.hpp"
#include "tests/support/pg_app_role.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {
namespace {

// On SQLite and on PostgreSQL: the same walk, the same answers; on PostgreSQL also with
// the server connected as the app role, under row-level security (migration 0017).
class PathwayOverHttp : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::vector<std::string> env;
    if (GetParam() != "sqlite") {
      db_ = PgTestCluster::shared().fresh_database();
      // Beside a file they default to <db>.anchors and <db>'s key; a URL names no folder.
      env = {"REGENPATH_AUDIT_KEY=" + dir_.file("audit.key"), "REGENPATH_AUDIT_ANCHORS=" + dir_.file("anchors")};
    } else {
      db_ = dir_.file("walk.db");
    }
    seeded_ = seed(db_);
    if (GetParam() == "postgresql_app_role") db_ = app_role_url(db_);
    server_ = std::make_unique<ServerProcess>(db_, env, dir_.file("log"));
    for (auto* c : {&coordinator_, &surgeon_, &lab_, &qa_, &admin_}) c->port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
    ASSERT_EQ(lab_.login("lab.a").status, 200);
    ASSERT_EQ(qa_.login("qa.a").status, 200);
    ASSERT_EQ(admin_.login("admin.a").status, 200);
  }
  Reply step(const Client& c, const std::string& episode, const nlohmann::json& body) {
    return c.post("/api/v1/episodes/" + episode + "/transitions", body);
  }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_, surgeon_, lab_, qa_, admin_;
};

INSTANTIATE_TEST_SUITE_P(Engines, PathwayOverHttp, ::testing::Values("sqlite", "postgresql", "postgresql_app_role"),
                         [](const auto& info) { return info.param; });

TEST_P(PathwayOverHttp, WalksOnePatientFromReferralToFollowUp) {
  const nlohmann::json new_patient = {{"mrn", "WALK-1"},
                                      {"name_fa", "سارا احمدی"},
                                      {"name_latin", "Sara Ahmadi"},
                                      {"sex", "female"},
                                      {"birth_date", "1965-05-01"},
                                      {"mobile", "0912 765 4321"},
                                      {"national_id", test_national_id("WALK-1")},
                                      {"consent", {{"treatment", true}, {"registry", true}}}};
  Reply r = coordinator_.post("/api/v1/patients", new_patient);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string pid = std::to_string(r.json()["id"].get<int>());
  EXPECT_EQ(r.json()["mobile"], "+989127654321");

  r = coordinator_.post("/api/v1/patients/" + pid + "/episodes",
                        {{"protocol", "hip-msc-v1"}, {"side", "left"}, {"diagnosis", {{"code", "M16.12"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string eid = std::to_string(r.json()["id"].get<int>());
  EXPECT_EQ(r.json()["state"], "referred");

  ASSERT_EQ(step(coordinator_, eid, {{"to", "screening"}}).status, 200);
  r = surgeon_.post("/api/v1/episodes/" + eid + "/eligibility", {{"findings", eligible_findings()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["decision"], "eligible");
  ASSERT_EQ(step(surgeon_, eid, {{"to", "eligible"}}).status, 200);
  ASSERT_EQ(step(surgeon_, eid, {{"to", "workup"}}).status, 200);
  // The server records each step on the clinic's today and refuses days still to come,
  // so harvest and injection happen today.
  const std::string today = Clock::system().today().iso();
  r = coordinator_.post("/api/v1/episodes/" + eid + "/plan", {{"harvest", today}, {"injection", today}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(r.json()["schedule"].size(), 20u);
  ASSERT_EQ(step(coordinator_, eid, {{"to", "scheduled"}}).status, 200);
  r = surgeon_.call(
      "PATCH", "/api/v1/episodes/" + eid,
      nlohmann::json{{"cell_source", "bone_marrow"}, {"guidance", "ultrasound"}, {"injected_by", "surgeon.a"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  // The lab may not inject; the surgeon may not release the product.
  EXPECT_EQ(step(lab_, eid, {{"to", "injected"}}).status, 403);
  // The harvest, the release and the injection are the cell product's steps, each with its
  // scan: moving the episode there by hand is refused, naming the step (here and below).
  const auto by_hand_refused = [&](const Client& who, const char* to) {
    const Reply refused = step(who, eid, {{"to", to}, {"on", today}});
    EXPECT_EQ(refused.status, 409) << to << " " << refused.body;
    EXPECT_EQ(refused.json()["error"]["reason"], "step_on_the_product") << refused.body;
  };
  by_hand_refused(surgeon_, "harvested");
  // The app is told which steps are the product's, to offer their screens instead.
  bool harvest_on_product = false;
  const nlohmann::json timeline = coordinator_.get("/api/v1/episodes/" + eid + "/timeline").json();
  for (const auto& n : timeline["next"])
    if (n["to"] == "harvested") harvest_on_product = n["on_product"].get<bool>();
  EXPECT_TRUE(harvest_on_product);
  // In theatre, the wristband scanned: another patient's harvests nothing.
  const std::string harvest = "/api/v1/episodes/" + eid + "/harvest";
  EXPECT_EQ(surgeon_.post(harvest, {{"mrn", "MRN-a"}, {"source", "bone_marrow"}}).status, 409);
  r = surgeon_.post(harvest,
                    {{"mrn", "WALK-1"}, {"source", "bone_marrow"}, {"volume_ml", 60}, {"location", "theatre 2"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string product = "/api/v1/products/" + r.json()["products"][0]["din"].get<std::string>();
  by_hand_refused(lab_, "product_released");
  // The lab receives, processes and tests it; a second person of the lab releases it.
  ASSERT_EQ(lab_.post(product + "/receive", {{"temperature_c", 4.5}}).status, 200);
  ASSERT_EQ(lab_.post(product + "/process", {{"method", "density_gradient"}}).status, 200);
  const nlohmann::json passed = {{"result", "passed"}};
  r = lab_.post(product + "/qc", {{"total_nucleated_cells", 2.1e8},
                                  {"viability_percent", 91.5},
                                  {"sterility", passed},
                                  {"endotoxin", passed},
                                  {"mycoplasma", passed},
                                  {"complete", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(surgeon_.call("POST", product + "/release").status, 403);
  EXPECT_EQ(lab_.call("POST", product + "/release").status, 409);  // who processed it may not release it
  ASSERT_EQ(qa_.call("POST", product + "/release").status, 200);
  EXPECT_EQ(coordinator_.get("/api/v1/episodes/" + eid).json()["state"], "product_released");
  by_hand_refused(surgeon_, "injected");
  // At the bedside: another patient's wristband is refused, the donor's goes through.
  EXPECT_EQ(surgeon_.post(product + "/inject", {{"mrn", "MRN-a"}}).status, 409);
  r = surgeon_.post(product + "/inject",
                    {{"mrn", "WALK-1"}, {"guidance", "ultrasound"}, {"dose_cells", 40000000}, {"volume_ml", 4}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "used");
  r = coordinator_.get("/api/v1/episodes/" + eid);
  EXPECT_EQ(r.json()["state"], "injected");
  EXPECT_EQ(r.json()["injection_date"], today);
  EXPECT_EQ(r.json()["injected_by"], "surgeon.a");
  ASSERT_EQ(step(coordinator_, eid, {{"to", "follow_up"}}).status, 200);
  // An illegal step is a conflict that changes nothing.
  EXPECT_EQ(step(coordinator_, eid, {{"to", "screening"}}).status, 409);

  // A follow-up visit is not done before its window opens; the work-up exam on its day is.
  r = coordinator_.post("/api/v1/episodes/" + eid + "/schedule/visit-2w", {{"status", "done"}, {"on", today}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "on");
  r = coordinator_.post("/api/v1/episodes/" + eid + "/schedule/workup-exam", {{"status", "done"}, {"on", today}});
  ASSERT_EQ(r.status, 200) << r.body;

  // Questionnaire by staff, retried with the same key: stored once.
  const nlohmann::json nrs = {
      {"instrument", "nrs"}, {"item_id", "prom-2w"}, {"answers", {{"pain_rest", 2}, {"pain_activity", 4}}}};
  r = coordinator_.post("/api/v1/episodes/" + eid + "/questionnaires", nrs, {{"Idempotency-Key", "walk-1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = coordinator_.post("/api/v1/episodes/" + eid + "/questionnaires", nrs, {{"Idempotency-Key", "walk-1"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("idempotent-replayed"), "true");

  // A questionnaire link: answered once, then spent.
  r = coordinator_.post("/api/v1/episodes/" + eid + "/questionnaire-links", {{"instrument", "nrs"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string token = r.json()["token"];
  EXPECT_EQ(token.size(), 32u);  // 128 bits
  Client anonymous{server_->port()};
  EXPECT_EQ(anonymous.get("/api/v1/q/" + token).json()["instrument"], "nrs");
  const nlohmann::json answers = {{"answers", {{"pain_rest", 1}, {"pain_activity", 3}}}};
  EXPECT_EQ(anonymous.post("/api/v1/q/" + token, answers).status, 201);
  EXPECT_EQ(anonymous.post("/api/v1/q/" + token, answers).status, 404);

  // The patient signs in with a one-time code and sees only their own record.
  EXPECT_EQ(anonymous.post("/api/v1/patient-auth/code", {{"mobile", "09127654321"}}).status, 202);
  const std::string code = code_from_log(dir_.file("log"), std::stoi(pid));
  ASSERT_EQ(code.size(), 6u);
  Client patient{server_->port()};
  r = Client{server_->port()}.post("/api/v1/patient-auth/login", {{"mobile", "+989127654321"}, {"code", code}});
  ASSERT_EQ(r.status, 200) << r.body;
  for (auto [k, v] : r.headers)
    if (k == "set-cookie" && v.rfind("rp_session=", 0) == 0) patient.cookie = v.substr(0, v.find(';'));
  patient.csrf = r.json()["csrf_token"];
  r = patient.get("/api/v1/me/record");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["episodes"].size(), 1u);
  EXPECT_EQ(patient.get("/api/v1/patients/" + pid).status, 403);
  r = patient.post("/api/v1/me/episodes/" + eid + "/red-flags", {{"category", "swelling"}, {"severity", "moderate"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(patient
                .post("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/red-flags",
                      {{"category", "swelling"}, {"severity", "moderate"}})
                .status,
            404);  // not their episode

  r = surgeon_.get("/api/v1/red-flags");
  ASSERT_EQ(r.json().size(), 1u);
  const std::string flag = std::to_string(r.json()[0]["id"].get<int>());
  EXPECT_EQ(surgeon_.post("/api/v1/red-flags/" + flag + "/acknowledge", {{"action", "called"}}).status, 200);

  r = surgeon_.get("/api/v1/episodes/" + eid + "/timeline");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["state"], "follow_up");
  EXPECT_EQ(r.json()["questionnaires"].size(), 2u);
  EXPECT_EQ(r.json()["events"].size(), 1u);
  EXPECT_EQ(r.json()["transitions"].size(), 9u);  // the referral and eight steps

  r = admin_.get("/api/v1/audit/verify");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json()["intact"].get<bool>()) << r.body;
  EXPECT_GT(r.json()["rows"].get<int>(), 20);
  // Every write of the walk (each step, the answers, the red flag) left its record's
  // content in its audit row: the three patients, their episodes, the walk's two
  // questionnaire responses, its red flag and the product its harvest registered match
  // what the log last vouched for.
  EXPECT_EQ(r.json()["records"]["checked"], 10) << r.body;
  EXPECT_TRUE(r.json()["records"]["changed"].empty()) << r.body;

  // The outcome report counts the walk's treated joint: its centre's surgeon reads it
  // (the analyst would read a single joint as a suppressed small cell).
  r = surgeon_.get("/api/v1/reports/outcomes");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json report = r.json();
  int registry_scopes = 0;
  for (const auto& scope : report["scopes"]) {
    if (!scope["centre"].is_null()) continue;
    ++registry_scopes;
    EXPECT_EQ(scope["injected"], 1) << r.body;
  }
  EXPECT_EQ(registry_scopes, 1) << r.body;

  // Logout ends the session.
  EXPECT_EQ(surgeon_.post("/api/v1/auth/logout", nlohmann::json::object()).status, 200);
  EXPECT_EQ(surgeon_.get("/api/v1/red-flags").status, 401);
}

}  // namespace
}  // namespace rp::test
