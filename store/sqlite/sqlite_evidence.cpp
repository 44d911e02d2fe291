// The published evidence beside the claims on SQLite (0041_evidence.sql).
#include "store/evidence_columns.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
void SqliteTransaction::save_evidence(const evidence::Entry& e) {
  auto& q = c_.statement(
      "INSERT INTO evidence_entries (id, protocol, claims, citation, year, design, n, stance, finding_en, finding_fa, "
      "link, version, written_by, written_at, withdrawn_at, withdrawn_by, withdrawn_reason) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET protocol = excluded.protocol, claims = "
      "excluded.claims, citation = excluded.citation, year = excluded.year, design = excluded.design, n = excluded.n, "
      "stance = excluded.stance, finding_en = excluded.finding_en, finding_fa = excluded.finding_fa, link = "
      "excluded.link, version = excluded.version, written_by = excluded.written_by, written_at = "
      "excluded.written_at, withdrawn_at = excluded.withdrawn_at, withdrawn_by = excluded.withdrawn_by, "
      "withdrawn_reason = excluded.withdrawn_reason");
  int i = 1;
  q.bind(i++, e.id);
  q.bind(i++, e.protocol);
  q.bind(i++, claims_column(e.claims));
  q.bind(i++, e.citation);
  q.bind(i++, e.year);
  q.bind(i++, std::string(evidence::to_string(e.design)));
  if (e.n)
    q.bind(i++, *e.n);
  else
    q.bind(i++);
  q.bind(i++, std::string(evidence::to_string(e.stance)));
  q.bind(i++, e.finding.en);
  q.bind(i++, e.finding.fa);
  q.bind(i++, e.link);
  q.bind(i++, e.version);
  q.bind(i++, e.written_by);
  q.bind(i++, e.written_at);
  if (e.withdrawn_at)
    q.bind(i++, *e.withdrawn_at);
  else
    q.bind(i++);
  q.bind(i++, e.withdrawn_by);
  q.bind(i++, e.withdrawn_reason);
  q.exec();
  q.reset();
}

std::vector<evidence::Entry> SqliteTransaction::evidence_entries(const std::optional<std::string>& protocol) {
  auto& q = c_.statement(
      "SELECT id, protocol, claims, citation, year, design, n, stance, finding_en, finding_fa, link, version, "
      "written_by, written_at, withdrawn_at, withdrawn_by, withdrawn_reason FROM evidence_entries WHERE (? IS NULL "
      "OR protocol = ?) ORDER BY id");
  if (protocol) {
    q.bind(1, *protocol);
    q.bind(2, *protocol);
  } else {
    q.bind(1);
    q.bind(2);
  }
  std::vector<evidence::Entry> out;
  while (q.executeStep()) {
    evidence::Entry e;
    e.id = q.getColumn(0).getString();
    e.protocol = q.getColumn(1).getString();
    e.claims = claims_of_column(q.getColumn(2).getString());
    e.citation = q.getColumn(3).getString();
    e.year = q.getColumn(4).getInt();
    e.design = evidence::parse_study_design(q.getColumn(5).getString());
    if (!q.getColumn(6).isNull()) e.n = q.getColumn(6).getInt();
    e.stance = evidence::parse_stance(q.getColumn(7).getString());
    e.finding = {q.getColumn(8).getString(), q.getColumn(9).getString()};
    e.link = q.getColumn(10).getString();
    e.version = q.getColumn(11).getInt();
    e.written_by = q.getColumn(12).getString();
    e.written_at = q.getColumn(13).getString();
    if (!q.getColumn(14).isNull()) e.withdrawn_at = q.getColumn(14).getString();
    e.withdrawn_by = q.getColumn(15).getString();
    e.withdrawn_reason = q.getColumn(16).getString();
    out.push_back(std::move(e));
  }
  q.reset();
  return out;
}

}  // namespace rp::store::sqlite
