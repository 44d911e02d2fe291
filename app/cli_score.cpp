#include "app/cli.hpp"

namespace rp::app {

void add_score_commands(CLI::App& /*app*/) {}

}  // namespace rp::app
