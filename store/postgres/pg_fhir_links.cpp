// A FHIR import's links on PostgreSQL (0046_fhir_links.sql).
#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

std::optional<FhirLinkRow> PgTransaction::find_fhir_link(const std::string& source, const std::string& resource) {
  auto r = c_.exec(
      "SELECT centre_id, record_kind, record_id, imported_at FROM fhir_links WHERE source = $1 AND resource = $2",
      Params().text(source).text(resource));
  if (r.rows() == 0) return std::nullopt;
  return FhirLinkRow{source, resource, r.text(0, 0), r.text(0, 1), r.int64(0, 2), r.text(0, 3)};
}

void PgTransaction::insert_fhir_link(const FhirLinkRow& l) {
  auto r = c_.exec(
      "INSERT INTO fhir_links (source, resource, centre_id, record_kind, record_id, imported_at) "
      "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING RETURNING record_id",
      Params()
          .text(l.source)
          .text(l.resource)
          .text(l.centre_id)
          .text(l.record_kind)
          .integer(l.record_id)
          .text(l.imported_at));
  if (r.rows() != 1) throw ConflictError("resource", "fhir_resource_linked"_err, {{"resource", l.resource}});
}

std::vector<FhirLinkRow> PgTransaction::fhir_links_of_patient(std::int64_t patient_id) {
  auto r = c_.exec(
      "SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at FROM fhir_links l "
      "WHERE l.record_kind IN ('patient', 'consent') AND l.record_id = $1 "
      "UNION ALL SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at "
      "FROM episodes e JOIN fhir_links l ON l.record_kind IN ('episode', 'item') AND l.record_id = e.id "
      "WHERE e.patient_id = $1 "
      "UNION ALL SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at "
      "FROM episodes e JOIN questionnaire_responses r ON r.episode_id = e.id "
      "JOIN fhir_links l ON l.record_kind = 'response' AND l.record_id = r.id WHERE e.patient_id = $1 "
      "UNION ALL SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at "
      "FROM episodes e JOIN adverse_events a ON a.episode_id = e.id "
      "JOIN fhir_links l ON l.record_kind = 'adverse_event' AND l.record_id = a.id WHERE e.patient_id = $1 "
      "ORDER BY 1, 2",
      Params().integer(patient_id));
  std::vector<FhirLinkRow> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.int64(i, 4), r.text(i, 5)});
  return out;
}

}  // namespace rp::store::postgres
