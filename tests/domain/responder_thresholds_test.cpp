// The shipped thresholds file, and error messages that name the line and key.
#include "domain/instruments/responder_thresholds.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "instrument_test_support.hpp"

namespace rp::instruments {
namespace {

std::string shipped_text() {
  std::ifstream in(std::string(RP_DATA_DIR) + "/instruments/responder-thresholds.yaml");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The shipped file with one line replaced.
std::string edited(const std::string& from, const std::string& to) {
  std::string text = shipped_text();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

// Line (1-based) of the first occurrence of `needle` in the shipped file.
int line_of(const std::string& needle) {
  const std::string text = shipped_text();
  const auto at = text.find(needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::pair<std::string, std::string> error_of(const std::string& text) {
  try {
    parse_responder_thresholds(text, "responder-thresholds.yaml");
  } catch (const InputError& e) {
    return {e.field(), e.what()};
  }
  return {"<no error>", ""};
}

TEST(ResponderThresholds, ShippedFileHoldsThePublishedValues) {
  const ResponderThresholds t = parse_responder_thresholds(shipped_text(), "responder-thresholds.yaml");
  EXPECT_EQ(t.oarsi.high_relative, 0.5);
  EXPECT_EQ(t.oarsi.high_absolute, 20);
  EXPECT_EQ(t.oarsi.moderate_relative, 0.2);
  EXPECT_EQ(t.oarsi.moderate_absolute, 10);
  EXPECT_EQ(t.oarsi.moderate_min_domains, 2);
  EXPECT_EQ(t.immpact.moderate_relative, 0.3);
  EXPECT_EQ(t.immpact.substantial_relative, 0.5);
  EXPECT_EQ(t.hoos_pain_mcid.value, 24);
  EXPECT_NE(t.oarsi.citation.source.find("Pham"), std::string::npos);
  EXPECT_NE(t.immpact.citation.source.find("Dworkin"), std::string::npos);
  EXPECT_NE(t.hoos_pain_mcid.citation.source.find("Paulsen"), std::string::npos);
  EXPECT_FALSE(t.hoos_pain_mcid.method.empty());
  EXPECT_FALSE(t.oarsi.citation.status.empty());
}

TEST(ResponderThresholds, WrongTypeNamesLineAndKey) {
  const int line = line_of("    absolute: 20");
  const auto [field, message] = error_of(edited("    absolute: 20", "    absolute: twenty"));
  EXPECT_EQ(field, "omeract_oarsi.high.absolute");
  EXPECT_NE(message.find("line " + std::to_string(line) + ":"), std::string::npos) << message;
}

TEST(ResponderThresholds, PercentWrittenAsWholeNumberIsRejected) {
  // 50 instead of 0.50 would silently demand a 5000 % improvement.
  const auto [field, message] =
      error_of(edited("    relative: 0.50\n    absolute: 20", "    relative: 50\n    absolute: 20"));
  EXPECT_EQ(field, "omeract_oarsi.high.relative");
  EXPECT_NE(message.find("0–1"), std::string::npos) << message;
}

TEST(ResponderThresholds, MissingKeyNamesIt) {
  const auto [field, message] = error_of(edited("    min_domains: 2\n", ""));
  EXPECT_EQ(field, "omeract_oarsi.moderate.min_domains");
  EXPECT_NE(message.find("line"), std::string::npos) << message;
}

TEST(ResponderThresholds, MissingCitationIsAnError) {
  const std::string text =
      "version: 1\nomeract_oarsi:\n  high: {relative: 0.5, absolute: 20}\n"
      "  moderate: {relative: 0.2, absolute: 10, min_domains: 2}\n  status: x\n";
  EXPECT_EQ(error_of(text).first, "omeract_oarsi.citation");
}

TEST(ResponderThresholds, MalformedYamlNamesTheLine) {
  const auto [field, message] = error_of("version: 1\nomeract_oarsi:\n  high: [1, 2\n");
  EXPECT_EQ(field, "responder-thresholds.yaml");
  EXPECT_NE(message.find("line"), std::string::npos) << message;
}

TEST(ResponderThresholds, UnknownVersionIsRejected) {
  EXPECT_EQ(error_of(edited("version: 1", "version: 2")).first, "version");
}

}  // namespace
}  // namespace rp::instruments
