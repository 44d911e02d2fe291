// Who injected, over real HTTP on a real SQLite file: the list the screen offers, the
// details update that records it, its refusal for anyone but the centre's active surgeons,
// and the record that reads it back (staff only: the patient portal does not show it).
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class InjectingOperatorHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("clinic.db");
    seeded_ = seed(db_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
    for (auto* c : {&coordinator_, &lab_, &surgeon_b_}) c->port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(lab_.login("lab.a").status, 200);
    ASSERT_EQ(surgeon_b_.login("surgeon.b").status, 200);
    episode_ = "/api/v1/episodes/" + std::to_string(seeded_.episode_a);
  }
  Reply patch(const Client& c, const nlohmann::json& body) const { return c.call("PATCH", episode_, body.dump()); }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_, lab_, surgeon_b_;
  std::string episode_;
};

TEST_F(InjectingOperatorHttp, TheCentresSurgeonsAreOfferedRecordedAndReadBack) {
  Reply r = coordinator_.get(episode_ + "/operators");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json offered = r.json();
  EXPECT_EQ(offered["usernames"], nlohmann::json::array({"surgeon.a"}));
  // The lab records no details, and another centre's staff do not see the episode.
  EXPECT_EQ(lab_.get(episode_ + "/operators").status, 403);
  EXPECT_EQ(surgeon_b_.get(episode_ + "/operators").status, 404);

  for (const char* who : {"surgeon.b", "coordinator.a", "nobody"}) {
    r = patch(coordinator_, {{"injected_by", who}});
    EXPECT_EQ(r.status, 422) << who;
    const nlohmann::json refused = r.json();
    EXPECT_EQ(refused["error"]["field"], "injected_by") << r.body;
  }
  r = patch(coordinator_, {{"injected_by", "surgeon.a"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json updated = r.json();
  EXPECT_EQ(updated["injected_by"], "surgeon.a");
  EXPECT_EQ(updated["changed"], true);

  r = coordinator_.get(episode_);
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json record = r.json();
  EXPECT_EQ(record["injected_by"], "surgeon.a");
  r = coordinator_.get(episode_ + "/timeline");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json timeline = r.json();
  EXPECT_EQ(timeline["injected_by"], "surgeon.a");
}

}  // namespace
}  // namespace rp::test
