// `regenpath export deidentified` on the demo's clinic, as an operator runs it: every
// identifier of every patient in the database is searched for in the bytes of every file
// written (CSV and NDJSON) and found in none; the patients written are those who consent
// to the registry; a second export writes the same bytes (pseudonyms and shifts are kept);
// the dictionary lists every column of every file.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> files_in(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& f : std::filesystem::directory_iterator(dir)) out[f.path().filename().string()] = slurp(f.path());
  return out;
}

TEST(ExportDeidentifiedCli, TheDemoExportNamesNoPatientAndTwoExportsAgree) {
  const std::string dir = (scratch() / "export-deid").string();
  std::filesystem::remove_all(dir);
  ASSERT_EQ(run("demo --no-serve --patients 30 --today 2026-11-24 --data " + dir, "").exit_code, 0);
  const std::string db = dir + "/demo.db";
  std::vector<std::string> identifiers;
  int consenting = 0, patients = 0;
  {
    SQLite::Database d(db, SQLite::OPEN_READWRITE);
    // One patient withdraws registry consent: they must not be written.
    d.exec("UPDATE patients SET consent_registry = 0 WHERE id = (SELECT MIN(id) FROM patients)");
    SQLite::Statement q(
        d, "SELECT mrn, name_fa, name_latin, birth_date, mobile, national_id, consent_registry FROM patients");
    while (q.executeStep()) {
      ++patients;
      consenting += q.getColumn(6).getInt();
      for (int c = 0; c < 6; ++c) {
        const std::string v = q.getColumn(c).getString();
        if (!v.empty()) identifiers.push_back(v);
      }
      const std::string mobile = q.getColumn(4).getString();  // +989..., also as 09... and 9...
      if (mobile.size() > 3) {
        identifiers.push_back("0" + mobile.substr(3));
        identifiers.push_back(mobile.substr(3));
      }
    }
  }
  ASSERT_GT(consenting, 10);
  ASSERT_LT(consenting, patients);

  std::map<std::string, std::map<std::string, std::string>> exports;
  for (const std::string format : {"csv", "ndjson"}) {
    const auto r = run("export deidentified --db " + db + " --out " + dir + "/" + format + " --format " + format, "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["patients"], consenting);
    EXPECT_EQ(summary["withdrawn_left_out"], patients - consenting);
    exports[format] = files_in(dir + "/" + format);
  }
  ASSERT_EQ(exports["csv"].size(), 10u);  // eight tables and the dictionary (CSV and Markdown)
  for (const auto& [format, files] : exports)
    for (const auto& [name, bytes] : files)
      for (const auto& id : identifiers)
        EXPECT_EQ(bytes.find(id), std::string::npos) << format << "/" << name << ": " << id;

  // CSV: a header and one line per consenting patient; NDJSON: one line each.
  const std::string& patients_csv = exports["csv"]["patients.csv"];
  EXPECT_EQ(std::count(patients_csv.begin(), patients_csv.end(), '\n'), consenting + 1);
  const std::string& patients_ndjson = exports["ndjson"]["patients.ndjson"];
  EXPECT_EQ(std::count(patients_ndjson.begin(), patients_ndjson.end(), '\n'), consenting);

  // Every column a file has is in the dictionary, under its table.
  std::set<std::string> described;
  std::istringstream dict(exports["csv"]["data-dictionary.csv"]);
  for (std::string line; std::getline(dict, line);)
    described.insert(line.substr(0, line.find(',', line.find(',') + 1)));
  for (const auto& [name, bytes] : exports["csv"]) {
    if (name.rfind("data-dictionary.", 0) == 0) continue;
    const std::string table = name.substr(0, name.find('.'));
    std::istringstream header(bytes.substr(0, bytes.find('\r')));
    for (std::string column; std::getline(header, column, ',');)
      EXPECT_TRUE(described.count(table + "," + column)) << table << "." << column;
  }

  // The Markdown dictionary names every table, with its meaning in both languages.
  const std::string& md = exports["csv"]["data-dictionary.md"];
  for (const char* heading : {"## patients", "## episodes", "## visits", "## scores", "## transitions",
                              "## adverse_events", "یک ردیف برای هر بیمار"})
    EXPECT_NE(md.find(heading), std::string::npos) << heading;

  // Pseudonyms and shifts are kept: the same database exports the same bytes again.
  const auto again = run("export deidentified --db " + db + " --out " + dir + "/again --format csv", "");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(files_in(dir + "/again"), exports["csv"]);
}

}  // namespace
}  // namespace rp::cli_test
