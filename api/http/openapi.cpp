// OpenAPI 3 from the route table: each route documents itself where it is registered.
#include <nlohmann/json.hpp>

#include "api/http/api.hpp"

namespace rp::api::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

nlohmann::json error_schema() {
  return {{"type", "object"},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"message", {{"type", "string"}}},
                {"field", {{"type", "string"}, {"nullable", true}}}}}}}}}};
}

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : router.routes()) {
    nlohmann::json op = {{"summary", r.summary}, {"x-roles", r.roles}};
    nlohmann::json params = nlohmann::json::array();
    for (const auto& name : r.path_params()) {
      const bool numeric = name == "patient_id" || name == "episode_id" || name == "event_id" || name == "account_id";
      params.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", numeric ? "integer" : "string"}}}});
    }
    for (const Param& q : r.query) {
      params.push_back({{"name", q.name},
                        {"in", "query"},
                        {"required", q.required},
                        {"description", q.description},
                        {"schema", {{"type", q.type}}}});
    }
    if (r.creates) {
      params.push_back({{"name", "Idempotency-Key"},
                        {"in", "header"},
                        {"required", false},
                        {"description", "a retried request with the same key returns the first response"},
                        {"schema", {{"type", "string"}, {"maxLength", 128}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.body.empty()) {
      op["requestBody"] = {{"required", true},
                           {"description", r.body},
                           {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    op["responses"] = {{"200", {{"description", "success"}}},
                       {"default",
                        {{
                             "description",
                             "error",
                         },
                         {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    if (!r.is_public()) op["security"] = nlohmann::json::array({{{"session", nlohmann::json::array()}}});
    paths[r.path][lower(r.method)] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "regenpath API"},
            {"version", "1"},
            {"description",
             "Autologous cell therapy for hip osteoarthritis, from consult to outcome. Staff sign in at "
             "/api/v1/auth/login (session cookie rp_session; send the CSRF token from the login response as "
             "X-CSRF-Token on every state-changing request). x-roles lists who may call each operation. Dates: a "
             "date field (birth_date, harvest, on, onset, ...) takes a Gregorian date, YYYY-MM-DD; its twin with "
             "_jalali (birth_date_jalali, ...) takes the same day in the Jalali calendar, YYYY/MM/DD; one or the "
             "other, not both. Either takes Latin, Persian or Arabic-Indic digits and '-' or '/'. A Gregorian date "
             "whose year is 1300-1499 is refused as a Jalali date in the wrong field. Answers give both: "
             "birth_date and birth_date_jalali."}}},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Error", error_schema()}}},
            {"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "rp_session"}}}}}}}};
}

}  // namespace rp::api::http
