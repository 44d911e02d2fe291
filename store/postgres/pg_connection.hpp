#pragma once
// A thin RAII layer over libpq: one connection with its prepared statements, text-format
// parameters and results, and errors that carry PostgreSQL's SQLSTATE.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "store/postgres/pg_copy_binary.hpp"

struct pg_conn;
struct pg_result;

namespace rp::store::postgres {

// A failed statement or connection; `sqlstate` is the five-character code ("23505"), or
// empty when the server gave none (a lost connection).
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }
  // Serialization failure or deadlock: the transaction may succeed when run again.
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
};

// Statement parameters in text format, $1 first; a null is an unset optional.
class Params {
 public:
  Params& text(std::string v);
  Params& integer(std::int64_t v);
  Params& real(double v);                              // every digit a double holds (%.17g)
  Params& flag(bool v) { return integer(v ? 1 : 0); }  // booleans are 0/1 integers, as in SQLite
  Params& date(const CivilDate& d) { return text(d.iso()); }
  Params& null();
  Params& opt_text(const std::optional<std::string>& v) { return v ? text(*v) : null(); }
  Params& opt_integer(const std::optional<std::int64_t>& v) { return v ? integer(*v) : null(); }
  Params& opt_int(const std::optional<int>& v) { return v ? integer(*v) : null(); }
  Params& opt_real(const std::optional<double>& v) { return v ? real(*v) : null(); }
  Params& opt_date(const std::optional<CivilDate>& v) { return v ? date(*v) : null(); }
  Params& text_or_null(const std::string& v) { return v.empty() ? null() : text(v); }
  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for PQexecPrepared, valid while this object lives unchanged.
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

class Result {
 public:
  explicit Result(pg_result* r) : r_(r) {}
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept;
  ~Result();
  int rows() const;
  int columns() const;
  bool null(int row, int col) const;
  std::string_view view(int row, int col) const;
  std::string text(int row, int col) const { return std::string(view(row, col)); }
  std::int64_t int64(int row, int col) const;
  int int32(int row, int col) const { return static_cast<int>(int64(row, col)); }
  double number(int row, int col) const;
  std::optional<std::int64_t> opt_int64(int row, int col) const;
  std::optional<int> opt_int(int row, int col) const;
  std::optional<CivilDate> opt_date(int row, int col) const;
  std::string text_or_empty(int row, int col) const { return null(row, col) ? std::string() : text(row, col); }
  // The column's type (a pg_type oid), to hash a value by what it is stored as.
  unsigned type(int col) const;
  // The column's name, as the statement's result calls it.
  std::string name(int col) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;

 private:
  pg_result* r_;
};

class Connection {
 public:
  // Connects with a libpq connection string or URL; throws PgError on failure.
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a statement prepared once per connection (the text is the key) with parameters.
  Result exec(const std::string& sql, const Params& params = {});
  // The same, its result in binary format: bytea and text columns as their raw bytes
  // (no hex to decode), integers big-endian. For bulk reads of blobs.
  Result exec_binary(const std::string& sql, const Params& params = {});
  // Runs one or more statements without parameters (transaction control, migrations).
  void run(const std::string& sql);
  // Runs `copy`, a COPY (SELECT ...) TO STDOUT (FORMAT binary), calling `row` for each row
  // as it arrives: a bulk read then works while the server is still sending. COPY takes
  // no parameters: values go in as literal(). A throw from `row` reads the rest of the
  // COPY before it leaves, so that the connection stays usable.
  void copy_out(const std::string& copy, const std::function<void(CopyFields)>& row);
  // `text` as a quoted SQL string literal, escaped for this connection.
  std::string literal(std::string_view text) const;
  // Whether the connection is still usable (a lost one is dropped from the pool), and
  // whether it is outside any transaction (one left inside is dropped too).
  bool ok() const;
  bool idle() const;
  // For a LISTENing connection: its socket, to wait on; and the notifications that
  // arrived since the last call, read without blocking (-1: the connection is lost).
  int socket() const;
  int take_notifications();

 private:
  Result checked(pg_result* r);
  Result exec_as(const std::string& sql, const Params& params, int result_format);
  pg_conn* conn_ = nullptr;
  std::map<std::string, std::string> prepared_;  // SQL text -> statement name
};

}  // namespace rp::store::postgres
