// The de-identified export's pseudonyms on PostgreSQL (0016_pseudonyms.sql).
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

std::vector<PseudonymRow> PgTransaction::pseudonyms(const std::string& kind) {
  auto r = c_.exec("SELECT record_id, pseudonym, shift_days FROM pseudonyms WHERE kind = $1 ORDER BY record_id",
                   Params().text(kind));
  std::vector<PseudonymRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({kind, r.int64(i, 0), r.text(i, 1), static_cast<int>(r.int64(i, 2))});
  return out;
}

bool PgTransaction::insert_pseudonym(const PseudonymRow& p) {
  // Either key taken writes nothing, as on SQLite: the caller draws again or keeps the one there.
  auto r = c_.exec(
      "INSERT INTO pseudonyms (kind, record_id, pseudonym, shift_days) VALUES ($1,$2,$3,$4) "
      "ON CONFLICT DO NOTHING RETURNING record_id",
      Params().text(p.kind).integer(p.record_id).text(p.pseudonym).integer(p.shift_days));
  return r.rows() == 1;
}

}  // namespace rp::store::postgres
