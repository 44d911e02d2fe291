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

}  // namespace rp::store::postgres
