// `regenpath export deidentified`: the registry's de-identified export as one file per
// table (CSV or NDJSON) and the data dictionary (service/deidentified_export.hpp).
// `regenpath export records`: a centre's own records, identified, as spreadsheets (CSV
// files or one XLSX workbook) with their data dictionary, streamed from one snapshot
// (service/records_export.hpp, service/records_tables.hpp, api/sheets/).
#include <filesystem>
#include <fstream>
#include <optional>

#include "api/deidentified_files.hpp"
#include "api/sheets/table_files.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "service/deidentified_export.hpp"
#include "service/records_export.hpp"
#include "service/records_tables.hpp"

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

// The rows streamed into the files as the records are read, CSV or NDJSON: memory flat
// whatever the registry's size.
void run_export(const ExportOptions& o) {
  if (names_missing_file(o.db)) throw NotFoundError("db", "no_database"_err, {{"path", o.db}});
  auto store = open_store(o.db);
  service::ExportRequest request;
  if (!o.centre.empty()) request.centre_id = o.centre;
  if (!o.protocol.empty()) request.protocol_id = o.protocol;
  const std::filesystem::path dir(o.out);
  nlohmann::json files = nlohmann::json::array();
  service::DeidentifiedCounts counts;
  if (o.format == "csv") {
    std::unique_ptr<api::sheets::TableFiles> sheets;
    service::DeidentifiedRowSink sink;
    // The files are begun once the export is under way (who may take it, the centre and
    // the protocol checked, the audit row written): a refused export leaves no file.
    sink.begin = [&] {
      sheets.reset();
      std::filesystem::create_directories(dir);
      sheets = api::sheets::open_table_files(api::sheets::SheetFormat::csv, dir, service::export_dictionary());
    };
    sink.row = [&](std::size_t table, std::vector<service::ExportCell>&& cells) { sheets->row(table, cells); };
    counts = service::export_deidentified_rows(*store, Clock::system(), service::Actor::cli_operator(), request, sink);
    if (!sheets) throw std::logic_error("export deidentified: no rows were begun");
    for (const auto& t : sheets->finish().tables) files.push_back({{"file", t.table + ".csv"}, {"rows", t.rows}});
    files.push_back({{"file", "data-dictionary.csv"}});
  } else {
    // Each table's rows into its file as they come, one object per line.
    const auto& dictionary = service::export_dictionary();
    std::vector<std::ofstream> tables;
    std::vector<std::int64_t> rows;
    service::DeidentifiedRowSink sink;
    sink.begin = [&] {
      std::filesystem::create_directories(dir);
      tables.clear();
      rows.assign(dictionary.size(), 0);
      for (const auto& t : dictionary) {
        tables.emplace_back(dir / (t.name + ".ndjson"), std::ios::binary | std::ios::trunc);
        if (!tables.back()) throw std::runtime_error("cannot write " + (dir / (t.name + ".ndjson")).string());
      }
    };
    sink.row = [&](std::size_t table, std::vector<service::ExportCell>&& cells) {
      tables[table] << api::ndjson_row_line(dictionary[table], cells, false);
      ++rows[table];
    };
    counts = service::export_deidentified_rows(*store, Clock::system(), service::Actor::cli_operator(), request, sink);
    if (tables.empty()) throw std::logic_error("export deidentified: no rows were begun");
    for (std::size_t t = 0; t < dictionary.size(); ++t) {
      tables[t].close();
      if (!tables[t]) throw std::runtime_error("cannot write " + (dir / (dictionary[t].name + ".ndjson")).string());
      files.push_back({{"file", dictionary[t].name + ".ndjson"}, {"rows", rows[t]}});
    }
    write_file(dir / "data-dictionary.csv", api::data_dictionary_csv(dictionary));
    files.push_back({{"file", "data-dictionary.csv"}});
  }
  write_file(dir / "data-dictionary.md", api::data_dictionary_markdown(service::export_dictionary()));
  files.push_back({{"file", "data-dictionary.md"}});
  print_json({{"out", o.out},
              {"format", o.format},
              {"files", files},
              {"patients", counts.patients},
              {"episodes", counts.episodes},
              {"withdrawn_left_out", counts.withdrawn_left_out}});
}

struct RecordsExportOptions {
  std::string db = kDefaultDb;
  std::string out, centre, format = "csv", layout = "long";
};

void run_records_export(const RecordsExportOptions& o) {
  // Every choice is checked before the store is opened or a folder made.
  const api::sheets::SheetFormat format = api::sheets::parse_sheet_format(o.format, "format");
  const service::ScoresLayout layout = service::parse_scores_layout(o.layout, "layout");
  if (names_missing_file(o.db)) throw NotFoundError("db", "no_database"_err, {{"path", o.db}});
  auto store = open_store(o.db);
  std::optional<service::RecordsTables> tables;
  std::unique_ptr<api::sheets::TableFiles> files;
  service::RecordsExportRequest request;
  if (!o.centre.empty()) request.centre_id = o.centre;
  service::RecordsExportSink sink;
  // The files are begun once the export is under way (who may take it and the centre are
  // checked, the audit row written): a refused export leaves no folder and no file.
  // A read begun again (the store may retry a snapshot) starts the files afresh.
  sink.centres = [&](const std::vector<Centre>&, const std::string& /*source*/) {
    files.reset();
    tables.emplace(layout);
    std::error_code made;
    std::filesystem::create_directories(o.out, made);
    if (made) throw InputError("out", "cannot_write_file"_err, {{"path", o.out}});
    files = api::sheets::open_table_files(format, o.out, tables->tables());
  };
  sink.patient = [&](const service::PatientRecords& records) {
    tables->add_patient(
        records, [&](std::size_t table, const std::vector<service::ExportCell>& cells) { files->row(table, cells); });
  };
  const service::RecordsExportSummary summary =
      service::export_records(*store, Clock::system(), service::Actor::cli_operator(), request, sink);
  if (!files) throw std::logic_error("export records: the export named no centres");
  const api::sheets::WrittenFiles written = files->finish();
  nlohmann::json tables_json = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::object();
  for (const auto& t : written.tables) {
    tables_json.push_back(
        {{"table", t.table},
         {"rows", t.rows},
         {format == api::sheets::SheetFormat::xlsx ? "sheets" : "file",
          format == api::sheets::SheetFormat::xlsx ? nlohmann::json(t.parts) : nlohmann::json(t.parts.front())}});
    rows[t.table] = t.rows;
  }
  print_json({{"out", o.out},
              {"format", std::string(api::sheets::to_string(format))},
              {"layout", std::string(service::to_string(layout))},
              {"centre", summary.centre_id ? nlohmann::json(*summary.centre_id) : nlohmann::json()},
              {"files", written.files},
              {"tables", tables_json},
              {"rows", rows},
              {"patients", summary.patients},
              {"episodes", summary.episodes},
              {"scores_not_in_wide", tables->scores_not_in_wide()}});
}

}  // namespace

void add_export_commands(CLI::App& app) {
  auto* exp = app.add_subcommand("export", "Exports of the registry and of a centre's records");
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

  auto r = std::make_shared<RecordsExportOptions>();
  auto* records = exp->add_subcommand(
      "records",
      "A centre's own records, identified (names, national ids, mobiles, record numbers), as spreadsheets: patients, "
      "episodes, visits, scores, adverse events and cell products, each date also in the Jalali calendar, with the "
      "data dictionary; streamed from one snapshot");
  add_db_option(records, r->db);
  records->add_option("--out", r->out, "the folder the files are written into (created if need be)")->required();
  records->add_option("--centre", r->centre, "one centre's records only (default: every centre)");
  records->add_option("--format", r->format,
                      "csv (a file per table and data-dictionary.csv) or xlsx (records.xlsx: a worksheet per table "
                      "and a dictionary worksheet)");
  records->add_option("--layout", r->layout,
                      "the scores: long (a row per episode, time point, instrument and score) or wide (a row per "
                      "episode, a column per time point, instrument and score)");
  records->callback([r] { run_records_export(*r); });
}

}  // namespace rp::app
