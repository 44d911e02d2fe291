// SIGKILL the server during a burst of concurrent questionnaire submissions; after a
// restart every acknowledged submission is present exactly once, and retrying any
// submission with its idempotency key never creates a second copy.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

std::map<std::string, int> stored_keys(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d, "SELECT idempotency_key, COUNT(*) FROM questionnaire_responses GROUP BY 1");
  std::map<std::string, int> out;
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt();
  return out;
}

TEST(CrashSafety, AcknowledgedSubmissionsSurviveSigkillExactlyOnce) {
  TempDir dir;
  const std::string db = dir.file("crash.db");
  const Seeded seeded = seed(db);
  // Three I/O threads, whatever the machine: the default (cores less one) is one on two
  // cores, and the concurrent burst should also cross threads.
  auto server = std::make_unique<ServerProcess>(db, std::vector<std::string>{"REGENPATH_IO_THREADS=3"});
  Client c{server->port()};
  ASSERT_EQ(c.login("coordinator.a").status, 200);
  const std::string path = "/api/v1/episodes/" + std::to_string(seeded.episode_a) + "/questionnaires";
  const nlohmann::json body = {{"instrument", "nrs"}, {"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}};

  std::mutex m;
  std::set<std::string> acked, attempted;
  std::atomic<bool> dead{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; !dead; ++i) {
        const std::string key = "t" + std::to_string(t) + "-" + std::to_string(i);
        {
          std::lock_guard lock(m);
          attempted.insert(key);
        }
        Reply r;
        try {
          r = c.post(path, body, {{"Idempotency-Key", key}});
        } catch (const std::exception&) {
          return;  // the server is gone
        }
        if (r.status == 201) {
          std::lock_guard lock(m);
          acked.insert(key);
        } else if (r.status == 0) {
          return;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(server->stop(SIGKILL), -SIGKILL);
  dead = true;
  for (auto& t : threads) t.join();
  ASSERT_GT(acked.size(), 20u) << "the burst was too small to mean anything";

  server = std::make_unique<ServerProcess>(db);  // restart: recovery from the WAL
  auto stored = stored_keys(db);
  for (const auto& key : acked) EXPECT_EQ(stored[key], 1) << key;
  // Retrying every attempted submission never duplicates one.
  Client again{server->port()};
  ASSERT_EQ(again.login("coordinator.a").status, 200);
  for (const auto& key : attempted) {
    const Reply r = again.post(path, body, {{"Idempotency-Key", key}});
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.body;
    if (acked.count(key)) {
      EXPECT_EQ(r.status, 200) << key;  // replayed, not stored again
    }
  }
  stored = stored_keys(db);
  for (const auto& key : attempted) EXPECT_EQ(stored[key], 1) << key;
  EXPECT_EQ(stored.size(), attempted.size());
}

}  // namespace
}  // namespace rp::test
