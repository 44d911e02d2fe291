// The HTML report's wording (templates/outcomes-report.text.json) is held to the rules of
// the error catalogue (messages/errors.json): both languages word every key with the same
// placeholders, and Persian writes no Latin digit (a number comes in through a
// placeholder, written in Persian digits by the report). Every key the report's code asks
// for is worded in both languages, so no reader meets report_wording_missing, the
// catalogued error a missing key would raise.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "base/error_catalogue.hpp"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex placeholder(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it)
    names.insert((*it)[1].str());
  return names;
}

const nlohmann::json& wording() {
  static const nlohmann::json w =
      nlohmann::json::parse(slurp(fs::path(RP_SOURCE_DIR) / "templates/outcomes-report.text.json"));
  return w;
}

TEST(ReportWording, BothLanguagesWordEveryKeyWithTheSamePlaceholders) {
  const auto& en = wording().at("en");
  const auto& fa = wording().at("fa");
  ASSERT_GT(en.size(), 50U);
  EXPECT_EQ(en.size(), fa.size());
  for (const auto& [key, text] : en.items()) {
    ASSERT_TRUE(fa.contains(key)) << key;
    EXPECT_EQ(placeholders(text.get<std::string>()), placeholders(fa.at(key).get<std::string>())) << key;
    EXPECT_EQ(fa.at(key).get<std::string>().find_first_of("0123456789"), std::string::npos)
        << key << ": " << fa.at(key).get<std::string>();
  }
}

// The keys the report's code names literally (w("key", ...)); a key made at run time
// (verdict_, category_, def_) falls back to the raw value or is checked with w.has.
TEST(ReportWording, EveryKeyTheReportAsksForIsWorded) {
  static const std::regex asked(R"re(\bw\("([a-z_]+)")re");
  std::size_t keys = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(RP_SOURCE_DIR) / "app")) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("report_") || entry.path().extension() != ".cpp") continue;
    const std::string source = slurp(entry.path());
    for (std::sregex_iterator it(source.begin(), source.end(), asked), end; it != end; ++it) {
      const std::string key = (*it)[1].str();
      if (key.ends_with("_")) continue;  // a prefix
      ++keys;
      for (const char* lang : {"en", "fa"}) EXPECT_TRUE(wording().at(lang).contains(key)) << name << ": " << key;
    }
  }
  EXPECT_GT(keys, 50U);
  // The refusal a missing key would raise is catalogued in both languages.
  EXPECT_TRUE(rp::errors::sentence("report_wording_missing", {{"key", "x"}, {"language", "fa"}}, "fa"));
}

}  // namespace
