// `audit verify`, `audit anchor` and `audit who-saw`: the audit log checked against the
// signed anchors and the records, the head signed by hand, and who saw a patient.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "api/audit_search.hpp"
#include "api/http/server_config.hpp"
#include "api/json_audit.hpp"
#include "app/audit_options.hpp"
#include "app/store_options.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"
#include "service/audit_anchors.hpp"
#include "store/audit_anchor_file.hpp"

namespace rp::app {
namespace {

namespace fs = std::filesystem;

api::http::ServerConfig server_config(const AuditPaths& given) {
  auto cfg = api::http::load_server_config(given.config);
  if (!given.db.empty()) cfg.db = given.db;
  return cfg;
}

void add_paths(CLI::App* cmd, AuditPaths& p) {
  cmd->add_option("--db", p.db,
                  std::string("the database: FILE, sqlite:FILE or postgresql://... (default: the config's, else ") +
                      kDefaultDb + ")");
  cmd->add_option("--config", p.config, "the server's config file, for its database, key and anchor paths");
}

}  // namespace

AuditEvidence resolve_audit_evidence(const AuditPaths& given) {
  const auto cfg = server_config(given);
  AuditEvidence e;
  e.db = cfg.db;
  e.anchor_file = given.anchors.empty() ? cfg.audit_anchor_path() : given.anchors;
  if (!given.anchors.empty() && !fs::exists(e.anchor_file))
    throw InputError("anchors", "no_anchor_file"_err, {{"path", e.anchor_file}});
  const std::string key_file =
      given.public_key.empty() ? store::public_key_path(cfg.audit_key_path()) : given.public_key;
  if (!given.public_key.empty() || fs::exists(key_file)) {
    e.public_key = store::read_public_key_file(key_file, "public_key");
  } else if (fs::exists(e.anchor_file)) {
    throw InputError("public_key", "anchor_needs_public_key"_err, {{"path", e.anchor_file}, {"key", key_file}});
  }
  e.options.read_anchors = [file = e.anchor_file, key = e.public_key] { return store::read_anchor_file(file, key); };
  return e;
}

void require_current_schema(store::Store& s, const std::string& db) {
  const int version = s.schema_version();
  if (version != store::latest_schema_version())
    throw InputError("db", "schema_not_current"_err,
                     {{"db", db}, {"have", version}, {"latest", store::latest_schema_version()}});
}

void add_audit_commands(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto paths = std::make_shared<AuditPaths>();

  auto* verify = audit->add_subcommand(
      "verify",
      "Check the hash chain, the signed anchors and every record's content; exit 3 when the log shows tampering");
  add_paths(verify, *paths);
  verify->add_option("--anchors", paths->anchors, "anchor file (default: the server's)");
  verify->add_option("--public-key", paths->public_key, "the server's public key file (default: <audit key>.pub)");
  verify->callback([paths] {
    const AuditEvidence e = resolve_audit_evidence(*paths);
    auto s = store::open_store(e.db, store::OpenMode::existing_no_migrate);
    require_current_schema(*s, e.db);
    const auto v = service::verify_audit_chain(*s, service::Actor::cli_operator(), e.options);
    nlohmann::json out = api::audit_verification_json(v, e.public_key);
    out["db"] = shown_db(e.db);
    print_json(out);
    if (v.tampered()) {
      const std::string first = !v.problem.empty()    ? v.problem
                                : !v.findings.empty() ? v.findings.front()
                                                      : "records changed at other centres";
      throw CommandVerdict(kExitTampered, "the audit log shows tampering: " + first);
    }
  });

  auto* anchor = audit->add_subcommand(
      "anchor", "Sign the audit log's head now with the server's key and append it to the anchor file");
  add_paths(anchor, *paths);
  anchor->callback([paths] {
    const auto cfg = server_config(*paths);
    auto s = store::open_store(cfg.db, store::OpenMode::existing_no_migrate);
    require_current_schema(*s, cfg.db);
    service::AnchorConfig anchoring{cfg.audit_key_path(), cfg.audit_anchor_path(), {}};
    if (!cfg.audit_anchor_copy.empty()) anchoring.copy_paths.push_back(cfg.audit_anchor_copy);
    service::AuditAnchors anchors(*s, Clock::system(), anchoring);
    const auto a = anchors.anchor_now();
    nlohmann::json out = {{"file", anchoring.anchor_path}, {"public_key", anchors.public_key()}};
    out["anchored"] = a.has_value();
    if (a) {
      out["seq"] = a->seq;
      out["head"] = a->head;
      out["at"] = a->at;
    }
    print_json(out);
  });

  auto* who = audit->add_subcommand(
      "who-saw", "Every audit row that opened, wrote or listed a patient (searches, the worklist), oldest first");
  add_paths(who, *paths);
  auto patient = std::make_shared<std::int64_t>(0);
  who->add_option("--patient", *patient, "patient id")->required()->check(CLI::PositiveNumber);
  who->callback([paths, patient] {
    const auto cfg = server_config(*paths);
    auto s = open_store(cfg.db);
    print_json(api::who_saw_json(service::who_saw(*s, Clock::system(), service::Actor::cli_operator(), *patient)));
  });

  // The audit viewer of the web app, for every centre: the same filters as
  // GET /api/v1/audit/rows, JSON or (--format csv) the export's CSV.
  auto* search = audit->add_subcommand("search", "Audit rows, newest first, filtered by patient, user and days");
  add_paths(search, *paths);
  auto filters = std::make_shared<std::map<std::string, std::string>>();
  auto format = std::make_shared<std::string>("json");
  for (const char* name : {"patient", "user", "from", "from-jalali", "to", "to-jalali", "before", "limit"})
    search->add_option_function<std::string>(
        std::string("--") + name, [filters, name](const std::string& v) { (*filters)[name] = v; }, "filter");
  search->add_option("--format", *format, "json or csv")->check(CLI::IsMember({"json", "csv"}));
  search->callback([paths, filters, format] {
    const auto cfg = server_config(*paths);
    auto s = open_store(cfg.db);
    std::map<std::string, std::string> query;
    for (const auto& [k, v] : *filters) {
      std::string key = k;
      std::replace(key.begin(), key.end(), '-', '_');
      query[key] = v;
    }
    const bool csv = *format == "csv";
    const int max = csv ? service::kAuditExportMax : service::kAuditPageMax;
    const auto search = api::audit_search_from_query(query, csv ? max : 100, max);
    const auto page = service::search_audit(*s, Clock::system(), service::Actor::cli_operator(), search, max);
    if (csv)
      std::cout << api::audit_page_csv(page);
    else
      print_json(api::audit_page_json(page));
  });
}

}  // namespace rp::app
