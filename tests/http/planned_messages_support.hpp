#pragma once
// A seeded database (http_test_support.hpp) whose patient a has an episode planned a
// month from now and that episode's messages planned in the outbox: what the messaging
// routes' tests start from.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "channels/log_channel.hpp"
#include "http_test_support.hpp"
#include "service/messaging/scheduler.hpp"

namespace rp::test {

inline Seeded seed_with_planned_messages(const std::string& db) {
  const Seeded seeded = seed(db);
  auto store = store::open_store(db);
  service::Pathway pathway(*store, Clock::system());
  const CivilDate today = Clock::system().today();
  pathway.plan(service::Actor::cli_operator(), seeded.episode_a, today.plus_days(30), today.plus_days(33));
  channels::LogChannel log;
  service::messaging::Scheduler(*store, log).plan(Clock::system().now_ms());
  return seeded;
}

// One number a query of the test's database answers (a count, say).
inline std::int64_t count_in(const std::string& db, const std::string& sql) {
  SQLite::Database d(db);
  return d.execAndGet(sql).getInt64();
}

// `regenpath messages ARGS --db DB`'s answer (JSON; discarded when it is not), with the
// environment's VAR=value words of `env` before it.
inline nlohmann::json run_messages_cli(const std::string& db, const std::string& args, const std::string& env = "") {
  const std::string command = (env.empty() ? "" : "env " + env + " ") + std::string(RP_BINARY) + " messages " + args +
                              " --db " + db + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, pipe.get())) out += buf;
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace rp::test
