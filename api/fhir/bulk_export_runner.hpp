#pragma once
// Runs the FHIR Bulk Data exports the centres' admins and the registry's analysts kick off
// (service/bulk_exports.hpp)
// in the background, one thread each: the centre's records read from a snapshot of their
// own (the clinic's writes go on), made into FHIR resources as `regenpath fhir export`
// makes them, and kept as NDJSON files of at most kResourcesPerFile resources each, so
// that no file, nor the runner, holds a large clinic whole. Stopped and joined when the
// server stops; an export deleted meanwhile stops at its next file.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/background_threads.hpp"
#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/bulk_export_records.hpp"
#include "store/store.hpp"

namespace rp::api::fhir {

inline constexpr std::int64_t kResourcesPerFile = 10000;

class BulkExportRunner {
 public:
  // `open_snapshot` opens the database on a connection of its own for the reading; null:
  // `store` itself is read.
  BulkExportRunner(store::Store& store, Clock clock, std::function<std::unique_ptr<store::Store>()> open_snapshot);
  BulkExportRunner(const BulkExportRunner&) = delete;
  BulkExportRunner& operator=(const BulkExportRunner&) = delete;

  // Runs the export `row` (kicked off by `actor`) of the resource types `types` (empty:
  // every type).
  void start(const service::Actor& actor, const store::BulkExportRow& row, std::vector<std::string> types);
  // Runs the registry export `row`: the de-identified records of its centre (or of every
  // centre) as api/fhir/deidentified_resources.hpp makes them, `protocol` narrowing them.
  void start_registry(const service::Actor& actor, const store::BulkExportRow& row, std::vector<std::string> types,
                      std::optional<std::string> protocol);

 private:
  void run(const std::stop_token& stop, const service::Actor& actor, const store::BulkExportRow& row,
           const std::vector<std::string>& types);
  void run_registry(const std::stop_token& stop, const service::Actor& actor, const store::BulkExportRow& row,
                    const std::vector<std::string>& types, const std::optional<std::string>& protocol);

  store::Store& store_;
  Clock clock_;
  std::function<std::unique_ptr<store::Store>()> open_snapshot_;
  BackgroundThreads threads_;  // last: stopped and joined before the rest goes
};

}  // namespace rp::api::fhir
