// `regenpath price list|set` and `regenpath cost estimate` (issue 19): a centre's price
// lists, written as the operator (the admin's screen and the API write them too), and a
// treatment's estimate with the patient's insurers, JSON on stdout as the API answers it.
//
//   regenpath price set --centre tehran-1 --from-year 1403 --to-year 1403
//       --line consultation=15000000 --line tests=40000000 ... [--replaces ID] [--note TEXT]
//   regenpath price list --centre tehran-1 [--history]
//   regenpath cost estimate --centre tehran-1 --year 1403 --cell-source bone_marrow
//       --guidance ultrasound [--expansion] [--insurer supplementary-example-30:12]
//       [--down-rials D --months M --first-due YYYY/MM/DD]
#include <charconv>

#include "api/contract/costs.hpp"
#include "app/cli.hpp"
#include "app/cli_treatment.hpp"
#include "app/store_options.hpp"
#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"
#include "service/protocols.hpp"

namespace rp::app {

int whole_number(const std::string& text, const std::string& field, int min, int max) {
  const std::string ascii = ascii_digits(text, field);
  int value = 0;
  const auto [end, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (ascii.empty() || ec != std::errc() || end != ascii.data() + ascii.size() || value < min || value > max)
    throw InputError(field, "integer_range"_err, {{"name", field}, {"min", min}, {"max", max}});
  return value;
}

void add_treatment_options(CLI::App* cmd, TreatmentArgs& a) {
  cmd->add_option("--year", a.year, "the Jalali year of the treatment (any digits)")->required();
  cmd->add_option("--cell-source", a.cell_source, "bone_marrow (default) or adipose");
  cmd->add_flag("--expansion", a.expansion, "the cells are expanded in the laboratory");
  cmd->add_option("--guidance", a.guidance, "ultrasound (default) or fluoroscopy");
  cmd->add_option("--insurer", a.insurers, "an insurer's id and the months insured, id:months (repeat, basic first)");
}

service::EstimateRequest estimate_request(const TreatmentArgs& a, const std::string& centre) {
  service::EstimateRequest r;
  r.centre = centre;
  r.year = whole_number(a.year, "year", cost::kFirstPriceYear, cost::kLastPriceYear);
  r.treatment = {parse_cell_source(a.cell_source), a.expansion, parse_guidance(a.guidance)};
  for (const auto& by : a.insurers) {
    const auto colon = by.find(':');
    r.insurers.push_back(
        {by.substr(0, colon), colon == std::string::npos ? 0 : whole_number(by.substr(colon + 1), "insurer", 0, 1200)});
  }
  return r;
}

namespace {

struct PriceArgs {
  std::string db = kDefaultDb, centre, from_year, to_year, note;
  std::vector<std::string> lines;
  std::int64_t replaces = 0;
  bool history = false;
};

struct EstimateArgs {
  std::string db = kDefaultDb, centre;
  TreatmentArgs treatment;
  std::string down = "0", months, first_due;
};

// "consultation=15000000": an item and its rials (any digits).
cost::PriceLine price_line(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) throw InputError("line", "price_line_form"_err);
  const cost::PriceItem item = cost::parse_price_item(text.substr(0, eq), "line");
  return {item, rials_from_text(text.substr(eq + 1), "line")};
}

void print_list(const cost::PriceList& l) { print_json(api::http::encode(api::contract::price_list_out(l))); }

void estimate(const EstimateArgs& a) {
  const service::EstimateRequest r = estimate_request(a.treatment, a.centre);
  auto store = open_store(a.db);
  const auto priced = service::PriceLists(*store, Clock::system()).estimate(service::Actor::cli_operator(), r);
  std::optional<cost::InstalmentPlan> plan;
  if (!a.months.empty()) {
    const Money down = rials_from_text(a.down, "down-rials");
    const int months = whole_number(a.months, "months", 1, cost::kMaxInstalments);
    const CivilDate first_due = parse_jalali(a.first_due, "first-due");
    plan = cost::plan_instalments(priced.estimate.patient, down, months, first_due, {"down-rials", "months"});
  }
  print_json(api::http::encode(api::contract::estimate_out(priced, service::insurance_rules(), plan)));
}

}  // namespace

void add_cost_estimate(CLI::App* cost) {
  auto a = std::make_shared<EstimateArgs>();
  auto* cmd = cost->add_subcommand(
      "estimate",
      "A treatment's cost at a centre: its price list's lines, each insurer's share and the patient's (JSON)");
  add_db_option(cmd, a->db);
  cmd->add_option("--centre", a->centre, "the centre's id")->required();
  add_treatment_options(cmd, a->treatment);
  cmd->add_option("--down-rials", a->down, "with --months: the down payment of the patient's share (default 0)");
  cmd->add_option("--months", a->months, "an instalment plan of the patient's share in this many months");
  cmd->add_option("--first-due", a->first_due, "the first instalment's Jalali date, YYYY/MM/DD");
  cmd->callback([a] {
    if (!a->months.empty() && a->first_due.empty()) throw InputError("first-due", "required"_err);
    estimate(*a);
  });
}

void add_price_commands(CLI::App& app) {
  auto* price = app.add_subcommand("price", "A centre's price lists: write one, list them");
  price->require_subcommand(1);
  auto a = std::make_shared<PriceArgs>();

  auto* set = price->add_subcommand(
      "set", "Writes a price list (or, with --replaces, the next version of one) as the operator (JSON)");
  add_db_option(set, a->db);
  set->add_option("--centre", a->centre, "the centre's id")->required();
  set->add_option("--from-year", a->from_year, "the first Jalali year it is valid")->required();
  set->add_option("--to-year", a->to_year, "the last Jalali year it is valid, included")->required();
  set->add_option("--line", a->lines, "item=rials, once per item the centre offers (repeat)")->required();
  set->add_option("--note", a->note, "what changed");
  set->add_option("--replaces", a->replaces, "the id of the current version this one replaces");
  set->callback([a] {
    cost::PriceList l;
    l.centre_id = a->centre;
    l.from_year = whole_number(a->from_year, "valid_from_year", 0, 99999);
    l.to_year = whole_number(a->to_year, "valid_to_year", 0, 99999);
    l.note = a->note;
    for (const auto& line : a->lines) l.lines.push_back(price_line(line));
    auto store = open_store(a->db);
    print_list(service::PriceLists(*store, Clock::system()).save(service::Actor::cli_operator(), l, a->replaces));
  });

  auto* list = price->add_subcommand("list", "The centre's current price lists (--history: every version) (JSON)");
  add_db_option(list, a->db);
  list->add_option("--centre", a->centre, "the centre's id")->required();
  list->add_flag("--history", a->history, "every version ever written");
  list->callback([a] {
    auto store = open_store(a->db);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l :
         service::PriceLists(*store, Clock::system()).of_centre(service::Actor::cli_operator(), a->centre, a->history))
      out.push_back(api::http::encode(api::contract::price_list_out(l)));
    print_json(out);
  });
}

}  // namespace rp::app
