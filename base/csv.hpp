#pragma once
// Reads comma-separated text (RFC 4180 quoting, CRLF or LF, optional UTF-8 BOM)
// into columns of strings, using libcsv for the tokenising. The first record is the
// header. Errors are InputErrors naming the field and the 1-based data row.
// Writes it too (append_csv_field, append_csv_record): the exports' one escaper.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rp {

class CsvTable {
 public:
  const std::vector<std::string>& header() const { return header_; }
  std::size_t rows() const { return columns_.empty() ? 0 : columns_.front().size(); }
  // The cells of the named column, top to bottom. Throws InputError(name) if absent.
  const std::vector<std::string>& column(std::string_view name) const;
  bool has_column(std::string_view name) const;

 private:
  friend CsvTable parse_csv(std::string_view text, const std::string& field);
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> columns_;  // columns_[c][row]
};

// Every record must have as many fields as the header; blank lines are skipped;
// header names must be unique and non-empty. Throws InputError(field) otherwise.
CsvTable parse_csv(std::string_view text, const std::string& field = "csv");

// A cell as a finite double (decimal or exponent notation, surrounding blanks allowed).
// Throws InputError(column) naming the 1-based data row and the offending text.
double parse_csv_number(const std::string& cell, const std::string& column, std::size_t row);

// Appends one field as RFC 4180 writes it: as it is, or quoted with its quotes doubled when
// it holds a comma, a quote or a line break.
void append_csv_field(std::string& out, std::string_view value);
// Appends one record: its fields comma-separated, then CRLF (RFC 4180's line end).
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

}  // namespace rp
