// `regenpath report outcomes`: the outcome report with the claims audit, as JSON or as
// one self-contained HTML page in English or Persian.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/contract/reports.hpp"
#include "app/cli.hpp"
#include "app/report_html.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "service/evidence.hpp"
#include "service/outcomes.hpp"
#include "service/protocols.hpp"

namespace rp::app {
namespace {

std::string slurp(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NotFoundError(field, "cannot_read_file"_err, {{"path", path}});
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct ReportOptions {
  std::string db = kDefaultDb;
  std::string centre, format = "json", lang = "en", today, claims, protocol;
};

void run_outcomes(const ReportOptions& o) {
  if (names_missing_file(o.db)) throw NotFoundError("db", "no_database"_err, {{"path", o.db}});
  // A fixed --today makes the report reproducible; otherwise it is today in Tehran.
  const Clock clock =
      o.today.empty() ? Clock::system()
                      : Clock::fixed((parse_gregorian(o.today, "today").days_since_epoch() * 86400 + 9 * 3600) * 1000);
  auto store = open_store(o.db);
  service::Outcomes outcomes(*store, clock);
  service::OutcomeRequest request;
  if (!o.centre.empty()) request.centre_id = o.centre;
  if (!o.protocol.empty()) request.protocol = o.protocol;
  if (!o.claims.empty())
    request.claims = parse_claims(slurp(o.claims, "claims"), std::filesystem::path(o.claims).filename().string());
  // The API's encoder: the printed JSON is the answer of GET /api/v1/reports/outcomes.
  const service::OutcomeReport figures = outcomes.report(service::Actor::cli_operator(), request);
  const api::contract::OutcomeReportOut report = api::contract::outcome_report_out(
      figures, service::Evidence(*store, clock).of_protocol(figures.protocol.id, false));
  if (o.format == "json") {
    print_json(api::http::encode(report));
    return;
  }
  const std::string dir = service::data_dir() + "/templates/";
  const std::string page = slurp(dir + "outcomes-report.html", "template");
  const nlohmann::json wording = nlohmann::json::parse(slurp(dir + "outcomes-report.text.json", "template"));
  std::cout << render_outcomes_html(report, page, wording, o.lang);
}

}  // namespace

void add_report_commands(CLI::App& app) {
  auto* report = app.add_subcommand("report", "Reports over the registry (de-identified aggregates)");
  report->require_subcommand(1);
  auto o = std::make_shared<ReportOptions>();
  auto* outcomes = report->add_subcommand(
      "outcomes",
      "Outcome report: survival free of joint replacement, PROMs, responders, adverse events, claims audit");
  add_db_option(outcomes, o->db);
  outcomes->add_option("--centre", o->centre, "one centre's report (with the overall figures)");
  outcomes->add_option("--format", o->format, "json or html")->check(CLI::IsMember({"json", "html"}));
  outcomes->add_option("--lang", o->lang, "language of the html page: en or fa")->check(CLI::IsMember({"en", "fa"}));
  outcomes->add_option("--today", o->today, "the day the report is made on (default: today in Tehran)");
  outcomes->add_option("--protocol", o->protocol, "the protocol whose patients are counted (default: hip-msc-v1)");
  outcomes->add_option("--claims", o->claims, "a claims file to audit instead of the one the protocol names");
  outcomes->callback([o] { run_outcomes(*o); });
}

}  // namespace rp::app
