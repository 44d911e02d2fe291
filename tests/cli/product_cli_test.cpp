// `regenpath product list | verify | trace` on the demo clinic, which has products in
// every state: the bedside check passes only the donor's wristband on a released,
// unexpired product, and refuses every other case with exit 2 and the verdict's code.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "../support/made_once.hpp"
#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

class ProductCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::remove_all(scratch() / "product-demo");
    std::filesystem::create_directories(scratch() / "product-demo");
    std::filesystem::copy_file(test::demo_made_once("--patients 30"), scratch() / "product-demo" / "demo.db");
  }
  static std::string db() { return " --db " + (scratch() / "product-demo" / "demo.db").string(); }
  static nlohmann::json list(const std::string& state) {
    const auto r = run("product list --state " + state + db(), "");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? r.json() : nlohmann::json::array();
  }
  static std::string code_of(const CliRun& r) { return nlohmann::json::parse(r.err).at("error").at("code"); }
};

TEST_F(ProductCli, TheDemoHasProductsInEveryState) {
  const auto all = run("product list" + db(), "");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::set<std::string> states;
  const auto products = all.json();
  for (const auto& p : products) {
    states.insert(p["state"]);
    EXPECT_EQ(p["din"].get<std::string>().size(), 14U);
    EXPECT_TRUE(p["patient"]["id"].is_number_integer());
    EXPECT_FALSE(p["patient"]["mrn"].get<std::string>().empty());
  }
  EXPECT_EQ(states, (std::set<std::string>{"received", "processing", "qc_pending", "awaiting_release", "released",
                                           "quarantined", "used", "discarded", "expired"}));
  for (const auto& p : list("quarantined")) EXPECT_EQ(p["state"], "quarantined");
  const auto bad = run("product list --state shipped" + db(), "");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.error_field(), "state");
}

TEST_F(ProductCli, VerifyPassesOnlyTheDonorsReleasedProduct) {
  const auto released = list("released").at(0);
  const std::string din = released["din"], mrn = released["patient"]["mrn"];
  auto r = run("product verify --din " + din + " --mrn " + mrn + db(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["verdict"], "ok");
  EXPECT_EQ(r.json()["patient"]["mrn"], mrn);

  // Another patient's wristband.
  const std::string other = list("used").at(0)["patient"]["mrn"];
  ASSERT_NE(other, mrn);
  r = run("product verify --din " + din + " --mrn " + other + db(), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(code_of(r), "wrong_patient");
  EXPECT_TRUE(r.out.empty());

  // Each state that must not be injected, with its donor's own wristband.
  const std::pair<const char*, const char*> cases[] = {{"awaiting_release", "not_released"},
                                                       {"received", "not_released"},
                                                       {"quarantined", "quarantined"},
                                                       {"used", "used"},
                                                       {"expired", "expired"}};
  for (const auto& [state, code] : cases) {
    const auto p = list(state).at(0);
    r = run("product verify --din " + p["din"].get<std::string>() + " --mrn " + p["patient"]["mrn"].get<std::string>() +
                db(),
            "");
    EXPECT_EQ(r.exit_code, 2) << state;
    EXPECT_EQ(code_of(r), code) << state << ": " << r.err;
  }

  // A wrong check character names the field din.
  const char wrong = din.back() == 'A' ? 'B' : 'A';
  r = run("product verify --din " + din.substr(0, 13) + wrong + " --mrn " + mrn + db(), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "din");

  // Every check, passed or refused, is in the product's custody chain.
  r = run("product trace " + din + db(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto chain = r.json();
  int checks = 0;
  for (const auto& e : chain["events"]) checks += e["kind"] == "bedside_check";
  EXPECT_EQ(checks, 2);
  EXPECT_EQ(chain["events"][0]["kind"], "harvest");
}

// Every product is a record the audit chain vouches for: the demo's products (and the
// checks the tests above ran through regenpath) verify, each one checked; a product's row
// changed and a custody event deleted outside regenpath are each named.
TEST_F(ProductCli, AProductChangedBehindRegenpathsBackIsNamedByAuditVerify) {
  const auto copy = scratch() / "product-tampered.db";
  std::filesystem::copy_file(scratch() / "product-demo" / "demo.db", copy,
                             std::filesystem::copy_options::overwrite_existing);
  std::int64_t products = 0, viable = 0, chained = 0;
  {
    SQLite::Database d(copy.string());
    products = d.execAndGet("SELECT COUNT(*) FROM products").getInt64();
    viable = d.execAndGet("SELECT MIN(id) FROM products WHERE viability_percent IS NOT NULL").getInt64();
    chained = d.execAndGet("SELECT MAX(product_id) FROM product_events").getInt64();
  }
  ASSERT_GT(products, 9);
  ASSERT_NE(viable, chained);
  auto r = run("audit verify --db " + copy.string(), "");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(r.json()["records"]["changed"].empty()) << r.out;
  EXPECT_EQ(r.json()["records"]["unchecked"], 0);
  {
    SQLite::Database d(copy.string(), SQLite::OPEN_READWRITE);
    d.exec("UPDATE products SET viability_percent = viability_percent - 20 WHERE id = " + std::to_string(viable));
    d.exec("DELETE FROM product_events WHERE id = (SELECT MAX(id) FROM product_events WHERE product_id = " +
           std::to_string(chained) + ")");
  }
  r = run("audit verify --db " + copy.string(), "");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  const auto verdict = r.json();
  std::set<std::string> named;
  for (const auto& c : verdict["records"]["changed"]) named.insert(c["kind"].get<std::string>() + " " + c["id"].dump());
  EXPECT_EQ(named, (std::set<std::string>{"product " + std::to_string(viable), "product " + std::to_string(chained)}))
      << r.out;
}

// The facility code of a centre from the command line, where centres are set: checked and
// kept upper case, left as it was when a change does not name it.
TEST_F(ProductCli, ACentresFacilityCodeIsSetWhereCentresAre) {
  const std::string centre = "centre add" + db() + " --id facility-test --name-en Lab --name-fa آزمایشگاه";
  auto r = run(centre + " --facility-code 0bad1", "");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.error_field(), "facility_code");
  r = run(centre + " --facility-code a1b2c", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["facility_code"], "A1B2C");
  ASSERT_EQ(run(centre + " --phone 021-555", "").exit_code, 0);
  const auto listed = run("centre list" + db(), "");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::string kept = "missing";
  for (const auto& c : listed.json())
    if (c["id"] == "facility-test") kept = c["facility_code"];
  EXPECT_EQ(kept, "A1B2C");
}

// The on-call clinician's mobile, where centres are set: any usual form kept as
// +989XXXXXXXXX, a wrong one refused naming the field, left as it was when not named.
TEST_F(ProductCli, ACentresOnCallMobileIsSetWhereCentresAre) {
  const std::string centre = "centre add" + db() + " --id on-call-test --name-en Clinic --name-fa درمانگاه";
  auto r = run(centre + " --on-call-mobile 02112345678", "");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.error_field(), "on_call_mobile");
  r = run(centre + " --on-call-mobile '0912 777 6655'", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["on_call_mobile"], "+989127776655");
  ASSERT_EQ(run(centre + " --phone 021-555", "").exit_code, 0);
  std::string kept = "missing";
  const auto listed = run("centre list" + db(), "");
  for (const auto& c : listed.json())
    if (c["id"] == "on-call-test") kept = c["on_call_mobile"];
  EXPECT_EQ(kept, "+989127776655");
}

}  // namespace
}  // namespace rp::cli_test
