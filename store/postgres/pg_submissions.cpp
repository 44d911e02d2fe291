// Questionnaire responses, instrument wordings, adverse events and red flags on
// PostgreSQL, and the de-identified counts the registry view reads.
#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kResponseColumns =
    "SELECT id, episode_id, centre_id, instrument, item_id, answers_json, scores_json, source, submitted_by, "
    "submitted_at, COALESCE(idempotency_key, ''), wording_version FROM questionnaire_responses ";

QuestionnaireResponseRow read_response(const Result& r, int i) {
  QuestionnaireResponseRow q;
  q.id = r.int64(i, 0);
  q.episode_id = r.int64(i, 1);
  std::string* fields[] = {&q.centre_id, &q.instrument,   &q.item_id,      &q.answers_json,    &q.scores_json,
                           &q.source,    &q.submitted_by, &q.submitted_at, &q.idempotency_key, &q.wording_version};
  int col = 2;
  for (std::string* f : fields) *f = r.text(i, col++);
  return q;
}

constexpr const char* kEventColumns =
    "SELECT id, episode_id, centre_id, kind, category, severity, description, onset_date, reported_by, role, "
    "reported_at, status, acknowledged_by, acknowledged_at, triage_reason, assessed_by, assessed_at, "
    "ctcae_grade, serious_reasons, relatedness, outcome, serious, red_flag_id, triage, acknowledged_role, "
    "COALESCE(ack_action, ''), ack_note FROM adverse_events ";

AdverseEventRow read_event(const Result& q, int i) {
  AdverseEventRow r;
  r.id = q.int64(i, 0);
  r.episode_id = q.int64(i, 1);
  std::string* fields[] = {&r.centre_id,     &r.kind,        &r.category,        &r.severity,
                           &r.description,   &r.onset_date,  &r.reported_by,     &r.role,
                           &r.reported_at,   &r.status,      &r.acknowledged_by, &r.acknowledged_at,
                           &r.triage_reason, &r.assessed_by, &r.assessed_at};
  int col = 2;
  for (std::string* f : fields) *f = q.text(i, col++);
  EventAssessment& a = r.assessment;
  a.ctcae_grade = q.opt_int(i, 17);
  a.serious = parse_serious_reasons_text(q.text(i, 18), "serious_reasons");
  if (!q.null(i, 19)) a.relatedness = parse_relatedness(q.text(i, 19));
  if (!q.null(i, 20)) a.outcome = parse_event_outcome(q.text(i, 20));
  r.serious = q.int64(i, 21) != 0;
  r.red_flag_id = q.opt_int64(i, 22);
  r.triage = q.text_or_empty(i, 23);
  r.acknowledged_role = q.text(i, 24);
  r.ack_action = q.text(i, 25);
  r.ack_note = q.text(i, 26);
  return r;
}

std::vector<AdverseEventRow> read_events(const Result& r) {
  std::vector<AdverseEventRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_event(r, i));
  return out;
}

// The assessment and triage columns, in the order both the insert and the update name them.
void assessment_params(Params& q, const AdverseEventRow& r) {
  const EventAssessment& a = r.assessment;
  q.opt_int(a.ctcae_grade).text(serious_reasons_text(a.serious));
  a.relatedness ? q.text(std::string(to_string(*a.relatedness))) : q.null();
  a.outcome ? q.text(std::string(to_string(*a.outcome))) : q.null();
  q.flag(r.serious).opt_integer(r.red_flag_id).text_or_null(r.triage).text(r.triage_reason).text(r.assessed_by);
  q.text(r.assessed_at).text(r.acknowledged_role).text_or_null(r.ack_action).text(r.ack_note);
}

std::vector<CountRow> read_counts(const Result& r) {
  std::vector<CountRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.int64(i, 2), r.int64(i, 3)});
  return out;
}

}  // namespace

std::int64_t PgTransaction::insert_questionnaire_response(const QuestionnaireResponseRow& q) {
  // A reused key returns no row (ON CONFLICT DO NOTHING), leaving the transaction usable.
  auto r = c_.exec(
      "INSERT INTO questionnaire_responses (episode_id, centre_id, instrument, item_id, answers_json, scores_json, "
      "source, submitted_by, submitted_at, idempotency_key, wording_version) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT DO NOTHING RETURNING id",
      Params()
          .integer(q.episode_id)
          .text(q.centre_id)
          .text(q.instrument)
          .text(q.item_id)
          .text(q.answers_json)
          .text(q.scores_json)
          .text(q.source)
          .text(q.submitted_by)
          .text(q.submitted_at)
          .text_or_null(q.idempotency_key)
          .text(q.wording_version));
  if (r.rows() == 0) throw ConflictError("Idempotency-Key", "submission_key_reused"_err);
  const std::int64_t id = r.int64(0, 0);
  // The scores as typed rows (0014_response_scores.sql), which the outcome read uses.
  for (const ResponseScore& score : q.scores) {
    c_.exec("INSERT INTO response_scores (response_id, name, value, text) VALUES ($1,$2,$3,$4)",
            Params().integer(id).text(score.name).opt_real(score.value).opt_text(score.text));
  }
  note_change("questionnaire_response", id);
  return id;
}

std::optional<QuestionnaireResponseRow> PgTransaction::find_response_by_key(const std::string& submitted_by,
                                                                            const std::string& key) {
  static const std::string sql = std::string(kResponseColumns) + "WHERE submitted_by = $1 AND idempotency_key = $2";
  auto r = c_.exec(sql, Params().text(submitted_by).text(key));
  if (r.rows() == 0) return std::nullopt;
  return read_response(r, 0);
}

std::vector<QuestionnaireResponseRow> PgTransaction::responses_of(std::int64_t episode_id) {
  static const std::string sql = std::string(kResponseColumns) + "WHERE episode_id = $1 ORDER BY id";
  auto r = c_.exec(sql, Params().integer(episode_id));
  std::vector<QuestionnaireResponseRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_response(r, i));
  return out;
}

std::vector<std::string> PgTransaction::instruments_answered(std::int64_t episode_id, const std::string& item_id) {
  auto r = c_.exec(
      "SELECT DISTINCT instrument FROM questionnaire_responses WHERE episode_id = $1 AND item_id = $2 ORDER BY 1",
      Params().integer(episode_id).text(item_id));
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

std::int64_t PgTransaction::insert_instrument_wording(const InstrumentWordingRow& w) {
  auto r = c_.exec(
      "INSERT INTO instrument_wordings (instrument, version, questionnaire_json, languages, loaded_by, loaded_at) "
      "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING RETURNING id",
      Params()
          .text(w.instrument)
          .text(w.version)
          .text(w.questionnaire_json)
          .text(w.languages)
          .text(w.loaded_by)
          .text(w.loaded_at));
  if (r.rows() == 0) throw ConflictError("version", "wording_version_exists"_err, {{"version", w.version}});
  return r.int64(0, 0);
}

std::vector<InstrumentWordingRow> PgTransaction::latest_instrument_wordings() {
  auto r = c_.exec(
      "SELECT id, instrument, version, questionnaire_json, languages, loaded_by, loaded_at FROM instrument_wordings "
      "WHERE id IN (SELECT MAX(id) FROM instrument_wordings GROUP BY instrument) ORDER BY instrument");
  std::vector<InstrumentWordingRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    InstrumentWordingRow w;
    w.id = r.int64(i, 0);
    std::string* fields[] = {&w.instrument, &w.version,   &w.questionnaire_json,
                             &w.languages,  &w.loaded_by, &w.loaded_at};
    int col = 1;
    for (std::string* f : fields) *f = r.text(i, col++);
    out.push_back(std::move(w));
  }
  return out;
}

std::int64_t PgTransaction::insert_adverse_event(const AdverseEventRow& e) {
  Params q;
  q.integer(e.episode_id);
  for (const std::string* f :
       {&e.centre_id, &e.kind, &e.category, &e.severity, &e.description, &e.onset_date, &e.reported_by, &e.role,
        &e.reported_at, &e.status, &e.acknowledged_by, &e.acknowledged_at})
    q.text(*f);
  assessment_params(q, e);
  auto r = c_.exec(
      "INSERT INTO adverse_events (episode_id, centre_id, kind, category, severity, description, onset_date, "
      "reported_by, role, reported_at, status, acknowledged_by, acknowledged_at, ctcae_grade, serious_reasons, "
      "relatedness, outcome, serious, red_flag_id, triage, triage_reason, assessed_by, assessed_at, "
      "acknowledged_role, ack_action, ack_note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,"
      "$18,$19,$20,$21,$22,$23,$24,$25,$26) RETURNING id",
      q);
  const std::int64_t id = r.int64(0, 0);
  note_change("adverse_event", id);
  return id;
}

std::optional<AdverseEventRow> PgTransaction::find_adverse_event(std::int64_t id) {
  static const std::string sql = std::string(kEventColumns) + "WHERE id = $1";
  auto r = c_.exec(sql, Params().integer(id));
  if (r.rows() == 0) return std::nullopt;
  return read_event(r, 0);
}

std::vector<AdverseEventRow> PgTransaction::adverse_events_of(std::int64_t episode_id) {
  static const std::string sql = std::string(kEventColumns) + "WHERE episode_id = $1 ORDER BY id";
  return read_events(c_.exec(sql, Params().integer(episode_id)));
}

std::vector<AdverseEventRow> PgTransaction::open_red_flags(const std::optional<std::string>& centre_id) {
  static const std::string sql = std::string(kEventColumns) +
                                 "WHERE kind = 'red_flag' AND status = 'open' AND ($1::text IS NULL OR centre_id = $1) "
                                 "ORDER BY id LIMIT 1000";
  return read_events(c_.exec(sql, Params().opt_text(centre_id)));
}

void PgTransaction::update_adverse_event(const AdverseEventRow& e) {
  Params q;
  q.text(e.status).text(e.acknowledged_by).text(e.acknowledged_at);
  assessment_params(q, e);
  q.integer(e.id);
  auto r = c_.exec(
      "UPDATE adverse_events SET status = $1, acknowledged_by = $2, acknowledged_at = $3, ctcae_grade = $4, "
      "serious_reasons = $5, relatedness = $6, outcome = $7, serious = $8, red_flag_id = $9, triage = $10, "
      "triage_reason = $11, assessed_by = $12, assessed_at = $13, acknowledged_role = $14, ack_action = $15, "
      "ack_note = $16 WHERE id = $17",
      q);
  if (r.affected() == 0)
    throw NotFoundError("adverse_event", "adverse_event_not_found"_err, {{"id", std::to_string(e.id)}});
  note_change("adverse_event", e.id);
}

std::vector<CountRow> PgTransaction::episode_state_counts() {
  return read_counts(
      c_.exec("SELECT e.centre_id, e.state, COUNT(*), COUNT(DISTINCT e.patient_id) FROM episodes e "
              "JOIN patients p ON p.id = e.patient_id WHERE p.consent_registry = 1 GROUP BY 1, 2 ORDER BY 1, 2"));
}

std::vector<CountRow> PgTransaction::adverse_event_counts() {
  return read_counts(
      c_.exec("SELECT a.centre_id, a.kind || ':' || CASE WHEN a.kind = 'red_flag' THEN COALESCE(a.triage, 'untriaged') "
              "WHEN a.serious = 1 THEN 'serious' WHEN a.ctcae_grade IS NOT NULL THEN 'not_serious' ELSE 'not_assessed' "
              "END COLLATE \"C\", COUNT(*), COUNT(DISTINCT e.patient_id) FROM adverse_events a "
              "JOIN episodes e ON e.id = a.episode_id JOIN patients p ON p.id = e.patient_id "
              "WHERE p.consent_registry = 1 GROUP BY 1, 2 ORDER BY 1, 2"));
}

}  // namespace rp::store::postgres
