// The registry and the generic score() entry point, and the JSON submission shape.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/answers_json.hpp"
#include "domain/instruments/registry.hpp"
#include "instrument_test_support.hpp"
#include "store/json_columns.hpp"

namespace rp::instruments {
namespace {

using api::submission_from_json;
using nlohmann::json;
using store::scores_to_json;
using testing::error_field;

Scores score_json(InstrumentId id, const char* text) { return score(id, submission_from_json(json::parse(text))); }

TEST(InstrumentRegistry, KeysRoundTrip) {
  EXPECT_EQ(all_instruments().size(), 9u);
  for (const auto& def : all_instruments()) {
    EXPECT_EQ(parse_instrument_key(def.key), def.id);
    EXPECT_EQ(instrument_key(def.id), def.key);
    EXPECT_EQ(&instrument(def.id), &def);
  }
  EXPECT_FALSE(parse_instrument_key("womac"));
  EXPECT_EQ(parse_instrument_key("hoos-jr"), InstrumentId::hoos_jr);
}

TEST(InstrumentRegistry, EmptyAnswersGiveTheDeclaredScoresAllNull) {
  for (const auto& def : all_instruments()) {
    if (def.id == InstrumentId::harris_hip) continue;  // every Harris item is required
    const Scores s = score(def.id, Answers{});
    ASSERT_EQ(s.values.size(), def.scores.size()) << def.key;
    for (std::size_t i = 0; i < def.scores.size(); ++i) {
      EXPECT_EQ(s.values[i].first, def.scores[i].name);
      EXPECT_TRUE(std::holds_alternative<std::monostate>(s.values[i].second)) << def.key << " " << s.values[i].first;
    }
  }
}

TEST(InstrumentRegistry, HoosFamilySharesItemIds) {
  const char* body = R"({"answers": {"P4": 1, "P5": 2, "P6": 3, "P7": 4, "P8": 0, "P10": 2,
                                     "A3": 2, "A5": 3, "A12": 1, "A14": 1, "S4": 2, "S5": null}})";
  const Scores jr = score_json(InstrumentId::hoos_jr, body);
  EXPECT_EQ(std::get<std::int64_t>(jr.at("raw")), 11);
  EXPECT_EQ(std::get<double>(jr.at("interval")), 55.985);
  const Scores womac = score_json(InstrumentId::womac_from_hoos, body);
  EXPECT_EQ(std::get<std::int64_t>(womac.at("pain")), 10);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(womac.at("stiffness")));  // S5 is null
  EXPECT_TRUE(std::holds_alternative<std::monostate>(womac.at("total")));
  const Scores hoos = score_json(InstrumentId::hoos, body);
  // Pain: P4–P8 and P10 answered (6 of 10): 1+2+3+4+0+2 = 12 → 100 − 2 × 25 = 50.
  EXPECT_EQ(std::get<double>(hoos.at("pain")), 50.0);
}

TEST(InstrumentRegistry, HarrisFromNestedJson) {
  const Scores s = score_json(InstrumentId::harris_hip, R"({"answers": {
      "pain": "mild", "limp": "slight", "support": "cane_long_walks", "distance": "six_blocks",
      "stairs": "normal_with_railing", "shoes_socks": "with_difficulty", "sitting": "ordinary_chair_1h",
      "public_transport": "able",
      "deformity": {"fixed_flexion_deg": 10, "fixed_adduction_deg": 0, "fixed_internal_rotation_deg": 5,
                    "leg_length_discrepancy_cm": 1.5},
      "rom": {"flexion": 90, "abduction": 20, "adduction": 10, "external_rotation": 10, "internal_rotation": 20}}})");
  EXPECT_DOUBLE_EQ(std::get<double>(s.at("total")), 71.575);
  EXPECT_DOUBLE_EQ(std::get<double>(s.at("rom_points")), 4.575);
  EXPECT_EQ(std::get<std::int64_t>(s.at("deformity_points")), 4);
  EXPECT_EQ(std::get<std::string>(s.at("band")), "fair");
}

TEST(InstrumentRegistry, JsonWrongTypesNameTheItem) {
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"answers": {"P1": true}})"); }), "P1");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"answers": {"P1": [1]}})"); }), "P1");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"answers": {"P1": "2"}})"); }), "P1");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"answers": {"P1": {"x": 1}}})"); }), "P1");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::harris_hip, R"({"answers": {"rom": {"flexion": {"a": 1}}}})"); }),
            "rom.flexion");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"answers": [1, 2]})"); }), "answers");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"P1": 1})"); }), "answers");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::hoos, R"({"answers": {}, "extra": 1})"); }), "extra");
  EXPECT_EQ(error_field([] { score_json(InstrumentId::oxford_hip, R"({"answers": {"OHS1": 1e300}})"); }), "OHS1");
}

TEST(InstrumentRegistry, ScoresToJsonKeepsNulls) {
  const json out = scores_to_json(score_json(InstrumentId::hoos, R"({"answers": {"Q1": 0, "Q2": 0}})"));
  EXPECT_EQ(out["instrument"], "hoos");
  EXPECT_EQ(out["scores"]["qol"], 100.0);
  EXPECT_TRUE(out["scores"]["pain"].is_null());
  EXPECT_EQ(out["scores"].size(), 5u);
  const json womac = scores_to_json(score(InstrumentId::womac_from_hoos, Answers{}));
  EXPECT_EQ(womac["title"], "WOMAC (from HOOS, 1-week recall)");
}

}  // namespace
}  // namespace rp::instruments
