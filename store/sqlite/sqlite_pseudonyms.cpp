// The de-identified export's pseudonyms on SQLite (0016_pseudonyms.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

std::vector<PseudonymRow> SqliteTransaction::pseudonyms(const std::string& kind) {
  auto& q = c_.statement("SELECT record_id, pseudonym, shift_days FROM pseudonyms WHERE kind = ? ORDER BY record_id");
  q.bind(1, kind);
  std::vector<PseudonymRow> out;
  while (q.executeStep())
    out.push_back({kind, q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt()});
  return out;
}

bool SqliteTransaction::insert_pseudonym(const PseudonymRow& r) {
  // Either key taken (the record's own pseudonym, or the same random name drawn for
  // another record) writes nothing: the caller draws again or keeps the one there.
  auto& q = c_.statement(
      "INSERT INTO pseudonyms (kind, record_id, pseudonym, shift_days) VALUES (?,?,?,?) ON CONFLICT DO NOTHING");
  q.bind(1, r.kind);
  q.bind(2, static_cast<int64_t>(r.record_id));
  q.bind(3, r.pseudonym);
  q.bind(4, r.shift_days);
  return q.exec() == 1;
}

}  // namespace rp::store::sqlite
