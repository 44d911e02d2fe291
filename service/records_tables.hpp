#pragma once
// A centre's records (service/records_export.hpp) as tables for spreadsheets and R:
// patients, episodes, visits, questionnaire scores, adverse events and cell products, each
// described column by column as the de-identified export describes its own (ExportTable:
// name, type, unit, allowed values, meaning in English and Persian). Identified: names,
// national ids, mobile numbers and record numbers are in it, so it is the centre's own.
//
// Rows are made one patient at a time, as export_records hands the records out, so that a
// centre of a hundred thousand patients is never held whole. Every date column is followed
// by its twin <name>_jalali (1403/07/15): ISO first, for R and for sorting.
//
// Scores come in one of two layouts: long (one row per episode, time point, instrument and
// score) or wide (one row per episode, a column per time point, instrument and score:
// hoos_pain_prom_6m). The wide columns are known before the first patient is read: every
// questionnaire time point of every protocol in the catalogue, with the scores of each
// instrument the protocol asks there.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "domain/protocol.hpp"
#include "service/deidentified_export.hpp"
#include "service/patient_records.hpp"

namespace rp::service {

enum class ScoresLayout { long_rows, wide };
std::string_view to_string(ScoresLayout layout);
// "long" or "wide"; InputError(field, not_one_of) for anything else.
ScoresLayout parse_scores_layout(std::string_view text, std::string_view field = "layout");

// One column of the wide layout: a score of an instrument at a time point.
struct WideScoreColumn {
  std::string time_point, instrument, score;
  std::string name;  // hoos_pain_prom_6m
  std::string instrument_title;
  LocalText time_point_title;
};
// Every questionnaire time point of every catalogue protocol, in the protocol's order, each
// with the scores of the instruments asked there (a column shared where protocols agree).
std::vector<WideScoreColumn> wide_score_columns();

// The tables in the order they are written (patients, episodes, visits, scores or
// scores_wide, adverse_events, products), with their columns and no rows.
std::vector<ExportTable> records_dictionary(ScoresLayout layout);

class RecordsTables {
 public:
  explicit RecordsTables(ScoresLayout layout);
  // The dictionary's tables (no rows): the indexes rows are handed out by.
  const std::vector<ExportTable>& tables() const { return tables_; }

  // One row: the table's index in tables() and its cells in the columns' order.
  using RowSink = std::function<void(std::size_t table, const std::vector<ExportCell>& cells)>;
  // The patient's rows, table by table in tables()' order (the patient, each episode, its
  // visits, scores, events and products).
  void add_patient(const PatientRecords& records, const RowSink& sink);

  // Scores of the long layout that the wide one does not show: an answer outside the
  // protocol's time points, or one a later answer to the same time point replaced (the
  // wide layout shows the latest). Zero in the long layout.
  std::int64_t scores_not_in_wide() const { return not_in_wide_; }

 private:
  struct Builder;
  ScoresLayout layout_;
  std::vector<ExportTable> tables_;
  // Wide layout: (time point, instrument, score) -> the column's index in scores_wide.
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t, std::less<>> wide_columns_;
  std::unordered_map<std::int64_t, std::string> jalali_;  // day number -> 1403/07/15
  std::vector<ExportCell> cells_;
  std::int64_t not_in_wide_ = 0;
  const std::string& jalali(const CivilDate& day);
};

}  // namespace rp::service
