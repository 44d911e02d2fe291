// The lab's steps over real HTTP against a real SQLite file: the harvest with its wristband
// scan, the receipt, the QC results, the release with a surgeon's exception, the set-asides
// and the injection's volume. Every bad value is a 422 naming its field and changes
// nothing; every refusal has its code; another centre's product or episode is not found;
// each step is the role's that the issue names.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <fstream>

#include "audit_test_support.hpp"
#include "product_test_support.hpp"
#include "service/accounts.hpp"

namespace rp::test {
namespace {

// Episode a walked to its scheduled harvest; a second lab account at centre a (four eyes).
void build_product_steps_clinic(const std::string& db, const Seeded& seeded) {
  auto store = store::open_sqlite(db);
  walk_to_scheduled_harvest(*store, seeded.episode_a, "a");
  service::Accounts(*store, Clock::system()).create(service::Actor::cli_operator(), "lab2.a", "lab", "a", kPassword);
}

// Everything a product step could change, as text: products, their events, the episode.
std::string product_steps_records(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  std::string out;
  for (const char* table : {"products", "product_events", "episodes", "episode_transitions"}) {
    SQLite::Statement q(d, std::string("SELECT * FROM ") + table + " ORDER BY 1");
    while (q.executeStep())
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + '\x1f';
  }
  return out;
}

class ProductSteps : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = dir_->file("steps.db");
    seeded_ = seed(db_);
    build_product_steps_clinic(db_, seeded_);
    server_ = new ServerProcess(db_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static Client as(const std::string& user) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(user).status, 200) << user;
    return c;
  }
  static std::string harvest_path() { return "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/harvest"; }
  static std::string product_path(int which, const std::string& step) {
    return "/api/v1/products/" + dins_.at(which) + "/" + step;
  }
  // The call is refused with `status`, `reason` and `field`, and changes no record.
  static void expect_refused(const std::function<Reply()>& call, int status, const std::string& reason,
                             const std::string& field) {
    const std::string before = product_steps_records(db_);
    const Reply r = call();
    EXPECT_EQ(r.status, status) << r.body;
    if (r.status == status && status != 403) {
      EXPECT_EQ(r.json()["error"]["reason"], reason) << r.body;
      EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    }
    EXPECT_EQ(product_steps_records(db_), before) << "a refused step changed a record: " << r.body;
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline Seeded seeded_;
  static inline ServerProcess* server_ = nullptr;
  static inline std::vector<std::string> dins_;  // the harvest's products, with check characters
  // Each test takes the products on from where the one before left them; run on its own
  // (ctest runs each test in a process of its own), it first takes the steps before it.
  static void reach(int stage);
  static inline int stage_ = 0;  // 1 harvested, 2 received, 3 through QC, 4 released
};

// The harvest this morning: two hours ago, for 35 minutes (the shelf life counts from its end).
const std::int64_t kHarvestStartMs = Clock::system().now_ms() / 1000 * 1000 - 2 * 3600 * 1000;
const std::string kHarvestStart = Clock::fixed(kHarvestStartMs).now_iso();
const std::string kHarvestEnd = Clock::fixed(kHarvestStartMs + 35 * 60 * 1000 + 500).now_iso();
const nlohmann::json kHarvest = {{"mrn", "MRN-a"},
                                 {"source", "bone_marrow"},
                                 {"side", "left"},
                                 {"volume_ml", 62.5},
                                 {"anaesthesia", "local"},
                                 {"started_at", kHarvestStart.substr(0, 19) + "Z"},
                                 {"ended_at", kHarvestEnd.substr(0, 19) + ".5Z"},
                                 {"products", 3},
                                 {"location", "theatre 2"}};

nlohmann::json harvest_with(const std::string& field, const nlohmann::json& value) {
  nlohmann::json b = kHarvest;
  b[field] = value;
  return b;
}

const nlohmann::json kGoodQc = {{"total_nucleated_cells", 3e8},
                                {"viability_percent", 91},
                                {"sterility", {{"result", "passed"}}},
                                {"complete", true}};

// The steps of the tests before `stage`, without their checks: the first product below the
// viability limit and released on a surgeon's exception, the second released by the lab.
void ProductSteps::reach(int stage) {
  const auto ok = [](const Reply& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  };
  if (stage_ < 1 && stage >= 1) {
    const nlohmann::json made = ok(as("surgeon.a").post(harvest_path(), kHarvest)).json();
    for (const auto& p : made["products"]) dins_.push_back(p["din"]);
    stage_ = 1;
  }
  if (stage_ < 2 && stage >= 2) {
    for (int i = 0; i < 3; ++i) ok(as("lab.a").post(product_path(i, "receive"), {{"temperature_c", 4.5}}));
    stage_ = 2;
  }
  if (stage_ < 3 && stage >= 3) {
    const Client lab = as("lab.a");
    for (int i = 0; i < 3; ++i) ok(lab.post(product_path(i, "process"), {{"method", "density_gradient"}}));
    ok(lab.post(product_path(0, "qc"), {{"total_nucleated_cells", 2.15e8},
                                        {"viability_percent", 55.5},
                                        {"sterility", {{"result", "passed"}}},
                                        {"complete", true}}));
    for (int i = 1; i < 3; ++i) ok(lab.post(product_path(i, "qc"), kGoodQc));
    stage_ = 3;
  }
  if (stage_ < 4 && stage >= 4) {
    ok(as("surgeon.a").post(product_path(0, "release"), {{"exception", {{"reason", "no second harvest possible"}}}}));
    ok(as("lab2.a").post(product_path(1, "release"), nlohmann::json::object()));
    stage_ = 4;
  }
}

TEST_F(ProductSteps, TheHarvestRefusesEachBadFieldAndChangesNothing) {
  const Client surgeon = as("surgeon.a");
  const auto post = [&](const nlohmann::json& body) { return [=] { return surgeon.post(harvest_path(), body); }; };
  expect_refused(post(harvest_with("source", "blood")), 422, "not_one_of", "source");
  expect_refused(post(harvest_with("side", "middle")), 422, "not_one_of", "side");
  expect_refused(post(harvest_with("volume_ml", "62.5")), 422, "not_a_json_number", "volume_ml");
  expect_refused(post(harvest_with("volume_ml", 0)), 422, "number_range", "volume_ml");
  expect_refused(post(harvest_with("volume_ml", 5000)), 422, "number_range", "volume_ml");
  expect_refused(post(harvest_with("volume_ml", true)), 422, "not_a_number", "volume_ml");
  // A number past the double's range is no JSON the server reads: the whole body is refused.
  expect_refused(
      [&] { return surgeon.call("POST", harvest_path(), R"({"mrn":"MRN-a","source":"adipose","volume_ml":1e400})"); },
      400, "body_not_json", "body");
  expect_refused(post(harvest_with("anaesthesia", "spinal")), 422, "not_one_of", "anaesthesia");
  expect_refused(post(harvest_with("started_at", "2026-01-10 06:00")), 422, "utc_instant", "started_at");
  expect_refused(post(harvest_with("started_at", "2026-01-10T06:00:00+03:30")), 422, "utc_instant", "started_at");
  expect_refused(post(harvest_with("ended_at", Clock::fixed(kHarvestStartMs - 60000).now_iso())), 422,
                 "harvest_ends_before_start", "ended_at");
  expect_refused(post(harvest_with("ended_at", "2099-01-10T05:00:00Z")), 422, "in_the_future", "ended_at");
  expect_refused(post(harvest_with("products", 5)), 422, "product_count", "products");
  expect_refused(post(harvest_with("mrn", "")), 422, "required", "mrn");
  expect_refused(post(harvest_with("weight", 3)), 422, "unknown_field", "weight");
  // Another patient's wristband: nothing is harvested.
  expect_refused(post(harvest_with("mrn", "MRN-b")), 409, "wristband_not_this_patient", "mrn");
  // Not the coordinator's step; another centre's episode is not found.
  expect_refused([&] { return as("coordinator.a").post(harvest_path(), kHarvest); }, 403, "", "");
  expect_refused([&] { return as("surgeon.b").post(harvest_path(), kHarvest); }, 404, "episode_not_found", "episode");
}

TEST_F(ProductSteps, TheHarvestMakesItsSplitProductsEachWithItsDin) {
  const Client surgeon = as("surgeon.a");
  const auto r = surgeon.post(harvest_path(), kHarvest, {{"Idempotency-Key", "harvest-1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto made = r.json();
  EXPECT_EQ(made["episode_id"], seeded_.episode_a);
  ASSERT_EQ(made["products"].size(), 3u) << r.body;
  for (const auto& p : made["products"]) {
    const std::string din = p["din"];
    EXPECT_EQ(din.size(), 14u);
    EXPECT_EQ(din.substr(0, 5), "RPLAB") << "no facility configured: the unconfigured code";
    EXPECT_EQ(p["state"], "received");
    EXPECT_EQ(p["source"], "bone_marrow");
    EXPECT_EQ(p["harvest"]["side"], "left");
    EXPECT_EQ(p["harvest"]["volume_ml"], 62.5);
    EXPECT_EQ(p["harvest"]["started_at"], kHarvestStart);
    EXPECT_EQ(p["harvest"]["ended_at"], kHarvestEnd);
    EXPECT_EQ(p["expires_at"], Clock::fixed(kHarvestStartMs + 35 * 60 * 1000 + 500 + 48LL * 3600 * 1000).now_iso())
        << "the protocol's 48 hours from the end of the harvest";
    EXPECT_EQ(p["harvest"]["by"], "surgeon.a");
    dins_.push_back(din);
  }
  stage_ = 1;
  EXPECT_NE(dins_[0], dins_[1]);
  EXPECT_EQ(as("coordinator.a").get("/api/v1/episodes/" + std::to_string(seeded_.episode_a)).json()["state"],
            "harvested");
  // The episode is harvested: a second harvest is refused.
  expect_refused([&] { return as("surgeon.a").post(harvest_path(), kHarvest); }, 409, "illegal_transition", "state");

  // A retry with the first request's Idempotency-Key (the answer was lost on the way):
  // the same products, none registered again.
  const std::string before = product_steps_records(db_);
  const auto retry = surgeon.post(harvest_path(), kHarvest, {{"Idempotency-Key", "harvest-1"}});
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  EXPECT_EQ(retry.body, r.body);
  EXPECT_EQ(product_steps_records(db_), before);
  // The same key with another harvest is another request: refused, naming the header.
  expect_refused(
      [&] {
        return surgeon.post(harvest_path(), harvest_with("products", 2), {{"Idempotency-Key", "harvest-1"}});
      },
      409, "idempotency_key_reused", "Idempotency-Key");
}

TEST_F(ProductSteps, TheReceiptTakesADecimalTemperature) {
  reach(1);
  ASSERT_EQ(dins_.size(), 3u);
  const Client lab = as("lab.a");
  const auto post = [&](const nlohmann::json& body) {
    return [=] { return lab.post(product_path(0, "receive"), body); };
  };
  expect_refused(post({{"temperature_c", "4"}}), 422, "not_a_json_number", "temperature_c");
  expect_refused(post({{"temperature_c", 99.5}}), 422, "number_range", "temperature_c");
  expect_refused([&] { return as("surgeon.a").post(product_path(0, "receive"), {{"temperature_c", 4}}); }, 403, "", "");
  expect_refused(
      [&] {
        return as("lab.b").post(product_path(0, "receive"), {{"temperature_c", 4}});
      },
      404, "product_not_found", "din");
  std::string wrong = dins_[0];
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  expect_refused(
      [&] {
        return lab.post("/api/v1/products/" + wrong + "/receive", {{"temperature_c", 4}});
      },
      422, "din_check_character", "din");
  for (int i = 0; i < 3; ++i) {
    const auto r = lab.post(product_path(i, "receive"), {{"temperature_c", 4.5}, {"location", "lab bench 1"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["receipt"]["temperature_c"], 4.5);
    EXPECT_EQ(r.json()["receipt"]["by"], "lab.a");
  }
  stage_ = 2;
  expect_refused(post({{"temperature_c", 4}}), 409, "product_transition_not_allowed", "state");
}

TEST_F(ProductSteps, QcResultsAreDecimalsAndNamedTests) {
  reach(2);
  const Client lab = as("lab.a");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(lab.post(product_path(i, "process"), {{"method", "density_gradient"}}).status, 200);
  const auto post = [&](const nlohmann::json& body) { return [=] { return lab.post(product_path(0, "qc"), body); }; };
  expect_refused(post({{"viability_percent", 100.5}}), 422, "number_range", "viability_percent");
  expect_refused(post({{"total_nucleated_cells", -1}}), 422, "number_range", "total_nucleated_cells");
  expect_refused(post({{"cfu_f", "12"}}), 422, "not_a_json_number", "cfu_f");
  expect_refused(post({{"sterility", {{"result", "maybe"}}}}), 422, "not_one_of", "sterility.result");
  expect_refused(post({{"mycoplasma", {{"result", "pending"}, {"due", "2026-02-30"}}}}), 422, "not_a_gregorian_day",
                 "mycoplasma.due");
  expect_refused(post({{"endotoxin", "passed"}}), 422, "not_an_object", "endotoxin");
  expect_refused(post({{"isct_markers_met", "yes"}}), 422, "not_a_boolean", "isct_markers_met");
  expect_refused([&] { return as("surgeon.a").post(product_path(0, "qc"), {{"viability_percent", 90}}); }, 403, "", "");

  const std::string due = Clock::system().today().plus_days(7).iso();
  const auto partial = lab.post(product_path(0, "qc"), {{"total_nucleated_cells", 2.15e8},
                                                        {"viability_percent", 55.5},
                                                        {"cfu_f", 120.5},
                                                        {"mycoplasma", {{"result", "pending"}, {"due", due}}}});
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(partial.json()["state"], "qc_pending");
  EXPECT_EQ(partial.json()["counts"]["viability_percent"], 55.5);
  EXPECT_EQ(partial.json()["counts"]["total_nucleated_cells"], 2.15e8);
  EXPECT_EQ(partial.json()["qc"]["mycoplasma"]["result"], "pending");
  EXPECT_EQ(partial.json()["qc"]["mycoplasma"]["due"], due);
  const auto done = lab.post(product_path(0, "qc"), {{"sterility", {{"result", "passed"}}}, {"complete", true}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["state"], "awaiting_release");
  EXPECT_EQ(done.json()["counts"]["viability_percent"], 55.5) << "what is not sent stays";
  for (int i = 1; i < 3; ++i) ASSERT_EQ(lab.post(product_path(i, "qc"), kGoodQc).status, 200);
  stage_ = 3;
}

TEST_F(ProductSteps, AFailedCriterionIsReleasedOnlyOnTheSignedInSurgeonsException) {
  reach(3);
  const Client lab2 = as("lab2.a");
  const Client surgeon = as("surgeon.a");
  const auto release = [&](const Client& who, int which, const nlohmann::json& body) {
    return [=] { return who.post(product_path(which, "release"), body); };
  };
  // Viability 55.5 % is below the protocol's 70 %.
  expect_refused(release(lab2, 0, nlohmann::json::object()), 409, "product_release_criteria_failed", "criteria");
  // The exception is a surgeon's: the lab sending one is refused, naming it.
  expect_refused(release(lab2, 0, {{"exception", {{"reason", "no second harvest"}}}}), 403, "", "");
  const Reply lab_exception = lab2.post(product_path(0, "release"), {{"exception", {{"reason", "x"}}}});
  EXPECT_EQ(lab_exception.json()["error"]["field"], "exception") << lab_exception.body;
  EXPECT_EQ(lab_exception.json()["error"]["reason"], "release_exception_surgeon") << lab_exception.body;
  expect_refused(release(surgeon, 0, {{"exception", {{"reason", " "}}}}), 422, "required", "exception.reason");
  expect_refused(release(surgeon, 0, {{"exception", {{"surgeon", "someone.else"}, {"reason", "why"}}}}), 422,
                 "unknown_field", "exception.surgeon");
  // Without an exception a surgeon may not release at all.
  expect_refused(release(surgeon, 1, nlohmann::json::object()), 403, "", "");
  const auto excepted = surgeon.post(product_path(0, "release"),
                                     {{"exception", {{"reason", "no second harvest possible; patient informed"}}}});
  ASSERT_EQ(excepted.status, 200) << excepted.body;
  EXPECT_EQ(excepted.json()["state"], "released");
  EXPECT_EQ(excepted.json()["release"]["exception_by"], "surgeon.a");
  EXPECT_EQ(excepted.json()["release"]["exception_criteria"], nlohmann::json::array({"viability"}));

  // Four eyes: the one who processed does not release.
  expect_refused(release(as("lab.a"), 1, nlohmann::json::object()), 409, "product_release_same_person", "released_by");
  const auto released = lab2.call("POST", product_path(1, "release"));  // no body at all
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(released.json()["release"]["by"], "lab2.a");
  stage_ = 4;
  expect_refused([&] { return as("lab.b").post(product_path(1, "release"), nlohmann::json::object()); }, 404,
                 "product_not_found", "din");
}

TEST_F(ProductSteps, ASetAsideNeedsItsReason) {
  reach(4);
  const Client lab = as("lab.a");
  for (const char* step : {"quarantine", "discard", "expire"}) {
    SCOPED_TRACE(step);
    expect_refused([&] { return lab.post(product_path(2, step), nlohmann::json::object()); }, 422, "required",
                   "reason");
    expect_refused([&] { return lab.post(product_path(2, step), {{"reason", 3}}); }, 422, "not_a_string", "reason");
    expect_refused([&] { return as("surgeon.a").post(product_path(2, step), {{"reason", "x"}}); }, 403, "", "");
    expect_refused(
        [&] {
          return as("lab.b").post(product_path(2, step), {{"reason", "x"}});
        },
        404, "product_not_found", "din");
  }
  const auto quarantined = lab.post(product_path(2, "quarantine"), {{"reason", "label torn"}});
  ASSERT_EQ(quarantined.status, 200) << quarantined.body;
  EXPECT_EQ(quarantined.json()["state"], "quarantined");
  const auto discarded = lab.post(product_path(2, "discard"), {{"reason", "bag leaking"}, {"location", "lab"}});
  ASSERT_EQ(discarded.status, 200) << discarded.body;
  EXPECT_EQ(discarded.json()["state"], "discarded");
  expect_refused(
      [&] {
        return lab.post(product_path(2, "expire"), {{"reason", "past its time"}});
      },
      409, "product_transition_not_allowed", "state");
  const auto trace = lab.get("/api/v1/products/" + dins_[2]);
  ASSERT_EQ(trace.status, 200) << trace.body;
  EXPECT_EQ(trace.json()["events"].back()["verified"], "reason: bag leaking");
}

TEST_F(ProductSteps, TheInjectionRecordsItsVolume) {
  reach(4);
  const Client surgeon = as("surgeon.a");
  const auto inject = [&](const nlohmann::json& body) {
    return [=] { return surgeon.post(product_path(1, "inject"), body); };
  };
  expect_refused(inject({{"mrn", "MRN-a"}, {"volume_ml", "2.5"}}), 422, "not_a_json_number", "volume_ml");
  expect_refused(inject({{"mrn", "MRN-a"}, {"volume_ml", 0}}), 422, "number_range", "volume_ml");
  expect_refused(inject({{"mrn", "MRN-a"}, {"volume_ml", 250}}), 422, "number_range", "volume_ml");
  const auto r =
      surgeon.post(product_path(1, "inject"),
                   {{"mrn", "MRN-a"}, {"dose_cells", 40000000}, {"volume_ml", 2.5}, {"guidance", "ultrasound"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "used");
  const auto trace = surgeon.get("/api/v1/products/" + dins_[1]);
  ASSERT_EQ(trace.status, 200) << trace.body;
  EXPECT_EQ(trace.json()["events"].back()["detail"], "dose 40000000 cells, volume 2.5 ml, guidance ultrasound");
}

// Every product step the server took, a refused injection and a label print among them,
// is vouched for by its audit row: `audit verify` finds the products as written. A product
// released in the database behind regenpath's back (no second person, no audit row) is named.
TEST_F(ProductSteps, EveryStepIsVouchedForAndAReleaseBehindRegenpathsBackIsNamed) {
  reach(4);
  const Client surgeon = as("surgeon.a");
  // The refused injection keeps its check in the chain, with its refusal's audit row.
  const auto refused = surgeon.post(product_path(0, "inject"), {{"mrn", "MRN-b"}});
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json()["error"]["reason"], "wrong_patient");
  ASSERT_EQ(surgeon.get("/api/v1/products/" + dins_[2] + "/label").status, 200);
  const std::string copy = dir_->file("vouched.db");
  std::filesystem::remove(copy);
  SQLite::Database(db_, SQLite::OPEN_READONLY).backup(copy.c_str(), SQLite::Database::Save);
  auto r = regenpath(dir_->file(""), "audit verify --db " + copy);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(r.json()["findings"].empty()) << r.out;

  std::int64_t waiting = 0;
  {
    SQLite::Database d(copy, SQLite::OPEN_READWRITE);
    SQLite::Statement q(d, "SELECT id FROM products WHERE din = ? AND state = 'awaiting_release'");
    q.bind(1, dins_[2].substr(0, 13));
    ASSERT_TRUE(q.executeStep());
    waiting = q.getColumn(0).getInt64();
    d.exec("UPDATE products SET state = 'released', released_by = 'lab.a' WHERE id = " + std::to_string(waiting));
  }
  r = regenpath(dir_->file(""), "audit verify --db " + copy);
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto verdict = r.json();
  ASSERT_EQ(verdict["records"]["changed"].size(), 1U) << r.out;
  EXPECT_EQ(verdict["records"]["changed"][0]["kind"], "product");
  EXPECT_EQ(verdict["records"]["changed"][0]["id"], waiting);
}

// The facility code is the centre's: its admin sets it (checked, kept upper case, another
// centre's admin cannot), and the harvests that follow take it for their DINs.
TEST(CentreFacilityCode, TheCentresAdminSetsItAndNewDinsTakeIt) {
  TempDir dir;
  const std::string db = dir.file("facility.db");
  const Seeded seeded = seed(db);
  build_product_steps_clinic(db, seeded);
  ServerProcess server(db);
  Client admin{server.port()};
  ASSERT_EQ(admin.login("admin.a").status, 200);
  const auto centre_a = [&] {
    for (const auto& c : admin.get("/api/v1/centres").json())
      if (c["id"] == "a") return c;
    return nlohmann::json();
  };
  EXPECT_EQ(centre_a()["facility_code"], "");
  const nlohmann::json names = {{"name_en", "Centre a"}, {"name_fa", "مرکز"}};
  const auto put = [&](const Client& who, const nlohmann::json& code) {
    nlohmann::json body = names;
    body["facility_code"] = code;
    return who.call("PUT", "/api/v1/centres/a", body.dump());
  };
  for (const char* bad : {"AB12", "0ABCD", "OABCD", "AB-12", "ABCDEF"}) {
    const auto r = put(admin, bad);
    EXPECT_EQ(r.status, 422) << bad << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "facility_code") << r.body;
    EXPECT_EQ(r.json()["error"]["reason"], "din_facility") << r.body;
  }
  EXPECT_EQ(put(admin, 12345).json()["error"]["reason"], "not_a_string");
  EXPECT_EQ(centre_a()["facility_code"], "");
  Client admin_b{server.port()};
  ASSERT_EQ(admin_b.login("admin.b").status, 200);
  EXPECT_EQ(put(admin_b, "B7777").status, 404);
  Client lab{server.port()};
  ASSERT_EQ(lab.login("lab.a").status, 200);
  EXPECT_EQ(put(lab, "B7777").status, 403);

  const auto set = put(admin, "a1b2c");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["facility_code"], "A1B2C");
  EXPECT_EQ(centre_a()["facility_code"], "A1B2C");
  // Another change that does not name it leaves it as it was.
  ASSERT_EQ(admin.call("PUT", "/api/v1/centres/a", names.dump()).status, 200);
  EXPECT_EQ(centre_a()["facility_code"], "A1B2C");

  Client surgeon{server.port()};
  ASSERT_EQ(surgeon.login("surgeon.a").status, 200);
  const auto r = surgeon.post("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/harvest",
                              {{"mrn", "MRN-a"}, {"source", "adipose"}, {"products", 2}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto products = r.json()["products"];
  ASSERT_EQ(products.size(), 2U);
  const std::string year = Clock::system().today().iso().substr(2, 2);
  EXPECT_EQ(products[0]["din"].get<std::string>().substr(0, 13), "A1B2C" + year + "000001");
  EXPECT_EQ(products[1]["din"].get<std::string>().substr(0, 13), "A1B2C" + year + "000002");
}

// A data folder like the source tree's, whose hip protocol asks for 80 % viability and
// keeps a fresh product 24 hours.
std::string strict_protocol_data_dir(const TempDir& dir) {
  namespace fs = std::filesystem;
  const fs::path root = dir.file("data");
  fs::create_directories(root / "protocols");
  for (const char* shared : {"claims", "instruments", "templates"})
    fs::create_directory_symlink(fs::path(RP_DATA_DIR) / shared, root / shared);
  fs::copy_file(fs::path(RP_DATA_DIR) / "protocols" / "knee-prp-test.yaml", root / "protocols" / "knee-prp-test.yaml");
  std::ifstream in(fs::path(RP_DATA_DIR) / "protocols" / "hip-msc-v1.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"min_viability_percent: 70", "min_viability_percent: 80"},
        {"shelf_life_hours: 48", "shelf_life_hours: 24"}}) {
    const auto at = yaml.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) yaml.replace(at, from.size(), to);
  }
  std::ofstream(root / "protocols" / "hip-msc-v1.yaml") << yaml;
  return root.string();
}

// The release criteria and shelf life are the protocol's: the same product, at 75 %
// viability, is refused under a protocol asking 80 % and released under the shipped 70 %.
TEST(ProtocolReleaseCriteria, TheProtocolsThresholdDecidesTheRelease) {
  TempDir dir;
  const std::string db = dir.file("criteria.db");
  const Seeded seeded = seed(db);
  build_product_steps_clinic(db, seeded);
  const std::int64_t ended_ms = Clock::system().now_ms() - 3600 * 1000;
  const std::string ended = Clock::fixed(ended_ms).now_iso();
  const std::string expires = Clock::fixed(ended_ms + 24LL * 3600 * 1000).now_iso();
  std::string din;
  {
    ServerProcess strict(db, {"REGENPATH_DATA_DIR=" + strict_protocol_data_dir(dir)});
    Client surgeon{strict.port()}, lab{strict.port()}, lab2{strict.port()};
    ASSERT_EQ(surgeon.login("surgeon.a").status, 200);
    ASSERT_EQ(lab.login("lab.a").status, 200);
    ASSERT_EQ(lab2.login("lab2.a").status, 200);
    const auto made = surgeon.post("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/harvest",
                                   {{"mrn", "MRN-a"}, {"source", "bone_marrow"}, {"ended_at", ended}});
    ASSERT_EQ(made.status, 200) << made.body;
    din = made.json()["products"][0]["din"];
    EXPECT_EQ(made.json()["products"][0]["expires_at"], expires) << "24 hours from the end of the harvest";
    const std::string at = "/api/v1/products/" + din + "/";
    ASSERT_EQ(lab.post(at + "receive", {{"temperature_c", 4}}).status, 200);
    ASSERT_EQ(lab.post(at + "process", {{"method", "density_gradient"}}).status, 200);
    ASSERT_EQ(lab.post(at + "qc", {{"total_nucleated_cells", 2e8},
                                   {"viability_percent", 75},
                                   {"sterility", {{"result", "passed"}}},
                                   {"complete", true}})
                  .status,
              200);
    const auto refused = lab2.post(at + "release", nlohmann::json::object());
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.json()["error"]["reason"], "product_release_criteria_failed");
    EXPECT_EQ(refused.json()["error"]["params"]["criteria"], "viability") << refused.body;
  }
  ServerProcess shipped(db);
  Client lab2{shipped.port()};
  ASSERT_EQ(lab2.login("lab2.a").status, 200);
  const auto released = lab2.post("/api/v1/products/" + din + "/release", nlohmann::json::object());
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(released.json()["state"], "released");
}

}  // namespace
}  // namespace rp::test
