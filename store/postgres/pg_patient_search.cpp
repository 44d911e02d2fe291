// The patient search on PostgreSQL (list_patients), shaped as on SQLite
// (store/sqlite/sqlite_patient_search.cpp says why): each identifier through its own index
// (patients_by_national_id, patients_by_mobile, patients_by_mrn), name fragments through
// the pg_trgm index patients_search_names over the folded names (migration 0018), which
// answers LIKE '%fragment%'. A fragment under three characters holds no trigram; the
// planner then reads patients in id order and stops at the limit.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/like_pattern.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/search_names.hpp"

namespace rp::store::postgres {
namespace {

// $1 centre (NULL = all), $2 the text as typed, for identifiers, $3 episode state (NULL =
// any), $4 limit, $5 whether the text may match a national id or mobile, $6 the folded
// text as a LIKE pattern (NULL when nothing is left of it: no name matches), $7 the
// mobile the text names (store/search_names.hpp); the last parameter ($5 without a text,
// $8 with one) the id the page starts after (0 for the first).
std::string in_scope(const char* alias, const char* after) {
  const std::string a(alias);
  return a + ".id > " + after + "::bigint AND ($1::text IS NULL OR " + a +
         ".centre_id = $1) AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM episodes e WHERE e.patient_id = " + a +
         ".id AND e.state = $3))";
}

const std::string kSelect = std::string("SELECT ") + kPatientColumns + " FROM patients p ";

}  // namespace

const std::string& patient_search_sql(const PatientQuery& q) {
  // ($2 is NULL here, named so that every statement takes the same first four parameters.)
  static const std::string every =
      kSelect + "WHERE $2::text IS NULL AND " + in_scope("p", "$5") + " ORDER BY p.id LIMIT $4::int";
  static const std::string by_text = kSelect +
                                     "WHERE p.id IN ("
                                     "SELECT id FROM patients WHERE $5::int = 1 AND national_id = $2::text"
                                     " UNION ALL SELECT id FROM patients WHERE $5::int = 1 AND mobile = $7::text"
                                     " UNION ALL SELECT id FROM patients WHERE mrn = $2"
                                     " UNION ALL (SELECT n.id FROM patients n WHERE n.search_names LIKE $6::text AND " +
                                     in_scope("n", "$8") + " ORDER BY n.id LIMIT $4::int)) AND " + in_scope("p", "$8") +
                                     " ORDER BY p.id LIMIT $4::int";
  return q.text.empty() ? every : by_text;
}

Params patient_search_params(const PatientQuery& q) {
  Params p;
  p.opt_text(q.centre_id).text_or_null(q.text);
  q.episode_state ? p.text(std::string(to_string(*q.episode_state))) : p.null();
  p.integer(q.limit);
  if (q.text.empty()) return p.integer(q.after);
  const std::string folded = search_folded(q.text);
  p.flag(q.by_identifiers);
  folded.empty() ? p.null() : p.text(contains_pattern(folded));
  p.text(searched_mobile(q.text));
  return p.integer(q.after);
}

std::vector<Patient> PgTransaction::list_patients(const PatientQuery& pq) {
  auto r = c_.exec(patient_search_sql(pq), patient_search_params(pq));
  std::vector<Patient> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_patient(r, i));
  return out;
}

void fill_search_names(Connection& c) {
  // Every centre's patients: the migration runs as the owner, whom row-level security
  // (migration 0017) holds to the transaction's centre setting like any role.
  c.exec("SELECT set_config('regenpath.centre', '*', true)");
  std::int64_t after = 0;
  for (;;) {
    auto r = c.exec("SELECT id, name_fa, name_latin FROM patients WHERE id > $1::bigint ORDER BY id LIMIT 1000",
                    Params().integer(after));
    if (r.rows() == 0) break;
    for (int i = 0; i < r.rows(); ++i) {
      after = r.int64(i, 0);
      c.exec("UPDATE patients SET search_names = $1::text WHERE id = $2::bigint",
             Params().text(patient_search_names(r.view(i, 1), r.view(i, 2))).integer(after));
    }
  }
}

}  // namespace rp::store::postgres
