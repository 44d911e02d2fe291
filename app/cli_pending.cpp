#include "app/cli.hpp"
namespace rp::app {
void add_db_commands(CLI::App&) {}
void add_patient_commands(CLI::App&) {}
void add_episode_commands(CLI::App&) {}
void add_demo_command(CLI::App&) {}
}  // namespace rp::app
