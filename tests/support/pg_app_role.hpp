#pragma once
// The unprivileged role a server connects as in production (README, "PostgreSQL roles"):
// regenpath_app, with row, never schema, privileges. The test cluster's own user is a
// superuser, to whom row-level security never applies; a test that proves the wall
// connects as this role instead.
#include <string>

#include "store/postgres/pg_connection.hpp"

namespace rp::test {

inline constexpr const char* kAppRole = "regenpath_app";

// Creates the role once per cluster (tests running at the same time may race to it),
// grants it the rows of every table and the sequences of the database at `owner_url`
// (migrated already, as `db migrate` would by the owner), and returns the URL of the same
// database as the role.
inline std::string app_role_url(const std::string& owner_url) {
  store::postgres::Connection owner(owner_url);
  for (int attempt = 1;; ++attempt) {
    try {
      owner.run(
          "DO $$ BEGIN CREATE ROLE regenpath_app LOGIN NOSUPERUSER NOBYPASSRLS; "
          "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
      break;
    } catch (const store::postgres::PgError&) {
      if (attempt >= 5) throw;  // "tuple concurrently updated" from a racing CREATE ROLE
    }
  }
  owner.run(
      "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO regenpath_app; "
      "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO regenpath_app");
  const std::string user = "postgres@";
  std::string url = owner_url;
  url.replace(url.find(user), user.size(), std::string(kAppRole) + "@");
  return url;
}

}  // namespace rp::test
