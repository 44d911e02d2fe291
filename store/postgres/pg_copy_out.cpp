// Connection::copy_out and literal (pg_connection.hpp): a binary COPY read row by row as
// libpq receives it.
#include <libpq-fe.h>

#include <exception>
#include <memory>

#include "store/postgres/pg_connection.hpp"

namespace rp::store::postgres {
namespace {

struct FreeMem {
  void operator()(char* p) const { PQfreemem(p); }
};
using Message = std::unique_ptr<char, FreeMem>;

}  // namespace

void Connection::copy_out(const std::string& copy, const std::function<void(CopyFields)>& row) {
  pg_result* started = PQexec(conn_, copy.c_str());
  if (PQresultStatus(started) != PGRES_COPY_OUT) {
    checked(started);  // throws the server's error
    throw PgError("PostgreSQL: not a COPY TO STDOUT: " + copy, "");
  }
  PQclear(started);
  BinaryCopyReader reader;
  std::exception_ptr failed;
  for (;;) {
    char* bytes = nullptr;
    const int length = PQgetCopyData(conn_, &bytes, 0);
    if (length < 0) break;  // -1: the COPY is done; -2: an error, in the result below
    const Message message(bytes);
    if (failed) continue;  // draining after a failure
    try {
      reader.message({message.get(), static_cast<std::size_t>(length)}, row);
    } catch (...) {
      failed = std::current_exception();
    }
  }
  // The COPY's own result, then none: a server error (a broken connection) is thrown
  // after every result is read.
  for (pg_result* r = PQgetResult(conn_); r; r = PQgetResult(conn_)) {
    if (failed) {
      PQclear(r);
      continue;
    }
    try {
      checked(r);
    } catch (...) {
      failed = std::current_exception();
    }
  }
  if (failed) std::rethrow_exception(failed);
}

std::string Connection::literal(std::string_view text) const {
  char* quoted = PQescapeLiteral(conn_, text.data(), text.size());
  if (!quoted) throw PgError("PostgreSQL: cannot quote a literal: " + std::string(PQerrorMessage(conn_)), "");
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

}  // namespace rp::store::postgres
