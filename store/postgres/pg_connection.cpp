// libpq calls behind store/postgres/pg_connection.hpp.
#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace rp::store::postgres {

Params& Params::text(std::string v) {
  values_.emplace_back(std::move(v));
  return *this;
}

Params& Params::integer(std::int64_t v) {
  values_.emplace_back(std::to_string(v));
  return *this;
}

Params& Params::real(double v) {
  char text[40];
  const int len = std::snprintf(text, sizeof text, "%.17g", v);
  values_.emplace_back(std::string(text, static_cast<std::size_t>(len)));
  return *this;
}

Params& Params::null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

Result::~Result() {
  if (r_) PQclear(r_);
}

int Result::rows() const { return PQntuples(r_); }
int Result::columns() const { return PQnfields(r_); }
bool Result::null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

std::string_view Result::view(int row, int col) const {
  return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
}

std::int64_t Result::int64(int row, int col) const {
  const std::string_view v = view(row, col);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || end != v.data() + v.size())
    throw PgError("not an integer in column " + std::string(PQfname(r_, col)) + ": " + std::string(v), "");
  return out;
}

double Result::number(int row, int col) const { return std::strtod(PQgetvalue(r_, row, col), nullptr); }

std::optional<std::int64_t> Result::opt_int64(int row, int col) const {
  return null(row, col) ? std::nullopt : std::optional<std::int64_t>(int64(row, col));
}

std::optional<int> Result::opt_int(int row, int col) const {
  return null(row, col) ? std::nullopt : std::optional<int>(int32(row, col));
}

std::optional<CivilDate> Result::opt_date(int row, int col) const {
  return null(row, col) ? std::nullopt : std::optional<CivilDate>(parse_gregorian(view(row, col)));
}

unsigned Result::type(int col) const { return PQftype(r_, col); }

std::string Result::name(int col) const { return PQfname(r_, col); }

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_);
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

namespace {

// Notices (a CREATE TABLE IF NOT EXISTS that found the table) are not errors and are not
// for the server's log.
void ignore_notice(void*, const PGresult*) {}

}  // namespace

Connection::Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (!conn_) throw PgError("PostgreSQL: out of memory while connecting", "");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw PgError("PostgreSQL: cannot connect: " + message, "08001");
  }
  PQsetNoticeReceiver(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

bool Connection::ok() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

bool Connection::idle() const { return ok() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }

int Connection::socket() const { return PQsocket(conn_); }

int Connection::take_notifications() {
  if (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK) return -1;
  int n = 0;
  while (PGnotify* note = PQnotifies(conn_)) {
    PQfreemem(note);
    ++n;
  }
  return n;
}

Result Connection::checked(pg_result* r) {
  const auto status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(r);
  const char* field = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = field ? field : "";  // copied: the result is freed below
  std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (r) PQclear(r);
  throw PgError("PostgreSQL: " + message, state);
}

Result Connection::exec(const std::string& sql, const Params& params) { return exec_as(sql, params, 0); }

Result Connection::exec_binary(const std::string& sql, const Params& params) { return exec_as(sql, params, 1); }

Result Connection::exec_as(const std::string& sql, const Params& params, int result_format) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "rp" + std::to_string(prepared_.size() + 1);
    checked(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  const auto values = params.pointers();
  return checked(
      PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), nullptr, nullptr, result_format));
}

void Connection::run(const std::string& sql) { checked(PQexec(conn_, sql.c_str())); }

}  // namespace rp::store::postgres
