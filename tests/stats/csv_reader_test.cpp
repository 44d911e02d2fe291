// The CSV reader and writer in base/ (tested here, beside the statistics that read it).
#include <gtest/gtest.h>

#include "base/csv.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

TEST(Csv, QuotesCrlfBomAndBlankLines) {
  const CsvTable t = parse_csv("\xEF\xBB\xBFtime,\"group, label\"\r\n1,\"a \"\"b\"\"\"\r\n\r\n2.5,c\r\n");
  EXPECT_EQ(t.header(), (std::vector<std::string>{"time", "group, label"}));
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.column("group, label")[0], "a \"b\"");
  EXPECT_EQ(parse_csv_number(t.column("time")[1], "time", 2), 2.5);
}

TEST(Csv, EmptyFieldsAreKept) {
  const CsvTable t = parse_csv("a,b,c\n,,\n");
  ASSERT_EQ(t.rows(), 1u);
  EXPECT_EQ(t.column("b")[0], "");
}

TEST(Csv, RaggedRowNamesTheRow) {
  try {
    parse_csv("a,b\n1,2\n3\n");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "csv");
    EXPECT_NE(std::string(e.what()).find("data row 2"), std::string::npos);
  }
}

TEST(Csv, UnknownColumnIsNamed) {
  const CsvTable t = parse_csv("a,b\n1,2\n");
  try {
    t.column("c");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "c");
  }
}

TEST(Csv, RejectsEmptyDuplicateHeadersAndBadQuotes) {
  EXPECT_THROW(parse_csv(""), InputError);
  EXPECT_THROW(parse_csv("a,a\n1,2\n"), InputError);
  EXPECT_THROW(parse_csv("a,\n1,2\n"), InputError);
  EXPECT_THROW(parse_csv("a,b\n\"1,2\n"), InputError);
}

TEST(Csv, Numbers) {
  EXPECT_EQ(parse_csv_number(" 1e3 ", "x", 1), 1000);
  EXPECT_EQ(parse_csv_number("+4", "x", 1), 4);
  EXPECT_THROW(parse_csv_number("abc", "x", 1), InputError);
  EXPECT_THROW(parse_csv_number("", "x", 1), InputError);
  EXPECT_THROW(parse_csv_number("nan", "x", 1), InputError);
  EXPECT_THROW(parse_csv_number("1.5x", "x", 1), InputError);
}

// What the writer writes, the reader reads back field for field: commas, quotes, line
// breaks and Persian letters included; plain fields go unquoted.
TEST(Csv, WrittenRecordsReadBack) {
  const std::vector<std::string> header{"name", "note", "empty"};
  const std::vector<std::string> row{"\xd9\x85\xd8\xb1\xdb\x8c\xd9\x85", "a, \"b\"\r\nc", ""};
  std::string text;
  append_csv_record(text, header);
  append_csv_record(text, row);
  EXPECT_EQ(text.substr(0, text.find('\r')), "name,note,empty");
  EXPECT_NE(text.find("\"a, \"\"b\"\"\r\nc\""), std::string::npos) << text;
  const CsvTable t = parse_csv(text);
  EXPECT_EQ(t.header(), header);
  ASSERT_EQ(t.rows(), 1u);
  for (std::size_t c = 0; c < header.size(); ++c) EXPECT_EQ(t.column(header[c])[0], row[c]) << header[c];
}

}  // namespace
}  // namespace rp
