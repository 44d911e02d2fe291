#pragma once
// JSON the API carries as it is (the store keeps it so: findings as assessed, reasons as
// decided, scores as computed) whose shape the document still states, so that a client
// gets a type for it rather than "any".
#include <nlohmann/json.hpp>

#include "api/http/contract.hpp"

namespace rp::api::contract {

template <class Shape>
struct ShapedJson {
  nlohmann::json value;
  nlohmann::json json() const { return value; }
  static nlohmann::json schema_json() { return Shape::schema(); }
};

namespace shapes {

// finding → a number, yes/no, or null (not recorded).
struct Findings {
  static nlohmann::json schema() {
    return {{"type", "object"},
            {"description", "finding to value: grades and measures as numbers, yes/no findings as booleans"},
            {"additionalProperties",
             {{"anyOf", nlohmann::json::array({{{"type", "number"}}, {{"type", "boolean"}}})}, {"nullable", true}}}};
  }
};

// Each rule that decided an assessment, as it was kept (without the rule's wording).
struct EligibilityReasons {
  static nlohmann::json schema() {
    const nlohmann::json text = {{"type", "string"}};
    nlohmann::json reason = {{"type", "object"}, {"required", {"rule", "kind", "finding"}}};
    reason["properties"] = {{"rule", text}, {"kind", text}, {"finding", text}};
    return {{"type", "array"}, {"items", reason}};
  }
};

// An instrument's scores as computed: a null score was withheld (missing items).
struct Scores {
  static nlohmann::json schema() {
    const nlohmann::json text = {{"type", "string"}};
    const nlohmann::json value = {
        {"anyOf", nlohmann::json::array({{{"type", "number"}}, {{"type", "string"}}, {{"type", "boolean"}}})},
        {"nullable", true}};
    nlohmann::json out = {{"type", "object"}, {"required", {"instrument", "title", "scores"}}};
    out["properties"] = {
        {"instrument", text}, {"title", text}, {"scores", {{"type", "object"}, {"additionalProperties", value}}}};
    return out;
  }
};

}  // namespace shapes

using FindingsJson = ShapedJson<shapes::Findings>;
using EligibilityReasonsJson = ShapedJson<shapes::EligibilityReasons>;
using ScoresJson = ShapedJson<shapes::Scores>;

}  // namespace rp::api::contract
