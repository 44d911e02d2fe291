#pragma once
// The de-identified export for the registry: the clinic's records as tables an analyst can
// read and join, with nothing that names a patient.
//
// - No names, national ids, mobile numbers, record numbers, birth dates, database ids, or
//   free text that could carry identity (reasons, notes, descriptions); only coded values.
// - Patients and episodes under random pseudonyms, kept in the store (0016_pseudonyms.sql)
//   so that every export names them alike and two exports join.
// - Every date of a patient moved by the patient's own random shift (kept with the
//   pseudonym, never 0, at most 180 days either way): intervals within a patient hold.
// - Ages as five-year bands at the true date of the event (domain/deidentification.hpp).
// - Centre ids kept: centres are not people.
// - Patients who withdrew registry consent are left out altogether.
//
// Who: the registry analyst and the operator, any centre or all; a centre's admin their
// own centre only (Permission::registry_read). Each export leaves an audit row.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/heavy_reads.hpp"
#include "store/store.hpp"

namespace rp::service {

// A date is a civil day (YYYY-MM-DD); an instant a moment in UTC as ISO 8601
// (2026-11-24T21:57:58.123Z), which the centre's identified export keeps.
enum class ExportColumnType { text, integer, number, date, instant };
std::string_view to_string(ExportColumnType t);

// One column as the data dictionary describes it.
struct ExportColumn {
  std::string name;
  ExportColumnType type = ExportColumnType::text;
  std::string unit;     // "days", "points", ... ("" when none)
  std::string allowed;  // the values it may take ("" when any of its type)
  std::string meaning_en, meaning_fa;
};

// A cell: the value as text (a number in decimal, a date as YYYY-MM-DD), none when empty.
using ExportCell = std::optional<std::string>;

struct ExportTable {
  std::string name;  // patients, episodes, ...: the file's name
  std::string meaning_en, meaning_fa;
  std::vector<ExportColumn> columns;
  std::vector<std::vector<ExportCell>> rows;  // each in the columns' order
  // The column's index; throws std::logic_error for a name the dictionary lacks.
  std::size_t column(const std::string& name) const;
};

// The tables the export writes, with their columns and no rows: the data dictionary.
const std::vector<ExportTable>& export_dictionary();
// A table's index in export_dictionary(); std::logic_error for a name it lacks.
std::size_t export_table_index(std::string_view name);

struct ExportRequest {
  std::optional<std::string> centre_id;    // unset: every centre the reader may export
  std::optional<std::string> protocol_id;  // unset: every protocol
};

struct DeidentifiedExport {
  std::vector<ExportTable> tables;  // export_dictionary()'s, filled
  std::int64_t patients = 0, episodes = 0;
  std::int64_t withdrawn_left_out = 0;  // patients in scope left out for withdrawn consent
};

struct DeidentifiedCounts {
  std::int64_t patients = 0, episodes = 0;
  std::int64_t withdrawn_left_out = 0;  // patients in scope left out for withdrawn consent
};

// Where the export's rows go, one at a time.
struct DeidentifiedRowSink {
  // Before the first row, and again should the read begin again (the store may retry a
  // snapshot): whatever was received is to be dropped.
  std::function<void()> begin;
  // One row: its table's index in export_dictionary() and its cells in the columns' order.
  std::function<void(std::size_t table, std::vector<ExportCell>&& cells)> row;
};

// The export streamed: the ids in scope read in one snapshot; then one short write that
// gives pseudonyms and shifts to those that lack them and writes the audit row, durable
// before any row is handed out; then the records read patient by patient from a second
// snapshot (bounded by `heavy` when given), each row handed to `sink` as it is made and
// none kept, so that memory does not grow with the registry. A patient who withdrew
// registry consent between the two reads is left out. ForbiddenError for a role without
// registry_read, or an admin asking for another centre.
DeidentifiedCounts export_deidentified_rows(store::Store& store, const Clock& clock, const Actor& actor,
                                            const ExportRequest& request, const DeidentifiedRowSink& sink,
                                            HeavyReads* heavy = nullptr);

// The same export kept whole in memory, table by table (export_deidentified_rows's rows
// collected): for the API's NDJSON answer and small exports; a large one goes through the
// rows.
DeidentifiedExport export_deidentified(store::Store& store, const Clock& clock, const Actor& actor,
                                       const ExportRequest& request, HeavyReads* heavy = nullptr);

}  // namespace rp::service
