// The typed answers of the admin and registry routes (api/contract/{reports,protocols}.hpp)
// are what the command line prints: the outcome report through the same encoder
// (api/contract/reports.cpp, whose typed report the HTML page is rendered from too), a
// protocol as api/json_pathway.cpp writes it. Checked on the demo
// clinic, whose report has every section (survival, trajectories, responders, funnel,
// log-rank, claims), read over HTTP by an analyst and printed by `regenpath report`
// (the analyst's with its small cells suppressed).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "api/json_pathway.hpp"
#include "http_test_support.hpp"
#include "service/protocols.hpp"

namespace rp::test {
namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

class TypedAdminAnswers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = dir_->file("demo.db");
    // The demo with an analyst's account, made once per build (made_once.hpp).
    const std::filesystem::path made = made_once("typed-admin-answers", [](const std::filesystem::path& into) {
      const std::string db = (into / "demo.db").string();
      std::filesystem::copy_file(demo_made_once(""), db);
      auto store = store::open_sqlite(db);
      service::Accounts accounts(*store, Clock::system());
      service::Pathway pathway(*store, Clock::system());
      accounts.create(service::Actor::cli_operator(), "analyst.typed", "analyst", pathway.centres().front().id,
                      kPassword);
    });
    std::filesystem::copy_file(made / "demo.db", db_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
};

// Where the analyst's answer differs from the operator's printed one, it is by a
// suppressed small cell only: a null for a number, an empty survival curve or marks (and
// no median) beside counts that are null, a `suppressed` flag set. Counts those.
int suppressed_differences(const nlohmann::json& answered, const nlohmann::json& printed, const std::string& path) {
  if (answered.dump() == printed.dump()) return 0;
  if (answered.is_null() && (printed.is_number() || printed.is_object())) return 1;
  if (answered.is_boolean() && path.ends_with("/suppressed")) {
    EXPECT_TRUE(answered.get<bool>()) << path << ": set for the analyst where the operator's is not";
    return 0;
  }
  if (answered.is_array() && answered.empty() && (path.ends_with("/curve") || path.ends_with("/censored"))) return 1;
  if (answered.is_object() && printed.is_object() && answered.size() == printed.size()) {
    int n = 0;
    for (const auto& [key, value] : printed.items()) {
      EXPECT_TRUE(answered.contains(key)) << path << "/" << key;
      if (answered.contains(key)) n += suppressed_differences(answered[key], value, path + "/" + key);
    }
    return n;
  }
  if (answered.is_array() && printed.is_array() && answered.size() == printed.size()) {
    int n = 0;
    for (std::size_t i = 0; i < printed.size(); ++i)
      n += suppressed_differences(answered[i], printed[i], path + "/" + std::to_string(i));
    return n;
  }
  ADD_FAILURE() << path << ": answered " << answered.dump().substr(0, 200) << ", printed "
                << printed.dump().substr(0, 200);
  return 0;
}

TEST_F(TypedAdminAnswers, TheOutcomeReportIsTheOneTheCommandLinePrints) {
  ServerProcess server(db_);
  Client analyst{server.port()};
  ASSERT_EQ(analyst.login("analyst.typed").status, 200);
  const Reply r = analyst.get("/api/v1/reports/outcomes");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json answered = r.json();
  const nlohmann::json printed =
      nlohmann::json::parse(run(std::string(RP_BINARY) + " report outcomes --format json --db " + db_));
  // Every section is there to compare (the demo clinic has them all).
  ASSERT_GE(answered["scopes"].size(), 2U);
  EXPECT_FALSE(printed["scopes"][0]["survival"]["curve"].empty());
  EXPECT_FALSE(printed["scopes"][0]["trajectories"].empty());
  EXPECT_TRUE(answered["funnel"].is_object());
  EXPECT_TRUE(answered["claims"].is_array());
  // dump() tells 3 from 3.0: an integer written as a double would differ here. The
  // analyst reads the demo's small cells suppressed; the operator at the command line
  // reads the clinic's own records whole.
  const int hidden = suppressed_differences(answered, printed, "");
  EXPECT_EQ(hidden > 0, answered["suppressed"].get<bool>()) << hidden;
  EXPECT_FALSE(printed["suppressed"].get<bool>());
}

TEST_F(TypedAdminAnswers, AProtocolIsTheOneTheCommandLineReads) {
  ServerProcess server(db_);
  Client analyst{server.port()};
  ASSERT_EQ(analyst.login("analyst.typed").status, 200);
  for (const auto& id : service::protocol_names()) {
    SCOPED_TRACE(id);
    const Reply r = analyst.get("/api/v1/protocols/" + id);
    ASSERT_EQ(r.status, 200) << r.body;
    nlohmann::json answered = r.json();
    EXPECT_EQ(answered["yaml"], service::protocol_source(id));
    answered.erase("yaml");
    EXPECT_EQ(answered.dump(), api::to_json(*service::load_protocol(id)).dump());
  }
}

}  // namespace
}  // namespace rp::test
