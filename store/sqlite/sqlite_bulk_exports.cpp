// FHIR Bulk Data exports and their files on SQLite (0048_bulk_exports.sql, 0050).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kBulkExportColumns =
    "SELECT id, centre_id, requested_by, request, types, state, transaction_time, progress, error, created_at, "
    "updated_at, finished_at, kind FROM bulk_exports ";

BulkExportRow read_bulk_export(SQLite::Statement& q) {
  BulkExportRow r;
  r.id = q.getColumn(0).getString();
  r.centre_id = q.getColumn(1).getString();
  r.requested_by = q.getColumn(2).getString();
  r.request = q.getColumn(3).getString();
  r.types = q.getColumn(4).getString();
  r.state = q.getColumn(5).getString();
  r.transaction_time = q.getColumn(6).getString();
  r.progress = q.getColumn(7).getString();
  r.error = q.getColumn(8).getString();
  r.created_at = q.getColumn(9).getString();
  r.updated_at = q.getColumn(10).getString();
  r.finished_at = q.getColumn(11).getString();
  r.kind = q.getColumn(12).getString();
  return r;
}

}  // namespace

void SqliteTransaction::insert_bulk_export(const BulkExportRow& r) {
  auto& q = c_.statement(
      "INSERT INTO bulk_exports (id, centre_id, requested_by, request, types, state, transaction_time, progress, "
      "error, created_at, updated_at, finished_at, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  int i = 0;
  for (const std::string* v :
       {&r.id, &r.centre_id, &r.requested_by, &r.request, &r.types, &r.state, &r.transaction_time, &r.progress,
        &r.error, &r.created_at, &r.updated_at, &r.finished_at, &r.kind})
    q.bind(++i, *v);
  // A registry export of every centre names none.
  if (r.centre_id.empty()) q.bind(2);
  c_.not_a_record([&] { q.exec(); });
}

std::optional<BulkExportRow> SqliteTransaction::find_bulk_export(const std::string& id) {
  static const std::string sql = std::string(kBulkExportColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, id);
  std::optional<BulkExportRow> out;
  if (q.executeStep()) out = read_bulk_export(q);
  q.reset();
  return out;
}

void SqliteTransaction::update_bulk_export(const BulkExportRow& r) {
  auto& q = c_.statement(
      "UPDATE bulk_exports SET state = ?, progress = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?");
  q.bind(1, r.state);
  q.bind(2, r.progress);
  q.bind(3, r.error);
  q.bind(4, r.updated_at);
  q.bind(5, r.finished_at);
  q.bind(6, r.id);
  c_.not_a_record([&] { q.exec(); });
}

void SqliteTransaction::insert_bulk_export_file(const BulkExportFileRow& f) {
  auto& q = c_.statement("INSERT INTO bulk_export_files (export_id, n, type, resources, content) VALUES (?,?,?,?,?)");
  q.bind(1, f.export_id);
  q.bind(2, f.n);
  q.bind(3, f.type);
  q.bind(4, static_cast<int64_t>(f.resources));
  q.bind(5, f.content);
  c_.not_a_record([&] { q.exec(); });
}

std::vector<BulkExportFileRow> SqliteTransaction::bulk_export_files(const std::string& export_id) {
  auto& q = c_.statement("SELECT n, type, resources FROM bulk_export_files WHERE export_id = ? ORDER BY n");
  q.bind(1, export_id);
  std::vector<BulkExportFileRow> out;
  while (q.executeStep())
    out.push_back({export_id, q.getColumn(0).getInt(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), ""});
  return out;
}

std::optional<std::string> SqliteTransaction::bulk_export_file_content(const std::string& export_id, int n) {
  auto& q = c_.statement("SELECT content FROM bulk_export_files WHERE export_id = ? AND n = ?");
  q.bind(1, export_id);
  q.bind(2, n);
  std::optional<std::string> out;
  if (q.executeStep()) out = q.getColumn(0).getString();
  q.reset();
  return out;
}

void SqliteTransaction::delete_bulk_export(const std::string& id) {
  auto& files = c_.statement("DELETE FROM bulk_export_files WHERE export_id = ?");
  files.bind(1, id);
  c_.not_a_record([&] { files.exec(); });
  auto& row = c_.statement("DELETE FROM bulk_exports WHERE id = ?");
  row.bind(1, id);
  c_.not_a_record([&] { row.exec(); });
}

void SqliteTransaction::delete_bulk_export_files(const std::string& id) {
  auto& files = c_.statement("DELETE FROM bulk_export_files WHERE export_id = ?");
  files.bind(1, id);
  c_.not_a_record([&] { files.exec(); });
}

std::vector<std::string> SqliteTransaction::bulk_exports_begun_before(const std::string& created_before) {
  auto& q = c_.statement("SELECT id FROM bulk_exports WHERE created_at < ? ORDER BY created_at");
  q.bind(1, created_before);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::vector<BulkExportRow> SqliteTransaction::running_bulk_exports(const std::string& centre_id) {
  static const std::string sql =
      std::string(kBulkExportColumns) + "WHERE centre_id = ? AND kind = 'centre' AND state = 'running'";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  std::vector<BulkExportRow> out;
  while (q.executeStep()) out.push_back(read_bulk_export(q));
  return out;
}

std::vector<BulkExportRow> SqliteTransaction::running_registry_exports(const std::string& requested_by) {
  static const std::string sql =
      std::string(kBulkExportColumns) + "WHERE requested_by = ? AND kind = 'registry' AND state = 'running'";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, requested_by);
  std::vector<BulkExportRow> out;
  while (q.executeStep()) out.push_back(read_bulk_export(q));
  return out;
}

}  // namespace rp::store::sqlite
