#pragma once
// Makes the spreadsheet exports users ask for over HTTP (service/sheet_exports.hpp) in the
// background, one thread each: the records read from a snapshot of their own (the
// clinic's writes go on), written by the same table writer as `regenpath export records`
// and `regenpath export deidentified` into a private temporary folder, then stored in the
// database a mebibyte at a time and the folder removed. Stopped and joined when the server
// stops; an export deleted meanwhile stops at its next step.
#include <functional>
#include <memory>

#include "base/background_threads.hpp"
#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/sheet_export_records.hpp"
#include "store/store.hpp"

namespace rp::api::sheets {

class SheetExportRunner {
 public:
  // `open_snapshot` opens the database on a connection of its own for the reading; null:
  // `store` itself is read.
  SheetExportRunner(store::Store& store, Clock clock, std::function<std::unique_ptr<store::Store>()> open_snapshot);
  SheetExportRunner(const SheetExportRunner&) = delete;
  SheetExportRunner& operator=(const SheetExportRunner&) = delete;

  // Makes the export `row`, kicked off by `actor`.
  void start(const service::Actor& actor, const store::SheetExportRow& row);

 private:
  void run(const std::stop_token& stop, const service::Actor& actor, const store::SheetExportRow& row);

  store::Store& store_;
  Clock clock_;
  std::function<std::unique_ptr<store::Store>()> open_snapshot_;
  BackgroundThreads threads_;  // last: stopped and joined before the rest goes
};

}  // namespace rp::api::sheets
