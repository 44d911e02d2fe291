#include <iostream>

#include "api/answers_json.hpp"
#include "api/calendar/ics.hpp"
#include "api/json_pathway.hpp"
#include "app/cli.hpp"
#include "base/civil_date.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"
#include "base/utc_instant.hpp"
#include "domain/eligibility.hpp"
#include "domain/schedule.hpp"
#include "service/protocols.hpp"

namespace rp::app {
namespace {

std::int64_t export_instant(const std::string& now) {
  if (now.empty()) return Clock::system().now_ms();
  return parse_utc_instant(now, "now").ms;
}

}  // namespace

void add_schedule_command(CLI::App& app) {
  struct Opts {
    std::string protocol, harvest, injection, lang = "en", format = "json", now;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("schedule", "Every dated item of the pathway for given anchor dates");
  cmd->add_option("--protocol", o->protocol, "protocol name (hip-msc-v1) or file")->required();
  cmd->add_option("--harvest", o->harvest, "harvest date, YYYY-MM-DD")->required();
  cmd->add_option("--injection", o->injection, "injection date, YYYY-MM-DD")->required();
  cmd->add_option("--lang", o->lang, "language of titles: en or fa")->check(CLI::IsMember({"en", "fa"}));
  cmd->add_option("--format", o->format, "json (default) or ics (iCalendar, RFC 5545)")
      ->check(CLI::IsMember({"json", "ics"}));
  cmd->add_option("--now", o->now,
                  "the export's instant for the iCalendar DTSTAMP, e.g. 2026-12-01T09:00:00Z (default: now)");
  cmd->callback([o] {
    const CivilDate harvest = parse_gregorian(o->harvest, "harvest");
    const CivilDate injection = parse_gregorian(o->injection, "injection");
    if (injection < harvest) throw InputError("injection", "before_harvest_date"_err);
    const auto protocol = service::protocol_for_cli(o->protocol);
    const auto items = derive_schedule(*protocol, {{"harvest", harvest}, {"injection", injection}});
    if (o->format == "ics") {
      std::cout << api::calendar::to_ics(
          {{protocol.get(), items, "plan"}},
          {.lang = o->lang, .stamp_ms = export_instant(o->now), .name = protocol->title.in(o->lang)});
      return;
    }
    print_json(api::to_json(items, *protocol, o->lang, Clock::system().today()));
  });
}

void add_eligibility_command(CLI::App& app) {
  struct Opts {
    std::string file = "-", protocol = "hip-msc-v1", lang = "en";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("eligibility", "Eligibility decision with every reason, from JSON findings");
  cmd->add_option("FILE", o->file, "JSON object of findings, or - for stdin");
  cmd->add_option("--protocol", o->protocol, "protocol name or file");
  cmd->add_option("--lang", o->lang, "language of reasons: en or fa")->check(CLI::IsMember({"en", "fa"}));
  cmd->callback([o] {
    const auto protocol = service::protocol_for_cli(o->protocol);
    const nlohmann::json json = read_json(o->file, "findings");
    const Findings findings = check_findings(api::recorded_findings(json), protocol->eligibility);
    print_json(api::to_json(assess_eligibility(protocol->eligibility, findings), o->lang));
  });
}

}  // namespace rp::app
