#include "app/cli.hpp"
namespace rp::app {
void add_demo_command(CLI::App&) {}
}  // namespace rp::app
