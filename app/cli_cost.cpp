// `regenpath cost ...`: what a treatment costs the patient (issue 19). `cost instalments`
// splits a share into a down payment and monthly instalments, JSON on stdout:
//
//   regenpath cost instalments --total-rials N --down-rials D --months M --first-due YYYY/MM/DD
//
// Amounts in rials, the first due date Jalali; any digits (Persian ones too). A refusal
// names its flag (total-rials, down-rials, months, first-due) and exits 2.
#include <charconv>

#include "app/cli.hpp"
#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"
#include "domain/cost/instalments.hpp"

namespace rp::app {
namespace {

struct InstalmentArgs {
  std::string total, down = "0", months, first_due;
};

int months_from_text(const std::string& text) {
  const std::string ascii = ascii_digits(text, "months");
  int value = 0;
  const auto [end, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (ec != std::errc() || end != ascii.data() + ascii.size() || ascii.empty())
    throw InputError("months", "integer_range"_err,
                     {{"name", "months"}, {"min", "1"}, {"max", std::to_string(cost::kMaxInstalments)}});
  return value;
}

std::string jalali_slashes(const CivilDate& d) {
  std::string iso = to_jalali(d).iso();
  iso[4] = iso[7] = '/';
  return iso;
}

void print_instalments(const InstalmentArgs& a) {
  // Every flag read before anything is worked out: a refusal names the first wrong one.
  const Money total = rials_from_text(a.total, "total-rials");
  const Money down = rials_from_text(a.down, "down-rials");
  const int months = months_from_text(a.months);
  const CivilDate first_due = parse_jalali(a.first_due, "first-due");
  const auto plan = cost::plan_instalments(total, down, months, first_due, {"down-rials", "months"});
  nlohmann::json instalments = nlohmann::json::array();
  for (const auto& i : plan.instalments)
    instalments.push_back({{"n", i.n},
                           {"due", i.due.iso()},
                           {"due_jalali", jalali_slashes(i.due)},
                           {"amount_rials", i.amount.in_rials()},
                           {"amount_tomans", i.amount.tomans_text("en")}});
  print_json({{"total_rials", plan.total.in_rials()},
              {"down_rials", plan.down.in_rials()},
              {"financed_rials", plan.financed.in_rials()},
              {"months", months},
              {"instalments", std::move(instalments)}});
}

}  // namespace

void add_cost_commands(CLI::App& app) {
  auto* cost = app.add_subcommand("cost", "What a treatment costs the patient: estimates and instalment plans");
  cost->require_subcommand(1);
  auto a = std::make_shared<InstalmentArgs>();
  auto* instalments = cost->add_subcommand(
      "instalments", "A down payment and monthly instalments that sum to the total exactly (JSON)");
  instalments->add_option("--total-rials", a->total, "the patient's share in rials (any digits)")->required();
  instalments->add_option("--down-rials", a->down, "the down payment in rials, below the total (default 0)");
  instalments->add_option("--months", a->months, "how many monthly instalments, 1..60")->required();
  instalments->add_option("--first-due", a->first_due, "the first instalment's Jalali date, YYYY/MM/DD (any digits)")
      ->required();
  instalments->callback([a] { print_instalments(*a); });
  add_cost_estimate(cost);
}

}  // namespace rp::app
