#include "api/contract/products.hpp"

#include "domain/product/product.hpp"

namespace rp::api::contract::shapes {
namespace {

using nlohmann::json;

json of(const char* type, bool nullable = false) {
  json s = {{"type", type}};
  if (nullable) s["nullable"] = true;
  return s;
}

// An object whose every property is required (product_json writes them all, null when unset).
json object(json properties) {
  json required = json::array();
  for (const auto& [name, _] : properties.items()) required.push_back(name);
  return {{"type", "object"}, {"required", required}, {"properties", std::move(properties)}};
}

json states() {
  json names = json::array();
  for (const auto s : product::all_states()) names.push_back(std::string(to_string(s)));
  return {{"type", "string"}, {"enum", names}};
}

// The donor: record number and names, as the lab's screens show them.
json donor() {
  return object(
      {{"id", of("integer")}, {"mrn", of("string")}, {"name_fa", of("string")}, {"name_latin", of("string")}});
}

json qc_test() { return object({{"result", of("string")}, {"due", of("string", true)}}); }

}  // namespace

json Product::schema(bool listed) {
  const json text = of("string"), maybe_text = of("string", true), maybe_number = of("number", true);
  json p = {
      {"id", of("integer")},
      {"din", text},
      {"flag", text},
      {"product_code", text},
      {"episode_id", of("integer")},
      {"centre_id", text},
      {"state", states()},
      {"migrated", of("boolean")},
      {"source", maybe_text},
      {"harvest", object({{"side", maybe_text},
                          {"volume_ml", maybe_number},
                          {"anaesthesia", maybe_text},
                          {"started_at", maybe_text},
                          {"ended_at", maybe_text},
                          {"by", maybe_text}})},
      {"receipt", object({{"at", maybe_text}, {"by", maybe_text}, {"temperature_c", maybe_number}})},
      {"processing",
       object({{"method", maybe_text}, {"passages", of("integer", true)}, {"at", maybe_text}, {"by", maybe_text}})},
      {"counts", object({{"total_nucleated_cells", maybe_number},
                         {"viability_percent", maybe_number},
                         {"cfu_f", maybe_number},
                         {"isct_markers_met", of("boolean", true)},
                         {"isct_markers", object({{"cd105", maybe_number},
                                                  {"cd73", maybe_number},
                                                  {"cd90", maybe_number},
                                                  {"cd45", maybe_number},
                                                  {"cd34", maybe_number},
                                                  {"cd14_or_cd11b", maybe_number},
                                                  {"cd79a_or_cd19", maybe_number},
                                                  {"hla_dr", maybe_number}})}})},
      {"storage", object({{"frozen_at", maybe_text}, {"thawed_at", maybe_text}})},
      {"qc", object({{"sterility", qc_test()}, {"endotoxin", qc_test()}, {"mycoplasma", qc_test()}})},
      {"expires_at", maybe_text},
      {"release", object({{"at", maybe_text},
                          {"by", maybe_text},
                          {"exception_by", maybe_text},
                          {"exception_reason", maybe_text},
                          {"exception_criteria", {{"type", "array"}, {"items", text}}}})},
      {"used", object({{"at", maybe_text}, {"by", maybe_text}})}};
  if (listed) p["patient"] = donor();
  return object(std::move(p));
}

json ProductTrace::schema() {
  const json text = of("string");
  const json event = object({{"at", text},
                             {"actor", text},
                             {"role", text},
                             {"location", text},
                             {"kind", text},
                             {"verified", text},
                             {"detail", text}});
  const json reading = object(
      {{"at", text}, {"temperature_c", of("number")}, {"location", text}, {"by", text}, {"excursion", of("boolean")}});
  const json passage = object({{"n", of("integer")}, {"seeded_on", text}, {"harvested_on", of("string", true)}});
  return object({{"din", text},
                 {"state", states()},
                 {"product", Product::schema()},
                 {"patient", donor()},
                 {"events", {{"type", "array"}, {"items", event}}},
                 {"readings", {{"type", "array"}, {"items", reading}}},
                 {"passages", {{"type", "array"}, {"items", passage}}}});
}

}  // namespace rp::api::contract::shapes
