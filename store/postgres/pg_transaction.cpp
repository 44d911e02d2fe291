// The Store operations on PostgreSQL: centres, patients, episodes with their course
// (transitions, schedule, eligibility). The SQLite adapter (store/sqlite/) is the
// reference; text is ordered byte-wise (COLLATE "C" in the schema), as SQLite orders it.
#include "base/error.hpp"
#include "store/centre_columns.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/search_names.hpp"

namespace rp::store::postgres {

Patient read_patient(const Result& r, int i) {
  Patient p;
  p.id = r.int64(i, 0);
  p.centre_id = r.text(i, 1);
  p.mrn = r.text(i, 2);
  p.name_fa = r.text(i, 3);
  p.name_latin = r.text(i, 4);
  p.sex = parse_sex(r.text(i, 5));
  p.birth_date = parse_gregorian(r.view(i, 6));
  p.mobile = r.text(i, 7);
  p.national_id = r.text(i, 8);
  p.consent = {r.int64(i, 9) != 0, r.int64(i, 10) != 0, r.int64(i, 11) != 0};
  p.language = parse_language(r.view(i, 12));
  p.email = r.text(i, 13);
  p.preferred_channel = parse_contact_channel(r.view(i, 14));
  return p;
}

namespace {

constexpr const char* kEpisodeColumns =
    "id, patient_id, centre_id, protocol_id, side, diagnosis_system, diagnosis_code, kl_grade, tonnis_grade, "
    "cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, injection_date, injected_by";

Episode read_episode(const Result& r, int i) {
  Episode e;
  e.id = r.int64(i, 0);
  e.patient_id = r.int64(i, 1);
  e.centre_id = r.text(i, 2);
  e.protocol_id = r.text(i, 3);
  e.side = parse_side(r.text(i, 4));
  e.diagnosis = {r.text(i, 5), r.text(i, 6)};
  e.kl_grade = r.opt_int(i, 7);
  e.tonnis_grade = r.opt_int(i, 8);
  if (!r.null(i, 9)) e.cell_source = parse_cell_source(r.text(i, 9));
  if (!r.null(i, 10)) e.guidance = parse_guidance(r.text(i, 10));
  e.state = parse_episode_state(r.text(i, 11));
  e.bilateral_with = r.opt_int64(i, 12);
  e.repeat_of = r.opt_int64(i, 13);
  e.harvest_date = r.opt_date(i, 14);
  e.injection_date = r.opt_date(i, 15);
  if (!r.null(i, 16)) e.injected_by = r.text(i, 16);
  return e;
}

// $1..$16 in the order of the episode statements.
Params episode_params(const Episode& e) {
  Params p;
  p.integer(e.patient_id)
      .text(e.centre_id)
      .text(e.protocol_id)
      .text(std::string(to_string(e.side)))
      .text(e.diagnosis.system)
      .text(e.diagnosis.code)
      .opt_int(e.kl_grade)
      .opt_int(e.tonnis_grade);
  e.cell_source ? p.text(std::string(to_string(*e.cell_source))) : p.null();
  e.guidance ? p.text(std::string(to_string(*e.guidance))) : p.null();
  p.text(std::string(to_string(e.state))).opt_integer(e.bilateral_with).opt_integer(e.repeat_of);
  p.opt_date(e.harvest_date).opt_date(e.injection_date);
  e.injected_by ? p.text(*e.injected_by) : p.null();
  return p;
}

// The ten fields a registration sets and a correction may change, in the column order
// both statements name them.
// The ten fields a registration sets and a correction may change, then the names folded
// for search (store/search_names.hpp).
void patient_fields(Params& q, const Patient& p) {
  q.text(p.mrn).text(p.name_fa).text(p.name_latin).text(std::string(to_string(p.sex))).date(p.birth_date);
  q.text(p.mobile).text(p.national_id).flag(p.consent.treatment).flag(p.consent.registry).flag(p.consent.contact);
  q.text(patient_search_names(p.name_fa, p.name_latin)).text(std::string(to_string(p.language)));
  q.text(p.email).text(std::string(to_string(p.preferred_channel)));
}

constexpr const char* kItemColumns =
    "item_id, kind, anchor, offset_text, start_date, end_date, window_start, window_end, status, done_on";

}  // namespace

ScheduledItem read_scheduled_item(const Result& r, int i, int first) {
  ScheduledItem s;
  s.id = r.text(i, first);
  s.kind = r.text(i, first + 1);
  s.anchor = r.text(i, first + 2);
  s.offset = r.text(i, first + 3);
  s.start = parse_gregorian(r.view(i, first + 4));
  s.end = parse_gregorian(r.view(i, first + 5));
  s.window_start = parse_gregorian(r.view(i, first + 6));
  s.window_end = parse_gregorian(r.view(i, first + 7));
  s.status = parse_item_status(r.text(i, first + 8));
  s.done_on = r.opt_date(i, first + 9);
  return s;
}

void PgTransaction::upsert_centre(const Centre& c) {
  Params params;
  for (const std::string& cell : centre_cells(c)) params.text(cell);
  static const std::string sql = centre_upsert_sql('$');
  c_.exec(sql, params);
}

namespace {

const std::string& centre_select() {
  static const std::string sql = "SELECT " + centre_columns() + " FROM centres ";
  return sql;
}

Centre centre_at(const Result& r, int i) {
  std::vector<std::string> cells;
  for (int col = 0; col < r.columns(); ++col) cells.push_back(r.text(i, col));
  return centre_from_cells(cells);
}

}  // namespace

std::vector<Centre> PgTransaction::list_centres() {
  auto r = c_.exec(centre_select() + "ORDER BY id");
  std::vector<Centre> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(centre_at(r, i));
  return out;
}

std::optional<Centre> PgTransaction::find_centre(const std::string& id) {
  auto r = c_.exec(centre_select() + "WHERE id = $1", Params().text(id));
  if (r.rows() == 0) return std::nullopt;
  return centre_at(r, 0);
}

std::int64_t PgTransaction::insert_patient(const Patient& p, const std::string& now) {
  // ON CONFLICT DO NOTHING: a taken record number returns no row, and the transaction
  // stays usable (a failed statement would abort it), as a caught conflict leaves it on
  // SQLite.
  Params q;
  q.text(p.centre_id);
  patient_fields(q, p);
  q.text(now);
  auto r = c_.exec(
      "INSERT INTO patients (centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, search_names, language, email, preferred_channel, "
      "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) "
      "ON CONFLICT DO NOTHING RETURNING id",
      q);
  if (r.rows() == 0) throw ConflictError("mrn", "record_number_used"_err, {{"record", p.mrn}, {"centre", p.centre_id}});
  const std::int64_t id = r.int64(0, 0);
  note_change("patient", id);
  return id;
}

void PgTransaction::update_patient(const Patient& p) {
  // The new record number may be taken: a savepoint keeps the transaction usable after
  // the refused UPDATE, as on SQLite.
  Params q;
  patient_fields(q, p);
  q.integer(p.id);
  c_.run("SAVEPOINT rp_update_patient");
  try {
    auto r = c_.exec(
        "UPDATE patients SET mrn = $1, name_fa = $2, name_latin = $3, sex = $4, birth_date = $5, mobile = $6, "
        "national_id = $7, consent_treatment = $8, consent_registry = $9, consent_contact = $10, search_names = $11, "
        "language = $12, email = $13, preferred_channel = $14 WHERE id = $15",
        q);
    c_.run("RELEASE SAVEPOINT rp_update_patient");
    if (r.affected() > 0) note_change("patient", p.id);
  } catch (const PgError& e) {
    c_.run("ROLLBACK TO SAVEPOINT rp_update_patient; RELEASE SAVEPOINT rp_update_patient");
    if (e.unique_violation())
      throw ConflictError("mrn", "record_number_used"_err, {{"record", p.mrn}, {"centre", p.centre_id}});
    throw;
  }
}

std::optional<Patient> PgTransaction::find_patient(std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kPatientColumns + " FROM patients WHERE id = $1";
  auto r = c_.exec(sql, Params().integer(id));
  if (r.rows() == 0) return std::nullopt;
  return read_patient(r, 0);
}

void PgTransaction::limit_to(const CentreScope& scope) {
  c_.exec("SELECT set_config('regenpath.centre', $1::text, true)", Params().text(scope.setting()));
}

std::vector<std::string> PgTransaction::centres_with_national_id(const std::string& national_id) {
  // A function of migration 0017 that looks past the scope and answers centre ids only.
  auto r = c_.exec("SELECT centre_id FROM regenpath_centres_with_national_id($1::text) AS centre_id",
                   Params().text(national_id));
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

std::vector<Patient> PgTransaction::patients_with_national_id(const std::string& national_id) {
  static const std::string sql =
      std::string("SELECT ") + kPatientColumns + " FROM patients WHERE national_id = $1 ORDER BY id";
  auto r = c_.exec(sql, Params().text(national_id));
  std::vector<Patient> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_patient(r, i));
  return out;
}

std::int64_t PgTransaction::insert_episode(const Episode& e, const std::string& now) {
  auto r = c_.exec(
      "INSERT INTO episodes (patient_id, centre_id, protocol_id, side, diagnosis_system, diagnosis_code, kl_grade, "
      "tonnis_grade, cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, injection_date, "
      "injected_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17) "
      "RETURNING id",
      episode_params(e).text(now));
  const std::int64_t id = r.int64(0, 0);
  note_change("episode", id);
  return id;
}

void PgTransaction::update_episode(const Episode& e, const std::string& now) {
  auto r = c_.exec(
      "UPDATE episodes SET patient_id = $1, centre_id = $2, protocol_id = $3, side = $4, diagnosis_system = $5, "
      "diagnosis_code = $6, kl_grade = $7, tonnis_grade = $8, cell_source = $9, guidance = $10, state = $11, "
      "bilateral_with = $12, repeat_of = $13, harvest_date = $14, injection_date = $15, injected_by = $16, "
      "updated_at = $17 WHERE id = $18",
      episode_params(e).text(now).integer(e.id));
  if (r.affected() != 1) throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(e.id)}});
  note_change("episode", e.id);
}

std::optional<Episode> PgTransaction::find_episode(std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kEpisodeColumns + " FROM episodes WHERE id = $1";
  auto r = c_.exec(sql, Params().integer(id));
  if (r.rows() == 0) return std::nullopt;
  return read_episode(r, 0);
}

std::vector<Episode> PgTransaction::episodes_of_patient(std::int64_t patient_id) {
  static const std::string sql =
      std::string("SELECT ") + kEpisodeColumns + " FROM episodes WHERE patient_id = $1 ORDER BY id";
  auto r = c_.exec(sql, Params().integer(patient_id));
  std::vector<Episode> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_episode(r, i));
  return out;
}

void PgTransaction::insert_transition(const Transition& t) {
  c_.exec(
      "INSERT INTO episode_transitions (episode_id, from_state, to_state, reason, actor, role, at, on_date) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
      Params()
          .integer(t.episode_id)
          .text(std::string(to_string(t.from)))
          .text(std::string(to_string(t.to)))
          .text(t.reason)
          .text(t.actor)
          .text(t.role)
          .text(t.at)
          .date(t.on));
  note_change("episode", t.episode_id);
}

std::vector<Transition> PgTransaction::transitions_of(std::int64_t episode_id) {
  auto r = c_.exec(
      "SELECT episode_id, from_state, to_state, reason, actor, role, at, on_date FROM episode_transitions "
      "WHERE episode_id = $1 ORDER BY id",
      Params().integer(episode_id));
  std::vector<Transition> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back({r.int64(i, 0), parse_episode_state(r.text(i, 1)), parse_episode_state(r.text(i, 2)), r.text(i, 3),
                   r.text(i, 4), r.text(i, 5), r.text(i, 6), parse_gregorian(r.view(i, 7))});
  }
  return out;
}

void PgTransaction::replace_schedule(std::int64_t episode_id, const std::vector<ScheduledItem>& items) {
  auto del = c_.exec("DELETE FROM schedule_items WHERE episode_id = $1", Params().integer(episode_id));
  if (del.affected() > 0 || !items.empty()) note_change("episode", episode_id);
  for (const ScheduledItem& s : items) {
    c_.exec(
        "INSERT INTO schedule_items (episode_id, item_id, kind, anchor, offset_text, start_date, end_date, "
        "window_start, window_end, status, done_on) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
        Params()
            .integer(episode_id)
            .text(s.id)
            .text(s.kind)
            .text(s.anchor)
            .text(s.offset)
            .date(s.start)
            .date(s.end)
            .date(s.window_start)
            .date(s.window_end)
            .text(std::string(to_string(s.status)))
            .opt_date(s.done_on));
  }
}

std::vector<ScheduledItem> PgTransaction::schedule_of(std::int64_t episode_id) {
  // position: the order the items were written in, SQLite's rowid here.
  static const std::string sql = std::string("SELECT ") + kItemColumns +
                                 " FROM schedule_items WHERE episode_id = $1 ORDER BY start_date, position";
  auto r = c_.exec(sql, Params().integer(episode_id));
  std::vector<ScheduledItem> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_scheduled_item(r, i, 0));
  return out;
}

std::optional<ScheduledItem> PgTransaction::schedule_item(std::int64_t episode_id, const std::string& item_id) {
  static const std::string sql =
      std::string("SELECT ") + kItemColumns + " FROM schedule_items WHERE episode_id = $1 AND item_id = $2";
  auto r = c_.exec(sql, Params().integer(episode_id).text(item_id));
  if (r.rows() == 0) return std::nullopt;
  return read_scheduled_item(r, 0, 0);
}

void PgTransaction::update_schedule_item_status(std::int64_t episode_id, const ScheduledItem& item) {
  auto r = c_.exec(
      "UPDATE schedule_items SET status = $1, done_on = $2 WHERE episode_id = $3 AND item_id = $4",
      Params().text(std::string(to_string(item.status))).opt_date(item.done_on).integer(episode_id).text(item.id));
  if (r.affected() != 1)
    throw NotFoundError("item_id", "episode_item_not_found"_err,
                        {{"episode", std::to_string(episode_id)}, {"item", item.id}});
  note_change("episode", episode_id);
}

std::int64_t PgTransaction::insert_eligibility(const EligibilityRecord& e) {
  auto r = c_.exec(
      "INSERT INTO eligibility_assessments (episode_id, findings_json, decision, reasons_json, actor, at) "
      "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
      Params()
          .integer(e.episode_id)
          .text(e.findings_json)
          .text(e.decision)
          .text(e.reasons_json)
          .text(e.actor)
          .text(e.at));
  note_change("episode", e.episode_id);
  return r.int64(0, 0);
}

std::vector<EligibilityRecord> PgTransaction::eligibility_of(std::int64_t episode_id) {
  auto r = c_.exec(
      "SELECT id, episode_id, findings_json, decision, reasons_json, actor, at FROM eligibility_assessments "
      "WHERE episode_id = $1 ORDER BY id",
      Params().integer(episode_id));
  std::vector<EligibilityRecord> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6)});
  return out;
}

}  // namespace rp::store::postgres
