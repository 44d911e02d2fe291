#pragma once
// The small pieces every FHIR resource regenpath writes is made of: a reference, a coding,
// a CodeableConcept of one coding or of text alone (api/fhir/resources.cpp,
// api/fhir/deidentified_resources.cpp).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace rp::api::fhir {

inline nlohmann::ordered_json ref(std::string_view type, const std::string& id) {
  return {{"reference", std::string(type) + "/" + id}};
}

inline nlohmann::ordered_json coding(std::string_view system, std::string_view code, std::string_view display = {}) {
  nlohmann::ordered_json c{{"system", system}, {"code", code}};
  if (!display.empty()) c["display"] = display;
  return c;
}

inline nlohmann::ordered_json concept_of(std::string_view system, std::string_view code,
                                         std::string_view display = {}) {
  return {{"coding", nlohmann::ordered_json::array({coding(system, code, display)})}};
}

inline nlohmann::ordered_json text_concept(std::string_view text) { return {{"text", text}}; }

}  // namespace rp::api::fhir
