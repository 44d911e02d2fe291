// The cell product over real HTTP against a real SQLite file: the lab's list and a
// product's chain, the bedside check and the injection through it. Each refusal names its
// code and field and changes nothing but its own audit row; another centre's product is not
// found; a lab account cannot inject.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "http_test_support.hpp"
#include "product_route_clinic.hpp"

namespace rp::test {
namespace {

std::int64_t product_route_audit_total(const std::string& db) {
  SQLite::Database d(db);
  return d.execAndGet("SELECT COUNT(*) FROM audit_log").getInt64();
}

// The product's state and number of custody events, as the store has them.
std::string product_route_snapshot(const std::string& db, const std::string& din) {
  SQLite::Database d(db);
  SQLite::Statement q(d,
                      "SELECT p.state || '/' || (SELECT COUNT(*) FROM product_events e WHERE e.product_id = p.id) "
                      "FROM products p WHERE p.din = ?");
  q.bind(1, din.substr(0, 13));
  return q.executeStep() ? q.getColumn(0).getString() : "missing";
}

// A snapshot ("state/events") with one custody event more.
std::string one_more_event(const std::string& snapshot) {
  const auto slash = snapshot.find('/');
  return snapshot.substr(0, slash + 1) + std::to_string(std::stoi(snapshot.substr(slash + 1)) + 1);
}

void expect_product_refusal(const Reply& r, int status, const std::string& code, const std::string& field) {
  ASSERT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.json()["error"]["reason"], code) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
}

class ProductRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = dir_->file("products.db");
    seeded_ = seed(db_);
    clinic_ = build_product_route_clinic(db_, seeded_);
    server_ = new ServerProcess(db_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static Client signed_in(const std::string& user) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(user).status, 200);
    return c;
  }
  static std::string episode_state() {
    return signed_in("coordinator.a").get("/api/v1/episodes/" + std::to_string(seeded_.episode_a)).json()["state"];
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline Seeded seeded_;
  static inline ProductRouteClinic clinic_;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(ProductRoutes, ListsTheCentresProductsByStateWithTheirDonor) {
  const Client lab = signed_in("lab.a");
  const auto all = lab.get("/api/v1/products");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.json().size(), 2u);
  const auto listed = all.json();
  for (const auto& p : listed) {
    EXPECT_EQ(p["patient"]["mrn"], "MRN-a");
    EXPECT_EQ(p["patient"]["id"], seeded_.patient_a);
    EXPECT_FALSE(p["patient"]["name_fa"].get<std::string>().empty() &&
                 p["patient"]["name_latin"].get<std::string>().empty());
    EXPECT_EQ(p["din"].get<std::string>().size(), 14u);
  }
  const auto released = lab.get("/api/v1/products?state=released");
  ASSERT_EQ(released.status, 200) << released.body;
  ASSERT_EQ(released.json().size(), 1u);
  EXPECT_EQ(released.json()[0]["din"], clinic_.released);
  EXPECT_EQ(released.json()[0]["release"]["by"], "lab2.a");
  expect_product_refusal(lab.get("/api/v1/products?state=thawed"), 422, "not_one_of", "state");
}

TEST_F(ProductRoutes, AProductComesWithItsChainInOrder) {
  const auto r = signed_in("surgeon.a").get("/api/v1/products/" + clinic_.released);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "released");
  std::vector<std::string> kinds;
  const auto trace = r.json();
  for (const auto& e : trace["events"]) kinds.push_back(e["kind"]);
  ASSERT_FALSE(kinds.empty()) << r.body;
  EXPECT_EQ(kinds, (std::vector<std::string>{"harvest", "receipt", "processing", "qc", "release"}));
  // the donor, for the product page's heading
  EXPECT_EQ(trace["patient"]["id"], seeded_.patient_a);
  EXPECT_EQ(trace["patient"]["mrn"], "MRN-a");
}

TEST_F(ProductRoutes, AnotherCentresProductIsNotFound) {
  const Client lab_b = signed_in("lab.b");
  const auto list = lab_b.get("/api/v1/products");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(list.json().empty()) << list.body;
  expect_product_refusal(lab_b.get("/api/v1/products/" + clinic_.released), 404, "product_not_found", "din");
  const std::string before = product_route_snapshot(db_, clinic_.released);
  expect_product_refusal(
      signed_in("surgeon.b").post("/api/v1/products/" + clinic_.released + "/inject", {{"mrn", "MRN-a"}}), 404,
      "product_not_found", "din");
  EXPECT_EQ(product_route_snapshot(db_, clinic_.released), before);
}

TEST_F(ProductRoutes, TheBedsideCheckRefusesEachWrongScanWithItsCode) {
  const Client surgeon = signed_in("surgeon.a");
  const auto ok = surgeon.post("/api/v1/products/verify", {{"din", clinic_.released}, {"mrn", "MRN-a"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["verdict"], "ok");
  EXPECT_EQ(ok.json()["patient"]["id"], seeded_.patient_a);

  // A verdict other than ok is recorded (a custody event and its audit row), nothing else.
  const std::string released = product_route_snapshot(db_, clinic_.released);
  const auto checks = product_route_audit_count(db_, "product.bedside_check");
  expect_product_refusal(surgeon.post("/api/v1/products/verify", {{"din", clinic_.released}, {"mrn", "MRN-b"}}), 409,
                         "wrong_patient", "mrn");
  expect_product_refusal(surgeon.post("/api/v1/products/verify", {{"din", clinic_.received}, {"mrn", "MRN-a"}}), 409,
                         "not_released", "din");
  EXPECT_EQ(product_route_audit_count(db_, "product.bedside_check"), checks + 2);
  EXPECT_EQ(product_route_snapshot(db_, clinic_.released).substr(0, 9), "released/");

  // A DIN with a wrong check character: 422 naming din, and only the refusal's audit row.
  std::string wrong = clinic_.released;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  const auto audit = product_route_audit_total(db_);
  const auto before = product_route_snapshot(db_, clinic_.released);
  expect_product_refusal(surgeon.post("/api/v1/products/verify", {{"din", wrong}, {"mrn", "MRN-a"}}), 422,
                         "din_check_character", "din");
  expect_product_refusal(surgeon.post("/api/v1/products/verify", {{"din", "garbage"}, {"mrn", "MRN-a"}}), 422,
                         "din_length", "din");
  EXPECT_EQ(product_route_audit_total(db_), audit + 2);
  EXPECT_GE(product_route_audit_count(db_, "product.refused"), 2);
  EXPECT_EQ(product_route_snapshot(db_, clinic_.released), before);
}

TEST_F(ProductRoutes, TheLabProcessesAndAProductNotThroughQcIsNotReleased) {
  const auto path = [](const std::string& step) {
    return "/api/v1/products/" + ProductRoutes::clinic_.received + step;
  };
  const Client lab = signed_in("lab.a");
  const std::string received = product_route_snapshot(db_, clinic_.received);
  expect_product_refusal(lab.post(path("/process"), {{"method", "boiling"}}), 422, "not_one_of", "method");
  expect_product_refusal(lab.post(path("/process"), {{"method", "culture_expansion"}, {"passages", -1}}), 422,
                         "whole_number_range", "passages");
  EXPECT_EQ(product_route_snapshot(db_, clinic_.received), received);
  EXPECT_EQ(signed_in("surgeon.a").post(path("/process"), {{"method", "density_gradient"}}).status, 403);
  const auto processed = lab.post(path("/process"), {{"method", "culture_expansion"}, {"passages", 3}});
  ASSERT_EQ(processed.status, 200) << processed.body;
  EXPECT_EQ(processed.json()["state"], "processing");
  EXPECT_EQ(processed.json()["processing"]["passages"], 3);
  // Not through QC yet: refused, nothing changed.
  const std::string processing = product_route_snapshot(db_, clinic_.received);
  EXPECT_EQ(processing.substr(0, 11), "processing/");
  const auto refused = lab.call("POST", path("/release"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(product_route_snapshot(db_, clinic_.received), processing);
}

TEST_F(ProductRoutes, InjectionGoesThroughTheCheckAndOnlyTheSurgeonMayInject) {
  const auto path = [](const std::string& din) { return "/api/v1/products/" + din + "/inject"; };
  const std::string released = product_route_snapshot(db_, clinic_.released);
  const std::string received = product_route_snapshot(db_, clinic_.received);
  const std::string state = episode_state();

  const auto lab = signed_in("lab.a").post(path(clinic_.released), {{"mrn", "MRN-a"}});
  EXPECT_EQ(lab.status, 403) << lab.body;
  const Client surgeon = signed_in("surgeon.a");
  expect_product_refusal(surgeon.post(path(clinic_.released), {{"mrn", "MRN-b"}}), 409, "wrong_patient", "din");
  expect_product_refusal(surgeon.post(path(clinic_.received), {{"mrn", "MRN-a"}}), 409, "not_released", "din");
  // Each refusal is kept in its product's chain as a refused bedside check (the worklist's
  // alert reads it); the product and the episode are as they were.
  EXPECT_EQ(product_route_snapshot(db_, clinic_.released), one_more_event(released));
  EXPECT_EQ(product_route_snapshot(db_, clinic_.received), one_more_event(received));
  EXPECT_EQ(episode_state(), state);

  const auto done =
      surgeon.post(path(clinic_.released), {{"mrn", "MRN-a"}, {"guidance", "ultrasound"}, {"dose_cells", 40000000}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["state"], "used");
  EXPECT_EQ(done.json()["used"]["by"], "surgeon.a");
  EXPECT_EQ(episode_state(), "injected");
  expect_product_refusal(surgeon.post(path(clinic_.released), {{"mrn", "MRN-a"}}), 409, "used", "din");
}

// The worklist raises each refused bedside check (at the check or at the injection) as an
// alert, with the product and its donor, and lists the lab's products not yet released by
// their DIN; another centre sees neither.
TEST_F(ProductRoutes, TheWorklistAlertsOnRefusedChecksAndListsTheLabsProducts) {
  const Client surgeon = signed_in("surgeon.a");
  EXPECT_EQ(surgeon.post("/api/v1/products/verify", {{"din", clinic_.released}, {"mrn", "MRN-b"}}).status, 409);
  EXPECT_EQ(surgeon.post("/api/v1/products/" + clinic_.received + "/inject", {{"mrn", "MRN-a"}}).status, 409);
  const auto list = signed_in("lab.a").get("/api/v1/worklist");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto w = list.json();
  std::set<std::string> verdicts;
  for (const auto& r : w["bedside_refusals"]) {
    verdicts.insert(r["verdict"].get<std::string>());
    EXPECT_EQ(r["mrn"], "MRN-a") << r.dump();  // the product's donor
    EXPECT_TRUE(r["din"] == clinic_.released || r["din"] == clinic_.received) << r.dump();
    EXPECT_NE(r["scanned"].get<std::string>().find("wristband"), std::string::npos) << r.dump();
  }
  EXPECT_EQ(verdicts, (std::set<std::string>{"wrong_patient", "not_released"})) << w["bedside_refusals"].dump();
  ASSERT_EQ(w["awaiting_release"].size(), 1u) << w["awaiting_release"].dump();
  EXPECT_EQ(w["awaiting_release"][0]["din"], clinic_.received);
  EXPECT_EQ(w["awaiting_release"][0]["product_state"], "received");
  EXPECT_EQ(w["awaiting_release"][0]["mrn"], "MRN-a");
  EXPECT_TRUE(w["awaiting_release"][0]["expires_at"].is_string());

  const auto other = signed_in("lab.b").get("/api/v1/worklist");
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_TRUE(other.json()["bedside_refusals"].empty()) << other.body;
  EXPECT_TRUE(other.json()["awaiting_release"].empty()) << other.body;
}

}  // namespace
}  // namespace rp::test
