#pragma once
// The de-identified export's tables as files (service/deidentified_export.hpp): CSV
// (RFC 4180, a header row, an empty field for no value) or NDJSON (one JSON object per
// row, numbers as numbers, no value as null), and the data dictionary as CSV.
#include <string>
#include <vector>

#include "service/deidentified_export.hpp"

namespace rp::api {

std::string export_csv(const service::ExportTable& table);
std::string export_ndjson(const service::ExportTable& table);
// One row as an NDJSON line ('\n' ended): the row's object, or {"table": name, "row":
// {...}} when `tagged` (the API's one body of every table). `table` gives the columns.
std::string ndjson_row_line(const service::ExportTable& table, const std::vector<service::ExportCell>& row,
                            bool tagged);
// One row per column of every table: table, column, type, unit, allowed, meaning_en, meaning_fa.
std::string data_dictionary_csv(const std::vector<service::ExportTable>& tables);
// The same dictionary to read: each table with what a row is, then its columns, in
// English and Persian (Markdown).
std::string data_dictionary_markdown(const std::vector<service::ExportTable>& tables);

}  // namespace rp::api
