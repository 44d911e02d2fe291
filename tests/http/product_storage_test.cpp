// What the lab records of a product between its steps, over real HTTP against a real
// SQLite file: storage temperature readings (an excursion quarantines), freeze and thaw
// (each resets the expiry from the protocol's shelf lives), the return from theatre and the
// clearance after it, culture passages with their dates, and the ISCT panel marker by
// marker. Each bad value is a 422 naming its field and changes nothing.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "base/utc_instant.hpp"
#include "product_test_support.hpp"
#include "service/accounts.hpp"

namespace rp::test {
namespace {

constexpr std::int64_t kStorageHourMs = 3600 * 1000;

// Everything the lab's storage steps could change, as text.
std::string product_storage_records(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  std::string out;
  for (const char* table : {"products", "product_events", "product_readings", "product_passages"}) {
    SQLite::Statement q(d, std::string("SELECT * FROM ") + table + " ORDER BY 1");
    while (q.executeStep())
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + '\x1f';
  }
  return out;
}

std::int64_t storage_ms_of(const nlohmann::json& iso) { return parse_utc_instant(iso.get<std::string>(), "test").ms; }

class ProductStorage : public ::testing::Test {
 protected:
  // Each test has its own clinic: episode a harvested into three products, each received.
  void SetUp() override {
    db_ = dir_.file("storage.db");
    const Seeded seeded = seed(db_);
    {
      auto store = store::open_sqlite(db_);
      walk_to_scheduled_harvest(*store, seeded.episode_a, "a");
      service::Accounts(*store, Clock::system())
          .create(service::Actor::cli_operator(), "lab2.a", "lab", "a", kPassword);
    }
    server_ = std::make_unique<ServerProcess>(db_);
    const auto made = ok(as("surgeon.a")
                             .post("/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/harvest",
                                   {{"mrn", "MRN-a"}, {"source", "bone_marrow"}, {"products", 3}}));
    const nlohmann::json products = made.json()["products"];
    for (const auto& p : products) dins_.push_back(p["din"]);
    const Client lab = as("lab.a");
    for (const auto& din : dins_) ok(lab.post("/api/v1/products/" + din + "/receive", {{"temperature_c", 4}}));
  }
  Client as(const std::string& user) const {
    Client c{server_->port()};
    EXPECT_EQ(c.login(user).status, 200) << user;
    return c;
  }
  static Reply ok(const Reply& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  }
  std::string path(int which, const std::string& step) const {
    return "/api/v1/products/" + dins_.at(which) + "/" + step;
  }
  nlohmann::json trace(int which) const { return as("lab.a").get("/api/v1/products/" + dins_.at(which)).json(); }
  void expect_refused(const std::function<Reply()>& call, int status, const std::string& reason,
                      const std::string& field) const {
    const std::string before = product_storage_records(db_);
    const Reply r = call();
    EXPECT_EQ(r.status, status) << r.body;
    if (r.status == status) {
      EXPECT_EQ(r.json()["error"]["reason"], reason) << r.body;
      EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    }
    EXPECT_EQ(product_storage_records(db_), before) << "a refused step changed a record: " << r.body;
  }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<std::string> dins_;
};

TEST_F(ProductStorage, ReadingsFreezeAndThawKeepTheExpiryAndAnExcursionQuarantines) {
  const Client lab = as("lab.a");
  const auto post = [&](const std::string& step, const nlohmann::json& body) {
    return [=, this] { return lab.post(path(0, step), body); };
  };
  // Bad readings, each named, none recorded.
  expect_refused(post("storage", nlohmann::json::object()), 422, "required", "temperature_c");
  expect_refused(post("storage", {{"temperature_c", "4"}}), 422, "not_a_json_number", "temperature_c");
  expect_refused(post("storage", {{"temperature_c", 60}}), 422, "number_range", "temperature_c");
  expect_refused(post("storage", {{"temperature_c", 4}, {"at", "yesterday"}}), 422, "utc_instant", "at");
  expect_refused(post("storage", {{"temperature_c", 4}, {"at", "2099-01-01T00:00:00Z"}}), 422, "in_the_future", "at");
  // A fresh reading within the protocol's 2-25 °C, taken an hour ago.
  const std::string an_hour_ago = Clock::fixed(Clock::system().now_ms() / 1000 * 1000 - kStorageHourMs).now_iso();
  auto p =
      ok(lab.post(path(0, "storage"), {{"temperature_c", 4.5}, {"location", "fridge 2"}, {"at", an_hour_ago}})).json();
  EXPECT_EQ(p["state"], "received");
  // Nothing to thaw yet; an unprocessed product is not frozen.
  expect_refused(post("thaw", nlohmann::json::object()), 409, "product_not_frozen", "state");
  expect_refused(post("freeze", nlohmann::json::object()), 409, "product_not_processed", "state");
  ok(lab.post(path(0, "process"), {{"method", "density_gradient"}}));
  p = ok(lab.post(path(0, "freeze"), {{"location", "tank 1"}, {"temperature_c", -160}})).json();
  ASSERT_FALSE(p["storage"]["frozen_at"].is_null()) << p;
  EXPECT_EQ(storage_ms_of(p["expires_at"]) - storage_ms_of(p["storage"]["frozen_at"]), 365LL * 24 * kStorageHourMs)
      << "the protocol's frozen shelf life counts from the freeze, not the harvest";
  expect_refused(post("freeze", nlohmann::json::object()), 409, "product_already_frozen", "state");
  // -100 °C is warm for a frozen product: an excursion, and the product is quarantined.
  p = ok(lab.post(path(0, "storage"), {{"temperature_c", -100}, {"location", "tank 1"}})).json();
  EXPECT_EQ(p["state"], "quarantined");
  p = ok(lab.post(path(0, "thaw"), {{"location", "lab"}})).json();
  EXPECT_EQ(storage_ms_of(p["expires_at"]) - storage_ms_of(p["storage"]["thawed_at"]), 4 * kStorageHourMs)
      << "the protocol's four hours from the thaw";
  expect_refused(post("thaw", nlohmann::json::object()), 409, "product_already_thawed", "state");
  const auto t = trace(0);
  ASSERT_EQ(t["readings"].size(), 3u) << t;
  EXPECT_EQ(t["readings"][0]["at"], an_hour_ago);
  EXPECT_EQ(t["readings"][0]["location"], "fridge 2");
  EXPECT_EQ(t["readings"][0]["by"], "lab.a");
  EXPECT_EQ(t["readings"][0]["excursion"], false);
  EXPECT_EQ(t["readings"][1]["temperature_c"], -160);
  EXPECT_EQ(t["readings"][1]["excursion"], false);
  EXPECT_EQ(t["readings"][2]["excursion"], true);
  std::vector<std::string> kinds;
  for (const auto& e : t["events"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"harvest", "receipt", "storage", "processing", "freeze", "storage", "thaw"}));
  // Another centre sees no such product; a coordinator may not record readings.
  EXPECT_EQ(as("lab.b").post(path(0, "storage"), {{"temperature_c", 4}}).status, 404);
  EXPECT_EQ(as("coordinator.a").post(path(0, "storage"), {{"temperature_c", 4}}).status, 403);
}

TEST_F(ProductStorage, AProductBackFromTheatreIsQuarantinedUntilClearedAndReleasedAgain) {
  const Client lab = as("lab.a"), lab2 = as("lab2.a");
  expect_refused(
      [&] {
        return lab.post(path(1, "return"), {{"reason", "theatre cancelled"}});
      },
      409, "product_return_not_released", "state");
  ok(lab.post(path(1, "process"), {{"method", "density_gradient"}}));
  ok(lab.post(path(1, "qc"), {{"total_nucleated_cells", 3e8},
                              {"viability_percent", 90},
                              {"sterility", {{"result", "passed"}}},
                              {"complete", true}}));
  ok(lab2.post(path(1, "release"), nlohmann::json::object()));
  expect_refused([&] { return lab.post(path(1, "return"), {{"reason", "  "}}); }, 422, "required", "reason");
  auto p = ok(lab.post(path(1, "return"), {{"reason", "the list ran late"}, {"temperature_c", 18.5}})).json();
  EXPECT_EQ(p["state"], "quarantined") << "whatever its temperature, it waits for the lab's look";
  // At the bedside it is refused as quarantined.
  const Reply check = as("surgeon.a").post("/api/v1/products/verify", {{"din", dins_[1]}, {"mrn", "MRN-a"}});
  EXPECT_EQ(check.status, 409);
  EXPECT_EQ(check.json()["error"]["reason"], "quarantined") << check.body;
  expect_refused([&] { return lab.post(path(1, "clear"), nlohmann::json::object()); }, 422, "required", "reason");
  // A product never processed cannot be cleared.
  ok(lab.post(path(2, "quarantine"), {{"reason", "label smudged"}}));
  expect_refused(
      [&] {
        return lab.post(path(2, "clear"), {{"reason", "relabelled"}});
      },
      409, "product_not_processed", "state");
  p = ok(lab.post(path(1, "clear"), {{"reason", "seal intact, 18.5 °C, within 2 h"}})).json();
  EXPECT_EQ(p["state"], "awaiting_release");
  EXPECT_TRUE(p["release"]["by"].is_null()) << "cleared, it needs a release again";
  ok(lab2.post(path(1, "release"), nlohmann::json::object()));
  EXPECT_EQ(as("surgeon.a").post("/api/v1/products/verify", {{"din", dins_[1]}, {"mrn", "MRN-a"}}).status, 200);
  const auto t = trace(1);
  std::vector<std::string> kinds;
  for (const auto& e : t["events"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"harvest", "receipt", "processing", "qc", "release", "return",
                                             "bedside_check", "clearance", "release", "bedside_check"}));
  ASSERT_EQ(t["readings"].size(), 1u);
  EXPECT_EQ(t["readings"][0]["temperature_c"], 18.5);
}

TEST_F(ProductStorage, PassagesCarryTheirDatesAndTheIsctPanelGivesTheVerdict) {
  const Client lab = as("lab.a");
  const CivilDate today = Clock::system().today();
  const auto day = [&](int ago) { return today.plus_days(-ago).iso(); };
  // Passages belong to a culture expansion only.
  ok(lab.post(path(2, "process"), {{"method", "density_gradient"}}));
  expect_refused([&] { return lab.call("PUT", path(2, "passages"), R"({"passages": []})"); }, 409,
                 "passages_only_for_expansion", "passages");
  ok(lab.post(path(0, "process"), {{"method", "culture_expansion"}}));
  const auto put = [&](const nlohmann::json& body) {
    return [=, this] { return lab.call("PUT", path(0, "passages"), body.dump()); };
  };
  expect_refused(put({{"passages", "three"}}), 422, "not_an_object_list", "passages");
  expect_refused(put({{"passages", {{{"harvested_on", day(20)}}}}}), 422, "required", "passages[0].seeded_on");
  expect_refused(put({{"passages",
                       {{{"seeded_on", day(21)}, {"harvested_on", day(14)}},
                        {{"seeded_on", day(16)}, {"harvested_on", day(9)}}}}}),
                 422, "passage_before_previous", "passages[1].seeded_on");
  expect_refused(put({{"passages", {{{"seeded_on", day(21)}}, {{"seeded_on", day(14)}}}}}), 422, "passage_not_finished",
                 "passages[0].harvested_on");
  expect_refused(put({{"passages", {{{"seeded_on", day(3)}, {"harvested_on", day(-2)}}}}}), 422, "in_the_future",
                 "passages[0].harvested_on");
  expect_refused(put({{"passages", {{{"seeded_on", day(3)}, {"harvested_on", day(5)}}}}}), 422,
                 "passage_harvest_before_seeding", "passages[0].harvested_on");
  auto p = ok(lab.call("PUT", path(0, "passages"),
                       nlohmann::json{{"passages",
                                       {{{"seeded_on", day(21)}, {"harvested_on", day(14)}},
                                        {{"seeded_on", day(14)}, {"harvested_on", day(7)}},
                                        {{"seeded_on", day(7)}}}}}
                           .dump()))
               .json();
  EXPECT_EQ(p["processing"]["passages"], 3);
  auto t = trace(0);
  ASSERT_EQ(t["passages"].size(), 3u) << t;
  EXPECT_EQ(t["passages"][1]["n"], 2);
  EXPECT_EQ(t["passages"][1]["seeded_on"], day(14));
  EXPECT_EQ(t["passages"][1]["harvested_on"], day(7));
  EXPECT_TRUE(t["passages"][2]["harvested_on"].is_null());

  // The ISCT panel: a verdict beside a panel is refused; a percentage past 100 named.
  const auto qc = [&](const nlohmann::json& body) { return [=, this] { return lab.post(path(0, "qc"), body); }; };
  expect_refused(qc({{"isct_markers_met", true}, {"isct_markers", {{"cd105", 99}}}}), 422, "give_one_not_both",
                 "isct_markers_met");
  expect_refused(qc({{"isct_markers", {{"cd105", 101}}}}), 422, "number_range", "isct_markers.cd105");
  // Half a panel: no verdict yet.
  p = ok(lab.post(path(0, "qc"), {{"isct_markers", {{"cd105", 98.5}, {"cd73", 99}, {"cd90", 97}}}})).json();
  EXPECT_TRUE(p["counts"]["isct_markers_met"].is_null()) << p;
  // The negatives, CD34 at 4 %: the panel misses, and the release names the criterion.
  p = ok(lab.post(path(0, "qc"),
                  {{"isct_markers",
                    {{"cd45", 0.5}, {"cd34", 4}, {"cd14_or_cd11b", 1}, {"cd79a_or_cd19", 0.2}, {"hla_dr", 1.5}}},
                   {"total_nucleated_cells", 5e7},
                   {"viability_percent", 92},
                   {"sterility", {{"result", "passed"}}},
                   {"complete", true}}))
          .json();
  EXPECT_EQ(p["counts"]["isct_markers_met"], false);
  EXPECT_EQ(p["counts"]["isct_markers"]["cd105"], 98.5);
  EXPECT_EQ(p["counts"]["isct_markers"]["cd34"], 4);
  const Reply refused = as("lab2.a").post(path(0, "release"), nlohmann::json::object());
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("isct_markers"), std::string::npos) << refused.body;
}

// A sterility culture takes days: released on a surgeon's exception with it pending, the
// product stands on the worklist until its result is in; a late failure quarantines it.
TEST_F(ProductStorage, ALatePendingResultIsChasedOnTheWorklistAndAFailureQuarantines) {
  const Client lab = as("lab.a");
  const CivilDate today = Clock::system().today();
  for (int i = 0; i < 2; ++i) {
    ok(lab.post(path(i, "process"), {{"method", "density_gradient"}}));
    ok(lab.post(path(i, "qc"), {{"total_nucleated_cells", 3e8},
                                {"viability_percent", 90},
                                {"sterility", {{"result", "pending"}, {"due", today.plus_days(i == 0 ? 3 : -1).iso()}}},
                                {"complete", true}}));
    ok(as("surgeon.a").post(path(i, "release"), {{"exception", {{"reason", "culture reads at day 7"}}}}));
  }
  nlohmann::json w = as("coordinator.a").get("/api/v1/worklist").json();
  ASSERT_EQ(w["qc_due"].size(), 2u) << w["qc_due"];
  EXPECT_EQ(w["qc_due"][0]["din"], dins_[1]) << "the overdue one first";
  EXPECT_EQ(w["qc_due"][0]["overdue"], true);
  EXPECT_EQ(w["qc_due"][0]["test"], "sterility");
  EXPECT_EQ(w["qc_due"][0]["mrn"], "MRN-a");
  EXPECT_EQ(w["qc_due"][1]["due"], today.plus_days(3).iso());
  EXPECT_EQ(w["qc_due"][1]["overdue"], false);
  EXPECT_TRUE(as("coordinator.b").get("/api/v1/worklist").json()["qc_due"].empty()) << "another centre's lab";
  // Once released only a pending result is completed: nothing else, no test not pending.
  expect_refused(
      [&] {
        return lab.post(path(0, "qc"), {{"viability_percent", 95}});
      },
      409, "product_transition_not_allowed", "state");
  expect_refused(
      [&] {
        return lab.post(path(0, "qc"), {{"endotoxin", {{"result", "passed"}}}});
      },
      409, "qc_result_not_pending", "endotoxin");
  auto p = ok(lab.post(path(0, "qc"), {{"sterility", {{"result", "passed"}}}})).json();
  EXPECT_EQ(p["state"], "released");
  p = ok(lab.post(path(1, "qc"), {{"sterility", {{"result", "failed"}}}})).json();
  EXPECT_EQ(p["state"], "quarantined") << "the exception covered a pending culture, not a failed one";
  const Reply check = as("surgeon.a").post("/api/v1/products/verify", {{"din", dins_[1]}, {"mrn", "MRN-a"}});
  EXPECT_EQ(check.json()["error"]["reason"], "quarantined") << check.body;
  w = as("coordinator.a").get("/api/v1/worklist").json();
  EXPECT_TRUE(w["qc_due"].empty()) << w["qc_due"];
}

}  // namespace
}  // namespace rp::test
