#include <iostream>

#include "app/cli.hpp"
#include "base/jalali.hpp"

namespace rp::app {
namespace {

nlohmann::json date_object(const CivilDate& g) {
  return {{"gregorian", g.iso()},
          {"jalali", to_jalali(g).iso()},
          {"weekday_en", weekday_name(g, "en")},
          {"weekday_fa", weekday_name(g, "fa")}};
}

// Converts each date given, or each non-empty line of stdin when none is given.
void convert_all(const std::vector<std::string>& dates, bool from_jalali_input) {
  auto convert = [&](const std::string& text) {
    print_json(date_object(from_jalali_input ? parse_jalali(text, "date") : parse_gregorian(text, "date")));
  };
  if (!dates.empty()) {
    // Validate every argument before printing any, so bad input yields no partial output.
    std::vector<CivilDate> parsed;
    for (const auto& d : dates)
      parsed.push_back(from_jalali_input ? parse_jalali(d, "date") : parse_gregorian(d, "date"));
    for (const auto& g : parsed) print_json(date_object(g));
    return;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) convert(line);
  }
}

}  // namespace

void add_date_commands(CLI::App& app) {
  auto* date = app.add_subcommand("date", "Convert dates between the Gregorian and Jalali calendars");
  date->require_subcommand(1);
  auto dates = std::make_shared<std::vector<std::string>>();
  auto* jalali = date->add_subcommand("jalali", "Gregorian dates in, Jalali out (one JSON object per date)");
  jalali->add_option("DATE", *dates, "YYYY-MM-DD or YYYY/MM/DD; none = one per line from stdin");
  jalali->callback([dates] { convert_all(*dates, false); });
  auto* greg = date->add_subcommand("gregorian", "Jalali dates in, Gregorian out (one JSON object per date)");
  greg->add_option("DATE", *dates, "YYYY-MM-DD or YYYY/MM/DD; Persian digits accepted; none = stdin");
  greg->callback([dates] { convert_all(*dates, true); });
}

}  // namespace rp::app
