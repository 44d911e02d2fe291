#pragma once
// The data dictionary of an export's tables (service::ExportTable: the columns without
// rows) as rows: one per column of every table, with its type, unit, allowed values and
// meaning in English and Persian. The de-identified export and the centre's records
// export write it alike, as data-dictionary.csv or as a worksheet.
#include <string>
#include <vector>

#include "service/deidentified_export.hpp"

namespace rp::api::sheets {

// table, column, type, unit, allowed, meaning_en, meaning_fa
const std::vector<std::string>& dictionary_header();
// One row per column of every table, table after table, in the tables' order.
std::vector<std::vector<std::string>> dictionary_rows(const std::vector<service::ExportTable>& tables);
// The header and the rows as RFC 4180 CSV.
std::string dictionary_csv(const std::vector<service::ExportTable>& tables);

}  // namespace rp::api::sheets
