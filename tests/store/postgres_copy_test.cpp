// The binary COPY read (store/postgres/pg_copy_binary.hpp, Connection::copy_out) on a real
// server: every row and field as a plain SELECT gives them, nulls kept, literals quoted,
// a failing row handler leaving the connection usable, and bytes that are not the format
// refused.
#include <gtest/gtest.h>

#include <endian.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::store::postgres {
namespace {

using test::PgTestCluster;

std::int64_t int8_of(std::string_view bytes) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data(), sizeof v);
  return static_cast<std::int64_t>(be64toh(v));
}

// Enough rows to span many messages, a quote in the literal, nulls and empty bytea.
constexpr const char* kRows =
    "SELECT i::bigint, CASE WHEN i % 7 = 0 THEN NULL ELSE 'r' || i || %s END, "
    "CASE WHEN i % 5 = 0 THEN ''::bytea ELSE decode(md5(i::text), 'hex') END FROM generate_series(1, 20000) i "
    "ORDER BY i";

std::string rows_sql(Connection& c) {
  std::string sql = kRows;
  sql.replace(sql.find("%s"), 2, c.literal("it's \\ \"x\""));
  return sql;
}

TEST(PostgresCopy, ReadsEveryRowAndFieldAsASelectDoes) {
  Connection c(PgTestCluster::shared().fresh_database());
  const std::string sql = rows_sql(c);
  auto expected = c.exec_binary(sql);
  int row = 0;
  c.copy_out("COPY (" + sql + ") TO STDOUT (FORMAT binary)", [&](CopyFields f) {
    ASSERT_EQ(f.size(), 3U);
    ASSERT_LT(row, expected.rows());
    EXPECT_EQ(int8_of(*f[0]), int8_of(expected.view(row, 0)));
    EXPECT_EQ(f[1].has_value(), !expected.null(row, 1));
    if (f[1]) {
      EXPECT_EQ(*f[1], expected.view(row, 1));
    }
    EXPECT_EQ(*f[2], expected.view(row, 2));
    ++row;
  });
  EXPECT_EQ(row, 20000);
  EXPECT_EQ(expected.view(1, 1), "r2it's \\ \"x\"");
}

TEST(PostgresCopy, AFailingRowLeavesTheConnectionUsable) {
  Connection c(PgTestCluster::shared().fresh_database());
  int seen = 0;
  EXPECT_THROW(c.copy_out("COPY (" + rows_sql(c) + ") TO STDOUT (FORMAT binary)",
                          [&](CopyFields) {
                            if (++seen == 10) throw std::runtime_error("stop");
                          }),
               std::runtime_error);
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(c.exec("SELECT 41 + 1").int64(0, 0), 42);
  // A server error is the server's, and the connection goes on too.
  EXPECT_THROW(c.copy_out("COPY (SELECT 1 / 0) TO STDOUT (FORMAT binary)", [](CopyFields) {}), PgError);
  EXPECT_EQ(c.exec("SELECT 1").int64(0, 0), 1);
}

TEST(PostgresCopy, RefusesBytesThatAreNotTheFormat) {
  const std::string header("PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);
  auto read = [](std::vector<std::string> messages) {
    BinaryCopyReader reader;
    int rows = 0;
    for (const auto& m : messages) reader.message(m, [&](CopyFields) { ++rows; });
    return rows;
  };
  // One row of one 2-byte field, then the trailer.
  const std::string row("\0\1\0\0\0\2ab", 8), trailer("\377\377", 2);
  EXPECT_EQ(read({header + row, row, trailer}), 2);
  EXPECT_THROW(read({"PGCOPY\n\377\r\n\1" + header.substr(11) + row}), PgError);   // no signature
  EXPECT_THROW(read({header + row.substr(0, 7)}), PgError);                        // a field cut short
  EXPECT_THROW(read({header + trailer + row}), PgError);                           // after the trailer
  EXPECT_THROW(read({header + std::string("\0\1\377\377\377\376", 6)}), PgError);  // length -2
}

}  // namespace
}  // namespace rp::store::postgres
