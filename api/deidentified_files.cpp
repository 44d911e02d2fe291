#include "api/deidentified_files.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace rp::api {
namespace {

using service::ExportCell;
using service::ExportColumnType;

// Quoted when it holds a comma, a quote or a line break, quotes doubled (RFC 4180).
void csv_field(std::string& out, const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    csv_field(out, fields[i]);
  }
  out += "\r\n";
}

nlohmann::ordered_json json_cell(const ExportCell& cell, ExportColumnType type) {
  if (!cell) return nullptr;
  const std::string& v = *cell;
  const char* end = v.data() + v.size();
  if (type == ExportColumnType::integer || type == ExportColumnType::number) {
    // A whole number stays one (3, not 3.0), as the CSV writes it.
    std::int64_t n = 0;
    const auto whole = std::from_chars(v.data(), end, n);
    if (whole.ec == std::errc{} && whole.ptr == end) return n;
  }
  if (type == ExportColumnType::number) {
    double d = 0;
    const auto r = std::from_chars(v.data(), end, d);
    if (r.ec == std::errc{} && r.ptr == end) return d;
  }
  return v;
}

}  // namespace

std::string export_csv(const service::ExportTable& table) {
  std::string out;
  std::vector<std::string> fields;
  for (const auto& c : table.columns) fields.push_back(c.name);
  csv_line(out, fields);
  for (const auto& row : table.rows) {
    fields.clear();
    for (const auto& cell : row) fields.push_back(cell.value_or(""));
    csv_line(out, fields);
  }
  return out;
}

std::string export_ndjson(const service::ExportTable& table) {
  std::string out;
  for (const auto& row : table.rows) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size(); ++i) o[table.columns[i].name] = json_cell(row[i], table.columns[i].type);
    out += o.dump();
    out += '\n';
  }
  return out;
}

std::string data_dictionary_csv(const std::vector<service::ExportTable>& tables) {
  std::string out;
  csv_line(out, {"table", "column", "type", "unit", "allowed", "meaning_en", "meaning_fa"});
  for (const auto& t : tables)
    for (const auto& c : t.columns)
      csv_line(out, {t.name, c.name, std::string(to_string(c.type)), c.unit, c.allowed, c.meaning_en, c.meaning_fa});
  return out;
}

}  // namespace rp::api
