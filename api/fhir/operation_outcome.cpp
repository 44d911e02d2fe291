// The API's errors as FHIR OperationOutcomes (api/fhir/operation_outcome.hpp).
#include "api/fhir/operation_outcome.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace rp::api::fhir {
namespace {

// FHIR's IssueType (http://hl7.org/fhir/R4/valueset-issue-type.html) for each kind of
// refusal the API answers.
std::string issue_type(const std::string& code) {
  static const std::map<std::string, std::string> types{{"invalid", "invalid"},
                                                        {"malformed_json", "structure"},
                                                        {"bad_request", "structure"},
                                                        {"unsupported_media_type", "not-supported"},
                                                        {"method_not_allowed", "not-supported"},
                                                        {"not_found", "not-found"},
                                                        {"unauthorized", "login"},
                                                        {"forbidden", "forbidden"},
                                                        {"csrf", "forbidden"},
                                                        {"conflict", "conflict"},
                                                        {"too_many_attempts", "throttled"},
                                                        {"too_many_streams", "throttled"},
                                                        {"busy", "transient"},
                                                        {"unavailable", "transient"},
                                                        {"payload_too_large", "too-costly"},
                                                        {"header_too_large", "too-costly"},
                                                        {"internal", "exception"},
                                                        {"insufficient_storage", "exception"}};
  const auto it = types.find(code);
  return it == types.end() ? "processing" : it->second;
}

}  // namespace

std::optional<std::string> operation_outcome(std::string_view error_body) {
  const nlohmann::json body = nlohmann::json::parse(error_body, nullptr, false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return std::nullopt;
  const nlohmann::json& e = body["error"];
  const auto text = [&e](const char* name) {
    return e.contains(name) && e[name].is_string() ? e[name].get<std::string>() : "";
  };
  nlohmann::ordered_json issue{{"severity", "error"}, {"code", issue_type(text("code"))}};
  if (const std::string reason = text("reason"); !reason.empty())
    issue["details"] = {
        {"coding", nlohmann::ordered_json::array({{{"system", "urn:regenpath:error"}, {"code", reason}}})},
        {"text", text("message")}};
  if (const std::string message = text("message"); !message.empty()) issue["diagnostics"] = message;
  if (const std::string field = text("field"); !field.empty())
    issue["expression"] = nlohmann::ordered_json::array({field});
  const nlohmann::ordered_json outcome{{"resourceType", "OperationOutcome"},
                                       {"issue", nlohmann::ordered_json::array({std::move(issue)})}};
  return outcome.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace rp::api::fhir
