#pragma once
// An error of the FHIR endpoint as FHIR answers errors: an OperationOutcome
// (http://hl7.org/fhir/R4/operationoutcome.html) in place of the API's error body, so that
// a FHIR client reads why it was refused. The code is FHIR's for the kind of
// refusal (not-found, login, forbidden, invalid, ...), its diagnostics the message in the
// language the request asked for, its expression the field, and its details the error
// catalogue's code (messages/errors.json) under urn:regenpath:error.
#include <optional>
#include <string>
#include <string_view>

namespace rp::api::fhir {

// The OperationOutcome for an API error body ({"error": {"code", "message", "field",
// "reason"}}); nothing for a body that is not one.
std::optional<std::string> operation_outcome(std::string_view error_body);

}  // namespace rp::api::fhir
