// A server killed (SIGKILL) while the SMS gateway holds a message it sent: the message was
// claimed before the request left, so after a restart it is neither lost nor sent again.
// It stays `sending` while a send could still be in flight, then becomes `unknown`, for a
// person to check with the provider, and waits on the coordinator's worklist. Real
// servers, a real SQLite file and a real HTTP gateway stand-in (tests/channels/sms_sink.py).
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "../support/python_sink.hpp"
#include "http_test_support.hpp"
#include "planned_messages_support.hpp"
#include "service/messaging/on_call_alert.hpp"

namespace rp::test {
namespace {

std::vector<std::string> gateway_env(const PythonSink& sink, const std::string& path) {
  return {"REGENPATH_SMS_URL=" + sink.url(path),
          "REGENPATH_SMS_CONTENT_TYPE=json",
          R"(REGENPATH_SMS_BODY={"receptor":"{to_local}","message":"{text}","localid":"{key}"})",
          "REGENPATH_SMS_MESSAGE_ID_PATH=entries[0].messageid",
          "REGENPATH_SMS_SUCCESS_PATH=return.status",
          "REGENPATH_SMS_SUCCESS_VALUE=200",
          "REGENPATH_SMS_TIMEOUT_MS=25000",
          "REGENPATH_MESSAGES_INTERVAL_S=1"};
}

TEST(CrashMidSend, AMessageInFlightWhenTheServerIsKilledIsNeitherLostNorSentAgain) {
  TempDir dir;
  const std::string db = dir.file("crash.db"), log = dir.file("log");
  const Seeded seeded = seed(db);
  {
    // A message due now: a red flag's alert to the on-call clinician (sent at any hour).
    auto store = store::open_store(db);
    store->write([&](store::Transaction& tx) {
      Centre centre = *tx.find_centre("a");
      centre.on_call_mobile = "+989127776655";
      tx.upsert_centre(centre);
      const Clock clock = Clock::system();
      ASSERT_TRUE(service::messaging::queue_on_call_alert(tx, centre, *tx.find_patient(seeded.patient_a), 1,
                                                          clock.now_iso(), clock.now_ms()));
    });
  }
  const auto state = [&] { return count_in(db, "SELECT COUNT(*) FROM messages WHERE state = 'sending'"); };
  PythonSink sink("sms_sink.py");
  {
    // The gateway takes the request and answers nothing: the send is in flight.
    ServerProcess server(db, gateway_env(sink, "/hang/send"), log);
    ASSERT_EQ(sink.await_records(1).size(), 1U);
    EXPECT_EQ(state(), 1) << "claimed before the request left";
    EXPECT_EQ(server.stop(SIGKILL), -SIGKILL);
  }
  // Restarted with a gateway that answers: passes run (one a second), and none sends the
  // message again, since it may have gone.
  ServerProcess server(db, gateway_env(sink, "/ok/send"), log);
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  EXPECT_EQ(sink.records().size(), 1U);
  EXPECT_EQ(state(), 1);
  // Once no send can still be in flight (five minutes after the claim), a pass makes it
  // `unknown`, and it still is not sent.
  const auto pass = run_messages_cli(
      db, "run --now " + Clock::fixed(Clock::system().now_ms() + 6 * 60'000).now_iso().substr(0, 19) + "Z");
  ASSERT_TRUE(pass.is_object()) << pass;
  EXPECT_EQ(pass["marked_unknown"], 1) << pass;
  EXPECT_EQ(pass["sent"], 0);
  EXPECT_EQ(count_in(db, "SELECT COUNT(*) FROM messages WHERE state = 'unknown' AND attempts = 1"), 1);
  EXPECT_EQ(count_in(db, "SELECT COUNT(*) FROM message_attempts WHERE outcome = 'unknown'"), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(sink.records().size(), 1U);
  // The coordinator sees it on the worklist, to check with the provider.
  Client coordinator{server.port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  const nlohmann::json worklist = coordinator.get("/api/v1/worklist").json();
  ASSERT_EQ(worklist["undelivered_messages"].size(), 1U) << worklist["undelivered_messages"];
  EXPECT_EQ(worklist["undelivered_messages"][0]["state"], "unknown");
  EXPECT_EQ(worklist["undelivered_total"], 1);
}

}  // namespace
}  // namespace rp::test
