#pragma once
// Tables written as they come, row by row, for spreadsheets and R: CSV (a file per table
// and data-dictionary.csv beside them) or XLSX (one workbook, a worksheet per table and a
// "dictionary" worksheet). Neither holds a table in memory: the CSV files are appended to,
// and the workbook is written in libxlsxwriter's constant-memory mode (each worksheet's
// rows go to a temporary file as they come; the zip is assembled at the end).
//
// Nothing stands under its final name until finish(): the files are written as
// <name>.part and renamed once all are whole. A writer destroyed before finish() (the
// export failed) removes what it wrote.
//
// CSV: RFC 4180, UTF-8 without a byte-order mark (R's read.csv(encoding = "UTF-8") reads
// the first heading as it is), a header row, an empty field for no value.
// XLSX: integers and numbers as numbers, dates as dates shown YYYY-MM-DD, anything else
// as text; the header row frozen. A table longer than a worksheet holds (1,048,575 rows
// under the header) goes on in "<table> (2)", "<table> (3)", ...
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "service/deidentified_export.hpp"

namespace rp::api::sheets {

enum class SheetFormat { csv, xlsx };
std::string_view to_string(SheetFormat f);
// "csv" or "xlsx"; InputError(field, not_one_of) for anything else.
SheetFormat parse_sheet_format(std::string_view text, std::string_view field = "format");

// Rows a worksheet holds under its header row: Excel's 1,048,576 rows less the header.
inline constexpr std::int64_t kXlsxRowsPerSheet = 1048575;

struct WrittenTable {
  std::string table;
  std::int64_t rows = 0;
  // Where its rows are: the CSV file, or the worksheets in order.
  std::vector<std::string> parts;
};

struct WrittenFiles {
  std::vector<std::string> files;  // the files' names in the folder, the dictionary's included
  std::vector<WrittenTable> tables;
};

class TableFiles {
 public:
  virtual ~TableFiles() = default;
  // One row of tables()[table], its cells in the columns' order (none: an empty cell).
  virtual void row(std::size_t table, const std::vector<service::ExportCell>& cells) = 0;
  // Completes every file and puts it in place; throws std::runtime_error naming the file
  // that could not be written (and removes the others).
  virtual WrittenFiles finish() = 0;
};

// Starts the files in `dir` (which must exist) for `tables` (their columns; rows are
// ignored). CSV: <table>.csv for each and data-dictionary.csv; XLSX: records.xlsx, or
// `xlsx_name`. `rows_per_sheet` is for tests of the worksheet overflow.
std::unique_ptr<TableFiles> open_table_files(SheetFormat format, const std::filesystem::path& dir,
                                             const std::vector<service::ExportTable>& tables,
                                             const std::string& xlsx_name = "records.xlsx",
                                             std::int64_t rows_per_sheet = kXlsxRowsPerSheet);

}  // namespace rp::api::sheets
