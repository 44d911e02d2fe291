// regenpath: one treatment pathway from first consult to three-year outcome.
#include <iostream>

#include "app/cli.hpp"
#include "base/error.hpp"

namespace {

int report_error(const std::string& field, const std::string& message) {
  nlohmann::json err = {{"error", {{"message", message}, {"field", field}}}};
  std::cerr << err.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"regenpath: autologous cell therapy for hip osteoarthritis, from consult to outcome"};
  app.require_subcommand(1);
  rp::app::add_date_commands(app);
  rp::app::add_schedule_command(app);
  rp::app::add_eligibility_command(app);
  rp::app::add_db_commands(app);
  rp::app::add_audit_commands(app);
  rp::app::add_patient_commands(app);
  rp::app::add_episode_commands(app);
  rp::app::add_event_commands(app);
  rp::app::add_worklist_commands(app);
  rp::app::add_demo_command(app);
  rp::app::add_score_commands(app);
  rp::app::add_instrument_commands(app);
  rp::app::add_stats_commands(app);
  rp::app::add_report_commands(app);
  rp::app::add_serve_commands(app);
  rp::app::add_openapi_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_error("arguments", e.what());
  } catch (const rp::InputError& e) {
    return report_error(e.field(), e.what());
  } catch (const rp::app::CommandVerdict& e) {
    std::cerr << nlohmann::json{{"error", {{"message", e.what()}, {"field", nullptr}}}}.dump() << '\n';
    return e.code();
  } catch (const std::exception& e) {
    std::cerr << nlohmann::json{{"error", {{"message", e.what()}, {"field", nullptr}}}}.dump() << '\n';
    return 1;
  }
  return 0;
}
