// OpenAPI 3 from the route table: each route documents itself where it is registered,
// its request and answer schemas come from their C++ types (api/http/contract.hpp), and
// who may call it from the permission table (service/actor.cpp).
#include <nlohmann/json.hpp>

#include "api/http/api.hpp"
#include "base/error_catalogue.hpp"

namespace rp::api::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Every code of the error catalogue (messages/errors.json): a client turns `reason` and
// `params` into its own sentence, in either language, with the catalogue's wording.
nlohmann::json reason_codes() {
  nlohmann::json codes = nlohmann::json::array();
  for (const auto& e : errors::entries()) codes.push_back(e.code);
  return codes;
}

nlohmann::json error_schema() {
  return {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"message", {{"type", "string"}}},
                {"field", {{"type", "string"}, {"nullable", true}}},
                {"reason",
                 {{"type", "string"},
                  {"description", "the catalogue code of the refusal (messages/errors.json)"},
                  {"enum", reason_codes()}}},
                {"params",
                 {{"type", "object"},
                  {"description", "the values the catalogue sentence names, as text"},
                  {"additionalProperties", {{"type", "string"}}}}}}}}}}}};
}

// The FHIR endpoint's refusals (api/fhir/operation_outcome.hpp).
nlohmann::json operation_outcome_schema() {
  const nlohmann::json text{{"type", "string"}};
  const nlohmann::json coding{{"type", "object"}, {"properties", {{"system", text}, {"code", text}}}};
  const nlohmann::json details{{"type", "object"},
                               {"description", "the catalogue code of the refusal under urn:regenpath:error"},
                               {"properties", {{"coding", {{"type", "array"}, {"items", coding}}}, {"text", text}}}};
  const nlohmann::json issue{
      {"type", "object"},
      {"required", {"severity", "code"}},
      {"properties",
       {{"severity", text},
        {"code", {{"type", "string"}, {"description", "FHIR's IssueType: not-found, login, invalid, ..."}}},
        {"diagnostics", text},
        {"expression", {{"type", "array"}, {"items", text}}},
        {"details", details}}}};
  return {{"type", "object"},
          {"description", "a refusal of the FHIR endpoint, as FHIR R4 answers errors"},
          {"required", {"resourceType", "issue"}},
          {"properties",
           {{"resourceType", {{"type", "string"}, {"enum", {"OperationOutcome"}}}},
            {"issue", {{"type", "array"}, {"items", issue}}}}}};
}

bool takes_body(const Route& r) { return r.method != "GET" && r.method != "DELETE"; }

// The refusals a route can answer, by what it takes and who may call it.
std::vector<std::pair<int, const char*>> error_answers(const Route& r) {
  std::vector<std::pair<int, const char*>> out;
  if (takes_body(r)) out.emplace_back(400, "the body is not JSON");
  if (!r.is_public() || r.path.rfind("/api/v1/patient-auth/", 0) == 0)
    out.emplace_back(401, "no session, the session expired, or the sign-in was refused");
  if (!r.is_public()) out.emplace_back(403, "the role may not do this, or the CSRF token is missing or wrong");
  if (!r.path_params().empty()) out.emplace_back(404, "no such record at the caller's centre");
  if (takes_body(r)) {
    out.emplace_back(409, "the request conflicts with the record's state");
    out.emplace_back(413, "the body is too large");
  }
  if (takes_body(r) || !r.query.empty() || !r.path_params().empty())
    out.emplace_back(422, "a field, parameter or value was refused; `field` names it");
  if (r.path == "/api/v1/auth/login" || r.path.rfind("/api/v1/patient-auth/", 0) == 0)
    out.emplace_back(429, "too many attempts; Retry-After says when to try again");
  return out;
}

nlohmann::json json_content(nlohmann::json schema, const std::string& media = "application/json") {
  return {{media, {{"schema", std::move(schema)}}}};
}

// A route's refusals: the API's error body, or an OperationOutcome under /fhir/.
nlohmann::json error_content(const Route& r) {
  if (r.path.rfind("/fhir/", 0) == 0)
    return json_content({{"$ref", "#/components/schemas/OperationOutcome"}}, "application/fhir+json");
  return json_content({{"$ref", "#/components/schemas/Error"}});
}

nlohmann::json operation(const Route& r, SchemaSet& schemas) {
  const auto roles = r.roles();
  nlohmann::json op = {{"summary", r.summary}, {"x-roles", roles}};
  op["operationId"] = lower(r.method) + r.path;
  if (r.access.permission) op["x-permission"] = std::string(service::permission_name(*r.access.permission));
  nlohmann::json params = nlohmann::json::array();
  for (const auto& name : r.path_params()) {
    const bool numeric = name == "patient_id" || name == "episode_id" || name == "event_id" || name == "account_id" ||
                         name == "message_id";
    params.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", numeric ? "integer" : "string"}}}});
  }
  for (const Param& q : r.query) {
    params.push_back({{"name", q.name},
                      {"in", "query"},
                      {"required", q.required},
                      {"description", q.description},
                      {"schema", q.schema ? q.schema.schema(schemas) : nlohmann::json{{"type", q.type}}}});
  }
  if (r.creates) {
    params.push_back({{"name", "Idempotency-Key"},
                      {"in", "header"},
                      {"required", false},
                      {"description", "a retried request with the same key returns the first response"},
                      {"schema", {{"type", "string"}, {"maxLength", 128}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  const Handler& h = r.handler;
  if (h.request) {
    op["requestBody"] = {{"required", true}, {"content", json_content(h.request.schema(schemas))}};
    if (!r.body.empty()) op["requestBody"]["description"] = r.body;
  } else if (!r.body.empty()) {
    op["requestBody"] = {{"required", true}, {"description", r.body}, {"content", json_content({{"type", "object"}})}};
    op["x-untyped-request"] = true;
  }
  nlohmann::json responses = nlohmann::json::object();
  if (h.answer) {
    nlohmann::json content = json_content(h.answer.schema(schemas), h.answer_media);
    for (const auto& media : h.more_media) content.update(json_content(h.answer.schema(schemas), media));
    for (const auto& [status, why] : h.more_statuses)
      responses[std::to_string(status)] = {{"description", why}, {"content", content}};
    responses[std::to_string(h.status)] = {{"description", "success"}, {"content", std::move(content)}};
  } else {
    // An untyped creating route answers 201 like the typed ones.
    responses[r.creates ? "201" : "200"] = {{"description", "success"},
                                            {"content", json_content(nlohmann::json::object())}};
    op["x-untyped-answer"] = true;
  }
  for (const auto& [status, why] : error_answers(r))
    responses[std::to_string(status)] = {{"description", why}, {"content", error_content(r)}};
  responses["default"] = {{"description", "error"}, {"content", error_content(r)}};
  op["responses"] = std::move(responses);
  if (!r.is_public()) op["security"] = nlohmann::json::array({{{"session", nlohmann::json::array()}}});
  return op;
}

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  // A first pass learns which types answers use (SchemaSet::set_answer_names).
  SchemaSet first;
  for (const Route& r : router.routes()) operation(r, first);
  SchemaSet schemas;
  schemas.set_answer_names(first.answer_names());
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : router.routes()) paths[r.path][lower(r.method)] = operation(r, schemas);
  nlohmann::json components = schemas.components();
  components["Error"] = error_schema();
  components["OperationOutcome"] = operation_outcome_schema();
  // Who may do what, as the permission table says: the roles the routes name.
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& role : service::all_roles()) roles.push_back(role);
  components["Role"] = {{"type", "string"}, {"enum", roles}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "regenpath API"},
            {"version", "1"},
            {"description",
             "Autologous cell therapy for hip osteoarthritis, from consult to outcome. Staff sign in at "
             "/api/v1/auth/login (session cookie rp_session; send the CSRF token from the login response as "
             "X-CSRF-Token on every state-changing request). x-permission names what each operation needs and "
             "x-roles the roles the permission table gives it. Dates: a "
             "date field (birth_date, harvest, on, onset, ...) takes a Gregorian date, YYYY-MM-DD; its twin with "
             "_jalali (birth_date_jalali, ...) takes the same day in the Jalali calendar, YYYY/MM/DD; one or the "
             "other, not both. Either takes Latin, Persian or Arabic-Indic digits and '-' or '/'. A Gregorian date "
             "whose year is 1300-1499 is refused as a Jalali date in the wrong field. Answers give both: "
             "birth_date and birth_date_jalali."}}},
          {"paths", paths},
          {"components",
           {{"schemas", components},
            {"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "rp_session"}}}}}}}};
}

}  // namespace rp::api::http
