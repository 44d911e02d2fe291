// Questionnaire responses, adverse events and red flags on SQLite, and the
// de-identified counts the registry view reads.
#include <sqlite3.h>

#include "base/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kResponseColumns =
    "SELECT id, episode_id, centre_id, instrument, item_id, answers_json, scores_json, source, submitted_by, "
    "submitted_at, COALESCE(idempotency_key, ''), wording_version FROM questionnaire_responses ";

QuestionnaireResponseRow read_response(SQLite::Statement& q) {
  QuestionnaireResponseRow r;
  r.id = q.getColumn(0).getInt64();
  r.episode_id = q.getColumn(1).getInt64();
  r.centre_id = q.getColumn(2).getString();
  r.instrument = q.getColumn(3).getString();
  r.item_id = q.getColumn(4).getString();
  r.answers_json = q.getColumn(5).getString();
  r.scores_json = q.getColumn(6).getString();
  r.source = q.getColumn(7).getString();
  r.submitted_by = q.getColumn(8).getString();
  r.submitted_at = q.getColumn(9).getString();
  r.idempotency_key = q.getColumn(10).getString();
  r.wording_version = q.getColumn(11).getString();
  return r;
}

constexpr const char* kEventColumns =
    "SELECT id, episode_id, centre_id, kind, category, severity, description, onset_date, reported_by, role, "
    "reported_at, status, acknowledged_by, acknowledged_at, triage_reason, assessed_by, assessed_at, "
    "ctcae_grade, serious_reasons, relatedness, outcome, serious, red_flag_id, triage, acknowledged_role, "
    "COALESCE(ack_action, ''), ack_note FROM adverse_events ";

AdverseEventRow read_event(SQLite::Statement& q) {
  AdverseEventRow r;
  r.id = q.getColumn(0).getInt64();
  r.episode_id = q.getColumn(1).getInt64();
  std::string* fields[] = {&r.centre_id,     &r.kind,        &r.category,        &r.severity,
                           &r.description,   &r.onset_date,  &r.reported_by,     &r.role,
                           &r.reported_at,   &r.status,      &r.acknowledged_by, &r.acknowledged_at,
                           &r.triage_reason, &r.assessed_by, &r.assessed_at};
  int i = 2;
  for (std::string* f : fields) *f = q.getColumn(i++).getString();
  EventAssessment& a = r.assessment;
  if (!q.getColumn(17).isNull()) a.ctcae_grade = q.getColumn(17).getInt();
  a.serious = parse_serious_reasons_text(q.getColumn(18).getText(), "serious_reasons");
  if (!q.getColumn(19).isNull()) a.relatedness = parse_relatedness(q.getColumn(19).getText());
  if (!q.getColumn(20).isNull()) a.outcome = parse_event_outcome(q.getColumn(20).getText());
  r.serious = q.getColumn(21).getInt() != 0;
  if (!q.getColumn(22).isNull()) r.red_flag_id = q.getColumn(22).getInt64();
  r.triage = q.getColumn(23).getString();
  r.acknowledged_role = q.getColumn(24).getString();
  r.ack_action = q.getColumn(25).getString();
  r.ack_note = q.getColumn(26).getString();
  return r;
}

// Binds the assessment and triage columns from `first` on, in the order of
// kAssessmentColumns (the insert names the same columns in the same order).
constexpr const char* kAssessmentColumns =
    "ctcae_grade = ?, serious_reasons = ?, relatedness = ?, outcome = ?, serious = ?, red_flag_id = ?, triage = ?, "
    "triage_reason = ?, assessed_by = ?, assessed_at = ?, acknowledged_role = ?, ack_action = ?, ack_note = ?";
void bind_assessment(SQLite::Statement& q, int first, const AdverseEventRow& r) {
  const EventAssessment& a = r.assessment;
  int i = first;
  a.ctcae_grade ? q.bind(i++, *a.ctcae_grade) : q.bind(i++);
  q.bind(i++, serious_reasons_text(a.serious));
  a.relatedness ? q.bind(i++, std::string(to_string(*a.relatedness))) : q.bind(i++);
  a.outcome ? q.bind(i++, std::string(to_string(*a.outcome))) : q.bind(i++);
  q.bind(i++, r.serious ? 1 : 0);
  r.red_flag_id ? q.bind(i++, static_cast<int64_t>(*r.red_flag_id)) : q.bind(i++);
  r.triage.empty() ? q.bind(i++) : q.bind(i++, r.triage);
  q.bind(i++, r.triage_reason);
  q.bind(i++, r.assessed_by);
  q.bind(i++, r.assessed_at);
  q.bind(i++, r.acknowledged_role);
  r.ack_action.empty() ? q.bind(i++) : q.bind(i++, r.ack_action);
  q.bind(i++, r.ack_note);
}

std::vector<CountRow> read_counts(SQLite::Statement& q) {
  std::vector<CountRow> out;
  while (q.executeStep())
    out.push_back(
        {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), q.getColumn(3).getInt64()});
  return out;
}

}  // namespace

std::int64_t SqliteTransaction::insert_questionnaire_response(const QuestionnaireResponseRow& r) {
  auto& q = c_.statement(
      "INSERT INTO questionnaire_responses (episode_id, centre_id, instrument, item_id, answers_json, scores_json, "
      "source, submitted_by, submitted_at, idempotency_key, wording_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(r.episode_id));
  int i = 2;
  for (const std::string* f : {&r.centre_id, &r.instrument, &r.item_id, &r.answers_json, &r.scores_json, &r.source,
                               &r.submitted_by, &r.submitted_at})
    q.bind(i++, *f);
  if (r.idempotency_key.empty()) {
    q.bind(10);
  } else {
    q.bind(10, r.idempotency_key);
  }
  q.bind(11, r.wording_version);
  try {
    q.exec();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
      throw ConflictError("Idempotency-Key", "submission_key_reused"_err);
    throw;
  }
  const std::int64_t id = c_.db().getLastInsertRowid();
  auto& score = c_.statement("INSERT INTO response_scores (response_id, name, value, text) VALUES (?,?,?,?)");
  for (const ResponseScore& s : r.scores) {
    score.tryReset();
    score.clearBindings();
    score.bind(1, static_cast<int64_t>(id));
    score.bind(2, s.name);
    if (s.value) score.bind(3, *s.value);
    if (s.text) score.bind(4, *s.text);
    score.exec();
  }
  return id;
}

std::optional<QuestionnaireResponseRow> SqliteTransaction::find_response_by_key(const std::string& submitted_by,
                                                                                const std::string& key) {
  static const std::string sql = std::string(kResponseColumns) + "WHERE submitted_by = ? AND idempotency_key = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, submitted_by);
  q.bind(2, key);
  if (!q.executeStep()) return std::nullopt;
  return read_response(q);
}

std::vector<QuestionnaireResponseRow> SqliteTransaction::responses_of(std::int64_t episode_id) {
  static const std::string sql = std::string(kResponseColumns) + "WHERE episode_id = ? ORDER BY id";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(episode_id));
  std::vector<QuestionnaireResponseRow> out;
  while (q.executeStep()) out.push_back(read_response(q));
  return out;
}

std::vector<std::string> SqliteTransaction::instruments_answered(std::int64_t episode_id, const std::string& item_id) {
  auto& q = c_.statement(
      "SELECT DISTINCT instrument FROM questionnaire_responses WHERE episode_id = ? AND item_id = ? ORDER BY 1");
  q.bind(1, static_cast<int64_t>(episode_id));
  q.bind(2, item_id);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::int64_t SqliteTransaction::insert_instrument_wording(const InstrumentWordingRow& r) {
  auto& q = c_.statement(
      "INSERT INTO instrument_wordings (instrument, version, questionnaire_json, languages, loaded_by, loaded_at) "
      "VALUES (?,?,?,?,?,?)");
  int i = 1;
  for (const std::string* f :
       {&r.instrument, &r.version, &r.questionnaire_json, &r.languages, &r.loaded_by, &r.loaded_at})
    q.bind(i++, *f);
  try {
    q.exec();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
      throw ConflictError("version", "wording_version_exists"_err, {{"version", r.version}});
    throw;
  }
  return c_.db().getLastInsertRowid();
}

std::vector<InstrumentWordingRow> SqliteTransaction::latest_instrument_wordings() {
  auto& q = c_.statement(
      "SELECT id, instrument, version, questionnaire_json, languages, loaded_by, loaded_at FROM instrument_wordings "
      "WHERE id IN (SELECT MAX(id) FROM instrument_wordings GROUP BY instrument) ORDER BY instrument");
  std::vector<InstrumentWordingRow> out;
  while (q.executeStep()) {
    InstrumentWordingRow r;
    r.id = q.getColumn(0).getInt64();
    std::string* fields[] = {&r.instrument, &r.version,   &r.questionnaire_json,
                             &r.languages,  &r.loaded_by, &r.loaded_at};
    int i = 1;
    for (std::string* f : fields) *f = q.getColumn(i++).getString();
    out.push_back(std::move(r));
  }
  return out;
}

std::int64_t SqliteTransaction::insert_adverse_event(const AdverseEventRow& r) {
  auto& q = c_.statement(
      "INSERT INTO adverse_events (episode_id, centre_id, kind, category, severity, description, onset_date, "
      "reported_by, role, reported_at, status, acknowledged_by, acknowledged_at, ctcae_grade, serious_reasons, "
      "relatedness, outcome, serious, red_flag_id, triage, triage_reason, assessed_by, assessed_at, "
      "acknowledged_role, ack_action, ack_note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(r.episode_id));
  int i = 2;
  for (const std::string* f :
       {&r.centre_id, &r.kind, &r.category, &r.severity, &r.description, &r.onset_date, &r.reported_by, &r.role,
        &r.reported_at, &r.status, &r.acknowledged_by, &r.acknowledged_at})
    q.bind(i++, *f);
  bind_assessment(q, i, r);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::optional<AdverseEventRow> SqliteTransaction::find_adverse_event(std::int64_t id) {
  static const std::string sql = std::string(kEventColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_event(q);
}

std::vector<AdverseEventRow> SqliteTransaction::adverse_events_of(std::int64_t episode_id) {
  static const std::string sql = std::string(kEventColumns) + "WHERE episode_id = ? ORDER BY id";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(episode_id));
  std::vector<AdverseEventRow> out;
  while (q.executeStep()) out.push_back(read_event(q));
  return out;
}

std::vector<AdverseEventRow> SqliteTransaction::open_red_flags(const std::optional<std::string>& centre_id) {
  static const std::string sql = std::string(kEventColumns) +
                                 "WHERE kind = 'red_flag' AND status = 'open' AND (?1 IS NULL OR centre_id = ?1) "
                                 "ORDER BY id LIMIT 1000";
  auto& q = c_.statement(sql.c_str());
  if (centre_id) {
    q.bind(1, *centre_id);
  } else {
    q.bind(1);
  }
  std::vector<AdverseEventRow> out;
  while (q.executeStep()) out.push_back(read_event(q));
  return out;
}

void SqliteTransaction::update_adverse_event(const AdverseEventRow& r) {
  static const std::string sql = std::string(
                                     "UPDATE adverse_events SET status = ?, acknowledged_by = ?, "
                                     "acknowledged_at = ?, ") +
                                 kAssessmentColumns + " WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, r.status);
  q.bind(2, r.acknowledged_by);
  q.bind(3, r.acknowledged_at);
  bind_assessment(q, 4, r);
  q.bind(17, static_cast<int64_t>(r.id));
  if (q.exec() == 0)
    throw NotFoundError("adverse_event", "adverse_event_not_found"_err, {{"id", std::to_string(r.id)}});
}

std::vector<CountRow> SqliteTransaction::episode_state_counts() {
  auto& q = c_.statement(
      "SELECT e.centre_id, e.state, COUNT(*), COUNT(DISTINCT e.patient_id) FROM episodes e "
      "JOIN patients p ON p.id = e.patient_id WHERE p.consent_registry = 1 GROUP BY 1, 2 ORDER BY 1, 2");
  return read_counts(q);
}

std::vector<CountRow> SqliteTransaction::adverse_event_counts() {
  auto& q = c_.statement(
      "SELECT a.centre_id, a.kind || ':' || CASE WHEN a.kind = 'red_flag' THEN COALESCE(a.triage, 'untriaged') "
      "WHEN a.serious = 1 THEN 'serious' WHEN a.ctcae_grade IS NOT NULL THEN 'not_serious' ELSE 'not_assessed' END, "
      "COUNT(*), COUNT(DISTINCT e.patient_id) FROM adverse_events a JOIN episodes e ON e.id = a.episode_id "
      "JOIN patients p ON p.id = e.patient_id WHERE p.consent_registry = 1 GROUP BY 1, 2 ORDER BY 1, 2");
  return read_counts(q);
}

}  // namespace rp::store::sqlite
