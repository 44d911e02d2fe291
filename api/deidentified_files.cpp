#include "api/deidentified_files.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "api/sheets/dictionary.hpp"
#include "base/csv.hpp"

namespace rp::api {
namespace {

using service::ExportCell;
using service::ExportColumnType;

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
  append_csv_record(out, fields);
  for (const auto& row : table.rows) {
    fields.clear();
    for (const auto& cell : row) fields.push_back(cell.value_or(""));
    append_csv_record(out, fields);
  }
  return out;
}

static nlohmann::ordered_json json_row(const service::ExportTable& table, const std::vector<ExportCell>& row) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < row.size(); ++i) o[table.columns[i].name] = json_cell(row[i], table.columns[i].type);
  return o;
}

std::string ndjson_row_line(const service::ExportTable& table, const std::vector<ExportCell>& row, bool tagged) {
  std::string line;
  if (tagged) {
    line = "{\"table\":";
    line += nlohmann::ordered_json(table.name).dump();
    line += ",\"row\":";
  }
  line += json_row(table, row).dump();
  if (tagged) line += '}';
  line += '\n';
  return line;
}

std::string export_ndjson(const service::ExportTable& table) {
  std::string out;
  for (const auto& row : table.rows) out += ndjson_row_line(table, row, false);
  return out;
}

std::string data_dictionary_csv(const std::vector<service::ExportTable>& tables) {
  return sheets::dictionary_csv(tables);
}

namespace {

// A Markdown table cell: a pipe would end the cell early.
std::string md_cell(const std::string& v) {
  std::string out;
  for (char c : v) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string data_dictionary_markdown(const std::vector<service::ExportTable>& tables) {
  std::string out =
      "# Data dictionary / فرهنگ داده‌ها\n\n"
      "De-identified: pseudonyms instead of ids, every date of a patient moved by the patient's own shift, "
      "ages in five-year bands; patients without registry consent left out.\n\n"
      "بی‌نام‌شده: شناسهٔ مستعار به جای شناسه، "
      "همهٔ تاریخ‌های هر بیمار با جابه‌جایی ویژهٔ او، "
      "سن در بازه‌های پنج‌ساله؛ "
      "بیماران بدون رضایت ثبت کنار گذاشته شده‌اند.\n";
  for (const auto& t : tables) {
    out += "\n## " + t.name + "\n\n" + t.meaning_en + "\n\n" + t.meaning_fa + "\n\n";
    out += "| column | type | unit | allowed | meaning | معنا |\n|---|---|---|---|---|---|\n";
    for (const auto& c : t.columns)
      out += "| " + c.name + " | " + std::string(to_string(c.type)) + " | " + c.unit + " | " + md_cell(c.allowed) +
             " | " + md_cell(c.meaning_en) + " | " + md_cell(c.meaning_fa) + " |\n";
  }
  return out;
}

}  // namespace rp::api
