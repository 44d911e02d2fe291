// Work one server at a time does (store/work_lock.hpp): a session-level advisory lock on a
// connection of its own, opened for the turn and closed when the lock ends. Closing the
// session frees the lock on the server, so a server that dies mid-work frees it too.
#include <memory>
#include <stdexcept>
#include <string>

#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

// The advisory lock key's second int4 (the first, "rpst", is pg_store.cpp's); 1 and 2 are
// the writer and migration locks. Names never come from outside this list.
int work_lock_key(std::string_view name) {
  if (name == "audit_anchoring") return 3;
  if (name == "messages") return 4;
  if (name == "outcome_rows") return 5;
  throw std::invalid_argument("no work lock named " + std::string(name));
}

}  // namespace

std::optional<WorkLock> PgStore::try_work_lock(std::string_view name) {
  const int key = work_lock_key(name);
  // Not a pooled connection: the lock is the session's, and a pooled one would carry it
  // on to whoever leased the connection next.
  auto held = std::make_shared<Connection>(pool_.options().conninfo);
  const Result granted = held->exec("SELECT pg_try_advisory_lock(1920103284, $1::int)", Params().integer(key));
  if (granted.view(0, 0) != "t") return std::nullopt;
  // Unlocked before the connection closes: a closing session frees its locks only once its
  // server process has gone, a moment after the close returns.
  return WorkLock([held, key]() mutable {
    auto closing = std::move(held);
    closing->exec("SELECT pg_advisory_unlock(1920103284, $1::int)", Params().integer(key));
  });
}

}  // namespace rp::store::postgres
