// A clinic's wording checked against the instrument (service/instrument_wording) on the
// typed form: a wording without a url is named after its instrument in the kept document
// and its version, the form says its languages, and a file whose item differs from the
// instrument's is refused naming the item.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/error.hpp"
#include "service/instrument_forms.hpp"
#include "service/instrument_wording.hpp"

namespace rp::service {
namespace {

using nlohmann::json;

json shipped(const std::string& file) {
  std::ifstream in(std::string(RP_DATA_DIR) + "/instruments/" + file);
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

InputError refusal(const json& q, const std::string& instrument) {
  try {
    check_wording(q.dump(), instrument);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted";
  return InputError("", "required"_err);
}

std::string param(const InputError& e, const std::string& name) {
  for (const auto& p : e.params())
    if (p.name == name) return p.value;
  return "";
}

TEST(InstrumentWording, AWordingWithoutAUrlIsNamedAfterItsInstrument) {
  json q = shipped("nrs.json");
  q.erase("url");
  q["version"] = "5";
  const auto w = check_wording(q.dump(), "");
  EXPECT_EQ(w.instrument, "nrs");
  EXPECT_EQ(w.version, "urn:regenpath:clinic-wording:nrs|5");
  EXPECT_EQ(w.form.version, w.version);
  EXPECT_EQ(json::parse(w.questionnaire)["url"], "urn:regenpath:clinic-wording:nrs");
  EXPECT_EQ(w.languages, (std::vector<std::string>{"en", "fa"}));
  // The same items as the shipped form, in its order.
  const auto& ours = instrument_form("nrs.json");
  ASSERT_EQ(w.form.questions.size(), ours.questions.size());
  for (std::size_t i = 0; i < ours.questions.size(); ++i) EXPECT_EQ(w.form.questions[i].id, ours.questions[i].id);
}

TEST(InstrumentWording, AnItemOfAnotherTypeOrRangeIsRefusedNamingIt) {
  json q = shipped("nrs.json");
  q["version"] = "6";
  q["item"][0]["type"] = "decimal";
  auto e = refusal(q, "nrs");
  EXPECT_EQ(e.code(), "wording_item_type");
  EXPECT_EQ(param(e, "item"), "pain_rest");
  EXPECT_EQ(param(e, "type"), "\"decimal\"");
  EXPECT_EQ(param(e, "expected"), "\"integer\"");

  q = shipped("nrs.json");
  q["version"] = "6";
  for (auto& ext : q["item"][0]["extension"])
    if (ext.value("url", "").ends_with("maxValue")) ext["valueInteger"] = 11;
  e = refusal(q, "nrs");
  EXPECT_EQ(e.code(), "wording_answer_range") << e.what();
}

TEST(InstrumentWording, ABoundWrittenAsADecimalIsTheSameBound) {
  json q = shipped("nrs.json");
  q["version"] = "7";
  for (auto& ext : q["item"][0]["extension"])
    if (ext.value("url", "").ends_with("maxValue")) {
      ext.erase("valueInteger");
      ext["valueDecimal"] = 10.0;
    }
  EXPECT_EQ(check_wording(q.dump(), "nrs").instrument, "nrs");
}

TEST(InstrumentWording, AnItemWithNoTextInEitherLanguageIsRefusedNamingIt) {
  json q = shipped("nrs.json");
  q["version"] = "8";
  q["item"][1].erase("text");
  q["item"][1].erase("_text");
  const auto e = refusal(q, "nrs");
  EXPECT_EQ(e.code(), "wording_item_no_text");
  EXPECT_EQ(param(e, "item"), "pain_activity");
}

}  // namespace
}  // namespace rp::service
