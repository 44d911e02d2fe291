// `regenpath export deidentified`: the registry's de-identified export as one file per
// table (CSV or NDJSON) and the data dictionary (service/deidentified_export.hpp).
#include <filesystem>
#include <fstream>

#include "api/deidentified_files.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "service/deidentified_export.hpp"

namespace rp::app {
namespace {

struct ExportOptions {
  std::string db = kDefaultDb;
  std::string out, format = "csv", centre, protocol;
};

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << content;
  f.close();
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

void run_export(const ExportOptions& o) {
  if (names_missing_file(o.db)) throw NotFoundError("db", "no_database"_err, {{"path", o.db}});
  auto store = open_store(o.db);
  service::ExportRequest request;
  if (!o.centre.empty()) request.centre_id = o.centre;
  if (!o.protocol.empty()) request.protocol_id = o.protocol;
  const service::DeidentifiedExport e =
      service::export_deidentified(*store, Clock::system(), service::Actor::cli_operator(), request);

  const std::filesystem::path dir(o.out);
  std::filesystem::create_directories(dir);
  nlohmann::json files = nlohmann::json::array();
  for (const auto& t : e.tables) {
    const std::string name = t.name + (o.format == "csv" ? ".csv" : ".ndjson");
    write_file(dir / name, o.format == "csv" ? api::export_csv(t) : api::export_ndjson(t));
    files.push_back({{"file", name}, {"rows", t.rows.size()}});
  }
  write_file(dir / "data-dictionary.csv", api::data_dictionary_csv(e.tables));
  files.push_back({{"file", "data-dictionary.csv"}});
  write_file(dir / "data-dictionary.md", api::data_dictionary_markdown(e.tables));
  files.push_back({{"file", "data-dictionary.md"}});
  print_json({{"out", o.out},
              {"format", o.format},
              {"files", files},
              {"patients", e.patients},
              {"episodes", e.episodes},
              {"withdrawn_left_out", e.withdrawn_left_out}});
}

}  // namespace

void add_export_commands(CLI::App& app) {
  auto* exp = app.add_subcommand("export", "Exports of the registry");
  exp->require_subcommand(1);
  auto o = std::make_shared<ExportOptions>();
  auto* deid = exp->add_subcommand(
      "deidentified",
      "The registry's records de-identified (pseudonyms, shifted dates, age bands; patients without registry "
      "consent left out): one file per table and data-dictionary.csv (.md to read)");
  add_db_option(deid, o->db);
  deid->add_option("--out", o->out, "the folder the files are written into (created if need be)")->required();
  deid->add_option("--format", o->format, "csv or ndjson")->check(CLI::IsMember({"csv", "ndjson"}));
  deid->add_option("--centre", o->centre, "one centre's records only");
  deid->add_option("--protocol", o->protocol, "the records of one protocol's patients only");
  deid->callback([o] { run_export(*o); });
}

}  // namespace rp::app
