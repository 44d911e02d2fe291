// A FHIR import's links on SQLite (0046_fhir_links.sql).
#include "base/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

std::optional<FhirLinkRow> SqliteTransaction::find_fhir_link(const std::string& source, const std::string& resource) {
  auto& q = c_.statement(
      "SELECT centre_id, record_kind, record_id, imported_at FROM fhir_links WHERE source = ? AND resource = ?");
  q.bind(1, source);
  q.bind(2, resource);
  std::optional<FhirLinkRow> out;
  if (q.executeStep())
    out = FhirLinkRow{source,
                      resource,
                      q.getColumn(0).getString(),
                      q.getColumn(1).getString(),
                      q.getColumn(2).getInt64(),
                      q.getColumn(3).getString()};
  return out;
}

void SqliteTransaction::insert_fhir_link(const FhirLinkRow& r) {
  auto& q = c_.statement(
      "INSERT INTO fhir_links (source, resource, centre_id, record_kind, record_id, imported_at) VALUES (?,?,?,?,?,?) "
      "ON CONFLICT DO NOTHING");
  q.bind(1, r.source);
  q.bind(2, r.resource);
  q.bind(3, r.centre_id);
  q.bind(4, r.record_kind);
  q.bind(5, static_cast<int64_t>(r.record_id));
  q.bind(6, r.imported_at);
  if (q.exec() != 1) throw ConflictError("resource", "fhir_resource_linked"_err, {{"resource", r.resource}});
}

std::vector<FhirLinkRow> SqliteTransaction::fhir_links_of_patient(std::int64_t patient_id) {
  auto& q = c_.statement(
      "SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at FROM fhir_links l "
      "WHERE l.record_kind IN ('patient', 'consent') AND l.record_id = ?1 "
      "UNION ALL SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at "
      "FROM episodes e JOIN fhir_links l ON l.record_kind IN ('episode', 'item') AND l.record_id = e.id "
      "WHERE e.patient_id = ?1 "
      "UNION ALL SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at "
      "FROM episodes e JOIN questionnaire_responses r ON r.episode_id = e.id "
      "JOIN fhir_links l ON l.record_kind = 'response' AND l.record_id = r.id WHERE e.patient_id = ?1 "
      "UNION ALL SELECT l.source, l.resource, l.centre_id, l.record_kind, l.record_id, l.imported_at "
      "FROM episodes e JOIN adverse_events a ON a.episode_id = e.id "
      "JOIN fhir_links l ON l.record_kind = 'adverse_event' AND l.record_id = a.id WHERE e.patient_id = ?1 "
      "ORDER BY 1, 2");
  q.bind(1, static_cast<int64_t>(patient_id));
  std::vector<FhirLinkRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getInt64(), q.getColumn(5).getString()});
  return out;
}

}  // namespace rp::store::sqlite
