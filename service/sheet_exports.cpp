#include "service/sheet_exports.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/auth.hpp"
#include "service/centre_scope.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

std::string sheet_iso_at(std::int64_t ms) { return Clock::fixed(ms).now_iso(); }

// The rows an export is reached through: an analyst's exports span centres (or name
// one), so theirs are read with every centre in scope; whose it is decides the rest.
store::CentreScope export_scope(const Actor& actor) {
  return actor.role == Role::analyst ? store::CentreScope::every_centre() : record_scope(actor);
}

// Exports are for those who may take one kind or the other: a centre's admin, an analyst.
void require_export_reader(const Actor& actor) {
  if (!allows(actor.role, Permission::records_export)) require(actor, Permission::registry_read);
}

store::SheetExportRow own_export(store::Transaction& tx, const Actor& actor, const std::string& id) {
  auto row = tx.find_sheet_export(id);
  if (!row || row->requested_by != actor.user) throw NotFoundError("export", "bulk_export_not_found"_err);
  return *row;
}

// A running export whose runner stopped answering reads as failed.
void show_silence(store::SheetExportRow& row, std::int64_t now_ms) {
  if (row.state == "running" && row.updated_at < sheet_iso_at(now_ms - kSheetExportSilentMs)) {
    row.state = "failed";
    row.error = "the export stopped: the server making it gave no sign of life since " + row.updated_at;
    row.error_code = kSheetExportSilent;
  }
}

// The centre an ask covers: a centre's admin their own (asked or not); an analyst the one
// named, or every centre (""). Records are a centre's admin's only.
std::string centre_of_ask(const Actor& actor, const SheetExportAsk& ask) {
  if (ask.kind == "records") {
    require(actor, Permission::records_export);
    if (actor.centre.empty()) throw ForbiddenError("centre", "own_centre_records_only"_err);
    if (ask.centre && *ask.centre != actor.centre) throw ForbiddenError("centre", "own_centre_records_only"_err);
    return actor.centre;
  }
  require(actor, Permission::registry_read);
  if (actor.role == Role::analyst || actor.all_centres) return ask.centre.value_or("");
  if (ask.centre && *ask.centre != actor.centre) throw ForbiddenError("centre", "own_centre_report_only"_err);
  return actor.centre;
}

// The audit row of an export's steps: a centre's records are a records export of the
// centre, the de-identified tables a registry export, as their command lines write them.
store::AuditEntry export_audit(const Clock& clock, const Actor& actor, const store::SheetExportRow& row,
                               const std::string& what) {
  const bool records = row.kind == "records";
  return audit_entry(clock, actor, row.centre_id, records ? "records.export" : "registry.export",
                     records ? "centre" : "registry", row.centre_id, what);
}

std::string audit_what(const store::SheetExportRow& row) {
  return row.kind + " spreadsheet export " + row.id + " (" + row.format + ")";
}

}  // namespace

void check_sheet_export_ask(const SheetExportAsk& ask) {
  if (ask.kind != "records" && ask.kind != "deidentified")
    throw InputError("kind", "not_one_of"_err, {{"value", ask.kind}, {"allowed", "records, deidentified"}});
  if (ask.format != "csv" && ask.format != "xlsx")
    throw InputError("format", "not_one_of"_err, {{"value", ask.format}, {"allowed", "csv, xlsx"}});
  if (ask.layout != "long" && ask.layout != "wide")
    throw InputError("layout", "not_one_of"_err, {{"value", ask.layout}, {"allowed", "long, wide"}});
  // The de-identified tables have one layout; a protocol narrows only them.
  if (ask.kind == "deidentified" && ask.layout != "long")
    throw InputError("layout", "not_one_of"_err, {{"value", ask.layout}, {"allowed", "long"}});
  if (ask.kind == "records" && ask.protocol)
    throw InputError("protocol", "sheet_export_protocol_deidentified_only"_err);
}

store::SheetExportRow SheetExports::kick_off(const Actor& actor, const SheetExportAsk& ask) {
  check_sheet_export_ask(ask);
  const std::string centre = centre_of_ask(actor, ask);
  if (ask.protocol) (void)catalogue_entry(*ask.protocol);  // NotFoundError("protocol") for another
  const std::string now = clock_.now_iso();
  store::SheetExportRow row;
  row.id = random_hex(16);
  row.kind = ask.kind;
  row.centre_id = centre;
  row.protocol_id = ask.protocol.value_or("");
  row.requested_by = actor.user;
  row.format = ask.format;
  row.layout = ask.layout;
  row.state = "running";
  row.created_at = row.updated_at = now;
  // Old exports go, whoever's: their files are no one's to keep.
  store_.write([&](store::Transaction& tx) {
    for (const auto& old : tx.sheet_exports_begun_before(sheet_iso_at(clock_.now_ms() - kSheetExportKeptMs)))
      tx.delete_sheet_export(old);
  });
  store_.write(export_scope(actor), [&](store::Transaction& tx) {
    if (!centre.empty() && !tx.find_centre(centre))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre}});
    const std::string silent_since = sheet_iso_at(clock_.now_ms() - kSheetExportSilentMs);
    for (const auto& mine : tx.sheet_exports_of(actor.user))
      if (mine.state == "running" && mine.updated_at >= silent_since)
        throw ConflictError("export", "sheet_export_running"_err);
    tx.insert_sheet_export(row);
    tx.append_audit(export_audit(clock_, actor, row, audit_what(row) + " begun"));
  });
  return row;
}

std::vector<SheetExportStatus> SheetExports::mine(const Actor& actor) {
  require_export_reader(actor);
  const std::string kept_since = sheet_iso_at(clock_.now_ms() - kSheetExportKeptMs);
  std::vector<SheetExportStatus> out;
  store_.read(export_scope(actor), [&](store::Transaction& tx) {
    out.clear();
    for (auto& row : tx.sheet_exports_of(actor.user)) {
      if (row.created_at < kept_since) continue;
      auto files = row.state == "done" ? tx.sheet_export_files(row.id) : std::vector<store::SheetExportFileRow>{};
      out.push_back({std::move(row), std::move(files)});
    }
  });
  for (auto& st : out) show_silence(st.row, clock_.now_ms());
  return out;
}

SheetExportStatus SheetExports::status(const Actor& actor, const std::string& id) {
  require_export_reader(actor);
  SheetExportStatus out;
  store_.read(export_scope(actor), [&](store::Transaction& tx) {
    out.row = own_export(tx, actor, id);
    if (out.row.state == "done") out.files = tx.sheet_export_files(id);
  });
  show_silence(out.row, clock_.now_ms());
  return out;
}

store::SheetExportFileRow SheetExports::open_file(const Actor& actor, const std::string& id, int n) {
  require_export_reader(actor);
  std::optional<store::SheetExportFileRow> file;
  store_.write(export_scope(actor), [&](store::Transaction& tx) {
    const auto row = own_export(tx, actor, id);
    if (row.state == "done")
      for (auto& f : tx.sheet_export_files(id))
        if (f.n == n) file = std::move(f);
    if (!file) throw NotFoundError("file", "bulk_export_file_not_found"_err);
    tx.append_audit(export_audit(clock_, actor, row, audit_what(row) + " file " + file->name + " downloaded"));
  });
  return std::move(*file);
}

std::string SheetExports::part(const Actor& actor, const std::string& id, int n, int part) {
  require_export_reader(actor);
  std::optional<std::string> bytes;
  store_.read(export_scope(actor), [&](store::Transaction& tx) {
    (void)own_export(tx, actor, id);
    bytes = tx.sheet_export_part(id, n, part);
  });
  if (!bytes) throw NotFoundError("file", "bulk_export_file_not_found"_err);
  return std::move(*bytes);
}

void SheetExports::remove(const Actor& actor, const std::string& id) {
  require_export_reader(actor);
  store_.write(export_scope(actor), [&](store::Transaction& tx) {
    const auto row = own_export(tx, actor, id);
    tx.delete_sheet_export(id);
    tx.append_audit(export_audit(clock_, actor, row, audit_what(row) + " deleted"));
  });
}

bool SheetExports::add_file(const std::string& id, int n, const std::string& name,
                            const std::function<std::string()>& read) {
  // A part per write: a large workbook is never held whole, and the clinic's writes go
  // on between its parts.
  std::int64_t bytes = 0;
  int parts = 0;
  for (std::string chunk = read(); !chunk.empty(); chunk = read()) {
    bool there = false;
    store_.write([&](store::Transaction& tx) {
      if (!tx.find_sheet_export(id)) return;
      there = true;
      tx.insert_sheet_export_part(id, n, parts, chunk);
    });
    if (!there) return false;
    bytes += static_cast<std::int64_t>(chunk.size());
    ++parts;
  }
  bool there = false;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_sheet_export(id);
    if (!row) return;
    there = true;
    tx.insert_sheet_export_file({id, n, name, bytes, parts});
    row->updated_at = clock_.now_iso();
    tx.update_sheet_export(*row);
  });
  return there;
}

bool SheetExports::progressed(const std::string& id, const std::string& progress) {
  bool there = false;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_sheet_export(id);
    if (!row) return;
    there = true;
    row->progress = progress;
    row->updated_at = clock_.now_iso();
    tx.update_sheet_export(*row);
  });
  return there;
}

void SheetExports::finished(const std::string& id, const std::string& summary_json) {
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_sheet_export(id);
    if (!row) return;
    row->state = "done";
    row->progress = "";
    row->summary = summary_json;
    row->updated_at = row->finished_at = clock_.now_iso();
    tx.update_sheet_export(*row);
  });
}

void SheetExports::failed(const std::string& id, const char* code, const std::string& why) {
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_sheet_export(id);
    if (!row) return;
    row->state = "failed";
    row->error = why;
    row->error_code = code;
    row->updated_at = row->finished_at = clock_.now_iso();
    tx.update_sheet_export(*row);
  });
}

}  // namespace rp::service
