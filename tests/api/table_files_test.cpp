// The spreadsheet writer (api/sheets/table_files.hpp) on small tables: CSV read back by
// base/'s reader (libcsv), the workbook by openpyxl (Debian's /usr/bin/python3,
// tests/cli/records_xlsx.py). A table longer than a worksheet goes on in "<table> (2)",
// and a writer dropped before finish() leaves no file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/sheets/table_files.hpp"
#include "base/csv.hpp"
#include "base/error.hpp"

namespace rp::api::sheets {
namespace {

namespace fs = std::filesystem;
using service::ExportCell;
using T = service::ExportColumnType;

std::vector<service::ExportTable> sheet_test_tables() {
  return {{"people",
           "one row per person",
           "یک ردیف برای هر کس",
           {{"id", T::integer, "", "", "id", "شناسه"},
            {"name", T::text, "", "", "name", "نام"},
            {"born", T::date, "", "", "born", "تولد"},
            {"score", T::number, "points", "", "score", "نمره"}},
           {}},
          {"notes", "one row per note", "یک ردیف برای هر یادداشت", {{"text", T::text, "", "", "text", "متن"}}, {}}};
}

std::vector<ExportCell> sheet_test_person(int i) {
  return {std::to_string(i), "\xd9\x86\xd8\xa7\xd9\x85, \"" + std::to_string(i) + "\"", "2024-03-20",
          i % 2 ? ExportCell("56.25") : std::nullopt};
}

std::string sheet_test_slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class TableFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rp-table-files-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& f : fs::directory_iterator(dir_)) out.push_back(f.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

TEST_F(TableFilesTest, CsvFilesReadBackWithTheirDictionary) {
  auto files = open_table_files(SheetFormat::csv, dir_, sheet_test_tables());
  // Nothing under a final name before finish().
  EXPECT_EQ(this->files(), (std::vector<std::string>{"data-dictionary.csv.part", "notes.csv.part", "people.csv.part"}));
  for (int i = 1; i <= 5; ++i) files->row(0, sheet_test_person(i));
  files->row(1, {std::string("two\r\nlines")});
  const WrittenFiles written = files->finish();
  EXPECT_EQ(written.files, (std::vector<std::string>{"people.csv", "notes.csv", "data-dictionary.csv"}));
  ASSERT_EQ(written.tables.size(), 2u);
  EXPECT_EQ(written.tables[0].rows, 5);
  EXPECT_EQ(this->files(), (std::vector<std::string>{"data-dictionary.csv", "notes.csv", "people.csv"}));

  const CsvTable people = parse_csv(sheet_test_slurp(dir_ / "people.csv"));
  ASSERT_EQ(people.rows(), 5u);
  EXPECT_EQ(people.column("name")[2], "\xd9\x86\xd8\xa7\xd9\x85, \"3\"");
  EXPECT_EQ(people.column("score")[0], "56.25");
  EXPECT_EQ(people.column("score")[1], "");
  EXPECT_EQ(parse_csv(sheet_test_slurp(dir_ / "notes.csv")).column("text")[0], "two\r\nlines");
  const CsvTable dict = parse_csv(sheet_test_slurp(dir_ / "data-dictionary.csv"));
  EXPECT_EQ(dict.header(),
            (std::vector<std::string>{"table", "column", "type", "unit", "allowed", "meaning_en", "meaning_fa"}));
  ASSERT_EQ(dict.rows(), 5u);
  EXPECT_EQ(dict.column("column")[3], "score");
  EXPECT_EQ(dict.column("unit")[3], "points");
  EXPECT_EQ(dict.column("meaning_fa")[4], "متن");
}

TEST_F(TableFilesTest, AWriterDroppedBeforeFinishLeavesNoFile) {
  for (const SheetFormat format : {SheetFormat::csv, SheetFormat::xlsx}) {
    {
      auto files = open_table_files(format, dir_, sheet_test_tables());
      files->row(0, sheet_test_person(1));
    }
    EXPECT_TRUE(this->files().empty()) << to_string(format);
  }
}

TEST_F(TableFilesTest, AWrongRowIsRefusedNotWrittenUnderOtherHeadings) {
  auto files = open_table_files(SheetFormat::csv, dir_, sheet_test_tables());
  EXPECT_THROW(files->row(0, {std::string("1")}), std::logic_error);
}

TEST_F(TableFilesTest, TheFormatIsNamedWhenUnknown) {
  EXPECT_EQ(parse_sheet_format("xlsx"), SheetFormat::xlsx);
  try {
    parse_sheet_format("pdf");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "format");
  }
}

// Three rows to a worksheet: seven people fill "people", "people (2)" and one row of
// "people (3)"; openpyxl reads numbers as numbers, dates as dates, the name as written.
TEST_F(TableFilesTest, XlsxGoesOnInANewWorksheetWhenOneIsFull) {
  auto files = open_table_files(SheetFormat::xlsx, dir_, sheet_test_tables(), "t.xlsx", 3);
  for (int i = 1; i <= 7; ++i) files->row(0, sheet_test_person(i));
  files->row(1, {std::string("a note")});
  const WrittenFiles written = files->finish();
  EXPECT_EQ(written.files, std::vector<std::string>{"t.xlsx"});
  EXPECT_EQ(written.tables[0].rows, 7);
  EXPECT_EQ(written.tables[0].parts, (std::vector<std::string>{"people", "people (2)", "people (3)"}));
  EXPECT_EQ(this->files(), std::vector<std::string>{"t.xlsx"});

  const fs::path json = dir_ / "read.json";
  const std::string command = "/usr/bin/python3 " RP_SOURCE_DIR "/tests/cli/records_xlsx.py " +
                              (dir_ / "t.xlsx").string() + " >" + json.string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const auto x = nlohmann::json::parse(sheet_test_slurp(json));
  EXPECT_EQ(x["sheets"].get<std::vector<std::string>>(),
            (std::vector<std::string>{"people", "notes", "people (2)", "people (3)", "dictionary"}));
  EXPECT_EQ(x["rows"]["people"], 3);
  EXPECT_EQ(x["rows"]["people (2)"], 3);
  EXPECT_EQ(x["rows"]["people (3)"], 1);
  EXPECT_EQ(x["rows"]["dictionary"], 5);
  EXPECT_EQ(x["headers"]["people (2)"], x["headers"]["people"]);
  EXPECT_EQ(x["first"]["people (2)"]["id"], 4);
  EXPECT_EQ(x["first"]["people"]["name"], "\xd9\x86\xd8\xa7\xd9\x85, \"1\"");
  EXPECT_EQ(x["first"]["people"]["born"], "2024-03-20");
  EXPECT_EQ(x["types"]["people"]["id"], nlohmann::json::array({"int"}));
  EXPECT_EQ(x["types"]["people"]["born"], nlohmann::json::array({"datetime"}));
  EXPECT_EQ(x["types"]["people"]["score"], nlohmann::json::array({"float"}));
  EXPECT_EQ(x["types"]["people"]["name"], nlohmann::json::array({"str"}));
}

}  // namespace
}  // namespace rp::api::sheets
