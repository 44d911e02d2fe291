#include "api/fhir/bulk_export_runner.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>
#include "api/fhir/resources.hpp"

#include "service/bulk_exports.hpp"
#include "service/records_export.hpp"

namespace rp::api::fhir {
namespace {

// The export was deleted, or the server is stopping: the read ends here.
struct ExportStopped {};

// The export's files as they fill: a type's lines kept until kResourcesPerFile, then
// stored as one file.
class ExportFiles {
 public:
  ExportFiles(service::BulkExports& exports, std::string id, const std::vector<std::string>& types)
      : exports_(exports), id_(std::move(id)), types_(types) {}

  void write(const nlohmann::ordered_json& resource) {
    const std::string type = resource.at("resourceType").get<std::string>();
    if (!types_.empty() && std::find(types_.begin(), types_.end(), type) == types_.end()) return;
    Part& part = parts_[type];
    part.lines += resource.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    part.lines += '\n';
    if (++part.resources == kResourcesPerFile) store(type, part);
  }

  // The rest of every type, in the export's order.
  void close() {
    for (const auto& type : exported_types())
      if (auto it = parts_.find(type); it != parts_.end() && it->second.resources > 0) store(type, it->second);
  }

 private:
  struct Part {
    std::string lines;
    std::int64_t resources = 0;
  };

  void store(const std::string& type, Part& part) {
    if (!exports_.add_file(id_, ++files_, type, part.resources, std::move(part.lines))) throw ExportStopped{};
    part = Part{};
  }

  service::BulkExports& exports_;
  std::string id_;
  const std::vector<std::string>& types_;
  std::map<std::string, Part> parts_;
  int files_ = 0;
};

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
  try {
    const auto snapshot = open_snapshot_ ? open_snapshot_() : nullptr;
    store::Store& reading = snapshot ? *snapshot : store_;
    ExportFiles files(exports, row.id, types);
    std::string source;
    std::int64_t patients = 0;
    service::RecordsExportSink sink;
    sink.centres = [&](const std::vector<Centre>& centres, const std::string& from) {
      source = from;
      for (const auto& c : centres) files.write(organization(c, source));
      questionnaires([&](nlohmann::ordered_json&& q) { files.write(q); });
    };
    sink.patient = [&](const service::PatientRecords& records) {
      if (stop.stop_requested()) throw ExportStopped{};
      patient_resources(records, source, [&](nlohmann::ordered_json&& r) { files.write(r); });
      if (++patients % 1000 == 0 && !exports.progressed(row.id, std::to_string(patients) + " patients"))
        throw ExportStopped{};
    };
    service::RecordsExportRequest request;
    request.centre_id = row.centre_id;
    service::export_records(reading, clock_, actor, request, sink);
    files.close();
    exports.finished(row.id);
  } catch (const ExportStopped&) {
    if (stop.stop_requested()) exports.failed(row.id, "the server stopped before the export was done");
  } catch (const std::exception& e) {
    spdlog::error("bulk export {} failed: {}", row.id, e.what());
    exports.failed(row.id, e.what());
  }
}

}  // namespace rp::api::fhir
