#include "app/cli.hpp"

namespace rp::app {

void add_report_commands(CLI::App& /*app*/) {}

}  // namespace rp::app
