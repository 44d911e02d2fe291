#pragma once
// Spreadsheet exports over HTTP (issue 20): a centre's admin asks for the centre's records
// (identified, as `regenpath export records` writes them), or an analyst (or a centre's
// admin, for their centre) for the registry's de-identified tables (as `regenpath export
// deidentified`), as CSV files or one XLSX workbook with the data dictionary. The export
// is made in the background (api/sheets/sheet_export_runner.hpp), its files kept in the
// store in parts of at most kSheetPartBytes, so a download is streamed part by part and a
// clinic of any size neither times out a request nor is held in memory. An export is its
// asker's alone (another user's id is not found); removed when they delete it or a day
// after it began. Asking, each download and deleting are audit rows.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/sheet_export_records.hpp"
#include "store/store.hpp"

namespace rp::service {

inline constexpr std::int64_t kSheetExportKeptMs = 24LL * 3600 * 1000;
// A running export whose runner gave no sign of life for this long is taken as failed.
inline constexpr std::int64_t kSheetExportSilentMs = 10LL * 60 * 1000;
// A file's bytes are kept, and sent, in parts of at most this many.
inline constexpr std::int64_t kSheetPartBytes = 1 << 20;

struct SheetExportAsk {
  std::string kind;                             // records | deidentified
  std::string format = "csv";                   // csv | xlsx
  std::string layout = "long";                  // long | wide (the records' scores; the de-identified tables are long)
  std::optional<std::string> centre, protocol;  // protocol: de-identified only
};

// Why an export failed (the row's error_code), for a screen to say in its reader's
// language; the row's error is the English detail.
inline constexpr const char* kSheetExportServerStopped = "server_stopped";  // the server stopped mid-way
inline constexpr const char* kSheetExportSilent = "runner_silent";          // no sign of life for too long
inline constexpr const char* kSheetExportCouldNotMake = "could_not_make";   // an error while making it

struct SheetExportStatus {
  store::SheetExportRow row;
  std::vector<store::SheetExportFileRow> files;  // once done
};

class SheetExports {
 public:
  SheetExports(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Checks the ask (InputError naming the field; ForbiddenError for a role that may not
  // take that kind or another centre; NotFoundError for a centre or protocol that does not
  // exist) and records the export as running. ConflictError(sheet_export_running) while
  // one of the actor's runs. Removes everyone's exports begun more than a day ago.
  store::SheetExportRow kick_off(const Actor& actor, const SheetExportAsk& ask);
  // The actor's exports of the last day, the latest first, each done one with its files
  // (a running one silent too long reads as failed).
  std::vector<SheetExportStatus> mine(const Actor& actor);
  // NotFoundError(export) for an id not the actor's, or removed.
  SheetExportStatus status(const Actor& actor, const std::string& id);
  // The file `n` of a finished export, to send (audited); NotFoundError(file) for no such file.
  store::SheetExportFileRow open_file(const Actor& actor, const std::string& id, int n);
  // One part of a file open_file answered; NotFoundError once the export is removed.
  std::string part(const Actor& actor, const std::string& id, int n, int part);
  // The export, its files and parts (audited); a running one stops at its next step.
  void remove(const Actor& actor, const std::string& id);

  // For the runner: the file `n` stored in parts from what `read` gives (up to
  // kSheetPartBytes at a time, "" at the end); false when the export was removed.
  bool add_file(const std::string& id, int n, const std::string& name, const std::function<std::string()>& read);
  bool progressed(const std::string& id, const std::string& progress);
  void finished(const std::string& id, const std::string& summary_json);
  // `code` one of the kSheetExport... codes above; `why` the English detail.
  void failed(const std::string& id, const char* code, const std::string& why);

 private:
  store::Store& store_;
  Clock clock_;
};

// The checked values of an ask: "kind", "format" and "layout" named on a bad one.
void check_sheet_export_ask(const SheetExportAsk& ask);

}  // namespace rp::service
