// Fuzzes the FHIR import's reading of an NDJSON line (api/fhir/from_fhir.hpp): the first
// byte chooses the file's type, the rest is the line. Any text is read into its record or
// refused with an InputError; a record read names a resource of that type.
#include <cstdint>
#include <string>
#include <string_view>

#include "api/fhir/from_fhir.hpp"
#include "base/error.hpp"

namespace {

template <class Record>
void check_key(const Record& r, const std::string& type) {
  if (r.key.rfind(type + "/", 0) != 0) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace f = rp::api::fhir;
  if (size == 0) return 0;
  const auto& types = f::imported_types();
  const std::string type = types[data[0] % types.size()];
  const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const f::ReadResource r = f::read_ndjson_line(line, type);
    if (r.type != type || r.key() != type + "/" + r.id) __builtin_trap();
    if (type == "Organization") check_key(f::organization_from_fhir(r.body), type);
    if (type == "Patient") check_key(f::patient_from_fhir(r.body), type);
    if (type == "Consent") check_key(f::consent_from_fhir(r.body), type);
    if (type == "Condition") check_key(f::condition_from_fhir(r.body), type);
    if (type == "CarePlan") check_key(f::care_plan_from_fhir(r.body), type);
    if (type == "Procedure") check_key(f::procedure_from_fhir(r.body), type);
    if (type == "Appointment") check_key(f::appointment_from_fhir(r.body), type);
    if (type == "QuestionnaireResponse") check_key(f::response_from_fhir(r.body), type);
    if (type == "AdverseEvent") check_key(f::adverse_event_from_fhir(r.body), type);
    if (type == "Observation")
      if (const auto o = f::radiograph_from_fhir(r.body)) check_key(*o, type);
  } catch (const rp::InputError&) {
    // Refused, naming the element and the rule.
  }
  return 0;
}
