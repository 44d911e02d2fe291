#include "service/bulk_exports.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/auth.hpp"
#include "service/centre_scope.hpp"

namespace rp::service {
namespace {

std::string_view kind_name(BulkExportKind kind) { return kind == BulkExportKind::registry ? "registry" : "centre"; }

// A centre's export is its admins' (records_export); a registry export its asker's alone
// (registry_read), the operator's any.
void require_kind(const Actor& actor, BulkExportKind kind) {
  require(actor, kind == BulkExportKind::registry ? Permission::registry_read : Permission::records_export);
}

store::BulkExportRow visible_export(store::Transaction& tx, const Actor& actor, const std::string& id,
                                    BulkExportKind kind) {
  auto row = tx.find_bulk_export(id);
  const bool seen = row && row->kind == kind_name(kind) &&
                    (kind == BulkExportKind::registry ? actor.all_centres || row->requested_by == actor.user
                                                      : actor.sees_centre(row->centre_id));
  if (!seen) throw NotFoundError("export", "bulk_export_not_found"_err);
  return *row;
}

std::string audit_action(const store::BulkExportRow& row) {
  return row.kind == "registry" ? "registry.export" : "records.export";
}
std::string what_export(const store::BulkExportRow& row) {
  return (row.kind == "registry" ? "FHIR registry export " : "FHIR bulk export ") + row.id;
}

std::string iso_at(std::int64_t ms) { return Clock::fixed(ms).now_iso(); }

// A registry export of every centre is read unscoped (its asker is checked by the
// service); a centre's under the actor's scope.
store::CentreScope scope_of(const Actor& actor, BulkExportKind kind) {
  if (kind == BulkExportKind::registry && !actor.all_centres && actor.role == Role::analyst)
    return store::CentreScope::every_centre();
  return record_scope(actor);
}

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

std::string BulkExports::registry_centre(const Actor& actor, const std::optional<std::string>& centre) {
  require(actor, Permission::registry_read);
  // The analyst and the operator any centre (or every one); a centre's admin their own,
  // which is also what they get without asking (as the de-identified export decides).
  const bool any_centre = actor.all_centres || actor.role == Role::analyst || actor.role == Role::operator_;
  if (!any_centre && centre && *centre != actor.centre) throw ForbiddenError("centre", "own_centre_report_only"_err);
  std::string of_centre = any_centre ? centre.value_or("") : actor.centre;
  // A centre that does not exist is named as such, never answered with an empty export.
  if (!of_centre.empty())
    store_.read([&](store::Transaction& tx) {
      if (!tx.find_centre(of_centre)) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", of_centre}});
    });
  return of_centre;
}

store::BulkExportRow BulkExports::kick_off_registry(const Actor& actor, const std::string& request,
                                                    const std::string& types,
                                                    const std::optional<std::string>& centre) {
  const std::string of_centre = registry_centre(actor, centre);
  const std::string now = clock_.now_iso();
  store::BulkExportRow row{random_hex(16), of_centre, actor.user, request, types, "running", now, "", "", now, now, "",
                           "registry"};
  store_.write([&](store::Transaction& tx) {
    for (const auto& id : tx.bulk_exports_begun_before(iso_at(clock_.now_ms() - kBulkExportKeptMs)))
      tx.delete_bulk_export(id);
    const std::string silent_since = iso_at(clock_.now_ms() - kBulkExportSilentMs);
    for (const auto& running : tx.running_registry_exports(actor.user))
      if (running.updated_at >= silent_since) throw ConflictError("export", "registry_export_running"_err);
    tx.insert_bulk_export(row);
    tx.append_audit(audit_entry(clock_, actor, of_centre, "registry.export", "registry", of_centre,
                                "FHIR registry export " + row.id + " begun" + (types.empty() ? "" : ": " + types)));
  });
  return row;
}

BulkExportStatus BulkExports::status(const Actor& actor, const std::string& id, BulkExportKind kind) {
  require_kind(actor, kind);
  BulkExportStatus out;
  store_.read(scope_of(actor, kind), [&](store::Transaction& tx) {
    out.row = visible_export(tx, actor, id, kind);
    if (out.row.state == "done") out.files = tx.bulk_export_files(id);
  });
  if (out.row.state == "running" && out.row.updated_at < iso_at(clock_.now_ms() - kBulkExportSilentMs)) {
    out.row.state = "failed";
    out.row.error = "the export stopped: the server running it gave no sign of life since " + out.row.updated_at;
  }
  return out;
}

std::string BulkExports::file(const Actor& actor, const std::string& id, int n, BulkExportKind kind) {
  require_kind(actor, kind);
  std::optional<std::string> content;
  store_.write(scope_of(actor, kind), [&](store::Transaction& tx) {
    const auto row = visible_export(tx, actor, id, kind);
    if (row.state == "done") content = tx.bulk_export_file_content(id, n);
    if (!content) throw NotFoundError("file", "bulk_export_file_not_found"_err);
    tx.append_audit(audit_entry(clock_, actor, row.centre_id, audit_action(row), row.kind, row.centre_id,
                                what_export(row) + " file " + std::to_string(n) + " downloaded"));
  });
  return std::move(*content);
}

void BulkExports::remove(const Actor& actor, const std::string& id, BulkExportKind kind) {
  require_kind(actor, kind);
  store_.write(scope_of(actor, kind), [&](store::Transaction& tx) {
    const auto row = visible_export(tx, actor, id, kind);
    tx.delete_bulk_export(id);
    tx.append_audit(audit_entry(clock_, actor, row.centre_id, audit_action(row), row.kind, row.centre_id,
                                what_export(row) + " deleted"));
  });
}

bool BulkExports::restarted(const std::string& id) {
  bool there = false;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_bulk_export(id);
    if (!row) return;
    there = true;
    tx.delete_bulk_export_files(id);
    row->updated_at = clock_.now_iso();
    tx.update_bulk_export(*row);
  });
  return there;
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
