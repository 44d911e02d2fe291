#pragma once
// A resource a FHIR import took in and the record it became (0046_fhir_links.sql).
#include <cstdint>
#include <string>

namespace rp::store {

struct FhirLinkRow {
  std::string source;    // the sending system (the resource's meta.source), "" when it named none
  std::string resource;  // Type/id as the files named it
  std::string centre_id;
  std::string record_kind;  // patient | episode | response | adverse_event
  std::int64_t record_id = 0;
  std::string imported_at;
};

}  // namespace rp::store
