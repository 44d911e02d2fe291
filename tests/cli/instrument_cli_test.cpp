// `regenpath instrument load`: a clinic's licensed wording as a FHIR R4 Questionnaire,
// kept as a new version only when it has the instrument's structure, and listed with
// the languages it covers by `instrument wordings`. The real binary on a real file.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string wordings_db_arg() { return "--db " + (scratch() / "wordings.db").string(); }

std::int64_t wordings_kept() {
  SQLite::Database db((scratch() / "wordings.db").string());
  return db.execAndGet("SELECT COUNT(*) FROM instrument_wordings").getInt64();
}

// The shipped Oxford Hip Score file standing in for a clinic's, under its own name.
nlohmann::json clinic_oxford() {
  auto q = nlohmann::json::parse(slurp(std::string(RP_SOURCE_DIR) + "/instruments/oxford-hip.json"));
  q["url"] = "urn:clinic:ohs";
  q["version"] = "2024-fa";
  return q;
}

TEST(InstrumentCli, LoadsAWordingWithTheInstrumentsStructureAsAVersion) {
  ASSERT_EQ(run("db init " + wordings_db_arg(), "").exit_code, 0);

  auto wrong = clinic_oxford();
  wrong["item"][4]["answerOption"].erase(4);  // OHS5 without its "0 - worst"
  auto r = run("instrument load - --instrument oxford-hip " + wordings_db_arg(), wrong.dump());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.error_field(), "item");
  EXPECT_NE(r.err.find("item OHS5 has answer codes [4, 3, 2, 1] where oxford-hip scores [4, 3, 2, 1, 0]"),
            std::string::npos)
      << r.err;
  r = run("instrument load - " + wordings_db_arg(), R"({"resourceType": "Patient"})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "resourceType");
  r = run("instrument load - " + wordings_db_arg(),
          "{\"resourceType\": \"Questionnaire\", \"version\": \"1\", \"item\": 5}");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "questionnaire") << r.err;
  EXPECT_EQ(wordings_kept(), 0);

  const auto file = write_file("ohs-clinic.json", clinic_oxford().dump());
  r = run("instrument load " + file.string() + " --by clinic.lead " + wordings_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["instrument"], "oxford-hip");
  EXPECT_EQ(r.json()["version"], "urn:clinic:ohs|2024-fa");
  EXPECT_EQ(r.json()["languages"], "en fa");
  EXPECT_EQ(r.json()["loaded_by"], "cli:clinic.lead");
  EXPECT_EQ(run("instrument load " + file.string() + " " + wordings_db_arg(), "").exit_code, 2)
      << "a version loads once";
  EXPECT_EQ(wordings_kept(), 1);

  r = run("instrument wordings " + wordings_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> by_key;
  for (const auto& w : r.json()) by_key[w["instrument"]] = w;
  EXPECT_EQ(by_key.at("oxford-hip")["version"], "urn:clinic:ohs|2024-fa");
  EXPECT_EQ(by_key.at("hoos")["version"], "urn:regenpath:questionnaire:hoos|2");
  EXPECT_EQ(by_key.at("hoos")["languages"], nlohmann::json::array({"en", "fa"}));
}

}  // namespace
}  // namespace rp::cli_test
