#pragma once
// Shared plumbing for CLI sub-commands: every command prints JSON on stdout, and on
// bad input prints {"error": {"message", "field"}} on stderr and exits with code 2.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace rp::app {

// Default database path, relative to the working directory.
inline constexpr const char* kDefaultDb = "./regenpath-data/regenpath.db";

// A command that ran and found something wrong, its report already on stdout: main prints
// the message as an error on stderr and exits with `code` (kExitTampered: the audit log
// shows tampering).
class CommandVerdict : public std::runtime_error {
 public:
  CommandVerdict(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};
inline constexpr int kExitTampered = 3;

// Reads a whole file, or standard input for "-". Throws InputError(field).
std::string read_text(const std::string& path_or_dash, const std::string& field);
// Reads and parses JSON from a file or "-". Throws InputError naming the JSON error.
nlohmann::json read_json(const std::string& path_or_dash, const std::string& field);
// One compact JSON value and a newline on stdout.
void print_json(const nlohmann::json& value);

// Sub-command families; each lives in its own cli_*.cpp.
void add_date_commands(CLI::App& app);
void add_cost_commands(CLI::App& app);              // cost instalments (cli_cost.cpp), cost estimate (cli_prices.cpp)
void add_cost_estimate(CLI::App* cost);             // cost estimate (cli_prices.cpp)
void add_price_commands(CLI::App& app);             // price set, list (cli_prices.cpp)
void add_rating_commands(CLI::App& app);            // rating list, moderate (cli_ratings.cpp)
void add_imaging_commands(CLI::App& app);           // imaging candidates, link, show, grade (cli_imaging.cpp)
void add_page_commands(CLI::App& app);              // page list, save, publish (cli_pages.cpp)
void add_consent_document_commands(CLI::App& app);  // consent-document list, save, publish
void add_consent_commands(CLI::App& app);           // consent list, pdf, countersign, withdraw
void add_evidence_commands(CLI::App& app);          // evidence list, import, withdraw (cli_evidence.cpp)
void add_payment_commands(CLI::App& app);           // payment plan, record, show (cli_payments.cpp)
void add_schedule_command(CLI::App& app);
void add_eligibility_command(CLI::App& app);
void add_db_commands(CLI::App& app);
void add_db_copy_command(CLI::App* db);   // db copy (cli_db_copy.cpp)
void add_backup_commands(CLI::App& app);  // backup, restore
void add_audit_commands(CLI::App& app);   // audit verify, anchor, who-saw
void add_patient_commands(CLI::App& app);
void add_episode_commands(CLI::App& app);
void add_event_commands(CLI::App& app);
void add_worklist_commands(CLI::App& app);  // worklist list, close, close-before, reopen
void add_messages_commands(CLI::App& app);  // messages run, list (cli_messages.cpp)
void add_demo_command(CLI::App& app);
void add_score_commands(CLI::App& app);
void add_instrument_commands(CLI::App& app);  // instrument load, wordings
void add_stats_commands(CLI::App& app);
// stats logistic | funnel | standardise | cusum (cli_stats_registry.cpp), under `stats`.
void add_registry_stats_commands(CLI::App* stats_cmd);
// stats cross-centre (cli_stats_cross_centre.cpp), under `stats`.
void add_cross_centre_stats_command(CLI::App* stats_cmd);
void add_report_commands(CLI::App& app);
void add_export_commands(CLI::App& app);  // export deidentified (cli_export.cpp)
void add_fhir_commands(CLI::App& app);    // fhir export, import (cli_fhir.cpp)
// fhir import (cli_fhir_import.cpp): the files of folder `in` into the store `db`, whole
// patients to a transaction of at least `lines_per_transaction` lines.
void run_fhir_import(const std::string& db, const std::string& in, std::size_t lines_per_transaction);
// Lines an import's transaction takes at least, ended at a patient's last line: about
// 100 MB of SQLite's WAL at most. Fewer commits, each a sync of the WAL: at 2,048 lines a
// 100,000-patient import took 763 s, at 16,384 450 s.
inline constexpr std::size_t kImportLinesPerTransaction = 16384;
void add_serve_commands(CLI::App& app);    // serve, config sample, user add/reset
void add_openapi_command(CLI::App& app);   // the API's OpenAPI document, for the web app's build
void add_din_commands(CLI::App& app);      // din check, din new (cli_din.cpp)
void add_product_commands(CLI::App& app);  // product list, verify, trace (cli_products.cpp)
// product label, patient wristband (cli_labels.cpp), under `product` and `patient`.
void add_product_label_command(CLI::App* product);
void add_patient_wristband_command(CLI::App* patient);

// Runs the HTTP server on the demo database after creating one account per role per
// centre; prints the URL and the accounts, and blocks until SIGTERM/SIGINT.
void serve_demo(const std::string& db, int port);
// Refuses (InputError "port") a port another program holds, before the demo database is
// rebuilt: a second demo must not replace a running one's data and then fail.
void check_demo_port(int port);
// The demo server's portal (it listens on loopback): the link its messages carry.
std::string demo_portal_url(int port);

}  // namespace rp::app
