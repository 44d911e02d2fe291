#pragma once
// JSON shape of a questionnaire submission, shared by the CLI and the HTTP API:
//   {"answers": {"P1": 2, "P2": null, "rom": {"flexion": 90, ...}, "pain": "mild"}}
// null means not answered. One level of nesting is allowed (grouped items) and is
// flattened to dotted ids ("rom.flexion"). Booleans, arrays and deeper nesting are
// wrong types and throw InputError naming the item.
#include <nlohmann/json_fwd.hpp>

#include "domain/instruments/answers.hpp"
#include "domain/instruments/scores.hpp"

namespace rp::instruments {

// `answers` is the object under "answers".
Answers answers_from_json(const nlohmann::json& answers);
// The whole body; requires an object with an "answers" object (field "answers").
Answers submission_from_json(const nlohmann::json& body);

// {"instrument": key, "title": ..., "scores": {name: value|null, ...}}
nlohmann::json scores_to_json(const Scores& scores);

}  // namespace rp::instruments
