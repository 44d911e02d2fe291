// instrument sub-commands: the wording patients are asked with. `instrument load` keeps a
// clinic's licensed, validated wording (a FHIR R4 Questionnaire with translations) as a
// new version once it matches the instrument's structure; `instrument wordings` lists the
// wording each instrument is asked with now and the languages it covers.
#include "api/contract/instruments.hpp"
#include "app/store_options.hpp"
#include "service/instrument_wordings.hpp"

namespace rp::app {
namespace {

struct InstrumentOptions {
  std::string db = kDefaultDb;
  std::string file, instrument, by;
};

}  // namespace

void add_instrument_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("instrument", "Questionnaire wording: load a clinic's licensed wording, list");
  cmd->require_subcommand(1);
  auto o = std::make_shared<InstrumentOptions>();

  auto* load = cmd->add_subcommand(
      "load",
      "Load a FHIR R4 Questionnaire (with the translation extension, lang fa, for Persian) as a new version "
      "of an instrument's wording, after checking it has the instrument's items, types and answer codes");
  add_db_option(load, o->db);
  load->add_option("FILE", o->file, "the Questionnaire JSON file, or - for stdin")->required();
  load->add_option("--instrument", o->instrument,
                   "the instrument key (hoos, hoos-jr, oxford-hip, ...); default: the one whose items the file has");
  load->add_option("--by", o->by, "who loads it, for the audit row");
  load->callback([o] {
    const std::string text = read_text(o->file, "file");
    service::Actor actor = service::Actor::cli_operator();
    if (!o->by.empty()) actor.user = "cli:" + o->by;
    auto store = open_store(o->db);
    // The same answer as POST /instrument-wordings gives.
    print_json(api::http::encode(
        api::contract::wording_out(service::load_wording(*store, Clock::system(), actor, text, o->instrument))));
  });

  auto* list = cmd->add_subcommand("wordings", "The wording each instrument is asked with now, and its languages");
  add_db_option(list, o->db);
  list->callback([o] {
    auto store = open_store(o->db);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [key, form] : service::forms_in_use(*store))
      out.push_back({{"instrument", key},
                     {"version", form.version},
                     {"languages", form.languages},
                     {"loaded_at", form.loaded_at ? nlohmann::json(*form.loaded_at) : nlohmann::json(nullptr)}});
    print_json(out);
  });
}

}  // namespace rp::app
