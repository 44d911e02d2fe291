// Spreadsheet exports over HTTP (issue 20; service/sheet_exports.hpp): a centre's admin
// asks for the centre's records, or an analyst for the registry's de-identified tables,
// as CSV files or one XLSX workbook; the export is made in the background
// (api/sheets/sheet_export_runner.hpp), polled, and each file downloaded in parts as the
// store keeps it, so no request waits for a large clinic and no answer holds it whole.
#include "api/contract/sheet_exports.hpp"
#include "api/routes.hpp"
#include "api/sheets/sheet_export_runner.hpp"
#include "base/error.hpp"

namespace rp::api {
namespace {

std::string export_param(const http::Call& c) { return c.request.params.at("export_id"); }

constexpr const char* kCsv = "text/csv; charset=utf-8";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string media_of(const std::string& name) { return name.ends_with(".xlsx") ? kXlsx : kCsv; }

// The file as the store keeps it, part by part (http::BodyParts): each part read on its
// own, so a download of a large workbook holds a mebibyte at a time.
http::Response file_answer(Services& s, const http::Call& c) {
  const std::string id = export_param(c);
  const int n = export_file_number(c.request.params.at("file"));
  service::SheetExports exports(s.store, s.clock);
  const auto file = exports.open_file(c.actor, id, n);
  http::Response res;
  res.content_type = media_of(file.name);
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
  auto parts = std::make_shared<http::BodyParts>();
  parts->size = file.bytes;
  parts->count = file.parts;
  parts->read = [&s, user = c.actor, id, n](int part) mutable {
    user.request = nullptr;  // read after the handler returned
    return service::SheetExports(s.store, s.clock).part(user, id, n, part);
  };
  res.parts = std::move(parts);
  return res;
}

}  // namespace

void add_sheet_export_routes(http::Router& r, Services& s) {
  auto kick_off = [&s](http::Call& c, const contract::SheetExportIn& in) {
    if (!s.sheet_exports) throw ConflictError("export", "bulk_export_unavailable"_err);
    const auto row = service::SheetExports(s.store, s.clock).kick_off(c.actor, contract::sheet_export_ask(in));
    s.sheet_exports->start(c.actor, row);
    return http::Accepted<contract::SheetExportOut>{contract::sheet_export_out({row, {}})};
  };
  r.add({"POST",
         "/api/v1/exports",
         "Begins a spreadsheet export: a centre's records (identified; the centre's admin) or the registry's "
         "de-identified tables (an analyst, any centre or all; a centre's admin, their own), as CSV files or one XLSX "
         "workbook with the data dictionary. Made in the background: answered 202, then poll the export until it is "
         "done. One of a user's exports is made at a time; an export is kept a day",
         service::Permission::registry_read,
         {},
         "{kind, format?, layout?, centre?, protocol?}",
         true,
         false,
         std::move(kick_off)});
  r.add({"GET",
         "/api/v1/exports",
         "The user's own spreadsheet exports of the last day, the latest first",
         service::Permission::registry_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::sheet_exports_out(service::SheetExports(s.store, s.clock).mine(c.actor));
         }});
  r.add({"GET",
         "/api/v1/exports/{export_id}",
         "One of the user's exports: running (how far), failed (why) or done with its files",
         service::Permission::registry_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::sheet_export_out(service::SheetExports(s.store, s.clock).status(c.actor, export_param(c)));
         }});
  r.add({"GET",
         "/api/v1/exports/{export_id}/files/{file}",
         "One file of a finished export, as CSV or XLSX, sent as the store keeps it, a mebibyte at a time (audited)",
         service::Permission::registry_read,
         {},
         "",
         false,
         false,
         http::answering_files({kCsv, kXlsx}, [&s](http::Call& c) { return file_answer(s, c); })});
  r.add({"DELETE",
         "/api/v1/exports/{export_id}",
         "Deletes one of the user's exports and its files (a running one stops)",
         service::Permission::registry_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           service::SheetExports(s.store, s.clock).remove(c.actor, export_param(c));
           return contract::SheetExportDeletedOut{export_param(c)};
         }});
}

}  // namespace rp::api
