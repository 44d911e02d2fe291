// Bulk copy on SQLite (store/table_copy.hpp): whole tables read as text and written back
// with their ids, for `regenpath db copy`.
#include <algorithm>
#include <cstdio>

#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + quoted(n);
  return out;
}

// Reals as %.17g, the digits PostgreSQL's side writes too (pg_table_copy.cpp).
std::optional<std::string> value_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  if (c.isFloat()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", c.getDouble());
    return std::string(buf);
  }
  return c.getString();
}

}  // namespace

TableRows SqliteStore::dump_table(const std::string& table) {
  const CopiedTable& spec = copied_table(table);
  TableRows out;
  out.table = spec.name;
  read([&](Transaction&) {
    // schedule_items is read in the order written (its rowid), which schedule_of keeps.
    const std::string order = *spec.order_by ? spec.order_by : "rowid";
    SQLite::Statement q(conn_.db(), "SELECT * FROM " + quoted(spec.name) + " ORDER BY " + order);
    for (int i = 0; i < q.getColumnCount(); ++i) out.columns.emplace_back(q.getColumnName(i));
    while (q.executeStep()) {
      auto& row = out.rows.emplace_back();
      for (int i = 0; i < q.getColumnCount(); ++i) row.push_back(value_text(q.getColumn(i)));
    }
  });
  return out;
}

void SqliteStore::load_tables(const std::vector<TableRows>& tables) {
  write([&](Transaction&) {
    auto& db = conn_.db();
    for (const auto& spec : copied_tables()) {
      if (spec.seeded_by_migration) continue;
      SQLite::Statement any(db, "SELECT 1 FROM " + quoted(spec.name) + " LIMIT 1");
      if (any.executeStep()) throw TargetNotEmpty(spec.name);
    }
    for (const auto& t : tables) {
      const CopiedTable& spec = copied_table(t.table);
      if (spec.seeded_by_migration) db.exec("DELETE FROM " + quoted(spec.name));
      std::string marks;
      for (std::size_t i = 0; i < t.columns.size(); ++i) marks += i ? ", ?" : "?";
      SQLite::Statement insert(
          db, "INSERT INTO " + quoted(spec.name) + " (" + join(t.columns) + ") VALUES (" + marks + ")");
      for (const auto& row : t.rows) {
        insert.reset();
        insert.clearBindings();
        for (std::size_t i = 0; i < row.size(); ++i) {
          const bool deferred = std::find(spec.self_references.begin(), spec.self_references.end(), t.columns[i]) !=
                                spec.self_references.end();
          // Text binds convert to the column's type through its affinity.
          if (row[i] && !deferred) insert.bind(static_cast<int>(i + 1), *row[i]);
        }
        insert.exec();
      }
      // The rows a row names are all in now (a bilateral pair names each other).
      for (const auto& column : spec.self_references) {
        SQLite::Statement set(db, "UPDATE " + quoted(spec.name) + " SET " + quoted(column) + " = ? WHERE id = ?");
        const auto at = std::find(t.columns.begin(), t.columns.end(), column) - t.columns.begin();
        const auto id = std::find(t.columns.begin(), t.columns.end(), "id") - t.columns.begin();
        for (const auto& row : t.rows) {
          if (!row[at]) continue;
          set.reset();
          set.bind(1, *row[at]);
          set.bind(2, *row[id]);
          set.exec();
        }
      }
    }
  });
}

}  // namespace rp::store::sqlite
