// The FHIR Bulk Data export (issue 20; http://hl7.org/fhir/uv/bulkdata/export.html): a
// centre's admin kicks off an export of the centre's records (system or Patient level,
// Prefer: respond-async), polls its status (202 with X-Progress while it runs, then the
// manifest of its NDJSON files), downloads each file and deletes the export. The export
// runs in the background (api/fhir/bulk_export_runner.hpp); its state and files are in
// the store (service/bulk_exports.hpp), so any server sharing the database answers.
#include <algorithm>

#include "api/fhir/bulk_export_runner.hpp"
#include "api/fhir/resources.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/bulk_exports.hpp"

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

std::string status_path(const std::string& id) { return "/fhir/r4/$export-status/" + id; }

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

std::string export_types_listed() {
  std::string out;
  for (const auto& t : fhir::exported_types()) out += (out.empty() ? "" : ", ") + t;
  return out;
}

// _type as a list of the export's types (empty: every type); InputError("_type") for another.
std::vector<std::string> asked_types(const http::Call& c) {
  std::vector<std::string> out;
  const auto q = c.request.query.find("_type");
  if (q == c.request.query.end() || q->second.empty()) return out;
  const auto& known = fhir::exported_types();
  std::size_t at = 0;
  while (at <= q->second.size()) {
    const std::size_t comma = std::min(q->second.find(',', at), q->second.size());
    std::string type = q->second.substr(at, comma - at);
    if (std::find(known.begin(), known.end(), type) == known.end())
      throw InputError("_type", "not_one_of"_err, {{"value", type}, {"allowed", export_types_listed()}});
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

http::Response kick_off(Services& s, http::Call& c) {
  if (const auto f = c.request.query.find("_outputFormat"); f != c.request.query.end()) {
    const std::string& format = f->second;
    if (format != "application/fhir+ndjson" && format != "application/ndjson" && format != "ndjson")
      throw InputError("_outputFormat", "not_one_of"_err,
                       {{"value", format}, {"allowed", "application/fhir+ndjson, application/ndjson, ndjson"}});
  }
  auto types = asked_types(c);
  if (c.request.prefer.find("respond-async") == std::string::npos)
    throw InputError("Prefer", "bulk_export_async_only"_err);
  if (!s.bulk_exports) throw ConflictError("export", "bulk_export_unavailable"_err);
  std::string joined;
  for (const auto& t : types) joined += (joined.empty() ? "" : ",") + t;
  const auto row = service::BulkExports(s.store, s.clock).kick_off(c.actor, request_url(c), joined);
  s.bulk_exports->start(c.actor, row, std::move(types));
  auto res = fhir_json(202, outcome("information", "informational", "the export has begun: poll the Content-Location"));
  res.headers.emplace_back("Content-Location", base_url(c) + status_path(row.id));
  return res;
}

http::Handler kick_off_handler(Services& s) {
  auto h = http::answering_text(kFhirJson, [&s](http::Call& c) { return kick_off(s, c); });
  h.status = 202;
  return h;
}

std::vector<http::Param> kick_off_params() {
  return {{"_type", "the resource types to export, comma-separated (default: every type the export has)", false},
          {"_outputFormat", "application/fhir+ndjson (the default), application/ndjson or ndjson", false}};
}

ordered_json manifest(const http::Call& c, const service::BulkExportStatus& st) {
  ordered_json output = ordered_json::array();
  for (const auto& f : st.files)
    output.push_back({{"type", f.type},
                      {"url", base_url(c) + "/fhir/r4/$export-file/" + st.row.id + "/" + std::to_string(f.n)},
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

void add_fhir_bulk_routes(http::Router& r, Services& s) {
  const char* kick_off_summary =
      "Begins a FHIR Bulk Data export of the admin's centre (every patient's records, identified, as NDJSON files "
      "of at most 10,000 resources each): asynchronous only (Prefer: respond-async), answered 202 with the status's "
      "URL in Content-Location. One export of a centre runs at a time; an export is kept a day";
  r.add({"GET", "/fhir/r4/$export", kick_off_summary, service::Permission::records_export, kick_off_params(), "", false,
         false, kick_off_handler(s)});
  r.add({"GET", "/fhir/r4/Patient/$export", kick_off_summary, service::Permission::records_export, kick_off_params(),
         "", false, false, kick_off_handler(s)});

  auto status = http::answering_text("application/json", [&s](http::Call& c) {
    const auto st = service::BulkExports(s.store, s.clock).status(c.actor, c.request.params.at("export_id"));
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
    return fhir_json(200, manifest(c, st), "application/json");
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
         "/fhir/r4/$export-status/{export_id}",
         "An export's status: 202 while it runs, then its manifest (the files, each by URL with its type and count)",
         service::Permission::records_export,
         {},
         "",
         false,
         false,
         std::move(status)});

  auto remove = http::answering_text(kFhirJson, [&s](http::Call& c) {
    service::BulkExports(s.store, s.clock).remove(c.actor, c.request.params.at("export_id"));
    return fhir_json(202, outcome("information", "informational", "the export and its files are deleted"));
  });
  remove.status = 202;
  r.add({"DELETE",
         "/fhir/r4/$export-status/{export_id}",
         "Deletes an export and its files (a running one stops)",
         service::Permission::records_export,
         {},
         "",
         false,
         false,
         std::move(remove)});

  r.add({"GET",
         "/fhir/r4/$export-file/{export_id}/{file}",
         "One NDJSON file of a finished export, as its manifest lists it (audited)",
         service::Permission::records_export,
         {},
         "",
         false,
         false,
         http::answering_text(kNdjson, [&s](http::Call& c) {
           http::Response res;
           res.body =
               service::BulkExports(s.store, s.clock)
                   .file(c.actor, c.request.params.at("export_id"), export_file_number(c.request.params.at("file")));
           res.content_type = kNdjson;
           return res;
         })});
}

}  // namespace rp::api
