// The typed answers of the admin and registry routes (api/contract/{reports,protocols}.hpp)
// are what the command line prints: the outcome report through the same encoder
// (api/contract/reports.cpp, whose typed report the HTML page is rendered from too), a
// protocol as api/json_pathway.cpp writes it. Checked on the demo
// clinic, whose report has every section (survival, trajectories, responders, funnel,
// log-rank, claims), read over HTTP by an analyst and printed by `regenpath report`.
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
    ASSERT_EQ(
        std::system((std::string(RP_BINARY) + " demo --no-serve --data " + dir_->file("") + " > /dev/null").c_str()),
        0);
    auto store = store::open_sqlite(db_);
    service::Accounts accounts(*store, Clock::system());
    service::Pathway pathway(*store, Clock::system());
    accounts.create(service::Actor::cli_operator(), "analyst.typed", "analyst", pathway.centres().front().id,
                    kPassword);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
};

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
  EXPECT_FALSE(answered["scopes"][0]["survival"]["curve"].empty());
  EXPECT_FALSE(answered["scopes"][0]["trajectories"].empty());
  EXPECT_TRUE(answered["funnel"].is_object());
  EXPECT_TRUE(answered["claims"].is_array());
  // dump() tells 3 from 3.0: an integer written as a double would differ here.
  EXPECT_EQ(answered.dump(), printed.dump());
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
