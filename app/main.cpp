// regenpath: one treatment pathway from first consult to three-year outcome.
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "app/cli.hpp"
#include "base/allocator.hpp"
#include "base/error.hpp"
#include "base/error_catalogue.hpp"

namespace {

// The command line explains a refusal in the user's language: REGENPATH_LANG, else the
// locale (LC_ALL, LC_MESSAGES, LANG, first set wins as POSIX orders them); Persian for
// "fa" or "fa_IR...", English otherwise.
std::string_view cli_language() {
  for (const char* name : {"REGENPATH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value && *value) return std::string_view(value).starts_with("fa") ? "fa" : "en";
  }
  return "en";
}

int report_error(const std::string& field, const std::string& message) {
  nlohmann::json err = {{"error", {{"message", message}, {"field", field}}}};
  std::cerr << err.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return 2;
}

// {"error": {"message", "field", "reason", "params"}}: the message in the CLI's language
// from the catalogue, reason and params as the API gives them.
int report_input_error(const rp::InputError& e) {
  nlohmann::json err = {{"message", rp::errors::message(e, cli_language())}, {"field", e.field()}};
  nlohmann::json params = nlohmann::json::object();
  for (const auto& p : e.params()) params[p.name] = p.value;
  err["reason"] = e.code();
  err["code"] = e.code();  // the same, by the name scripts check refusals by
  err["params"] = std::move(params);
  std::cerr << nlohmann::json{{"error", err}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  rp::keep_freed_memory();
  CLI::App app{"regenpath: autologous cell therapy for hip osteoarthritis, from consult to outcome"};
  app.require_subcommand(1);
  rp::app::add_date_commands(app);
  rp::app::add_cost_commands(app);
  rp::app::add_price_commands(app);
  rp::app::add_rating_commands(app);
  rp::app::add_imaging_commands(app);
  rp::app::add_page_commands(app);
  rp::app::add_payment_commands(app);
  rp::app::add_evidence_commands(app);
  rp::app::add_consent_document_commands(app);
  rp::app::add_consent_commands(app);
  rp::app::add_schedule_command(app);
  rp::app::add_eligibility_command(app);
  rp::app::add_db_commands(app);
  rp::app::add_backup_commands(app);
  rp::app::add_audit_commands(app);
  rp::app::add_patient_commands(app);
  rp::app::add_episode_commands(app);
  rp::app::add_event_commands(app);
  rp::app::add_worklist_commands(app);
  rp::app::add_messages_commands(app);
  rp::app::add_demo_command(app);
  rp::app::add_score_commands(app);
  rp::app::add_instrument_commands(app);
  rp::app::add_stats_commands(app);
  rp::app::add_report_commands(app);
  rp::app::add_export_commands(app);
  rp::app::add_fhir_commands(app);
  rp::app::add_serve_commands(app);
  rp::app::add_openapi_command(app);
  rp::app::add_din_commands(app);
  rp::app::add_product_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_error("arguments", e.what());
  } catch (const rp::InputError& e) {
    return report_input_error(e);
  } catch (const rp::app::CommandVerdict& e) {
    std::cerr << nlohmann::json{{"error", {{"message", e.what()}, {"field", nullptr}}}}.dump() << '\n';
    return e.code();
  } catch (const std::exception& e) {
    std::cerr << nlohmann::json{{"error", {{"message", e.what()}, {"field", nullptr}}}}.dump() << '\n';
    return 1;
  }
  return 0;
}
