// `regenpath fhir export`: a centre's records as FHIR R4 NDJSON, one file per resource
// type (Patient.ndjson, ...), as the Bulk Data export writes them (api/fhir/resources.hpp);
// with --deidentified, the registry's (api/fhir/deidentified_resources.hpp),
// streamed: patients' resources are made on every core as the snapshot reads them and
// written in the order read (api/fhir/ndjson_batches.hpp).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "api/fhir/deidentified_resources.hpp"
#include "api/fhir/ndjson_batches.hpp"
#include "api/fhir/resources.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "service/records_export.hpp"

namespace rp::app {
namespace {

struct FhirExportOptions {
  std::string db = kDefaultDb;
  std::string out, centre, protocol;
  bool deidentified = false;
};

// One NDJSON file per resource type, opened when its first lines come.
class NdjsonFiles {
 public:
  explicit NdjsonFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}
  void write(const api::fhir::NdjsonByType& lines) {
    for (const auto& [type, of_type] : lines) {
      auto it = files_.find(type);
      if (it == files_.end()) {
        // Made with the first file: an export refused (an unknown centre or protocol)
        // leaves nothing behind.
        std::filesystem::create_directories(dir_);
        it = files_.emplace(type, File{std::ofstream(dir_ / (type + ".ndjson"), std::ios::binary | std::ios::trunc), 0})
                 .first;
        if (!it->second.stream) throw std::runtime_error("cannot write " + (dir_ / (type + ".ndjson")).string());
      }
      it->second.stream.write(of_type.text.data(), static_cast<std::streamsize>(of_type.text.size()));
      it->second.count += of_type.resources;
    }
  }
  // Every file begun again, empty (the export's read began again).
  void restart() {
    for (auto& [type, file] : files_) {
      file.stream.close();
      file.stream.open(dir_ / (type + ".ndjson"), std::ios::binary | std::ios::trunc);
      if (!file.stream) throw std::runtime_error("cannot write " + (dir_ / (type + ".ndjson")).string());
      file.count = 0;
    }
  }
  // Closes every file; the counts by type in the export's order.
  nlohmann::json close() {
    std::filesystem::create_directories(dir_);  // an export of nothing is an empty folder
    nlohmann::json files = nlohmann::json::array();
    for (const auto& type : api::fhir::exported_types()) {
      auto it = files_.find(type);
      if (it == files_.end()) continue;
      it->second.stream.close();
      if (!it->second.stream) throw std::runtime_error("cannot write " + (dir_ / (type + ".ndjson")).string());
      files.push_back({{"type", type}, {"file", type + ".ndjson"}, {"resources", it->second.count}});
    }
    return files;
  }

 private:
  struct File {
    std::ofstream stream;
    std::int64_t count = 0;
  };
  std::filesystem::path dir_;
  std::map<std::string, File> files_;
};

// The registry's de-identified records as FHIR (api/fhir/deidentified_resources.hpp).
void run_deidentified_fhir_export(const FhirExportOptions& o, store::Store& store, NdjsonFiles& files) {
  service::ExportRequest request;
  if (!o.centre.empty()) request.centre_id = o.centre;
  if (!o.protocol.empty()) request.protocol_id = o.protocol;
  api::fhir::DeidentifiedNdjsonSink sink;
  sink.begin = [&] { files.restart(); };
  sink.take = [&](api::fhir::NdjsonByType&& lines) { files.write(lines); };
  const auto counts =
      api::fhir::export_deidentified_ndjson(store, Clock::system(), service::Actor::cli_operator(), request, {}, sink);
  print_json({{"out", o.out},
              {"centre", request.centre_id ? nlohmann::json(*request.centre_id) : nlohmann::json()},
              {"deidentified", true},
              {"patients", counts.patients},
              {"episodes", counts.episodes},
              {"withdrawn_left_out", counts.withdrawn_left_out},
              {"files", files.close()}});
}

void run_fhir_export(const FhirExportOptions& o) {
  if (names_missing_file(o.db)) throw NotFoundError("db", "no_database"_err, {{"path", o.db}});
  if (!o.protocol.empty() && !o.deidentified) throw InputError("protocol", "protocol_needs_deidentified"_err);
  auto store = open_store(o.db);
  NdjsonFiles files{std::filesystem::path(o.out)};
  if (o.deidentified) return run_deidentified_fhir_export(o, *store, files);
  service::RecordsExportRequest request;
  if (!o.centre.empty()) request.centre_id = o.centre;
  service::RecordsExportSink sink;
  // Made once the source is known (the first thing the export hands out).
  std::optional<api::fhir::NdjsonBatches> batches;
  sink.centres = [&](const std::vector<Centre>& centres, const std::string& source) {
    api::fhir::NdjsonByType head;
    for (const auto& c : centres) api::fhir::append_ndjson(head, api::fhir::organization(c, source));
    api::fhir::questionnaires([&](nlohmann::ordered_json&& q) { api::fhir::append_ndjson(head, q); });
    files.write(head);
    batches.emplace(source, std::vector<std::string>{}, [&](api::fhir::NdjsonByType&& lines) { files.write(lines); });
  };
  sink.patient = [&](service::PatientRecords&& records) { batches->add(std::move(records)); };
  const service::RecordsExportSummary summary =
      service::export_records(*store, Clock::system(), service::Actor::cli_operator(), request, sink);
  if (batches) batches->finish();
  print_json({{"out", o.out},
              {"centre", summary.centre_id ? nlohmann::json(*summary.centre_id) : nlohmann::json()},
              {"patients", summary.patients},
              {"episodes", summary.episodes},
              {"files", files.close()}});
}

struct FhirImportOptions {
  std::string db = kDefaultDb;
  std::string in;
  std::size_t lines_per_transaction = kImportLinesPerTransaction;
};

}  // namespace

void add_fhir_commands(CLI::App& app) {
  auto* fhir = app.add_subcommand("fhir", "FHIR R4 exchange with other systems");
  fhir->require_subcommand(1);
  auto o = std::make_shared<FhirExportOptions>();
  auto* exp = fhir->add_subcommand(
      "export",
      "A centre's records (or every centre's) as FHIR R4 NDJSON, one file per resource type (Patient.ndjson, ...), "
      "identified: for the hospital's own systems, not the registry");
  add_db_option(exp, o->db);
  exp->add_option("--out", o->out, "the folder the files are written into (created if need be)")->required();
  exp->add_option("--centre", o->centre, "one centre's records only (default: every centre)");
  exp->add_flag("--deidentified", o->deidentified,
                "the registry's de-identified records instead: pseudonyms, dates moved by each patient's shift, ages "
                "in five-year bands, no identifier, no patient without registry consent (as GET "
                "/fhir/r4/Group/registry/$export)");
  exp->add_option("--protocol", o->protocol, "with --deidentified: the patients treated under one protocol only");
  exp->callback([o] { run_fhir_export(*o); });

  auto i = std::make_shared<FhirImportOptions>();
  auto* imp = fhir->add_subcommand(
      "import",
      "Another system's FHIR R4 NDJSON files (or regenpath's own export) into a clinic, new or existing: patients, "
      "consents, episodes, procedures, visits, answers (scored as here), adverse events; every line checked before "
      "anything is written, then patient by patient (no half of a patient), and the same files twice change nothing");
  add_db_option(imp, i->db);
  imp->add_option("--in", i->in, "the folder of NDJSON files (Patient.ndjson, ...)")->required();
  imp->add_option("--lines-per-transaction", i->lines_per_transaction,
                  "lines a transaction takes at least, whole patients to each (default 16384)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 24));
  imp->callback([i] { run_fhir_import(i->db, i->in, i->lines_per_transaction); });
}

}  // namespace rp::app
