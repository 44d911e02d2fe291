#pragma once
// Spreadsheet exports over HTTP as the API reads and writes them
// (api/routes_sheet_exports.cpp, service/sheet_exports.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "service/sheet_exports.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct SheetExportIn {
  static constexpr const char* kSchema = "SheetExportRequest";
  std::string kind;
  std::optional<std::string> format, layout, centre, protocol;
  template <class V>
  static void fields(V& v) {
    v("kind", &SheetExportIn::kind,
      "records (the centre's own records, identified: a centre's admin) or deidentified (the registry's tables: "
      "pseudonyms, shifted dates, age bands, no patient without registry consent)",
      FieldRule{.max_bytes = 16});
    v("format", &SheetExportIn::format,
      "csv (a file per table and data-dictionary.csv; the default) or xlsx (one workbook: a worksheet per table "
      "and a dictionary worksheet)",
      FieldRule{.max_bytes = 8});
    v("layout", &SheetExportIn::layout,
      "the records' scores: long (the default: a row per episode, time point, instrument and score) or wide (a row "
      "per episode, a column per time point, instrument and score); the de-identified tables are long",
      FieldRule{.max_bytes = 8});
    v("centre", &SheetExportIn::centre,
      "one centre (a centre's admin: their own, the default; an analyst: any, or every centre when left out)",
      FieldRule{.max_bytes = 64});
    v("protocol", &SheetExportIn::protocol, "de-identified only: the patients treated under one protocol",
      FieldRule{.max_bytes = 64});
  }
};

service::SheetExportAsk sheet_export_ask(const SheetExportIn& in);

struct SheetExportFileOut {
  static constexpr const char* kSchema = "SheetExportFile";
  std::int64_t n = 0;
  std::string name, url;
  std::int64_t bytes = 0;
  template <class V>
  static void fields(V& v) {
    v("n", &SheetExportFileOut::n, "1, 2, ... in the export's order");
    v("name", &SheetExportFileOut::name, "patients.csv, ..., data-dictionary.csv; or records.xlsx / registry.xlsx");
    v("url", &SheetExportFileOut::url, "where to download it (audited)");
    v("bytes", &SheetExportFileOut::bytes, "");
  }
};

struct SheetExportOut {
  static constexpr const char* kSchema = "SheetExport";
  std::string id, kind, centre, protocol, format, layout, state, progress, error, created_at, finished_at;
  http::AnyJson summary;
  std::vector<SheetExportFileOut> files;
  std::string error_code;
  template <class V>
  static void fields(V& v) {
    v("id", &SheetExportOut::id, "");
    v("kind", &SheetExportOut::kind, "records or deidentified");
    v("centre", &SheetExportOut::centre, "the centre covered; empty for every centre");
    v("protocol", &SheetExportOut::protocol, "the protocol a de-identified export is narrowed to; empty otherwise");
    v("format", &SheetExportOut::format, "csv or xlsx");
    v("layout", &SheetExportOut::layout, "long or wide");
    v("state", &SheetExportOut::state,
      "running, done (its files listed) or failed (error says why; a server that stopped making it leaves it "
      "failed after ten minutes)");
    v("progress", &SheetExportOut::progress, "while running: how far (\"2000 patients\")");
    v("error", &SheetExportOut::error, "once failed: why, in English (the detail of error_code)");
    v("error_code", &SheetExportOut::error_code,
      "once failed: server_stopped (the server stopped while making it), runner_silent (the server making it gave "
      "no sign of life for ten minutes) or could_not_make (an error while making it: error names it); a screen "
      "says it in its reader's language; empty otherwise");
    v("created_at", &SheetExportOut::created_at, "UTC; the export and its files are removed a day later");
    v("finished_at", &SheetExportOut::finished_at, "UTC; empty while running");
    v("summary", &SheetExportOut::summary,
      "once done: patients, episodes, rows per table, and scores_not_in_wide (records) or withdrawn_left_out "
      "(de-identified)");
    v("files", &SheetExportOut::files, "once done: each file with its link");
  }
};

SheetExportOut sheet_export_out(const service::SheetExportStatus& st);

struct SheetExportsOut {
  static constexpr const char* kSchema = "SheetExports";
  std::vector<SheetExportOut> exports;
  template <class V>
  static void fields(V& v) {
    v("exports", &SheetExportsOut::exports, "the user's own exports of the last day, the latest first");
  }
};

SheetExportsOut sheet_exports_out(const std::vector<service::SheetExportStatus>& exports);

struct SheetExportDeletedOut {
  static constexpr const char* kSchema = "SheetExportDeleted";
  std::string id;
  bool deleted = true;
  template <class V>
  static void fields(V& v) {
    v("id", &SheetExportDeletedOut::id, "");
    v("deleted", &SheetExportDeletedOut::deleted, "the export and its files are gone");
  }
};

}  // namespace rp::api::contract
