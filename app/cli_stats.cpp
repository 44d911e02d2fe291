#include "app/cli.hpp"

namespace rp::app {

void add_stats_commands(CLI::App& /*app*/) {}

}  // namespace rp::app
