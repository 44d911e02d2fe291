// The staff's live event stream (GET /api/v1/events, Server-Sent Events) on a real server:
// a red flag a patient raises reaches the open streams of their own centre at once, and
// never another centre's; its acknowledgement (with what was done) follows. No session is
// 401; the stream outlives the request deadline; streams are bounded per account and
// overall, a closed tab frees its slot at once, and signing out ends the stream. The
// patient's portal then shows the report was seen, by role, never by name.
#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <thread>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// An open event stream as a browser's EventSource holds it: the reply head, then the
// events as they arrive.
class Stream {
 public:
  Stream(int port, const std::string& cookie) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
    const std::string req = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n" +
                            (cookie.empty() ? std::string() : "Cookie: " + cookie + "\r\n") + "\r\n";
    ::send(fd_, req.data(), req.size(), MSG_NOSIGNAL);
    // The head, and for a refusal its whole body (Content-Length).
    wait_for("\r\n\r\n", milliseconds(5000));
    head_ = parse_reply(in_);
    const std::string length = head_.header("content-length");
    if (!length.empty()) {
      const std::size_t want = in_.find("\r\n\r\n") + 4 + std::stoul(length);
      while (in_.size() < want && read_some(milliseconds(5000))) {
      }
      head_ = parse_reply(in_);
    }
  }
  ~Stream() { close(); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  const Reply& head() const { return head_; }
  const std::string& received() const { return in_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Reads until `needle` appears after what earlier waits consumed, or `wait` passes.
  bool wait_for(const std::string& needle, milliseconds wait) {
    const auto until = steady_clock::now() + wait;
    for (;;) {
      if (const auto at = in_.find(needle, consumed_); at != std::string::npos) {
        consumed_ = at + needle.size();
        return true;
      }
      const auto left = std::chrono::duration_cast<milliseconds>(until - steady_clock::now());
      if (left.count() <= 0 || !read_some(left)) return false;
    }
  }

  // Whether the server ended the stream (end of file) within `wait`.
  bool ended_within(milliseconds wait) {
    const auto until = steady_clock::now() + wait;
    while (steady_clock::now() < until) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<milliseconds>(until - steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
      char buf[4096];
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
      in_.append(buf, static_cast<std::size_t>(n));
    }
    return false;
  }

 private:
  bool read_some(milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    char buf[4096];
    const auto n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string in_;
  std::size_t consumed_ = 0;
  Reply head_;
};

class RedFlagEvents : public ::testing::Test {
 protected:
  void start(std::vector<std::string> env = {}) {
    const std::string db = dir_.file("events.db");
    seeded_ = seed(db);
    env.push_back("REGENPATH_EVENT_HEARTBEAT_S=1");
    server_ = std::make_unique<ServerProcess>(db, env, dir_.file("log"));
    port_ = server_->port();
  }
  Client staff(const std::string& username) {
    Client c{port_};
    EXPECT_EQ(c.login(username).status, 200) << username;
    return c;
  }
  Client patient_a() { return patient_client(port_, dir_.file("log"), seeded_.patient_a); }
  std::int64_t report_flag(const Client& patient) {
    const Reply r = patient.post("/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/red-flags",
                                 {{"category", "swelling"}, {"severity", "moderate"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }

  TempDir dir_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

TEST_F(RedFlagEvents, AFlagReachesItsOwnCentreAtOnceAndNeverAnother) {
  start();
  const Client coordinator_a = staff("coordinator.a"), coordinator_b = staff("coordinator.b");
  const Client surgeon_a = staff("surgeon.a");
  Stream a(port_, coordinator_a.cookie), b(port_, coordinator_b.cookie);
  ASSERT_EQ(a.head().status, 200) << a.head().body;
  ASSERT_EQ(b.head().status, 200);
  EXPECT_EQ(a.head().header("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(a.head().header("content-length"), "");
  // The reconnect delay and the first event, on which the page fetches the open flags.
  EXPECT_TRUE(a.wait_for("retry: ", milliseconds(2000)));
  EXPECT_TRUE(a.wait_for("event: ready", milliseconds(2000)));
  EXPECT_TRUE(b.wait_for("event: ready", milliseconds(2000)));

  const Client patient = patient_a();
  ASSERT_NE(patient.port, 0);
  const auto sent = steady_clock::now();
  const std::int64_t id = report_flag(patient);
  ASSERT_GT(id, 0);
  const std::string raised = "event: red_flag.raised\ndata: {\"episode_id\":" + std::to_string(seeded_.episode_a) +
                             ",\"id\":" + std::to_string(id) + ",\"open\":1}\n\n";
  ASSERT_TRUE(a.wait_for(raised, milliseconds(2000))) << a.received();
  EXPECT_LT(steady_clock::now() - sent, milliseconds(2000));
  // Centre b hears heartbeats only, and nothing of the patient.
  EXPECT_TRUE(b.wait_for(": heartbeat", milliseconds(3000)));
  EXPECT_EQ(b.received().find("red_flag"), std::string::npos) << b.received();
  EXPECT_EQ(a.received().find("Test Patient"), std::string::npos) << "no name in the stream";
  EXPECT_EQ(a.received().find("9121234567"), std::string::npos) << "no number in the stream";

  // The badge's list: the open flag with the number to call.
  const Reply open = coordinator_a.get("/api/v1/red-flags");
  ASSERT_EQ(open.status, 200);
  ASSERT_EQ(open.json().size(), 1u);
  EXPECT_NE(open.json()[0]["patient"]["mobile"].get<std::string>().find("9121234567"), std::string::npos);
  EXPECT_EQ(coordinator_b.get("/api/v1/red-flags").json().size(), 0u);
  // Centre b cannot acknowledge centre a's flag.
  const std::string ack = "/api/v1/red-flags/" + std::to_string(id) + "/acknowledge";
  EXPECT_EQ(coordinator_b.post(ack, {{"action", "called"}}).status, 404);

  const Reply done = surgeon_a.post(ack, {{"action", "called"}, {"note", "Comes in tomorrow at 9"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["ack_action"], "called");
  EXPECT_EQ(done.json()["acknowledged_role"], "surgeon");
  EXPECT_TRUE(a.wait_for("event: red_flag.acknowledged\ndata: {\"episode_id\":" + std::to_string(seeded_.episode_a) +
                             ",\"id\":" + std::to_string(id) + ",\"open\":0}",
                         milliseconds(2000)))
      << a.received();
  EXPECT_TRUE(b.wait_for(": heartbeat", milliseconds(3000)));
  EXPECT_EQ(b.received().find("red_flag"), std::string::npos);

  // The patient sees it was seen, when, by the role and what was done; never the name.
  const Reply mine = patient.get("/api/v1/me/red-flags");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json().size(), 1u);
  EXPECT_EQ(mine.json()[0]["seen"], true);
  EXPECT_EQ(mine.json()[0]["seen_by_role"], "surgeon");
  EXPECT_EQ(mine.json()[0]["action"], "called");
  EXPECT_FALSE(mine.json()[0]["seen_at"].get<std::string>().empty());
  EXPECT_EQ(mine.body.find("surgeon.a"), std::string::npos) << mine.body;
  EXPECT_EQ(mine.body.find("tomorrow"), std::string::npos) << "the clinician's note stays with the staff";
  // Staff only: a patient has no event stream.
  Stream patient_stream(port_, patient.cookie);
  EXPECT_EQ(patient_stream.head().status, 403);
}

TEST_F(RedFlagEvents, NoSessionIsRefusedAndAcknowledgingSaysWhatWasDone) {
  start();
  Stream anonymous(port_, "");
  EXPECT_EQ(anonymous.head().status, 401);
  Stream forged(port_, "rp_session=" + std::string(64, 'a'));
  EXPECT_EQ(forged.head().status, 401);

  const Client surgeon = staff("surgeon.a");
  const Client patient = patient_a();
  const std::int64_t id = report_flag(patient);
  const std::string ack = "/api/v1/red-flags/" + std::to_string(id) + "/acknowledge";
  Reply r = surgeon.post(ack, nlohmann::json::object());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "action");
  r = surgeon.post(ack, {{"action", "waved"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "action");
  r = surgeon.call("POST", ack, nlohmann::json{{"action", "called"}}.dump(), {{"Accept-Language", "fa"}});
  EXPECT_EQ(r.status, 200);
  r = surgeon.call("POST", ack, nlohmann::json{{"action", "nope"}}.dump(), {{"Accept-Language", "fa"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.header("content-language"), "fa") << r.body;
  // Bad input changed nothing: still the first acknowledgement.
  const Reply mine = patient.get("/api/v1/me/red-flags");
  EXPECT_EQ(mine.json()[0]["action"], "called");
  const Reply again = surgeon.post(ack, {{"action", "asked_to_come_in"}});
  EXPECT_EQ(again.status, 409);
  const Reply too_long = surgeon.post("/api/v1/red-flags/" + std::to_string(report_flag(patient)) + "/acknowledge",
                                      {{"action", "referred_to_emergency"}, {"note", std::string(2001, 'x')}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.json()["error"]["field"], "note");
}

TEST_F(RedFlagEvents, TheStreamOutlivesTheRequestDeadline) {
  start({"REGENPATH_REQUEST_TIMEOUT=1"});
  const Client coordinator = staff("coordinator.a");
  Stream s(port_, coordinator.cookie);
  ASSERT_EQ(s.head().status, 200);
  std::this_thread::sleep_for(milliseconds(2500));
  EXPECT_FALSE(s.ended_within(milliseconds(500))) << "cut by the 1 s request deadline";
  EXPECT_TRUE(s.wait_for(": heartbeat", milliseconds(2000)));
  const std::int64_t id = report_flag(patient_a());
  EXPECT_TRUE(s.wait_for("\"id\":" + std::to_string(id), milliseconds(2000))) << s.received();
}

TEST_F(RedFlagEvents, StreamsAreBoundedPerAccountAndOverall) {
  start({"REGENPATH_EVENT_STREAMS_PER_ACCOUNT=2", "REGENPATH_EVENT_STREAMS=3"});
  const Client coordinator = staff("coordinator.a"), surgeon = staff("surgeon.a"), physio = staff("physiotherapist.a");
  auto first = std::make_unique<Stream>(port_, coordinator.cookie);
  Stream second(port_, coordinator.cookie);
  ASSERT_EQ(first->head().status, 200);
  ASSERT_EQ(second.head().status, 200);
  Stream third(port_, coordinator.cookie);
  EXPECT_EQ(third.head().status, 429);
  EXPECT_EQ(third.head().json()["error"]["code"], "too_many_streams");
  EXPECT_NE(third.head().json()["error"]["message"].get<std::string>().find("close another tab"), std::string::npos);
  Stream surgeons(port_, surgeon.cookie);
  EXPECT_EQ(surgeons.head().status, 200);
  Stream over(port_, physio.cookie);
  EXPECT_EQ(over.head().status, 503);
  EXPECT_EQ(over.head().header("retry-after"), "60");
  // Ordinary requests still get through while the streams are open.
  EXPECT_EQ(coordinator.get("/api/v1/worklist").status, 200);
  // A tab closed frees its slot at once, not at the next heartbeat.
  first->close();
  std::this_thread::sleep_for(milliseconds(300));
  Stream replaced(port_, coordinator.cookie);
  EXPECT_EQ(replaced.head().status, 200) << replaced.head().body;
}

TEST_F(RedFlagEvents, SigningOutEndsTheStream) {
  start();
  Client coordinator = staff("coordinator.a");
  Stream s(port_, coordinator.cookie);
  ASSERT_EQ(s.head().status, 200);
  ASSERT_TRUE(s.wait_for("event: ready", milliseconds(2000)));
  EXPECT_EQ(coordinator.post("/api/v1/auth/logout", nlohmann::json::object()).status, 200);
  EXPECT_TRUE(s.ended_within(milliseconds(1500)));
  Stream after(port_, coordinator.cookie);
  EXPECT_EQ(after.head().status, 401);
}

// An open page does not keep an unattended session alive: the stream is not activity,
// and once the session idles out the stream ends at its next heartbeat.
TEST_F(RedFlagEvents, AnIdleSessionEndsTheStream) {
  start({"REGENPATH_SESSION_IDLE_S=2"});
  Client coordinator = staff("coordinator.a");
  Stream s(port_, coordinator.cookie);
  ASSERT_EQ(s.head().status, 200);
  ASSERT_TRUE(s.wait_for(": heartbeat", milliseconds(2000)));
  EXPECT_TRUE(s.ended_within(milliseconds(5000))) << s.received();
  EXPECT_EQ(coordinator.get("/api/v1/red-flags").status, 401);
}

// A graceful stop does not wait for open pages: their streams close like idle
// connections, and the server exits at once.
TEST_F(RedFlagEvents, AGracefulStopEndsOpenStreams) {
  start();
  const Client coordinator = staff("coordinator.a");
  Stream s(port_, coordinator.cookie);
  ASSERT_EQ(s.head().status, 200);
  ASSERT_TRUE(s.wait_for("event: ready", milliseconds(2000)));
  const auto asked = steady_clock::now();
  EXPECT_EQ(server_->stop(SIGTERM), 0);
  EXPECT_LT(steady_clock::now() - asked, std::chrono::seconds(5));
  EXPECT_TRUE(s.ended_within(milliseconds(500)));
}

}  // namespace
}  // namespace rp::test
