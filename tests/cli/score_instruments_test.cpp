// `regenpath score INSTRUMENT [FILE|-]`: JSON on stdout, exit 0; bad input exit 2 with
// {"error": {"field", "message"}} on stderr naming the item. Expected values are
// hand-computed from the published rules (clinical-facts §1–5, §14).
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

TEST(ScoreCli, HoosPainWithOneItemMissing) {
  const CliRun r = run("score hoos -", R"({"answers": {"P1": 2, "P2": 2, "P3": 3, "P4": 1, "P5": null,
                                                    "P6": 2, "P7": 2, "P8": 1, "P9": 2, "P10": 3}})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = r.json();
  EXPECT_EQ(j["instrument"], "hoos");
  EXPECT_EQ(j["scores"]["pain"], 50.0);
  for (const char* s : {"symptoms", "adl", "sport", "qol"}) EXPECT_TRUE(j["scores"][s].is_null()) << s;
}

TEST(ScoreCli, HoosJrRawElevenIs55985) {
  const CliRun r = run("score hoos-jr", R"({"answers": {"P5": 2, "P10": 2, "A3": 2, "A5": 3, "A12": 1, "A14": 1}})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["scores"]["raw"], 11);
  EXPECT_EQ(r.json()["scores"]["interval"], 55.985);
}

TEST(ScoreCli, HoosJrMissingItemIsNull) {
  const CliRun r = run("score hoos-jr -", R"({"answers": {"P5": 2, "P10": 2, "A3": 2, "A5": 3, "A12": 1}})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.json()["scores"]["raw"].is_null());
  EXPECT_TRUE(r.json()["scores"]["interval"].is_null());
}

TEST(ScoreCli, WomacFromHoosFromAFile) {
  std::string answers = R"({"answers": {"P4": 1, "P5": 2, "P6": 3, "P7": 4, "P8": 0, "S4": 2, "S5": 3)";
  for (int i = 1; i <= 17; ++i) answers += ", \"A" + std::to_string(i) + "\": 2";
  answers += "}}";
  const auto file = write_file("womac.json", answers);
  const CliRun r = run("score womac-from-hoos " + file.string(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = r.json();
  EXPECT_EQ(j["title"], "WOMAC (from HOOS, 1-week recall)");
  EXPECT_EQ(j["scores"]["pain"], 10);
  EXPECT_EQ(j["scores"]["stiffness"], 5);
  EXPECT_EQ(j["scores"]["function"], 34);
  EXPECT_EQ(j["scores"]["total"], 49);
}

TEST(ScoreCli, OxfordHip) {
  std::string answers = R"({"answers": {"OHS1": 4)";
  for (int i = 2; i <= 12; ++i) answers += ", \"OHS" + std::to_string(i) + "\": " + std::to_string(i % 5);
  answers += "}}";  // 4 + (2+3+4+0+1+2+3+4+0+1+2) = 26
  const CliRun r = run("score oxford-hip", answers);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["scores"]["total"], 26);
}

TEST(ScoreCli, HarrisHip) {
  const CliRun r = run("score harris-hip", R"({"answers": {
      "pain": "mild", "limp": "slight", "support": "cane_long_walks", "distance": "six_blocks",
      "stairs": "normal_with_railing", "shoes_socks": "with_difficulty", "sitting": "ordinary_chair_1h",
      "public_transport": "able",
      "deformity": {"fixed_flexion_deg": 10, "fixed_adduction_deg": 0, "fixed_internal_rotation_deg": 5,
                    "leg_length_discrepancy_cm": 1.5},
      "rom": {"flexion": 90, "abduction": 20, "adduction": 10, "external_rotation": 10, "internal_rotation": 20}}})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto s = r.json()["scores"];
  EXPECT_DOUBLE_EQ(s["total"].get<double>(), 71.575);  // 30 + 23 + 10 + 4 + 4.575
  EXPECT_DOUBLE_EQ(s["rom_points"].get<double>(), 4.575);
  EXPECT_EQ(s["deformity_points"], 4);
  EXPECT_EQ(s["band"], "fair");
}

TEST(ScoreCli, NrsPainIsTheActivityItem) {
  const CliRun r = run("score nrs", R"({"answers": {"pain_rest": 2, "pain_activity": 6}})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["scores"]["pain"], 6);
  EXPECT_EQ(r.json()["scores"]["pain_rest"], 2);
}

}  // namespace
}  // namespace rp::cli_test
