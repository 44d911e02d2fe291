#include "api/sheets/sheet_export_runner.hpp"

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <optional>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "api/sheets/table_files.hpp"
#include "service/deidentified_export.hpp"
#include "service/records_export.hpp"
#include "service/records_tables.hpp"
#include "service/sheet_exports.hpp"

namespace rp::api::sheets {
namespace {

// The export was deleted, or the server is stopping: the making ends here.
struct SheetExportStopped {};

// A folder only this export writes in (mode 0700, an unguessable name), removed with
// whatever is in it when the export ends, however it ends.
class PrivateFolder {
 public:
  PrivateFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "regenpath-sheets-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temporary folder for the export");
    path_ = pattern;
  }
  ~PrivateFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Each written file stored in parts; false when the export was removed meanwhile.
bool store_files(service::SheetExports& exports, const std::string& id, const std::filesystem::path& folder,
                 const WrittenFiles& written) {
  int n = 0;
  for (const auto& name : written.files) {
    std::ifstream in(folder / name, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the export's file " + name);
    std::string buffer(static_cast<std::size_t>(service::kSheetPartBytes), '\0');
    const auto read = [&]() {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      return std::string(buffer.data(), static_cast<std::size_t>(in.gcount()));
    };
    if (!exports.add_file(id, ++n, name, read)) return false;
  }
  return true;
}

nlohmann::json rows_by_table(const WrittenFiles& written) {
  nlohmann::json rows = nlohmann::json::object();
  for (const auto& t : written.tables) rows[t.table] = t.rows;
  return rows;
}

}  // namespace

SheetExportRunner::SheetExportRunner(store::Store& store, Clock clock,
                                     std::function<std::unique_ptr<store::Store>()> open_snapshot)
    : store_(store), clock_(std::move(clock)), open_snapshot_(std::move(open_snapshot)) {}

void SheetExportRunner::start(const service::Actor& actor, const store::SheetExportRow& row) {
  service::Actor own = actor;
  own.request = nullptr;  // the request ends before the export does
  threads_.start([this, own, row](const std::stop_token& stop) { run(stop, own, row); });
}

void SheetExportRunner::run(const std::stop_token& stop, const service::Actor& actor,
                            const store::SheetExportRow& row) {
  service::SheetExports exports(store_, clock_);
  try {
    const auto snapshot = open_snapshot_ ? open_snapshot_() : nullptr;
    store::Store& reading = snapshot ? *snapshot : store_;
    const PrivateFolder folder;
    const SheetFormat format = parse_sheet_format(row.format);
    nlohmann::json summary;
    std::unique_ptr<TableFiles> files;
    if (row.kind == "records") {
      std::optional<service::RecordsTables> tables;
      service::RecordsExportSink sink;
      sink.centres = [&](const std::vector<Centre>&, const std::string&) {
        // A read begun again (the store may retry a snapshot) starts the files afresh.
        files.reset();
        tables.emplace(service::parse_scores_layout(row.layout));
        files = open_table_files(format, folder.path(), tables->tables(), "records.xlsx");
      };
      std::int64_t patients = 0;
      sink.patient = [&](const service::PatientRecords& records) {
        if (stop.stop_requested()) throw SheetExportStopped{};
        tables->add_patient(records, [&](std::size_t table, const std::vector<service::ExportCell>& cells) {
          files->row(table, cells);
        });
        if (++patients % 1000 == 0 && !exports.progressed(row.id, std::to_string(patients) + " patients"))
          throw SheetExportStopped{};
      };
      service::RecordsExportRequest request;
      request.centre_id = row.centre_id;
      const auto done = service::export_records(reading, clock_, actor, request, sink);
      if (!files) throw std::logic_error("the export named no centres");
      summary = {{"patients", done.patients},
                 {"episodes", done.episodes},
                 {"scores_not_in_wide", tables->scores_not_in_wide()}};
    } else {
      service::ExportRequest request;
      if (!row.centre_id.empty()) request.centre_id = row.centre_id;
      if (!row.protocol_id.empty()) request.protocol_id = row.protocol_id;
      service::DeidentifiedRowSink sink;
      sink.begin = [&] {
        files.reset();
        files = open_table_files(format, folder.path(), service::export_dictionary(), "registry.xlsx");
      };
      // A patient's rows begin with their row of the patients table: counted there.
      const std::size_t patients_table = service::export_table_index("patients");
      std::int64_t patients = 0;
      sink.row = [&](std::size_t table, std::vector<service::ExportCell>&& cells) {
        if (table == patients_table && ++patients % 1000 == 0 &&
            (stop.stop_requested() || !exports.progressed(row.id, std::to_string(patients) + " patients")))
          throw SheetExportStopped{};
        files->row(table, cells);
      };
      const auto e = service::export_deidentified_rows(reading, clock_, actor, request, sink);
      summary = {{"patients", e.patients}, {"episodes", e.episodes}, {"withdrawn_left_out", e.withdrawn_left_out}};
    }
    if (stop.stop_requested()) throw SheetExportStopped{};
    const WrittenFiles written = files->finish();
    summary["rows"] = rows_by_table(written);
    if (!store_files(exports, row.id, folder.path(), written)) throw SheetExportStopped{};
    exports.finished(row.id, summary.dump());
  } catch (const SheetExportStopped&) {
    if (stop.stop_requested())
      exports.failed(row.id, service::kSheetExportServerStopped, "the server stopped before the export was done");
  } catch (const std::exception& e) {
    spdlog::error("spreadsheet export {} failed: {}", row.id, e.what());
    exports.failed(row.id, service::kSheetExportCouldNotMake, e.what());
  }
}

}  // namespace rp::api::sheets
