// FHIR Bulk Data exports and their files on PostgreSQL (0048_bulk_exports.sql, 0050).
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kPgBulkExportColumns =
    "SELECT id, centre_id, requested_by, request, types, state, transaction_time, progress, error, created_at, "
    "updated_at, finished_at, kind FROM bulk_exports ";

BulkExportRow bulk_export_at(const Result& r, int i) {
  return {r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3),  r.text(i, 4),  r.text(i, 5), r.text(i, 6),
          r.text(i, 7), r.text(i, 8), r.text(i, 9), r.text(i, 10), r.text(i, 11), r.text(i, 12)};
}

}  // namespace

void PgTransaction::insert_bulk_export(const BulkExportRow& r) {
  c_.exec(
      "INSERT INTO bulk_exports (id, centre_id, requested_by, request, types, state, transaction_time, progress, "
      "error, created_at, updated_at, finished_at, kind) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
      Params()
          .text(r.id)
          .text_or_null(r.centre_id)  // a registry export of every centre names none
          .text(r.requested_by)
          .text(r.request)
          .text(r.types)
          .text(r.state)
          .text(r.transaction_time)
          .text(r.progress)
          .text(r.error)
          .text(r.created_at)
          .text(r.updated_at)
          .text(r.finished_at)
          .text(r.kind));
}

std::optional<BulkExportRow> PgTransaction::find_bulk_export(const std::string& id) {
  auto r = c_.exec(std::string(kPgBulkExportColumns) + "WHERE id = $1", Params().text(id));
  if (r.rows() == 0) return std::nullopt;
  return bulk_export_at(r, 0);
}

void PgTransaction::update_bulk_export(const BulkExportRow& r) {
  c_.exec(
      "UPDATE bulk_exports SET state = $1, progress = $2, error = $3, updated_at = $4, finished_at = $5 WHERE id = $6",
      Params().text(r.state).text(r.progress).text(r.error).text(r.updated_at).text(r.finished_at).text(r.id));
}

void PgTransaction::insert_bulk_export_file(const BulkExportFileRow& f) {
  c_.exec("INSERT INTO bulk_export_files (export_id, n, type, resources, content) VALUES ($1,$2,$3,$4,$5)",
          Params().text(f.export_id).integer(f.n).text(f.type).integer(f.resources).text(f.content));
}

std::vector<BulkExportFileRow> PgTransaction::bulk_export_files(const std::string& export_id) {
  auto r = c_.exec("SELECT n, type, resources FROM bulk_export_files WHERE export_id = $1 ORDER BY n",
                   Params().text(export_id));
  std::vector<BulkExportFileRow> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back({export_id, r.int32(i, 0), r.text(i, 1), r.int64(i, 2), ""});
  return out;
}

std::optional<std::string> PgTransaction::bulk_export_file_content(const std::string& export_id, int n) {
  auto r = c_.exec("SELECT content FROM bulk_export_files WHERE export_id = $1 AND n = $2",
                   Params().text(export_id).integer(n));
  if (r.rows() == 0) return std::nullopt;
  return r.text(0, 0);
}

void PgTransaction::delete_bulk_export(const std::string& id) {
  c_.exec("DELETE FROM bulk_export_files WHERE export_id = $1", Params().text(id));
  c_.exec("DELETE FROM bulk_exports WHERE id = $1", Params().text(id));
}

void PgTransaction::delete_bulk_export_files(const std::string& id) {
  c_.exec("DELETE FROM bulk_export_files WHERE export_id = $1", Params().text(id));
}

std::vector<std::string> PgTransaction::bulk_exports_begun_before(const std::string& created_before) {
  auto r =
      c_.exec("SELECT id FROM bulk_exports WHERE created_at < $1 ORDER BY created_at", Params().text(created_before));
  std::vector<std::string> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

std::vector<BulkExportRow> PgTransaction::running_bulk_exports(const std::string& centre_id) {
  auto r = c_.exec(std::string(kPgBulkExportColumns) + "WHERE centre_id = $1 AND kind = 'centre' AND state = 'running'",
                   Params().text(centre_id));
  std::vector<BulkExportRow> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(bulk_export_at(r, i));
  return out;
}

std::vector<BulkExportRow> PgTransaction::running_registry_exports(const std::string& requested_by) {
  auto r =
      c_.exec(std::string(kPgBulkExportColumns) + "WHERE requested_by = $1 AND kind = 'registry' AND state = 'running'",
              Params().text(requested_by));
  std::vector<BulkExportRow> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(bulk_export_at(r, i));
  return out;
}

}  // namespace rp::store::postgres
