#pragma once
// The FHIR Bulk Data export over HTTP (issue 20): a centre's admin kicks an export off,
// it runs in the background (api/fhir/bulk_export_runner.hpp writes its files through
// this class), the admin polls its status and downloads its files, and deletes it. Its
// state and files are in the store, so any server sharing the database answers; an export
// is removed a day after it began. Only the centre's admins (records_export) reach an
// export of their centre; any other id is not found. Every kick-off and download is an
// audit row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/bulk_export_records.hpp"
#include "store/store.hpp"

namespace rp::service {

// An export's files are kept this long after it began.
inline constexpr std::int64_t kBulkExportKeptMs = 24LL * 3600 * 1000;
// A running export whose runner gave no sign of life for this long is taken as failed
// (its server stopped): another may be kicked off.
inline constexpr std::int64_t kBulkExportSilentMs = 10LL * 60 * 1000;

struct BulkExportStatus {
  store::BulkExportRow row;
  std::vector<store::BulkExportFileRow> files;  // without their content
};

class BulkExports {
 public:
  BulkExports(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Begins an export of the admin's centre of `types` (empty: all), `request` the
  // kick-off's URL as asked. ConflictError(bulk_export_running) while one of the centre's
  // runs. Removes the exports of every centre begun more than a day ago.
  store::BulkExportRow kick_off(const Actor& actor, const std::string& request, const std::string& types);
  // The export's state and, once done, its files. NotFoundError for one not the actor's
  // centre's, or removed. A running export silent too long reads as failed.
  BulkExportStatus status(const Actor& actor, const std::string& id);
  // One file's NDJSON (audited). NotFoundError as status, or for no such file.
  std::string file(const Actor& actor, const std::string& id, int n);
  // Removes the export and its files (audited); a running one stops at its next file.
  void remove(const Actor& actor, const std::string& id);

  // For the runner. The export's file `n` (1, 2, ... in the manifest's order); false when
  // the export was removed meanwhile (the runner stops).
  bool add_file(const std::string& id, int n, const std::string& type, std::int64_t resources, std::string content);
  // The export's progress as the status shows it (X-Progress); false when removed.
  bool progressed(const std::string& id, const std::string& progress);
  void finished(const std::string& id);
  void failed(const std::string& id, const std::string& why);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace rp::service
