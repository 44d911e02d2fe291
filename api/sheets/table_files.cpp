#include "api/sheets/table_files.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "api/sheets/dictionary.hpp"
#include "base/csv.hpp"
#include "base/error.hpp"

namespace rp::api::sheets {
namespace {

namespace fs = std::filesystem;
using service::ExportCell;
using service::ExportColumnType;

// A file being written under <name>.part, renamed to <name> when whole.
struct PartFile {
  std::string name;
  fs::path part, final;
  PartFile(const fs::path& dir, std::string file)
      : name(std::move(file)), part(dir / (name + ".part")), final(dir / name) {}
  void remove() const {
    std::error_code ignored;
    fs::remove(part, ignored);
  }
  void put_in_place() const {
    std::error_code ec;
    fs::rename(part, final, ec);
    if (ec) cannot_write(final);
  }
  [[noreturn]] static void cannot_write(const fs::path& path) {
    throw InputError("out", "cannot_write_file"_err, {{"path", path.string()}});
  }
};

// Puts every file in place, or none: when one cannot be renamed, those already in place
// are removed again, so that the folder never holds part of a failed export under the
// names of a finished one.
void put_all_in_place(const std::vector<const PartFile*>& files) {
  std::size_t placed = 0;
  try {
    for (; placed < files.size(); ++placed) files[placed]->put_in_place();
  } catch (...) {
    std::error_code ignored;
    for (std::size_t i = 0; i < placed; ++i) fs::remove(files[i]->final, ignored);
    throw;
  }
}

// What the CSV writer holds of a table: its file, what is buffered for it and its count.
// Rows are gathered a megabyte at a time: one write per megabyte, not per row.
constexpr std::size_t kCsvBufferBytes = 1 << 20;

class CsvTableFiles final : public TableFiles {
 public:
  CsvTableFiles(const fs::path& dir, const std::vector<service::ExportTable>& tables)
      : dictionary_(dir, "data-dictionary.csv") {
    files_.reserve(tables.size());
    for (const auto& t : tables) {
      auto& f = files_.emplace_back(Table{PartFile(dir, t.name + ".csv"), {}, {}, 0, t.name, t.columns.size()});
      f.out.open(f.file.part, std::ios::binary | std::ios::trunc);
      if (!f.out) fail(f.file.final);
      std::vector<std::string> header;
      for (const auto& c : t.columns) header.push_back(c.name);
      append_csv_record(f.buffer, header);
    }
    std::ofstream dict(dictionary_.part, std::ios::binary | std::ios::trunc);
    dict << dictionary_csv(tables);
    dict.close();
    if (!dict) fail(dictionary_.final);
  }

  ~CsvTableFiles() override {
    if (finished_) return;
    for (auto& f : files_) {
      f.out.close();
      f.file.remove();
    }
    dictionary_.remove();
  }

  void row(std::size_t table, const std::vector<ExportCell>& cells) override {
    Table& t = files_.at(table);
    if (cells.size() != t.columns) throw std::logic_error("a row of " + t.name + " has a wrong number of cells");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) t.buffer += ',';
      if (cells[i]) append_csv_field(t.buffer, *cells[i]);
    }
    t.buffer += "\r\n";
    ++t.rows;
    if (t.buffer.size() >= kCsvBufferBytes) flush(t);
  }

  WrittenFiles finish() override {
    WrittenFiles out;
    for (auto& t : files_) {
      flush(t);
      t.out.close();
      if (!t.out) fail(t.file.final);
    }
    std::vector<const PartFile*> parts;
    for (auto& t : files_) {
      parts.push_back(&t.file);
      out.files.push_back(t.file.name);
      out.tables.push_back({t.name, t.rows, {t.file.name}});
    }
    parts.push_back(&dictionary_);
    out.files.push_back(dictionary_.name);
    put_all_in_place(parts);
    finished_ = true;
    return out;
  }

 private:
  struct Table {
    PartFile file;
    std::ofstream out;
    std::string buffer;
    std::int64_t rows = 0;
    std::string name;
    std::size_t columns = 0;
  };
  [[noreturn]] static void fail(const fs::path& path) { PartFile::cannot_write(path); }
  void flush(Table& t) {
    t.out.write(t.buffer.data(), static_cast<std::streamsize>(t.buffer.size()));
    if (!t.out) fail(t.file.final);
    t.buffer.clear();
  }

  std::vector<Table> files_;
  PartFile dictionary_;
  bool finished_ = false;
};

// A cell's text as a number, when all of it is one.
std::optional<double> xlsx_number(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, v);
  if (r.ec != std::errc{} || r.ptr != end) return std::nullopt;
  return v;
}

// YYYY-MM-DD as a spreadsheet date; Excel's dates begin in 1900, earlier ones stay text.
std::optional<lxw_datetime> xlsx_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (std::from_chars(text.data(), text.data() + 4, y).ec != std::errc{} ||
      std::from_chars(text.data() + 5, text.data() + 7, m).ec != std::errc{} ||
      std::from_chars(text.data() + 8, text.data() + 10, d).ec != std::errc{} || y < 1900)
    return std::nullopt;
  return lxw_datetime{y, m, d, 0, 0, 0.0};
}

// A column about as wide as its heading, within reason (characters).
double xlsx_width(const std::string& heading) {
  return std::clamp(static_cast<double>(heading.size()) + 2.0, 10.0, 40.0);
}

class XlsxTableFiles final : public TableFiles {
 public:
  XlsxTableFiles(const fs::path& dir, const std::vector<service::ExportTable>& tables, const std::string& name,
                 std::int64_t rows_per_sheet)
      : file_(dir, name), tmpdir_(dir.string()), rows_per_sheet_(rows_per_sheet), dictionary_(dictionary_rows(tables)) {
    // The temporary files of constant-memory mode go beside the workbook: the folder the
    // operator chose for a large export, not a /tmp that may be small or in memory.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir_.data();
    // No ZIP64, so that every reader opens a plain zip: no part passes its 4 GB. A full
    // worksheet of visits is 0.7 GB of XML (measured: 1,048,575 rows of 15 columns); one
    // of the wide scores, every score of every time point given, about 2.5 GB.
    options.use_zip64 = LXW_FALSE;
    book_ = workbook_new_opt(file_.part.c_str(), &options);
    if (!book_) PartFile::cannot_write(file_.final);
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, "yyyy-mm-dd");
    tables_.reserve(tables.size());
    for (const auto& t : tables) {
      Table& table = tables_.emplace_back();
      table.written.table = t.name;
      for (const auto& c : t.columns) {
        table.headings.push_back(c.name);
        table.types.push_back(c.type);
      }
      new_sheet(table);
    }
  }

  ~XlsxTableFiles() override {
    if (book_) lxw_workbook_free(book_);
    if (!finished_) file_.remove();
  }

  void row(std::size_t table, const std::vector<ExportCell>& cells) override {
    Table& t = tables_.at(table);
    if (cells.size() != t.types.size())
      throw std::logic_error("a row of " + t.written.table + " has a wrong number of cells");
    if (t.rows_in_sheet == rows_per_sheet_) new_sheet(t);
    const auto row = static_cast<lxw_row_t>(++t.rows_in_sheet);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (!cells[i]) continue;
      const std::string& text = *cells[i];
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error err = LXW_NO_ERROR;
      const ExportColumnType type = t.types[i];
      std::optional<double> number;
      std::optional<lxw_datetime> day;
      if ((type == ExportColumnType::integer || type == ExportColumnType::number) && (number = xlsx_number(text)))
        err = worksheet_write_number(t.sheet, row, col, *number, nullptr);
      else if (type == ExportColumnType::date && (day = xlsx_date(text)))
        err = worksheet_write_datetime(t.sheet, row, col, &*day, date_);
      else
        err = worksheet_write_string(t.sheet, row, col, text.c_str(), nullptr);
      if (err != LXW_NO_ERROR)
        throw std::runtime_error("cannot write " + t.written.table + "." + t.headings[i] + " of row " +
                                 std::to_string(t.written.rows + 1) + " to " + file_.final.string() + ": " +
                                 lxw_strerror(err));
    }
    ++t.written.rows;
  }

  WrittenFiles finish() override {
    // The dictionary last: after the tables and any sheets they went on in.
    lxw_worksheet* dict = add_sheet("dictionary");
    const auto& header = dictionary_header();
    write_header(dict, header);
    lxw_row_t r = 0;
    for (const auto& row : dictionary_) {
      ++r;
      for (std::size_t c = 0; c < row.size(); ++c)
        if (!row[c].empty()) check(worksheet_write_string(dict, r, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr));
    }
    lxw_workbook* book = book_;
    book_ = nullptr;  // workbook_close frees it, whether or not it succeeds
    check(workbook_close(book));
    file_.put_in_place();
    finished_ = true;
    WrittenFiles out{{file_.name}, {}};
    for (const auto& t : tables_) out.tables.push_back(t.written);
    return out;
  }

 private:
  struct Table {
    std::vector<std::string> headings;
    std::vector<ExportColumnType> types;
    lxw_worksheet* sheet = nullptr;
    std::int64_t rows_in_sheet = 0;
    WrittenTable written;
  };

  // A failure to write the workbook names the file, and libxlsxwriter's words say why.
  void check(lxw_error err) const {
    if (err != LXW_NO_ERROR)
      throw InputError("out", "cannot_write_file"_err, {{"path", file_.final.string() + ": " + lxw_strerror(err)}});
  }
  lxw_worksheet* add_sheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    if (!sheet) throw std::runtime_error("cannot add the worksheet " + name + " to " + file_.final.string());
    return sheet;
  }
  void write_header(lxw_worksheet* sheet, const std::vector<std::string>& headings) {
    for (std::size_t c = 0; c < headings.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(sheet, col, col, xlsx_width(headings[c]), nullptr));
      check(worksheet_write_string(sheet, 0, col, headings[c].c_str(), bold_));
    }
    worksheet_freeze_panes(sheet, 1, 0);
  }
  // The table's first worksheet, or the next when the last is full: "visits (2)".
  void new_sheet(Table& t) {
    const std::size_t n = t.written.parts.size() + 1;
    const std::string name = n == 1 ? t.written.table : t.written.table + " (" + std::to_string(n) + ")";
    t.sheet = add_sheet(name);
    t.written.parts.push_back(name);
    t.rows_in_sheet = 0;
    write_header(t.sheet, t.headings);
  }

  PartFile file_;
  std::string tmpdir_;
  std::int64_t rows_per_sheet_;
  std::vector<std::vector<std::string>> dictionary_;
  lxw_workbook* book_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_ = nullptr;
  std::vector<Table> tables_;
  bool finished_ = false;
};

}  // namespace

std::string_view to_string(SheetFormat f) { return f == SheetFormat::xlsx ? "xlsx" : "csv"; }

SheetFormat parse_sheet_format(std::string_view text, std::string_view field) {
  if (text == "csv") return SheetFormat::csv;
  if (text == "xlsx") return SheetFormat::xlsx;
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", std::string(text.substr(0, 16))}, {"allowed", "csv, xlsx"}});
}

std::unique_ptr<TableFiles> open_table_files(SheetFormat format, const std::filesystem::path& dir,
                                             const std::vector<service::ExportTable>& tables,
                                             const std::string& xlsx_name, std::int64_t rows_per_sheet) {
  if (format == SheetFormat::xlsx) return std::make_unique<XlsxTableFiles>(dir, tables, xlsx_name, rows_per_sheet);
  return std::make_unique<CsvTableFiles>(dir, tables);
}

}  // namespace rp::api::sheets
