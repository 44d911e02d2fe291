#include "api/answers_json.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "base/error.hpp"

namespace rp::api {
namespace {

using nlohmann::json;

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "this type";
  }
}

instruments::SentValue sent_value(const json& v) {
  using instruments::SentValue;
  if (v.is_null()) return nullptr;
  if (v.is_number()) return SentValue(v.get<double>(), v.is_number_integer());
  if (v.is_string()) return v.get<std::string>();
  return SentValue::of_other_type(type_name(v));
}

}  // namespace

instruments::SentAnswers sent_answers(const json& answers) {
  if (!answers.is_object()) throw InputError("answers", "answers_shape"_err);
  instruments::SentAnswers out;
  for (const auto& [id, v] : answers.items()) {
    instruments::SentItem item{id};
    if (v.is_object()) {
      item.group = true;
      for (const auto& [child, cv] : v.items()) item.items.emplace_back(child, sent_value(cv));
    } else {
      item.value = sent_value(v);
    }
    out.push_back(std::move(item));
  }
  return out;
}

instruments::Answers answers_from_json(const json& answers) { return instruments::answers_from(sent_answers(answers)); }

instruments::Answers submission_from_json(const json& body) {
  if (!body.is_object() || !body.contains("answers")) {
    throw InputError("answers", "answers_body_shape"_err);
  }
  for (const auto& [key, v] : body.items()) {
    if (key != "answers") throw InputError(key, "unexpected_field_answers"_err, {{"field", key}});
  }
  return answers_from_json(body.at("answers"));
}

RecordedFindings recorded_findings(const json& findings) {
  if (!findings.is_object()) throw InputError("findings", "findings_not_an_object"_err);
  RecordedFindings out;
  for (const auto& [name, value] : findings.items()) {
    RecordedFinding& f = out[name];
    if (value.is_null()) {
      f = nullptr;
    } else if (value.is_boolean()) {
      f = value.get<bool>();
    } else if (value.is_number()) {
      f = RecordedFinding(value.get<double>(), value.is_number_integer());
    } else {
      f = RecordedFinding::of_other_type();
    }
  }
  return out;
}

}  // namespace rp::api
