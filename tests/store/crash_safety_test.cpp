// A write is acknowledged only when it is committed: a child process writes patients and
// reports each id on a pipe after its transaction returns; it is killed with SIGKILL in
// the middle of writing; every id it reported must be in the database afterwards.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "service/audit.hpp"
#include "service/pathway.hpp"
#include "store_test_support.hpp"

namespace rp {
namespace {

[[noreturn]] void write_until_killed(const std::string& path, int round, int ack_fd) try {
  auto store = store::open_sqlite(path);
  service::Pathway pathway(*store, Clock::system());
  const auto op = service::Actor::cli_operator();
  for (int i = 0;; ++i) {
    Patient p;
    p.centre_id = "c";
    p.mrn = "K" + std::to_string(round) + "-" + std::to_string(i);
    p.name_latin = "Crash Test";
    p.birth_date = CivilDate::from_ymd(1970, 1, 1);
    const std::int64_t id = pathway.add_patient(op, p).id;
    if (::write(ack_fd, &id, sizeof id) != sizeof id) ::_exit(3);
  }
} catch (const std::exception& e) {
  std::fprintf(stderr, "writer failed: %s\n", e.what());
  ::_exit(4);
}

TEST(CrashSafety, EveryAcknowledgedWriteSurvivesSigkill) {
  test::TempDb db;
  {
    auto store = store::open_sqlite(db.path());
    service::Pathway(*store, Clock::system())
        .upsert_centre(service::Actor::cli_operator(), {"c", "C", "م", "", "", "licensed", "", ""});
  }
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      write_until_killed(db.path(), round, fds[1]);
    }
    ::close(fds[1]);
    std::set<std::int64_t> acked;
    std::int64_t id = 0;
    // Kill at a different moment each round, while writes are in flight.
    const std::size_t kill_after = 25 + 40 * round;
    while (acked.size() < kill_after && ::read(fds[0], &id, sizeof id) == sizeof id) acked.insert(id);
    ::kill(child, SIGKILL);
    while (::read(fds[0], &id, sizeof id) == sizeof id) acked.insert(id);  // acks already in the pipe
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited with " << WEXITSTATUS(status);
    ASSERT_EQ(acked.size() >= kill_after, true);

    auto store = store::open_sqlite(db.path());
    EXPECT_EQ(store->integrity_check(), "ok");
    std::set<std::int64_t> present;
    store->read([&](store::Transaction& tx) {
      for (const auto& p : tx.list_patients({std::nullopt, "", true, std::nullopt, 1000000})) present.insert(p.id);
    });
    for (std::int64_t a : acked) EXPECT_TRUE(present.count(a)) << "acknowledged patient " << a << " lost";
    EXPECT_FALSE(service::verify_audit_chain(*store, service::Actor::cli_operator()).first_broken_seq);
  }
}

}  // namespace
}  // namespace rp
