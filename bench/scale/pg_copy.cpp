#include "bench/scale/pg_copy.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <libpq-fe.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "store/table_copy.hpp"

namespace rp::bench::scale {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// `expect`: PGRES_COPY_IN for a COPY ... FROM STDIN, which then waits for its rows.
void exec(PGconn* c, const std::string& sql, ExecStatusType expect = PGRES_COMMAND_OK) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c, sql.c_str()), PQclear);
  const auto status = PQresultStatus(r.get());
  if (status != expect && status != PGRES_TUPLES_OK)
    throw std::runtime_error(sql.substr(0, 60) + ": " + PQerrorMessage(c));
}

// A value as COPY's CSV takes it: NULL unquoted and empty, text quoted, reals with the
// digits both engines write (%.17g).
void append_csv(std::string& line, const SQLite::Column& v) {
  if (v.isNull()) return;
  if (v.isInteger()) {
    line += std::to_string(v.getInt64());
  } else if (v.isFloat()) {
    char buf[40];
    line.append(buf, static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "%.17g", v.getDouble())));
  } else {
    line += '"';
    for (const char ch : v.getString()) line += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    line += '"';
  }
}

std::int64_t copy_table(SQLite::Database& from, PGconn* to, const store::CopiedTable& spec) {
  // schedule_items in the order written (its rowid), which PostgreSQL's position keeps.
  SQLite::Statement q(
      from, std::string("SELECT * FROM \"") + spec.name + "\" ORDER BY " + (*spec.order_by ? spec.order_by : "rowid"));
  std::string columns;
  for (int i = 0; i < q.getColumnCount(); ++i) columns += std::string(i ? ", \"" : "\"") + q.getColumnName(i) + '"';
  exec(to, std::string("COPY \"") + spec.name + "\" (" + columns + ") FROM STDIN (FORMAT csv)", PGRES_COPY_IN);
  std::int64_t rows = 0;
  std::string chunk;
  auto flush = [&] {
    if (PQputCopyData(to, chunk.data(), static_cast<int>(chunk.size())) != 1)
      throw std::runtime_error(std::string("COPY ") + spec.name + ": " + PQerrorMessage(to));
    chunk.clear();
  };
  while (q.executeStep()) {
    for (int i = 0; i < q.getColumnCount(); ++i) {
      if (i) chunk += ',';
      append_csv(chunk, q.getColumn(i));
    }
    chunk += '\n';
    ++rows;
    if (chunk.size() > (1 << 20)) flush();
  }
  flush();
  if (PQputCopyEnd(to, nullptr) != 1) throw std::runtime_error(std::string("COPY ") + spec.name + " end");
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQgetResult(to), PQclear);
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
    throw std::runtime_error(std::string("COPY ") + spec.name + ": " + PQerrorMessage(to));
  return rows;
}

}  // namespace

std::int64_t copy_into_postgres(const std::string& sqlite_file, const std::string& postgres_url) {
  SQLite::Database from(sqlite_file, SQLite::OPEN_READONLY);
  Connection to(PQconnectdb(postgres_url.c_str()), PQfinish);
  if (PQstatus(to.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(to.get()));
  exec(to.get(), "BEGIN");
  std::int64_t rows = 0;
  for (const store::CopiedTable& spec : store::copied_tables()) {
    // A table a migration fills holds the generated database's rows instead.
    if (spec.seeded_by_migration) exec(to.get(), std::string("DELETE FROM \"") + spec.name + '"');
    rows += copy_table(from, to.get(), spec);
  }
  // Identity columns go on after the largest id copied, so the server's next row is new.
  exec(to.get(),
       "DO $$ DECLARE c record; BEGIN FOR c IN SELECT table_name::text AS t, column_name::text AS col "
       "FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP "
       "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, "
       "false)', quote_ident(c.t), c.col, c.col, c.t); END LOOP; END $$");
  exec(to.get(), "COMMIT");
  exec(to.get(), "ANALYZE");
  return rows;
}

}  // namespace rp::bench::scale
