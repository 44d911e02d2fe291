#include "api/fhir/bulk_export_runner.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include <spdlog/spdlog.h>
#include "api/fhir/deidentified_resources.hpp"
#include "api/fhir/ndjson_batches.hpp"
#include "api/fhir/resources.hpp"

#include "service/bulk_exports.hpp"
#include "service/records_export.hpp"

namespace rp::api::fhir {
namespace {

// The export was deleted, or the server is stopping: the read ends here.
struct ExportStopped {};

// The export's files: a type's lines kept until kResourcesPerFile, then stored as one file.
class ExportFiles {
 public:
  ExportFiles(service::BulkExports& exports, std::string id)
      : exports_(exports),
        id_(std::move(id)),
        cutter_(kResourcesPerFile, [this](const std::string& type, std::string&& lines, std::int64_t resources) {
          if (!exports_.add_file(id_, ++files_, type, resources, std::move(lines))) throw ExportStopped{};
        }) {}

  void write(NdjsonByType&& lines) { cutter_.add(std::move(lines)); }
  // The rest of every type, in the export's order.
  void close() { cutter_.close(exported_types()); }

 private:
  service::BulkExports& exports_;
  std::string id_;
  int files_ = 0;
  NdjsonFileCutter cutter_;
};

// Whether `types` (empty: every type) takes `resource`.
bool wanted(const std::vector<std::string>& types, const nlohmann::ordered_json& resource) {
  return types.empty() || std::find(types.begin(), types.end(),
                                    resource.at("resourceType").get_ref<const std::string&>()) != types.end();
}

// Runs an export's work and records how it ended: done, stopped with the server (a
// deleted export has no row left to record it in), or failed with the error's text.
template <typename Work>
void run_to_end(const std::stop_token& stop, service::BulkExports& exports, const std::string& id,
                std::string_view kind, Work&& work) {
  try {
    work();
    exports.finished(id);
  } catch (const ExportStopped&) {
    if (stop.stop_requested()) exports.failed(id, "the server stopped before the export was done");
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", kind, id, e.what());
    exports.failed(id, e.what());
  }
}

}  // namespace

BulkExportRunner::BulkExportRunner(store::Store& store, Clock clock,
                                   std::function<std::unique_ptr<store::Store>()> open_snapshot)
    : store_(store), clock_(std::move(clock)), open_snapshot_(std::move(open_snapshot)) {}

void BulkExportRunner::start(const service::Actor& actor, const store::BulkExportRow& row,
                             std::vector<std::string> types) {
  service::Actor own = actor;
  own.request = nullptr;  // the request ends before the export does
  threads_.start(
      [this, own, row, types = std::move(types)](const std::stop_token& stop) { run(stop, own, row, types); });
}

void BulkExportRunner::run(const std::stop_token& stop, const service::Actor& actor, const store::BulkExportRow& row,
                           const std::vector<std::string>& types) {
  service::BulkExports exports(store_, clock_);
  run_to_end(stop, exports, row.id, "bulk export", [&] {
    const auto snapshot = open_snapshot_ ? open_snapshot_() : nullptr;
    store::Store& reading = snapshot ? *snapshot : store_;
    ExportFiles files(exports, row.id);
    // Made once the source is known (the first thing the export hands out); its threads
    // run at this thread's lower priority, as threads inherit it.
    std::optional<NdjsonBatches> batches;
    std::int64_t patients = 0;
    service::RecordsExportSink sink;
    sink.centres = [&](const std::vector<Centre>& centres, const std::string& source) {
      NdjsonByType head;
      for (const auto& c : centres)
        if (auto org = organization(c, source); wanted(types, org)) append_ndjson(head, org);
      questionnaires([&](nlohmann::ordered_json&& q) {
        if (wanted(types, q)) append_ndjson(head, q);
      });
      files.write(std::move(head));
      batches.emplace(source, types, [&](NdjsonByType&& lines) { files.write(std::move(lines)); });
    };
    sink.patient = [&](service::PatientRecords&& records) {
      if (stop.stop_requested()) throw ExportStopped{};
      batches->add(std::move(records));
      if (++patients % 1000 == 0 && !exports.progressed(row.id, std::to_string(patients) + " patients"))
        throw ExportStopped{};
    };
    service::RecordsExportRequest request;
    request.centre_id = row.centre_id;
    service::export_records(reading, clock_, actor, request, sink);
    if (batches) batches->finish();
    files.close();
  });
}

void BulkExportRunner::start_registry(const service::Actor& actor, const store::BulkExportRow& row,
                                      std::vector<std::string> types, std::optional<std::string> protocol) {
  service::Actor own = actor;
  own.request = nullptr;
  threads_.start([this, own, row, types = std::move(types), protocol = std::move(protocol)](
                     const std::stop_token& stop) { run_registry(stop, own, row, types, protocol); });
}

void BulkExportRunner::run_registry(const std::stop_token& stop, const service::Actor& actor,
                                    const store::BulkExportRow& row, const std::vector<std::string>& types,
                                    const std::optional<std::string>& protocol) {
  service::BulkExports exports(store_, clock_);
  run_to_end(stop, exports, row.id, "registry export", [&] {
    // The de-identified export reads its own snapshots and writes the pseudonyms it lacks:
    // it is given the store itself.
    std::optional<ExportFiles> files;
    std::int64_t resources = 0;
    fhir::DeidentifiedNdjsonSink sink;
    sink.begin = [&] {
      // Begun again: the files written so far go, and are written anew.
      if (files && !exports.restarted(row.id)) throw ExportStopped{};
      files.emplace(exports, row.id);
      resources = 0;
    };
    sink.take = [&](NdjsonByType&& lines) {
      if (stop.stop_requested()) throw ExportStopped{};
      std::int64_t taken = 0;
      for (const auto& [type, of_type] : lines) taken += of_type.resources;
      files->write(std::move(lines));
      // The progress written at each ten thousandth resource passed.
      const std::int64_t before = resources;
      resources += taken;
      if (resources / 10000 != before / 10000 && !exports.progressed(row.id, std::to_string(resources) + " resources"))
        throw ExportStopped{};
    };
    service::ExportRequest request;
    if (!row.centre_id.empty()) request.centre_id = row.centre_id;
    request.protocol_id = protocol;
    fhir::export_deidentified_ndjson(store_, clock_, actor, request, types, sink);
    if (files) files->close();
  });
}

}  // namespace rp::api::fhir
