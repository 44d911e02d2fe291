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

}  // namespace rp::store::sqlite
