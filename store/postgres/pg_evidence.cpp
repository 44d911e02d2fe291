// The published evidence beside the claims on PostgreSQL (0041_evidence.sql);
// store/sqlite/sqlite_evidence.cpp is the reference.
#include "store/evidence_columns.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

void PgTransaction::save_evidence(const evidence::Entry& e) {
  c_.exec(
      "INSERT INTO evidence_entries (id, protocol, claims, citation, year, design, n, stance, finding_en, finding_fa, "
      "link, version, written_by, written_at, withdrawn_at, withdrawn_by, withdrawn_reason) VALUES "
      "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) ON CONFLICT (id) DO UPDATE SET protocol = "
      "excluded.protocol, claims = excluded.claims, citation = excluded.citation, year = excluded.year, design = "
      "excluded.design, n = excluded.n, stance = excluded.stance, finding_en = excluded.finding_en, finding_fa = "
      "excluded.finding_fa, link = excluded.link, version = excluded.version, written_by = excluded.written_by, "
      "written_at = excluded.written_at, withdrawn_at = excluded.withdrawn_at, withdrawn_by = excluded.withdrawn_by, "
      "withdrawn_reason = excluded.withdrawn_reason",
      Params()
          .text(e.id)
          .text(e.protocol)
          .text(claims_column(e.claims))
          .text(e.citation)
          .integer(e.year)
          .text(std::string(evidence::to_string(e.design)))
          .opt_integer(e.n ? std::optional<std::int64_t>(*e.n) : std::nullopt)
          .text(std::string(evidence::to_string(e.stance)))
          .text(e.finding.en)
          .text(e.finding.fa)
          .text(e.link)
          .integer(e.version)
          .text(e.written_by)
          .text(e.written_at)
          .opt_text(e.withdrawn_at)
          .text(e.withdrawn_by)
          .text(e.withdrawn_reason));
}

std::vector<evidence::Entry> PgTransaction::evidence_entries(const std::optional<std::string>& protocol) {
  const auto res = c_.exec(
      "SELECT id, protocol, claims, citation, year, design, n, stance, finding_en, finding_fa, link, version, "
      "written_by, written_at, withdrawn_at, withdrawn_by, withdrawn_reason FROM evidence_entries WHERE "
      "($1::text IS NULL OR protocol = $1) ORDER BY id",
      Params().opt_text(protocol));
  std::vector<evidence::Entry> out;
  for (int i = 0; i < res.rows(); ++i) {
    evidence::Entry e;
    e.id = res.text(i, 0);
    e.protocol = res.text(i, 1);
    e.claims = claims_of_column(res.text(i, 2));
    e.citation = res.text(i, 3);
    e.year = res.int32(i, 4);
    e.design = evidence::parse_study_design(res.text(i, 5));
    e.n = res.opt_int(i, 6);
    e.stance = evidence::parse_stance(res.text(i, 7));
    e.finding = {res.text(i, 8), res.text(i, 9)};
    e.link = res.text(i, 10);
    e.version = res.int32(i, 11);
    e.written_by = res.text(i, 12);
    e.written_at = res.text(i, 13);
    if (!res.null(i, 14)) e.withdrawn_at = res.text(i, 14);
    e.withdrawn_by = res.text(i, 15);
    e.withdrawn_reason = res.text(i, 16);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rp::store::postgres
