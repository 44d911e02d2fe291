#pragma once
// The FHIR Bulk Data export over HTTP (issue 20): a centre's admin kicks an export off,
// it runs in the background (api/fhir/bulk_export_runner.hpp writes its files through
// this class), the admin polls its status and downloads its files, and deletes it. Its
// state and files are in the store, so any server sharing the database answers; an export
// is removed a day after it began. Only the centre's admins (records_export) reach an
// export of their centre; any other id is not found. Every kick-off and download is an
// audit row.
//
// The registry's de-identified export (kind registry, GET /fhir/r4/Group/registry/$export)
// runs the same way: the analyst (any centre or all) or a centre's admin (their own)
// kicks it off under registry_read, and it is seen by whoever asked for it alone.
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

enum class BulkExportKind { centre, registry };

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
  // Begins a de-identified registry export of `centre` (unset: every centre the actor's
  // aggregates reach: the analyst's all, an admin's their own). ForbiddenError for a role
  // without registry_read or an admin naming another centre; NotFoundError for no such
  // centre; ConflictError(registry_export_running) while one the actor asked for runs.
  // The centre a registry export of `centre` covers ("" for every centre), with
  // kick_off_registry's checks of the actor and the centre, and nothing written: for a
  // kick-off to refuse a bad ask before it looks at anything else.
  std::string registry_centre(const Actor& actor, const std::optional<std::string>& centre);
  store::BulkExportRow kick_off_registry(const Actor& actor, const std::string& request, const std::string& types,
                                         const std::optional<std::string>& centre);
  // The export's state and, once done, its files. NotFoundError for one of another kind,
  // not the actor's centre's (a centre's) or not the actor's (the registry's), or removed.
  // A running export silent too long reads as failed.
  BulkExportStatus status(const Actor& actor, const std::string& id, BulkExportKind kind = BulkExportKind::centre);
  // One file's NDJSON (audited). NotFoundError as status, or for no such file.
  std::string file(const Actor& actor, const std::string& id, int n, BulkExportKind kind = BulkExportKind::centre);
  // Removes the export and its files (audited); a running one stops at its next file.
  void remove(const Actor& actor, const std::string& id, BulkExportKind kind = BulkExportKind::centre);

  // For the runner. The export's file `n` (1, 2, ... in the manifest's order); false when
  // the export was removed meanwhile (the runner stops).
  bool add_file(const std::string& id, int n, const std::string& type, std::int64_t resources, std::string content);
  // The files written so far dropped (the export's read began again); false when removed.
  bool restarted(const std::string& id);
  // The export's progress as the status shows it (X-Progress); false when removed.
  bool progressed(const std::string& id, const std::string& progress);
  void finished(const std::string& id);
  void failed(const std::string& id, const std::string& why);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace rp::service
