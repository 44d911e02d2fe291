// The one reader of FHIR Questionnaires (store/questionnaire_form): the shipped files
// under instruments/ and a clinic's upload become the typed form, bounds keep whether they
// are whole, and an upload that is not a Questionnaire's shape is refused with its code.
#include "store/questionnaire_form.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"

namespace rp::store {
namespace {

using nlohmann::json;

instruments::InstrumentForm shipped(const std::string& file) {
  return read_questionnaire_file(std::string(RP_DATA_DIR) + "/instruments/" + file, file);
}

// A small Questionnaire in the shape a clinic uploads: one choice item with Persian.
json upload() {
  json q = json::parse(R"({
    "resourceType": "Questionnaire", "version": "7", "title": "Pain", "_title": {},
    "item": [{"linkId": "q1", "type": "choice", "text": "Pain", "_text": {}, "required": true,
              "answerOption": [{"valueCoding": {"code": "0", "display": "none", "_display": {}}},
                               {"valueCoding": {"code": "not_yet", "display": "not yet", "_display": {}}}]}]})");
  const json persian = json::parse(R"({"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/translation",
    "extension": [{"url": "lang", "valueCode": "fa"}, {"url": "content", "valueString": "درد"}]}]})");
  q["_title"] = persian;
  q["item"][0]["_text"] = persian;
  for (auto& option : q["item"][0]["answerOption"]) option["valueCoding"]["_display"] = persian;
  return q;
}

std::string refusal_of(const std::string& text) {
  try {
    read_uploaded_questionnaire(text);
  } catch (const InputError& e) {
    return e.code();
  }
  return "accepted";
}

TEST(QuestionnaireForm, ShippedFileBecomesTheTypedForm) {
  const auto form = shipped("hoos.json");
  EXPECT_EQ(form.version, "urn:regenpath:questionnaire:hoos|2");
  EXPECT_FALSE(form.title.en.empty());
  ASSERT_TRUE(form.title.fa);
  EXPECT_EQ(form.groups.size(), 5U);
  EXPECT_EQ(form.groups.front().id, "symptoms");
  const auto& hoos = instruments::instrument(instruments::InstrumentId::hoos);
  ASSERT_EQ(form.questions.size(), hoos.item_ids.size());
  for (const auto& q : form.questions) {
    ASSERT_TRUE(q.group) << q.id;
    ASSERT_TRUE(q.options) << q.id;
    ASSERT_EQ(q.options->size(), 5U) << q.id;
    // Numeric codes are sent as numbers.
    EXPECT_EQ(std::get<int>(q.options->front().value), 0) << q.id;
    EXPECT_TRUE(q.text.fa) << q.id;
  }
  EXPECT_EQ(form.languages, (std::vector<std::string>{"en", "fa"}));
  EXPECT_TRUE(instruments::has_language(form, "fa"));
}

TEST(QuestionnaireForm, WholeBoundsStayWhole) {
  const auto form = shipped("nrs.json");
  ASSERT_FALSE(form.questions.empty());
  const auto& q = form.questions.front();
  EXPECT_EQ(q.id, "pain_rest");
  EXPECT_FALSE(q.group);
  ASSERT_TRUE(q.min && q.max);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(q.min->value));
  EXPECT_EQ(q.max->as_double(), 10.0);
  EXPECT_FALSE(q.options);
}

TEST(QuestionnaireForm, UploadKeepsItsDocumentAndVersion) {
  json q = upload();
  q["item"][0]["extension"] =
      json::parse(R"([{"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueDecimal": 0.5}])");
  const auto doc = read_uploaded_questionnaire(q.dump());
  EXPECT_FALSE(doc.has_url);
  EXPECT_EQ(doc.version, "7");
  EXPECT_EQ(doc.form.version, "|7");
  EXPECT_EQ(json::parse(doc.json), q);
  const auto& item = doc.form.questions.at(0);
  EXPECT_TRUE(item.required);
  ASSERT_TRUE(item.min);
  EXPECT_TRUE(std::holds_alternative<double>(item.min->value));
  EXPECT_EQ(std::get<std::string>(item.options->at(1).value), "not_yet");
  EXPECT_EQ(item.options->at(0).label.fa, "درد");
  EXPECT_EQ(doc.form.languages, (std::vector<std::string>{"en", "fa"}));

  const std::string named = questionnaire_with_url(doc.json, "urn:clinic:pain");
  EXPECT_EQ(json::parse(named)["url"], "urn:clinic:pain");
  EXPECT_EQ(stored_questionnaire_form(named).version, "urn:clinic:pain|7");
}

TEST(QuestionnaireForm, AFormWithoutPersianIsEnglishOnly) {
  json q = upload();
  q["item"][0]["answerOption"][1]["valueCoding"].erase("_display");
  const auto doc = read_uploaded_questionnaire(q.dump());
  EXPECT_FALSE(doc.form.questions[0].options->at(1).label.fa);
  EXPECT_EQ(doc.form.languages, std::vector<std::string>{"en"});
}

TEST(QuestionnaireForm, AnUploadNotShapedAsFhirIsRefusedWithItsCode) {
  EXPECT_EQ(refusal_of("{"), "not_json");
  EXPECT_EQ(refusal_of(std::string(60, '[') + std::string(60, ']')), "too_deep");
  EXPECT_EQ(refusal_of(R"({"resourceType": "Patient"})"), "not_a_questionnaire");
  json q = upload();
  q.erase("version");
  EXPECT_EQ(refusal_of(q.dump()), "wording_version_required");
  q = upload();
  q["url"] = 3;
  EXPECT_EQ(refusal_of(q.dump()), "not_a_string");
  q = upload();
  q["item"][0]["text"] = 5;
  EXPECT_EQ(refusal_of(q.dump()), "not_questionnaire_shape");
  q = upload();
  q["item"][0]["extension"] =
      json::parse(R"([{"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueString": "x"}])");
  EXPECT_EQ(refusal_of(q.dump()), "not_questionnaire_shape");
  q = upload();
  q["copyright"] = json::array();
  EXPECT_EQ(refusal_of(q.dump()), "not_questionnaire_shape");
  q = upload();
  q["item"][0]["answerOption"][0]["valueCoding"]["code"] = "99999999999";
  EXPECT_EQ(refusal_of(q.dump()), "not_questionnaire_shape");
  EXPECT_EQ(refusal_of(upload().dump()), "accepted");
}

TEST(QuestionnaireForm, AFileThatCannotBeReadIsNotFound) {
  EXPECT_THROW(read_questionnaire_file("/nonexistent/x.json", "x.json"), NotFoundError);
}

}  // namespace
}  // namespace rp::store
