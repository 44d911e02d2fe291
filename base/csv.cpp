#include "base/csv.hpp"

#include <csv.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

#include "base/error.hpp"

namespace rp {
namespace {

// Collects libcsv's callbacks: fields of the current record, then the record.
struct Collector {
  std::vector<std::string> record;
  std::vector<std::vector<std::string>> columns;
  std::vector<std::string> header;
  bool have_header = false;
  std::size_t data_rows = 0;
  // The first data row whose field count differs from the header's, and that count;
  // parsing continues but the result is rejected.
  std::size_t ragged_row = 0, ragged_fields = 0;
};

void on_field(void* s, std::size_t len, void* data) {
  auto* c = static_cast<Collector*>(data);
  if (s == nullptr) {
    c->record.emplace_back();  // libcsv passes no buffer for an empty first field
  } else {
    c->record.emplace_back(static_cast<const char*>(s), len);
  }
}

void on_record(int /*terminator*/, void* data) {
  auto* c = static_cast<Collector*>(data);
  if (c->ragged_row != 0) {
    c->record.clear();
    return;
  }
  if (!c->have_header) {
    c->header = std::move(c->record);
    c->have_header = true;
    c->columns.resize(c->header.size());
  } else {
    ++c->data_rows;
    if (c->record.size() != c->header.size()) {
      c->ragged_row = c->data_rows;
      c->ragged_fields = c->record.size();
    } else {
      for (std::size_t i = 0; i < c->record.size(); ++i) c->columns[i].push_back(std::move(c->record[i]));
    }
  }
  c->record.clear();
}

struct ParserDeleter {
  void operator()(csv_parser* p) const {
    csv_free(p);
    delete p;
  }
};

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& field) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheet exports add a BOM
  std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser);
  if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
  Collector c;
  const std::size_t used = csv_parse(parser.get(), text.data(), text.size(), on_field, on_record, &c);
  if (used != text.size() || csv_fini(parser.get(), on_field, on_record, &c) != 0) {
    throw InputError(field, "csv_malformed"_err,
                     {{"row", c.data_rows}, {"detail", csv_strerror(csv_error(parser.get()))}});
  }
  if (c.ragged_row != 0)
    throw InputError(field, "csv_row_length"_err,
                     {{"row", c.ragged_row}, {"fields", c.ragged_fields}, {"columns", c.header.size()}});
  if (!c.have_header) throw InputError(field, "csv_empty"_err);
  for (std::size_t i = 0; i < c.header.size(); ++i) {
    if (c.header[i].empty()) throw InputError(field, "csv_column_unnamed"_err, {{"column", std::to_string(i + 1)}});
    for (std::size_t j = 0; j < i; ++j) {
      if (c.header[j] == c.header[i]) throw InputError(field, "csv_column_twice"_err, {{"column", c.header[i]}});
    }
  }
  CsvTable table;
  table.header_ = std::move(c.header);
  table.columns_ = std::move(c.columns);
  return table;
}

bool CsvTable::has_column(std::string_view name) const {
  return std::find(header_.begin(), header_.end(), name) != header_.end();
}

const std::vector<std::string>& CsvTable::column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) {
    std::string known;
    for (const auto& h : header_) known += (known.empty() ? "" : ", ") + h;
    throw InputError(std::string(name), "csv_no_column"_err, {{"column", std::string(name)}, {"known", known}});
  }
  return columns_[static_cast<std::size_t>(it - header_.begin())];
}

double parse_csv_number(const std::string& cell, const std::string& column, std::size_t row) {
  std::string_view s(cell);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    throw InputError(column, "csv_not_a_number"_err, {{"row", std::to_string(row)}, {"cell", cell}});
  }
  return value;
}

void append_csv_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

}  // namespace rp
