// More messages that did not reach their patients than the worklist lists: the coordinator
// reads the latest due, and the true number of them, never a count that stops at the page.
// A real server on a real SQLite file.
#include <gtest/gtest.h>

#include "http_test_support.hpp"
#include "planned_messages_support.hpp"
#include "service/worklist.hpp"

namespace rp::test {
namespace {

TEST(UndeliveredWorklist, ThePageListsTheLatestAndTheTotalCountsThemAll) {
  TempDir dir;
  const std::string db = dir.file("undelivered.db");
  const Seeded seeded = seed_with_planned_messages(db);
  const int total = service::kUndeliveredMessagesShown + 7;
  {
    auto store = store::open_store(db);
    store->write([&](store::Transaction& tx) {
      const auto planned = tx.messages_of_patient(seeded.patient_a, 1);
      ASSERT_EQ(planned.size(), 1U);
      for (int i = 0; i < total; ++i) {
        store::MessageRow m = planned[0];
        m.dedupe_key = "undelivered:" + std::to_string(i);
        m.due_at = "2026-11-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) + "T06:00:00.000Z";
        const auto id = tx.insert_message(m);
        ASSERT_TRUE(id);
        m = *tx.find_message(*id);
        m.state = i % 2 ? store::MessageState::failed : store::MessageState::unknown;
        tx.update_message(m);
      }
    });
  }
  ServerProcess server(db);
  Client coordinator{server.port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  const Reply reply = coordinator.get("/api/v1/worklist");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json w = reply.json();
  const nlohmann::json listed = w["undelivered_messages"];
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(service::kUndeliveredMessagesShown));
  EXPECT_EQ(w["undelivered_total"], total);
  for (std::size_t i = 1; i < listed.size(); ++i)
    EXPECT_GE(listed[i - 1]["due_at"].get<std::string>(), listed[i]["due_at"].get<std::string>()) << "latest first";
  Client other{server.port()};
  ASSERT_EQ(other.login("coordinator.b").status, 200);
  EXPECT_EQ(other.get("/api/v1/worklist").json()["undelivered_total"], 0) << "another centre's are not counted";
}

}  // namespace
}  // namespace rp::test
