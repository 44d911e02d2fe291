// `db check`'s look at the typed score rows (0014_response_scores.sql) against the
// responses' scores_json, the record the audit log hashes: the same question as the SQLite
// adapter's integrity check asks, in PostgreSQL's JSON functions.
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

std::int64_t responses_whose_scores_disagree(Connection& c) {
  if (c.exec("SELECT to_regclass('response_scores') IS NOT NULL").view(0, 0) != "t") return 0;
  // A response whose text is not JSON, or whose scores are not an object, has no scores:
  // a row of it then disagrees (as json_valid decides on SQLite). The parse that may fail
  // is a function of this transaction alone, gone with its rollback.
  c.run("BEGIN");
  try {
    c.run(
        "CREATE FUNCTION pg_temp.rp_scores_of(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$ "
        "DECLARE j jsonb; BEGIN j := t::jsonb -> 'scores'; "
        "RETURN CASE WHEN jsonb_typeof(j) = 'object' THEN j END; "
        "EXCEPTION WHEN others THEN RETURN NULL; END $$");
    const Result r = c.exec(
        "WITH r AS (SELECT id, pg_temp.rp_scores_of(scores_json) AS scores FROM questionnaire_responses) "
        "SELECT COUNT(DISTINCT id) FROM ("
        " SELECT r.id FROM r CROSS JOIN LATERAL jsonb_each(COALESCE(r.scores, '{}'::jsonb)) k"
        "  LEFT JOIN response_scores s ON s.response_id = r.id AND s.name = k.key"
        " WHERE s.response_id IS NULL OR NOT ("
        "  (jsonb_typeof(k.value) = 'number' AND s.value = (k.value #>> '{}')::double precision AND s.text IS NULL)"
        "  OR (jsonb_typeof(k.value) = 'boolean' AND s.value = CASE WHEN k.value = 'true'::jsonb THEN 1 ELSE 0 END"
        "      AND s.text IS NULL)"
        "  OR (jsonb_typeof(k.value) = 'string' AND s.text = k.value #>> '{}' AND s.value IS NULL)"
        "  OR (jsonb_typeof(k.value) = 'null' AND s.value IS NULL AND s.text IS NULL))"
        " UNION ALL"
        " SELECT s.response_id FROM response_scores s JOIN r ON r.id = s.response_id"
        " WHERE r.scores IS NULL OR NOT (r.scores ? s.name)) disagreeing");
    const std::int64_t n = r.int64(0, 0);
    c.run("ROLLBACK");
    return n;
  } catch (...) {
    if (c.ok()) c.run("ROLLBACK");
    throw;
  }
}

}  // namespace rp::store::postgres
