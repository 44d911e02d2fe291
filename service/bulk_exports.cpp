#include "service/bulk_exports.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/auth.hpp"
#include "service/centre_scope.hpp"

namespace rp::service {
namespace {

store::BulkExportRow visible_export(store::Transaction& tx, const Actor& actor, const std::string& id) {
  auto row = tx.find_bulk_export(id);
  if (!row || !actor.sees_centre(row->centre_id)) throw NotFoundError("export", "bulk_export_not_found"_err);
  return *row;
}

std::string iso_at(std::int64_t ms) { return Clock::fixed(ms).now_iso(); }

}  // namespace

store::BulkExportRow BulkExports::kick_off(const Actor& actor, const std::string& request, const std::string& types) {
  require(actor, Permission::records_export);
  if (actor.centre.empty()) throw ForbiddenError("centre", "own_centre_records_only"_err);
  const std::string now = clock_.now_iso();
  store::BulkExportRow row{
      random_hex(16), actor.centre, actor.user, request, types, "running", now, "", "", now, now, ""};
  // Old exports go, whoever's: their files are no one's to keep.
  store_.write([&](store::Transaction& tx) {
    for (const auto& id : tx.bulk_exports_begun_before(iso_at(clock_.now_ms() - kBulkExportKeptMs)))
      tx.delete_bulk_export(id);
  });
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const std::string silent_since = iso_at(clock_.now_ms() - kBulkExportSilentMs);
    for (const auto& running : tx.running_bulk_exports(actor.centre))
      if (running.updated_at >= silent_since) throw ConflictError("export", "bulk_export_running"_err);
    tx.insert_bulk_export(row);
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "records.export", "centre", actor.centre,
                                "FHIR bulk export " + row.id + " begun" + (types.empty() ? "" : ": " + types)));
  });
  return row;
}

BulkExportStatus BulkExports::status(const Actor& actor, const std::string& id) {
  require(actor, Permission::records_export);
  BulkExportStatus out;
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    out.row = visible_export(tx, actor, id);
    if (out.row.state == "done") out.files = tx.bulk_export_files(id);
  });
  if (out.row.state == "running" && out.row.updated_at < iso_at(clock_.now_ms() - kBulkExportSilentMs)) {
    out.row.state = "failed";
    out.row.error = "the export stopped: the server running it gave no sign of life since " + out.row.updated_at;
  }
  return out;
}

std::string BulkExports::file(const Actor& actor, const std::string& id, int n) {
  require(actor, Permission::records_export);
  std::optional<std::string> content;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const auto row = visible_export(tx, actor, id);
    if (row.state == "done") content = tx.bulk_export_file_content(id, n);
    if (!content) throw NotFoundError("file", "bulk_export_file_not_found"_err);
    tx.append_audit(audit_entry(clock_, actor, row.centre_id, "records.export", "centre", row.centre_id,
                                "FHIR bulk export " + id + " file " + std::to_string(n) + " downloaded"));
  });
  return std::move(*content);
}

void BulkExports::remove(const Actor& actor, const std::string& id) {
  require(actor, Permission::records_export);
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const auto row = visible_export(tx, actor, id);
    tx.delete_bulk_export(id);
    tx.append_audit(audit_entry(clock_, actor, row.centre_id, "records.export", "centre", row.centre_id,
                                "FHIR bulk export " + id + " deleted"));
  });
}

bool BulkExports::add_file(const std::string& id, int n, const std::string& type, std::int64_t resources,
                           std::string content) {
  bool there = false;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_bulk_export(id);
    if (!row) return;
    there = true;
    tx.insert_bulk_export_file({id, n, type, resources, std::move(content)});
    row->updated_at = clock_.now_iso();
    tx.update_bulk_export(*row);
  });
  return there;
}

bool BulkExports::progressed(const std::string& id, const std::string& progress) {
  bool there = false;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_bulk_export(id);
    if (!row) return;
    there = true;
    row->progress = progress;
    row->updated_at = clock_.now_iso();
    tx.update_bulk_export(*row);
  });
  return there;
}

void BulkExports::finished(const std::string& id) {
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_bulk_export(id);
    if (!row) return;
    row->state = "done";
    row->progress = "";
    row->updated_at = row->finished_at = clock_.now_iso();
    tx.update_bulk_export(*row);
  });
}

void BulkExports::failed(const std::string& id, const std::string& why) {
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_bulk_export(id);
    if (!row) return;
    row->state = "failed";
    row->error = why;
    row->updated_at = row->finished_at = clock_.now_iso();
    tx.update_bulk_export(*row);
  });
}

}  // namespace rp::service
