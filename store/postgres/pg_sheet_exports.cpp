// Spreadsheet exports, their files and the files' parts on PostgreSQL (0049_sheet_exports.sql).
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kPgSheetExportColumns =
    "SELECT id, kind, centre_id, protocol_id, requested_by, format, layout, state, progress, error, error_code, "
    "summary, created_at, updated_at, finished_at FROM sheet_exports ";

SheetExportRow sheet_export_at(const Result& r, int i) {
  SheetExportRow out;
  int col = 0;
  for (std::string* v :
       {&out.id, &out.kind, &out.centre_id, &out.protocol_id, &out.requested_by, &out.format, &out.layout, &out.state,
        &out.progress, &out.error, &out.error_code, &out.summary, &out.created_at, &out.updated_at, &out.finished_at})
    *v = r.text(i, col++);
  return out;
}

// A part's bytes as the hex text decode(..., 'hex') reads: parameters go as text.
std::string hex_of(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

}  // namespace

void PgTransaction::insert_sheet_export(const SheetExportRow& r) {
  Params p;
  for (const std::string* v :
       {&r.id, &r.kind, &r.centre_id, &r.protocol_id, &r.requested_by, &r.format, &r.layout, &r.state, &r.progress,
        &r.error, &r.error_code, &r.summary, &r.created_at, &r.updated_at, &r.finished_at})
    p.text(*v);
  c_.exec(
      "INSERT INTO sheet_exports (id, kind, centre_id, protocol_id, requested_by, format, layout, state, progress, "
      "error, error_code, summary, created_at, updated_at, finished_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
      p);
}

std::optional<SheetExportRow> PgTransaction::find_sheet_export(const std::string& id) {
  auto r = c_.exec(std::string(kPgSheetExportColumns) + "WHERE id = $1", Params().text(id));
  if (r.rows() == 0) return std::nullopt;
  return sheet_export_at(r, 0);
}

void PgTransaction::update_sheet_export(const SheetExportRow& r) {
  c_.exec(
      "UPDATE sheet_exports SET state = $1, progress = $2, error = $3, error_code = $4, summary = $5, "
      "updated_at = $6, finished_at = $7 WHERE id = $8",
      Params()
          .text(r.state)
          .text(r.progress)
          .text(r.error)
          .text(r.error_code)
          .text(r.summary)
          .text(r.updated_at)
          .text(r.finished_at)
          .text(r.id));
}

std::vector<SheetExportRow> PgTransaction::sheet_exports_of(const std::string& requested_by) {
  auto r = c_.exec(std::string(kPgSheetExportColumns) + "WHERE requested_by = $1 ORDER BY created_at DESC, id",
                   Params().text(requested_by));
  std::vector<SheetExportRow> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(sheet_export_at(r, i));
  return out;
}

void PgTransaction::insert_sheet_export_file(const SheetExportFileRow& f) {
  c_.exec("INSERT INTO sheet_export_files (export_id, n, name, bytes, parts) VALUES ($1,$2,$3,$4,$5)",
          Params().text(f.export_id).integer(f.n).text(f.name).integer(f.bytes).integer(f.parts));
}

std::vector<SheetExportFileRow> PgTransaction::sheet_export_files(const std::string& export_id) {
  auto r = c_.exec("SELECT n, name, bytes, parts FROM sheet_export_files WHERE export_id = $1 ORDER BY n",
                   Params().text(export_id));
  std::vector<SheetExportFileRow> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({export_id, r.int32(i, 0), r.text(i, 1), r.int64(i, 2), r.int32(i, 3)});
  return out;
}

void PgTransaction::insert_sheet_export_part(const std::string& export_id, int n, int part, const std::string& bytes) {
  c_.exec("INSERT INTO sheet_export_parts (export_id, n, part, content) VALUES ($1, $2, $3, decode($4, 'hex'))",
          Params().text(export_id).integer(n).integer(part).text(hex_of(bytes)));
}

std::optional<std::string> PgTransaction::sheet_export_part(const std::string& export_id, int n, int part) {
  // In binary: the bytea's own bytes, not its hex text.
  auto r =
      c_.exec_binary("SELECT content FROM sheet_export_parts WHERE export_id = $1 AND n = $2::int AND part = $3::int",
                     Params().text(export_id).integer(n).integer(part));
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

void PgTransaction::delete_sheet_export(const std::string& id) {
  c_.exec("DELETE FROM sheet_export_parts WHERE export_id = $1", Params().text(id));
  c_.exec("DELETE FROM sheet_export_files WHERE export_id = $1", Params().text(id));
  c_.exec("DELETE FROM sheet_exports WHERE id = $1", Params().text(id));
}

std::vector<std::string> PgTransaction::sheet_exports_begun_before(const std::string& created_before) {
  auto r =
      c_.exec("SELECT id FROM sheet_exports WHERE created_at < $1 ORDER BY created_at", Params().text(created_before));
  std::vector<std::string> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

}  // namespace rp::store::postgres
