// Bulk copy on PostgreSQL (store/table_copy.hpp): whole tables read as text and written
// back with their ids, then the identity sequences moved past them, for `regenpath db copy`.
#include <algorithm>
#include <cstdio>

#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

namespace {

constexpr unsigned kFloat8Oid = 701;

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + quoted(n);
  return out;
}

// Reals as %.17g, the digits SQLite's side writes too (sqlite_table_copy.cpp), so the
// copy's checksums agree across engines.
std::optional<std::string> value_text(const Result& r, int row, int col) {
  if (r.null(row, col)) return std::nullopt;
  if (r.type(col) == kFloat8Oid) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", r.number(row, col));
    return std::string(buf);
  }
  return r.text(row, col);
}

// Identity columns (ids, schedule_items.position) start after the largest value copied.
void move_sequences_past_rows(Connection& c) {
  const Result ids = c.exec(
      "SELECT table_name::text, column_name::text FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND is_identity = 'YES'");
  for (int i = 0; i < ids.rows(); ++i) {
    const std::string table = ids.text(i, 0), column = ids.text(i, 1);
    c.exec("SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(" + quoted(column) + ") FROM " +
               quoted(table) + "), 0) + 1, false)",
           Params().text(quoted(table)).text(column));
  }
}

}  // namespace

TableRows PgStore::dump_table(const std::string& table) {
  const CopiedTable& spec = copied_table(table);
  TableRows out;
  out.table = spec.name;
  transact(false, false, [&](Connection& c) {
    out.columns.clear();
    out.rows.clear();
    // schedule_items is read in the order written (its position column, which SQLite
    // keeps as the rowid and so is no column of the copy).
    const bool written_order = !*spec.order_by;
    const Result r = c.exec("SELECT * FROM " + quoted(spec.name) + " ORDER BY " +
                            (written_order ? std::string("position") : std::string(spec.order_by)));
    std::vector<int> kept;
    for (int col = 0; col < r.columns(); ++col) {
      const std::string name = r.name(col);
      if (written_order && name == "position") continue;
      kept.push_back(col);
      out.columns.push_back(name);
    }
    for (int row = 0; row < r.rows(); ++row) {
      auto& values = out.rows.emplace_back();
      for (int col : kept) values.push_back(value_text(r, row, col));
    }
  });
  return out;
}

void PgStore::load_tables(const std::vector<TableRows>& tables) {
  transact(true, false, [&](Connection& c) {
    for (const auto& spec : copied_tables()) {
      if (spec.seeded_by_migration) continue;
      if (c.exec("SELECT 1 FROM " + quoted(spec.name) + " LIMIT 1").rows() > 0) throw TargetNotEmpty(spec.name);
    }
    for (const auto& t : tables) {
      const CopiedTable& spec = copied_table(t.table);
      if (spec.seeded_by_migration) c.exec("DELETE FROM " + quoted(spec.name));
      std::string marks;
      for (std::size_t i = 0; i < t.columns.size(); ++i) marks += (i ? ", $" : "$") + std::to_string(i + 1);
      const std::string insert =
          "INSERT INTO " + quoted(spec.name) + " (" + join(t.columns) + ") VALUES (" + marks + ")";
      for (const auto& row : t.rows) {
        Params p;
        for (std::size_t i = 0; i < row.size(); ++i) {
          const bool deferred = std::find(spec.self_references.begin(), spec.self_references.end(), t.columns[i]) !=
                                spec.self_references.end();
          if (row[i] && !deferred)
            p.text(*row[i]);
          else
            p.null();
        }
        c.exec(insert, p);
      }
      // The rows a row names are all in now (a bilateral pair names each other).
      for (const auto& column : spec.self_references) {
        const auto at = std::find(t.columns.begin(), t.columns.end(), column) - t.columns.begin();
        const auto id = std::find(t.columns.begin(), t.columns.end(), "id") - t.columns.begin();
        for (const auto& row : t.rows)
          if (row[at])
            c.exec("UPDATE " + quoted(spec.name) + " SET " + quoted(column) + " = $1 WHERE id = $2",
                   Params().text(*row[at]).text(*row[id]));
      }
    }
    move_sequences_past_rows(c);
  });
}

}  // namespace rp::store::postgres
