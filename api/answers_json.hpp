#pragma once
// The JSON of a questionnaire's answers and of eligibility findings, as requests and the
// command line send them, mapped to the domain's types (domain/instruments/sent_answers.hpp,
// domain/eligibility.hpp). The domain checks the values; here only the shape is read.
//   answers:  {"P1": 2, "P2": null, "rom": {"flexion": 90, ...}, "pain": "mild"}
//   findings: {"kl_grade": 2, "anticoagulant": false, "bmi": null}
#include <nlohmann/json_fwd.hpp>

#include "domain/eligibility.hpp"
#include "domain/instruments/answers.hpp"
#include "domain/instruments/sent_answers.hpp"

namespace rp::api {

// `answers` is the object under "answers"; InputError("answers") if it is no object.
instruments::SentAnswers sent_answers(const nlohmann::json& answers);
// The same, checked by the domain: not answered items left out, groups as dotted ids.
instruments::Answers answers_from_json(const nlohmann::json& answers);
// A whole submission body, as `regenpath score` reads it: an object with only an
// "answers" object (field "answers").
instruments::Answers submission_from_json(const nlohmann::json& body);

// A JSON object of findings; InputError("findings") if it is no object.
RecordedFindings recorded_findings(const nlohmann::json& findings);

}  // namespace rp::api
