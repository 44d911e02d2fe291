// din sub-commands: check an ISBT 128 Donation Identification Number as typed or scanned,
// and make a new one from its parts, for scripts and label checks.
#include "app/cli.hpp"
#include "domain/product/din.hpp"

namespace rp::app {
namespace {

nlohmann::json din_json(const product::Din& d) {
  return {{"din", d.text()}, {"check", std::string(1, d.check())}, {"flag", d.flag()}};
}

struct DinOptions {
  std::string din, facility, year;
  long long seq = -1;
};

}  // namespace

void add_din_commands(CLI::App& app) {
  auto* din = app.add_subcommand("din", "ISBT 128 Donation Identification Numbers: check one, make one");
  din->require_subcommand(1);
  auto o = std::make_shared<DinOptions>();

  auto* check = din->add_subcommand(
      "check", "Check a DIN: 13 characters, optionally its check character, or the scanned '=' data structure");
  check->add_option("DIN", o->din, "the DIN as typed or scanned")->required();
  check->callback([o] {
    // parse_din refuses a wrong check character or flag (exit 2, field din, the expected one named).
    auto out = din_json(product::parse_din(o->din, "din"));
    out["valid"] = true;
    print_json(out);
  });

  auto* make = din->add_subcommand("new", "A new DIN from facility code, year and sequence number");
  make->add_option("--facility", o->facility, "the facility identification number (5 characters)")->required();
  make->add_option("--year", o->year, "the two-digit year (YY)")->required();
  make->add_option("--seq", o->seq, "the sequence number within the year, 0-999999")->required();
  make->callback([o] { print_json(din_json(product::make_din(o->facility, o->year, o->seq))); });
}

}  // namespace rp::app
