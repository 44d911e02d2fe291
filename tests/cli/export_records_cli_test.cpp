// `regenpath export records` on the demo clinic, read back by independent readers: the CSV
// files by R's read.csv (tests/cli/records_csv.R), the workbook by openpyxl
// (tests/cli/records_xlsx.py). Every table holds as many rows as the command says and as
// the store holds; a Persian name comes back byte for byte; every Jalali date is the ISO
// one converted by R, not by regenpath; the wide layout has a row per episode holding the
// long layout's latest values; the dictionary names every column. Refusals name their
// field and leave no file behind.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "../support/made_once.hpp"
#include "base/civil_date.hpp"
#include "base/csv.hpp"
#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

const std::vector<std::string> kRecordsTables{"patients",       "episodes", "visits",     "scores",
                                              "adverse_events", "products", "radiographs"};

std::string records_hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// Runs a reader (Rscript, python3) and parses the JSON it prints.
nlohmann::json records_reader(const std::string& command) {
  const auto out = scratch() / "reader.json";
  const auto err = scratch() / "reader.err";
  const int status = std::system((command + " >" + out.string() + " 2>" + err.string()).c_str());
  EXPECT_EQ(status, 0) << command << "\n" << slurp(err);
  if (status != 0) return nlohmann::json::object();
  return nlohmann::json::parse(slurp(out));
}

class ExportRecordsCli : public ::testing::Test {
 protected:
  // The demo clinic, and in it what the demo never makes: a patient whose names need CSV
  // quoting (a comma, a quote, a zero-width non-joiner), an event described on two lines,
  // a time point answered twice (the later answer with other scores) and an answer given
  // outside the schedule.
  static void SetUpTestSuite() {
    const auto dir = scratch() / "records-demo";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(test::demo_made_once("--patients 40 --today 2026-11-24"), dir / "demo.db");
    SQLite::Database d((dir / "demo.db").string(), SQLite::OPEN_READWRITE);
    d.exec(
        "UPDATE patients SET name_fa = '\xd9\x85\xd9\x87\xe2\x80\x8c\xd8\xb1\xd9\x88 \xd8\xb4\xdb\x8c\xd8\xb1\xd8\xa7"
        "\xd8\xb2\xdb\x8c', name_latin = 'Shirazi, \"Mehroo\"' WHERE id = (SELECT MIN(id) FROM patients)");
    d.exec(
        "UPDATE adverse_events SET description = 'pain at the site, \"sharp\"' || char(10) || 'second line' "
        "WHERE id = (SELECT MIN(id) FROM adverse_events)");
    // A later answer to the first HOOS answered, and an NRS answered outside the schedule.
    d.exec(
        "INSERT INTO questionnaire_responses (episode_id, centre_id, instrument, item_id, answers_json, scores_json, "
        "source, submitted_by, submitted_at) SELECT episode_id, centre_id, instrument, item_id, answers_json, "
        "'{\"instrument\":\"hoos\",\"scores\":{\"adl\":11.5,\"pain\":22.5,\"qol\":33.0,\"sport\":44.0,"
        "\"symptoms\":55.0}}', source, submitted_by, '2099-01-01T00:00:00.000Z' FROM questionnaire_responses "
        "WHERE instrument = 'hoos' ORDER BY id LIMIT 1");
    d.exec(
        "INSERT INTO questionnaire_responses (episode_id, centre_id, instrument, item_id, answers_json, scores_json, "
        "source, submitted_by, submitted_at) SELECT episode_id, centre_id, 'nrs', '', '{}', "
        "'{\"instrument\":\"nrs\",\"scores\":{\"pain\":3,\"pain_activity\":4,\"pain_rest\":null}}', 'staff', "
        "submitted_by, submitted_at FROM questionnaire_responses ORDER BY id LIMIT 1");
    // Radiographs graded as staff grade them (`imaging grade`): an episode's study before the
    // harvest (its baseline) and one after, the joint space to a tenth of a millimetre.
    SQLite::Statement h(d,
                        "SELECT id, harvest_date FROM episodes WHERE harvest_date IS NOT NULL "
                        "AND harvest_date != '' ORDER BY id LIMIT 1");
    ASSERT_TRUE(h.executeStep());
    graded_episode() = h.getColumn(0).getInt64();
    const CivilDate harvest = parse_gregorian(h.getColumn(1).getString());
    h.reset();
    const std::string episode = " --episode " + std::to_string(graded_episode());
    for (const std::string& args : {" --study-uid 1.2.826.0.1.3680043.8.498.77.1 --study-date " +
                                        harvest.plus_days(-20).iso() + " --kl 3 --tonnis 2 --joint-space-mm 2.5",
                                    " --study-uid 1.2.826.0.1.3680043.8.498.77.2 --study-date " +
                                        harvest.plus_days(180).iso() + " --joint-space-mm 3.5"}) {
      const auto graded = run("imaging grade --db " + db_path() + episode + args, "");
      ASSERT_EQ(graded.exit_code, 0) << graded.err;
    }
  }
  static std::int64_t& graded_episode() {
    static std::int64_t id = 0;
    return id;
  }
  static std::string db_path() { return (scratch() / "records-demo" / "demo.db").string(); }
  static std::string db() { return " --db " + db_path(); }
  static std::string out(const std::string& name) { return (scratch() / "records-out" / name).string(); }

  // Rows each table should have, counted in SQL: a patient's episodes at the patient's own
  // centre (a patient registered at two centres is two patients).
  static std::map<std::string, std::int64_t> store_counts() {
    SQLite::Database d(db_path());
    const std::string episodes = "FROM episodes e JOIN patients p ON p.id = e.patient_id AND p.centre_id = e.centre_id";
    const auto count = [&](const std::string& sql) { return d.execAndGet(sql).getInt64(); };
    return {
        {"patients", count("SELECT COUNT(*) FROM patients")},
        {"episodes", count("SELECT COUNT(*) " + episodes)},
        {"visits",
         count("SELECT COUNT(*) FROM schedule_items s JOIN (SELECT e.id " + episodes + ") x ON x.id = s.episode_id")},
        {"scores", count("SELECT COUNT(*) FROM questionnaire_responses r JOIN (SELECT e.id " + episodes +
                         ") x ON x.id = r.episode_id, json_each(r.scores_json, '$.scores')")},
        {"adverse_events",
         count("SELECT COUNT(*) FROM adverse_events a JOIN (SELECT e.id " + episodes + ") x ON x.id = a.episode_id")},
        {"products",
         count("SELECT COUNT(*) FROM products r JOIN (SELECT e.id " + episodes + ") x ON x.id = r.episode_id")},
        {"radiographs", count("SELECT COUNT(*) FROM radiographic_grades r JOIN (SELECT e.id " + episodes +
                              ") x ON x.id = r.episode_id")}};
  }
  static std::pair<std::int64_t, std::string> quoted_patient() {
    SQLite::Database d(db_path());
    SQLite::Statement q(d, "SELECT id, name_fa FROM patients ORDER BY id LIMIT 1");
    q.executeStep();
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString()};
  }
  static CliRun export_records(const std::string& args) { return run("export records" + db() + " " + args, ""); }
};

TEST_F(ExportRecordsCli, CsvReadByRHoldsTheStoresRowsNamesAndDates) {
  std::filesystem::remove_all(scratch() / "records-out");
  const auto long_run = export_records("--out " + out("long"));
  ASSERT_EQ(long_run.exit_code, 0) << long_run.err;
  const auto wide_run = export_records("--out " + out("wide") + " --layout wide --format csv");
  ASSERT_EQ(wide_run.exit_code, 0) << wide_run.err;
  const auto summary = long_run.json(), wide_summary = wide_run.json();
  EXPECT_EQ(summary["format"], "csv");
  EXPECT_EQ(summary["layout"], "long");

  const auto r =
      records_reader("/usr/bin/Rscript " RP_SOURCE_DIR "/tests/cli/records_csv.R " + out("long") + " " + out("wide"));
  ASSERT_TRUE(r.contains("rows")) << r.dump();

  // Rows: as R counts them, as the command says, as the store holds.
  const auto counts = store_counts();
  for (const auto& t : kRecordsTables) {
    EXPECT_EQ(r["rows"][t], summary["rows"][t]) << t;
    EXPECT_EQ(r["rows"][t], counts.at(t)) << t;
  }
  const auto listed = run("patient list" + db() + " --limit 1000", "");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(r["rows"]["patients"], listed.json().size());
  EXPECT_EQ(summary["patients"], listed.json().size());
  EXPECT_EQ(summary["episodes"], counts.at("episodes"));
  EXPECT_TRUE(r["scores_value_is_numeric"].get<bool>());
  EXPECT_TRUE(r["radiographs_joint_space_is_numeric"].get<bool>());

  // The graded studies as recorded, the earlier (before the harvest) the baseline.
  const CsvTable radiographs = parse_csv(slurp(out("long") + "/radiographs.csv"));
  ASSERT_EQ(radiographs.rows(), 2u);
  for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(radiographs.column("episode_id")[i], std::to_string(graded_episode()));
  EXPECT_EQ(radiographs.column("study_uid")[0], "1.2.826.0.1.3680043.8.498.77.1");
  EXPECT_EQ(radiographs.column("kl_grade"), (std::vector<std::string>{"3", ""}));
  EXPECT_EQ(radiographs.column("tonnis_grade"), (std::vector<std::string>{"2", ""}));
  EXPECT_EQ(radiographs.column("joint_space_mm"), (std::vector<std::string>{"2.5", "3.5"}));
  EXPECT_EQ(radiographs.column("baseline"), (std::vector<std::string>{"1", "0"}));
  EXPECT_FALSE(radiographs.column("recorded_by")[1].empty());

  // The Persian name, zero-width non-joiner and all, byte for byte.
  const auto [id, name_fa] = quoted_patient();
  EXPECT_EQ(r["name_fa_hex"][std::to_string(id)], records_hex(name_fa));

  // Every Jalali date against its ISO twin, converted by R.
  EXPECT_GT(r["jalali_checked"].get<int>(), 1000);
  EXPECT_TRUE(r["jalali_mismatches"].empty()) << r["jalali_mismatches"].dump();

  // Every column of every file is in the dictionary, and nothing else is.
  std::set<std::string> described;
  for (const auto& d : r["dictionary"]) described.insert(d.get<std::string>());
  std::set<std::string> headed;
  for (const auto& [table, header] : r["headers"].items())
    if (table != "scores_wide")
      for (const auto& c : header) headed.insert(table + "." + c.get<std::string>());
  EXPECT_EQ(headed, described);

  // Wide: a row per episode, each score the long layout's latest for that time point.
  EXPECT_EQ(r["rows"]["scores_wide"], counts.at("episodes"));
  EXPECT_EQ(wide_summary["rows"]["scores_wide"], counts.at("episodes"));
  EXPECT_TRUE(r["wide_episodes_unique"].get<bool>());
  EXPECT_TRUE(r["wide_episodes_match"].get<bool>());
  EXPECT_GT(r["wide_checked"].get<int>(), 300);
  EXPECT_EQ(r["wide_no_column"], 0);
  EXPECT_TRUE(r["wide_mismatches"].empty()) << r["wide_mismatches"].dump();
  EXPECT_EQ(r["wide_cells_filled"], r["wide_expected_filled"]);
  for (const char* column : {"hoos_pain_prom_6m", "nrs_pain_prom_baseline", "oxford_hip_total_prom_12m"}) {
    const auto& header = r["headers"]["scores_wide"];
    EXPECT_NE(std::find(header.begin(), header.end(), column), header.end()) << column;
  }
  // Left out of the wide layout: the five HOOS scores the later answer replaced and the
  // three NRS scores given outside the schedule; the long layout has them all.
  EXPECT_EQ(wide_summary["scores_not_in_wide"], 5 + 3);
  EXPECT_EQ(summary["scores_not_in_wide"], 0);
}

TEST_F(ExportRecordsCli, XlsxReadByOpenpyxlHasASheetPerTableNumbersAndDates) {
  std::filesystem::remove_all(out("xlsx"));
  const auto run_xlsx = export_records("--out " + out("xlsx") + " --format xlsx");
  ASSERT_EQ(run_xlsx.exit_code, 0) << run_xlsx.err;
  const auto summary = run_xlsx.json();
  EXPECT_EQ(summary["files"], nlohmann::json::array({"records.xlsx"}));
  const auto x =
      records_reader("/usr/bin/python3 " RP_SOURCE_DIR "/tests/cli/records_xlsx.py " + out("xlsx") + "/records.xlsx");
  ASSERT_TRUE(x.contains("sheets")) << x.dump();

  std::vector<std::string> sheets = kRecordsTables;
  sheets.push_back("dictionary");
  EXPECT_EQ(x["sheets"].get<std::vector<std::string>>(), sheets);
  const auto counts = store_counts();
  std::size_t columns = 0;
  std::set<std::string> described;
  for (const auto& d : x["dictionary"]) described.insert(d.get<std::string>());
  for (const auto& t : kRecordsTables) {
    EXPECT_EQ(x["rows"][t], summary["rows"][t]) << t;
    EXPECT_EQ(x["rows"][t], counts.at(t)) << t;
    for (const auto& c : x["headers"][t]) {
      ++columns;
      EXPECT_TRUE(described.count(t + "." + c.get<std::string>())) << t << "." << c;
    }
  }
  EXPECT_EQ(x["rows"]["dictionary"], columns);

  const auto [id, name_fa] = quoted_patient();
  EXPECT_EQ(x["name_fa"][std::to_string(id)], name_fa);

  // Numbers are numbers, dates are dates, text that looks like a number stays text.
  const auto& types = x["types"];
  EXPECT_EQ(types["patients"]["patient_id"], nlohmann::json::array({"int"}));
  EXPECT_EQ(types["patients"]["national_id"], nlohmann::json::array({"str"}));
  EXPECT_EQ(types["patients"]["name_fa"], nlohmann::json::array({"str"}));
  EXPECT_EQ(types["patients"]["birth_date"], nlohmann::json::array({"datetime"}));
  EXPECT_EQ(types["patients"]["birth_date_jalali"], nlohmann::json::array({"str"}));
  for (const auto& t : types["scores"]["value"]) EXPECT_TRUE(t == "int" || t == "float") << t;
  EXPECT_FALSE(types["scores"]["value"].empty());
  EXPECT_EQ(types["products"]["viability_percent"].size(), 1u);
  EXPECT_NE(types["products"]["viability_percent"][0], "str");

  // The first patient's birth date is the store's day.
  SQLite::Database d(db_path());
  const std::string first_id = std::to_string(x["first"]["patients"]["patient_id"].get<std::int64_t>());
  EXPECT_EQ(x["first"]["patients"]["birth_date"].get<std::string>(),
            d.execAndGet("SELECT birth_date FROM patients WHERE id = " + first_id).getString());

  // The wide layout as a workbook: a scores_wide sheet, a row per episode.
  const auto wide = export_records("--out " + out("xlsx-wide") + " --format xlsx --layout wide");
  ASSERT_EQ(wide.exit_code, 0) << wide.err;
  const auto w = records_reader("/usr/bin/python3 " RP_SOURCE_DIR "/tests/cli/records_xlsx.py " + out("xlsx-wide") +
                                "/records.xlsx");
  EXPECT_EQ(w["rows"]["scores_wide"], counts.at("episodes"));
  EXPECT_EQ(w["sheets"][3], "scores_wide");
}

TEST_F(ExportRecordsCli, OneCentreHoldsThatCentresPatientsOnly) {
  const auto r = export_records("--out " + out("tehran") + " --centre tehran-1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["centre"], "tehran-1");
  const auto listed = run("patient list" + db() + " --centre tehran-1 --limit 1000", "");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  ASSERT_GT(listed.json().size(), 0u);
  const CsvTable patients = parse_csv(slurp(out("tehran") + "/patients.csv"));
  EXPECT_EQ(patients.rows(), listed.json().size());
  for (const auto& c : patients.column("centre")) EXPECT_EQ(c, "tehran-1");
  const CsvTable episodes = parse_csv(slurp(out("tehran") + "/episodes.csv"));
  for (const auto& c : episodes.column("centre")) EXPECT_EQ(c, "tehran-1");
  EXPECT_LT(patients.rows(), store_counts().at("patients"));
}

TEST_F(ExportRecordsCli, RefusalsNameTheFieldAndLeaveNoFile) {
  namespace fs = std::filesystem;
  const std::string dir = out("refused");
  fs::remove_all(dir);
  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {"--format pdf", "format"}, {"--layout diagonal", "layout"}, {"--centre nowhere", "centre"}}) {
    const auto r = export_records("--out " + dir + " " + args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.error_field(), field) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(fs::exists(dir)) << args;
  }
  const auto no_db = run("export records --db " + dir + "-nothing.db --out " + dir, "");
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_EQ(no_db.error_field(), "db");
  EXPECT_FALSE(fs::exists(dir));

  // A file that cannot be put in place fails the export after every row is written: none
  // of its files is left, neither finished nor half-written, and no summary claims it.
  for (const auto& [format, blocked] :
       std::vector<std::pair<std::string, std::string>>{{"csv", "visits.csv"}, {"xlsx", "records.xlsx"}}) {
    fs::remove_all(dir);
    fs::create_directories(dir + "/" + blocked + "/taken");
    const auto r = export_records("--out " + dir + " --format " + format);
    EXPECT_NE(r.exit_code, 0) << format;
    EXPECT_EQ(r.error_field(), "out") << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    std::vector<std::string> left;
    for (const auto& f : fs::directory_iterator(dir)) left.push_back(f.path().filename().string());
    EXPECT_EQ(left, std::vector<std::string>{blocked}) << format;
  }
}

}  // namespace
}  // namespace rp::cli_test
