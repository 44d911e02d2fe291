// The FHIR Questionnaire files under instruments/ agree with the compiled registry:
// every answerable linkId is an item id the scorer accepts, and option ordinals match
// the points the scorer uses.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "domain/instruments/harris_hip.hpp"
#include "domain/instruments/hoos_jr.hpp"
#include "domain/instruments/registry.hpp"

namespace rp::instruments {
namespace {

using nlohmann::json;

json load(std::string_view file) {
  std::ifstream in(std::string(RP_DATA_DIR) + "/instruments/" + std::string(file));
  EXPECT_TRUE(in) << file;
  return json::parse(in);
}

// Answerable items (not groups), depth first.
void collect(const json& items, std::vector<json>& out) {
  for (const auto& item : items) {
    if (item.at("type") == "group") {
      collect(item.at("item"), out);
    } else {
      out.push_back(item);
    }
  }
}

std::vector<json> answerable(const json& q) {
  std::vector<json> out;
  collect(q.at("item"), out);
  return out;
}

bool has_persian(const json& item) {
  if (!item.contains("_text")) return false;
  for (const auto& ext : item["_text"]["extension"]) {
    for (const auto& part : ext["extension"]) {
      if (part["url"] == "lang" && part["valueCode"] == "fa") return true;
    }
  }
  return false;
}

TEST(InstrumentQuestionnaireFiles, LinkIdsAreTheScorersItemIds) {
  for (const auto& def : all_instruments()) {
    if (def.questionnaire_file.empty()) continue;
    const json q = load(def.questionnaire_file);
    EXPECT_EQ(q.at("resourceType"), "Questionnaire");
    EXPECT_EQ(q.at("status"), "active");
    std::set<std::string> link_ids;
    for (const auto& item : answerable(q)) {
      EXPECT_TRUE(link_ids.insert(item.at("linkId").get<std::string>()).second) << item.at("linkId");
    }
    std::set<std::string> expected;
    if (def.id == InstrumentId::hoos_jr) {
      for (auto id : kHoosJrItemIds) expected.insert(std::string(id));
    } else {
      for (auto id : def.item_ids) expected.insert(std::string(id));
    }
    EXPECT_EQ(link_ids, expected) << def.key;
  }
}

TEST(InstrumentQuestionnaireFiles, LikertOrdinalsAreZeroToFour) {
  for (const char* file : {"hoos.json", "hoos-jr.json", "oxford-hip.json"}) {
    for (const auto& item : answerable(load(file))) {
      std::set<int> ordinals;
      for (const auto& opt : item.at("answerOption")) {
        const auto& coding = opt.at("valueCoding");
        const int ordinal = coding.at("extension")[0].at("valueDecimal").get<int>();
        EXPECT_EQ(coding.at("code"), std::to_string(ordinal));
        ordinals.insert(ordinal);
      }
      EXPECT_EQ(ordinals, (std::set<int>{0, 1, 2, 3, 4})) << file << " " << item.at("linkId");
    }
  }
}

TEST(InstrumentQuestionnaireFiles, HarrisOptionOrdinalsAreThePoints) {
  int options = 0;
  for (const auto& item : answerable(load("harris-hip.json"))) {
    if (!item.contains("answerOption")) continue;
    for (const auto& opt : item.at("answerOption")) {
      const auto& coding = opt.at("valueCoding");
      EXPECT_EQ(harris_option_points(item.at("linkId").get<std::string>(), coding.at("code").get<std::string>()),
                coding.at("extension")[0].at("valueDecimal").get<int>());
      ++options;
    }
  }
  EXPECT_EQ(options, 6 + 4 + 6 + 5 + 4 + 3 + 3 + 2);
}

TEST(InstrumentQuestionnaireFiles, OwnWordingIsBilingual) {
  for (const char* file : {"nrs.json", "patient-global.json", "return-to-activity.json", "satisfaction.json"}) {
    for (const auto& item : answerable(load(file))) EXPECT_TRUE(has_persian(item)) << file << item.at("linkId");
  }
}

TEST(InstrumentQuestionnaireFiles, HoosJrCarriesOnlyTheVerifiedPanelCode) {
  const json q = load("hoos-jr.json");
  EXPECT_EQ(q.at("code")[0].at("code"), "82316-1");
  for (const auto& item : answerable(q)) EXPECT_FALSE(item.contains("code")) << item.at("linkId");
}

}  // namespace
}  // namespace rp::instruments
