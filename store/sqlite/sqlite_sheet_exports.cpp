// Spreadsheet exports, their files and the files' parts on SQLite (0049_sheet_exports.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kSheetExportColumns =
    "SELECT id, kind, centre_id, protocol_id, requested_by, format, layout, state, progress, error, error_code, "
    "summary, created_at, updated_at, finished_at FROM sheet_exports ";

SheetExportRow read_sheet_export(SQLite::Statement& q) {
  SheetExportRow r;
  int i = 0;
  for (std::string* v :
       {&r.id, &r.kind, &r.centre_id, &r.protocol_id, &r.requested_by, &r.format, &r.layout, &r.state, &r.progress,
        &r.error, &r.error_code, &r.summary, &r.created_at, &r.updated_at, &r.finished_at})
    *v = q.getColumn(i++).getString();
  return r;
}

}  // namespace

void SqliteTransaction::insert_sheet_export(const SheetExportRow& r) {
  auto& q = c_.statement(
      "INSERT INTO sheet_exports (id, kind, centre_id, protocol_id, requested_by, format, layout, state, progress, "
      "error, error_code, summary, created_at, updated_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  int i = 0;
  for (const std::string* v :
       {&r.id, &r.kind, &r.centre_id, &r.protocol_id, &r.requested_by, &r.format, &r.layout, &r.state, &r.progress,
        &r.error, &r.error_code, &r.summary, &r.created_at, &r.updated_at, &r.finished_at})
    q.bind(++i, *v);
  c_.not_a_record([&] { q.exec(); });
}

std::optional<SheetExportRow> SqliteTransaction::find_sheet_export(const std::string& id) {
  static const std::string sql = std::string(kSheetExportColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, id);
  std::optional<SheetExportRow> out;
  if (q.executeStep()) out = read_sheet_export(q);
  q.reset();
  return out;
}

void SqliteTransaction::update_sheet_export(const SheetExportRow& r) {
  auto& q = c_.statement(
      "UPDATE sheet_exports SET state = ?, progress = ?, error = ?, error_code = ?, summary = ?, updated_at = ?, "
      "finished_at = ? WHERE id = ?");
  int i = 0;
  for (const std::string* v :
       {&r.state, &r.progress, &r.error, &r.error_code, &r.summary, &r.updated_at, &r.finished_at, &r.id})
    q.bind(++i, *v);
  c_.not_a_record([&] { q.exec(); });
}

std::vector<SheetExportRow> SqliteTransaction::sheet_exports_of(const std::string& requested_by) {
  static const std::string sql =
      std::string(kSheetExportColumns) + "WHERE requested_by = ? ORDER BY created_at DESC, id";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, requested_by);
  std::vector<SheetExportRow> out;
  while (q.executeStep()) out.push_back(read_sheet_export(q));
  return out;
}

void SqliteTransaction::insert_sheet_export_file(const SheetExportFileRow& f) {
  auto& q = c_.statement("INSERT INTO sheet_export_files (export_id, n, name, bytes, parts) VALUES (?,?,?,?,?)");
  q.bind(1, f.export_id);
  q.bind(2, f.n);
  q.bind(3, f.name);
  q.bind(4, static_cast<int64_t>(f.bytes));
  q.bind(5, f.parts);
  c_.not_a_record([&] { q.exec(); });
}

std::vector<SheetExportFileRow> SqliteTransaction::sheet_export_files(const std::string& export_id) {
  auto& q = c_.statement("SELECT n, name, bytes, parts FROM sheet_export_files WHERE export_id = ? ORDER BY n");
  q.bind(1, export_id);
  std::vector<SheetExportFileRow> out;
  while (q.executeStep())
    out.push_back({export_id, q.getColumn(0).getInt(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                   q.getColumn(3).getInt()});
  return out;
}

void SqliteTransaction::insert_sheet_export_part(const std::string& export_id, int n, int part,
                                                 const std::string& bytes) {
  auto& q = c_.statement("INSERT INTO sheet_export_parts (export_id, n, part, content) VALUES (?,?,?,?)");
  q.bind(1, export_id);
  q.bind(2, n);
  q.bind(3, part);
  q.bind(4, static_cast<const void*>(bytes.data()), static_cast<int>(bytes.size()));
  c_.not_a_record([&] { q.exec(); });
}

std::optional<std::string> SqliteTransaction::sheet_export_part(const std::string& export_id, int n, int part) {
  auto& q = c_.statement("SELECT content FROM sheet_export_parts WHERE export_id = ? AND n = ? AND part = ?");
  q.bind(1, export_id);
  q.bind(2, n);
  q.bind(3, part);
  std::optional<std::string> out;
  if (q.executeStep()) {
    const auto column = q.getColumn(0);
    out.emplace(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
  }
  q.reset();
  return out;
}

void SqliteTransaction::delete_sheet_export(const std::string& id) {
  for (const char* sql :
       {"DELETE FROM sheet_export_parts WHERE export_id = ?", "DELETE FROM sheet_export_files WHERE export_id = ?",
        "DELETE FROM sheet_exports WHERE id = ?"}) {
    auto& q = c_.statement(sql);
    q.bind(1, id);
    c_.not_a_record([&] { q.exec(); });
  }
}

std::vector<std::string> SqliteTransaction::sheet_exports_begun_before(const std::string& created_before) {
  auto& q = c_.statement("SELECT id FROM sheet_exports WHERE created_at < ? ORDER BY created_at");
  q.bind(1, created_before);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

}  // namespace rp::store::sqlite
