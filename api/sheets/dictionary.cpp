#include "api/sheets/dictionary.hpp"

#include "base/csv.hpp"

namespace rp::api::sheets {

const std::vector<std::string>& dictionary_header() {
  static const std::vector<std::string> header{"table",   "column",     "type",      "unit",
                                               "allowed", "meaning_en", "meaning_fa"};
  return header;
}

std::vector<std::vector<std::string>> dictionary_rows(const std::vector<service::ExportTable>& tables) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : tables)
    for (const auto& c : t.columns)
      rows.push_back({t.name, c.name, std::string(to_string(c.type)), c.unit, c.allowed, c.meaning_en, c.meaning_fa});
  return rows;
}

std::string dictionary_csv(const std::vector<service::ExportTable>& tables) {
  std::string out;
  append_csv_record(out, dictionary_header());
  for (const auto& row : dictionary_rows(tables)) append_csv_record(out, row);
  return out;
}

}  // namespace rp::api::sheets
