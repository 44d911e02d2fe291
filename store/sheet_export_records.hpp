#pragma once
// A spreadsheet export and its files, kept in parts (0049_sheet_exports.sql,
// service/sheet_exports.hpp).
#include <cstdint>
#include <string>

namespace rp::store {

struct SheetExportRow {
  std::string id;
  std::string kind;       // records | deidentified
  std::string centre_id;  // '' every centre
  std::string protocol_id, requested_by;
  std::string format;  // csv | xlsx
  std::string layout;  // long | wide
  std::string state;   // running | done | failed
  std::string progress;
  // Why it failed: error_code (0051) is one of service/sheet_exports.hpp's, for a screen
  // to say in its reader's language; error is the English detail, for the API's readers.
  std::string error, error_code;
  std::string summary = "{}";  // JSON: patients, episodes, rows per table
  std::string created_at, updated_at, finished_at;
  bool operator==(const SheetExportRow&) const = default;
};

struct SheetExportFileRow {
  std::string export_id;
  int n = 0;
  std::string name;
  std::int64_t bytes = 0;
  int parts = 0;
  bool operator==(const SheetExportFileRow&) const = default;
};

}  // namespace rp::store
