// `regenpath product list | verify | trace` on the demo clinic, which has products in
// every state: the bedside check passes only the donor's wristband on a released,
// unexpired product, and refuses every other case with exit 2 and the verdict's code.
#include <gtest/gtest.h>

#include <set>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

class ProductCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::remove_all(scratch() / "product-demo");
    const auto r = run("demo --no-serve --patients 30 --data " + (scratch() / "product-demo").string(), "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
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

}  // namespace
}  // namespace rp::cli_test
