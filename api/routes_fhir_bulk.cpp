// The FHIR Bulk Data export (issue 20; http://hl7.org/fhir/uv/bulkdata/export.html): a
// centre's admin kicks off an export of the centre's records (system or Patient level,
// Prefer: respond-async), polls its status (202 with X-Progress while it runs, then the
// manifest of its NDJSON files), downloads each file and deletes the export. The
// registry's analyst does the same with the de-identified records at Group/registry
// (api/fhir/deidentified_resources.hpp), its status and files under that Group. The export
// runs in the background (api/fhir/bulk_export_runner.hpp); its state and files are in
// the store (service/bulk_exports.hpp), so any server sharing the database answers.
#include <algorithm>

#include "api/fhir/bulk_export_runner.hpp"
#include "api/fhir/deidentified_resources.hpp"
#include "api/fhir/resources.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/bulk_exports.hpp"
#include "service/protocols.hpp"

namespace rp::api {
namespace {

using nlohmann::ordered_json;

constexpr const char* kFhirJson = "application/fhir+json";
constexpr const char* kNdjson = "application/fhir+ndjson";

// Where the client reached this server: the status and files are named by absolute URL.
std::string base_url(const http::Call& c) {
  const std::string host = c.request.host.empty() ? "localhost" : c.request.host;
  return std::string(c.request.tls ? "https://" : "http://") + host;
}

// Where a kind of export's status and files are: a centre's at the server's base, the
// registry's under its Group.
std::string export_base(service::BulkExportKind kind) {
  return kind == service::BulkExportKind::registry ? "/fhir/r4/Group/registry" : "/fhir/r4";
}
std::string status_path(service::BulkExportKind kind, const std::string& id) {
  return export_base(kind) + "/$export-status/" + id;
}

// The kick-off as asked, for the manifest's `request`.
std::string request_url(const http::Call& c) {
  std::string url = base_url(c) + c.request.path;
  char sep = '?';
  for (const auto& [k, v] : c.request.query) {
    url += sep;
    url += k;
    url += '=';
    url += v;
    sep = '&';
  }
  return url;
}

std::string types_listed(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : ", ") + t;
  return out;
}

// _type as a list of the export's types `known` (empty: every type); InputError("_type")
// for another.
std::vector<std::string> asked_types(const http::Call& c, const std::vector<std::string>& known) {
  std::vector<std::string> out;
  const auto q = c.request.query.find("_type");
  if (q == c.request.query.end() || q->second.empty()) return out;
  std::size_t at = 0;
  while (at <= q->second.size()) {
    const std::size_t comma = std::min(q->second.find(',', at), q->second.size());
    std::string type = q->second.substr(at, comma - at);
    if (std::find(known.begin(), known.end(), type) == known.end())
      throw InputError("_type", "not_one_of"_err, {{"value", type}, {"allowed", types_listed(known)}});
    if (std::find(out.begin(), out.end(), type) == out.end()) out.push_back(std::move(type));
    at = comma + 1;
  }
  return out;
}

ordered_json outcome(const char* severity, const char* code, const std::string& text) {
  return {{"resourceType", "OperationOutcome"},
          {"issue", ordered_json::array({{{"severity", severity}, {"code", code}, {"diagnostics", text}}})}};
}

http::Response fhir_json(int status, const ordered_json& body, const char* media = kFhirJson) {
  http::Response res;
  res.status = status;
  res.body = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  res.content_type = media;
  return res;
}

void check_output_format(const http::Call& c) {
  if (const auto f = c.request.query.find("_outputFormat"); f != c.request.query.end()) {
    const std::string& format = f->second;
    if (format != "application/fhir+ndjson" && format != "application/ndjson" && format != "ndjson")
      throw InputError("_outputFormat", "not_one_of"_err,
                       {{"value", format}, {"allowed", "application/fhir+ndjson, application/ndjson, ndjson"}});
  }
}

std::string joined(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : ",") + t;
  return out;
}

// The kick-off's answer: 202, the status's URL in Content-Location.
http::Response begun(const http::Call& c, service::BulkExportKind kind, const std::string& id) {
  auto res = fhir_json(202, outcome("information", "informational", "the export has begun: poll the Content-Location"));
  res.headers.emplace_back("Content-Location", base_url(c) + status_path(kind, id));
  return res;
}

http::Response kick_off(Services& s, http::Call& c) {
  check_output_format(c);
  auto types = asked_types(c, fhir::exported_types());
  if (c.request.prefer.find("respond-async") == std::string::npos)
    throw InputError("Prefer", "bulk_export_async_only"_err);
  if (!s.bulk_exports) throw ConflictError("export", "bulk_export_unavailable"_err);
  const auto row = service::BulkExports(s.store, s.clock).kick_off(c.actor, request_url(c), joined(types));
  s.bulk_exports->start(c.actor, row, std::move(types));
  return begun(c, service::BulkExportKind::centre, row.id);
}

// A query parameter given and not empty.
std::optional<std::string> query_value(const http::Call& c, const char* name) {
  const auto q = c.request.query.find(name);
  if (q == c.request.query.end() || q->second.empty()) return std::nullopt;
  return q->second;
}

// The registry's de-identified export (Group/registry/$export): the same asks and answers.
http::Response kick_off_registry(Services& s, http::Call& c) {
  check_output_format(c);
  auto types = asked_types(c, fhir::DeidentifiedResources::types());
  auto protocol = query_value(c, "protocol");
  // A protocol or a centre this clinic does not know is named now, not as a failed export
  // later, and before the ask's form.
  if (protocol) (void)service::catalogue_entry(*protocol);
  service::BulkExports exports(s.store, s.clock);
  const auto centre = query_value(c, "centre");
  (void)exports.registry_centre(c.actor, centre);
  if (c.request.prefer.find("respond-async") == std::string::npos)
    throw InputError("Prefer", "bulk_export_async_only"_err);
  if (!s.bulk_exports) throw ConflictError("export", "bulk_export_unavailable"_err);
  const auto row = exports.kick_off_registry(c.actor, request_url(c), joined(types), centre);
  s.bulk_exports->start_registry(c.actor, row, std::move(types), std::move(protocol));
  return begun(c, service::BulkExportKind::registry, row.id);
}

http::Handler kick_off_handler(Services& s, service::BulkExportKind kind) {
  auto h = http::answering_text(kFhirJson, [&s, kind](http::Call& c) {
    return kind == service::BulkExportKind::registry ? kick_off_registry(s, c) : kick_off(s, c);
  });
  h.status = 202;
  return h;
}

std::vector<http::Param> kick_off_params() {
  return {{"_type", "the resource types to export, comma-separated (default: every type the export has)", false},
          {"_outputFormat", "application/fhir+ndjson (the default), application/ndjson or ndjson", false}};
}

ordered_json manifest(const http::Call& c, service::BulkExportKind kind, const service::BulkExportStatus& st) {
  ordered_json output = ordered_json::array();
  for (const auto& f : st.files)
    output.push_back(
        {{"type", f.type},
         {"url", base_url(c) + export_base(kind) + "/$export-file/" + st.row.id + "/" + std::to_string(f.n)},
         {"count", f.resources}});
  return {{"transactionTime", st.row.transaction_time},
          {"request", st.row.request},
          {"requiresAccessToken", true},
          {"output", std::move(output)},
          {"error", ordered_json::array()}};
}

}  // namespace

int export_file_number(const std::string& text) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFoundError("file", "bulk_export_file_not_found"_err);
  return std::stoi(text);
}

namespace {

// An export's status, deletion and files, for one kind of export at its base path.
void add_export_routes(http::Router& r, Services& s, service::BulkExportKind kind, service::Permission permission) {
  const std::string base = export_base(kind);
  auto status = http::answering_text("application/json", [&s, kind](http::Call& c) {
    const auto st = service::BulkExports(s.store, s.clock).status(c.actor, c.request.params.at("export_id"), kind);
    if (st.row.state == "running") {
      http::Response res;
      res.status = 202;
      res.content_type = "application/json";
      res.body = "{}";
      res.headers.emplace_back("X-Progress", st.row.progress.empty() ? "running" : st.row.progress);
      res.headers.emplace_back("Retry-After", "2");
      return res;
    }
    if (st.row.state == "failed") return fhir_json(500, outcome("error", "exception", st.row.error));
    return fhir_json(200, manifest(c, kind, st), "application/json");
  });
  // The manifest (200) and the empty object while it runs (202): JSON objects.
  status.answer = {[](http::SchemaSet&) {
    return nlohmann::json{{"type", "object"},
                          {"description",
                           "the Bulk Data manifest: transactionTime, request, requiresAccessToken, "
                           "output [{type, url, count}], error"}};
  }};
  status.more_statuses = {{202, "still running: X-Progress says how far, Retry-After when to ask again"},
                          {500, "the export failed: an OperationOutcome says why"}};
  r.add({"GET",
         base + "/$export-status/{export_id}",
         "An export's status: 202 while it runs, then its manifest (the files, each by URL with its type and count)",
         permission,
         {},
         "",
         false,
         false,
         std::move(status)});

  auto remove = http::answering_text(kFhirJson, [&s, kind](http::Call& c) {
    service::BulkExports(s.store, s.clock).remove(c.actor, c.request.params.at("export_id"), kind);
    return fhir_json(202, outcome("information", "informational", "the export and its files are deleted"));
  });
  remove.status = 202;
  r.add({"DELETE",
         base + "/$export-status/{export_id}",
         "Deletes an export and its files (a running one stops)",
         permission,
         {},
         "",
         false,
         false,
         std::move(remove)});

  r.add({"GET",
         base + "/$export-file/{export_id}/{file}",
         "One NDJSON file of a finished export, as its manifest lists it (audited)",
         permission,
         {},
         "",
         false,
         false,
         http::answering_text(kNdjson, [&s, kind](http::Call& c) {
           http::Response res;
           res.body = service::BulkExports(s.store, s.clock)
                          .file(c.actor, c.request.params.at("export_id"),
                                export_file_number(c.request.params.at("file")), kind);
           res.content_type = kNdjson;
           return res;
         })});
}

std::vector<http::Param> registry_kick_off_params() {
  auto params = kick_off_params();
  params[0].description =
      "the resource types to export, comma-separated (default: every type the registry's export has: Patient, "
      "Condition, CarePlan, Appointment, BiologicallyDerivedProduct, Procedure, Observation, AdverseEvent)";
  params.push_back(
      {"centre", "one centre's patients (the analyst: any centre, default every one; an admin: their own)", false});
  params.push_back({"protocol", "the patients treated under one protocol only", false});
  return params;
}

}  // namespace

void add_fhir_bulk_routes(http::Router& r, Services& s) {
  using Kind = service::BulkExportKind;
  const char* kick_off_summary =
      "Begins a FHIR Bulk Data export of the admin's centre (every patient's records, identified, as NDJSON files "
      "of at most 10,000 resources each): asynchronous only (Prefer: respond-async), answered 202 with the status's "
      "URL in Content-Location. One export of a centre runs at a time; an export is kept a day";
  r.add({"GET", "/fhir/r4/$export", kick_off_summary, service::Permission::records_export, kick_off_params(), "", false,
         false, kick_off_handler(s, Kind::centre)});
  r.add({"GET", "/fhir/r4/Patient/$export", kick_off_summary, service::Permission::records_export, kick_off_params(),
         "", false, false, kick_off_handler(s, Kind::centre)});
  add_export_routes(r, s, Kind::centre, service::Permission::records_export);

  r.add({"GET", "/fhir/r4/Group/registry/$export",
         "Begins the registry's de-identified FHIR Bulk Data export: patients and episodes under their pseudonyms, "
         "every date moved by the patient's shift, ages in five-year bands, no name, identifier, birth date, staff or "
         "free text, no patient without registry consent; each resource labelled pseudonymised. Asynchronous only "
         "(Prefer: respond-async), answered 202 with the status's URL in Content-Location; seen by whoever asked "
         "for it alone; one of theirs runs at a time; kept a day",
         service::Permission::registry_read, registry_kick_off_params(), "", false, false,
         kick_off_handler(s, Kind::registry)});
  add_export_routes(r, s, Kind::registry, service::Permission::registry_read);
}

}  // namespace rp::api
