// The Store operations on SQLite. Every statement is prepared once per connection.
#include <sqlite3.h>

#include "base/error.hpp"
#include "store/centre_columns.hpp"
#include "store/like_pattern.hpp"
#include "store/search_names.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

void bind_opt(SQLite::Statement& q, int i, const std::optional<int>& v) {
  if (v) {
    q.bind(i, *v);
  } else {
    q.bind(i);
  }
}
void bind_opt(SQLite::Statement& q, int i, const std::optional<std::int64_t>& v) {
  if (v) {
    q.bind(i, static_cast<int64_t>(*v));
  } else {
    q.bind(i);
  }
}
void bind_opt(SQLite::Statement& q, int i, const std::optional<CivilDate>& v) {
  if (v) {
    q.bind(i, v->iso());
  } else {
    q.bind(i);
  }
}
void bind_opt(SQLite::Statement& q, int i, const std::optional<std::string_view>& v) {
  if (v) {
    q.bind(i, std::string(*v));
  } else {
    q.bind(i);
  }
}

std::optional<int> opt_int(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}
std::optional<std::int64_t> opt_int64(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}

// Runs an insert or update, turning a UNIQUE violation into a ConflictError on `field`.
void exec_unique(SQLite::Statement& q, const std::string& field, ErrorCode code, ErrorParams params) {
  try {
    q.exec();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) throw ConflictError(field, code, std::move(params));
    throw;
  }
}

Patient read_patient(SQLite::Statement& q) {
  Patient p;
  p.id = q.getColumn(0).getInt64();
  p.centre_id = q.getColumn(1).getString();
  p.mrn = q.getColumn(2).getString();
  p.name_fa = q.getColumn(3).getString();
  p.name_latin = q.getColumn(4).getString();
  p.sex = parse_sex(q.getColumn(5).getString());
  p.birth_date = parse_gregorian(q.getColumn(6).getString());
  p.mobile = q.getColumn(7).getString();
  p.national_id = q.getColumn(8).getString();
  p.consent = {q.getColumn(9).getInt() != 0, q.getColumn(10).getInt() != 0, q.getColumn(11).getInt() != 0};
  p.language = parse_language(q.getColumn(12).getString());
  p.email = q.getColumn(13).getString();
  p.preferred_channel = parse_contact_channel(q.getColumn(14).getString());
  return p;
}

constexpr const char* kEpisodeColumns =
    "id, patient_id, centre_id, protocol_id, side, diagnosis_system, diagnosis_code, kl_grade, tonnis_grade, "
    "cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, injection_date, injected_by";

Episode read_episode(SQLite::Statement& q) {
  Episode e;
  e.id = q.getColumn(0).getInt64();
  e.patient_id = q.getColumn(1).getInt64();
  e.centre_id = q.getColumn(2).getString();
  e.protocol_id = q.getColumn(3).getString();
  e.side = parse_side(q.getColumn(4).getString());
  e.diagnosis = {q.getColumn(5).getString(), q.getColumn(6).getString()};
  e.kl_grade = opt_int(q.getColumn(7));
  e.tonnis_grade = opt_int(q.getColumn(8));
  if (!q.getColumn(9).isNull()) e.cell_source = parse_cell_source(q.getColumn(9).getString());
  if (!q.getColumn(10).isNull()) e.guidance = parse_guidance(q.getColumn(10).getString());
  e.state = parse_episode_state(q.getColumn(11).getString());
  e.bilateral_with = opt_int64(q.getColumn(12));
  e.repeat_of = opt_int64(q.getColumn(13));
  e.harvest_date = opt_date(q.getColumn(14));
  e.injection_date = opt_date(q.getColumn(15));
  if (!q.getColumn(16).isNull()) e.injected_by = q.getColumn(16).getString();
  return e;
}

void bind_episode_fields(SQLite::Statement& q, const Episode& e) {
  q.bind(1, static_cast<int64_t>(e.patient_id));
  q.bind(2, e.centre_id);
  q.bind(3, e.protocol_id);
  q.bind(4, std::string(to_string(e.side)));
  q.bind(5, e.diagnosis.system);
  q.bind(6, e.diagnosis.code);
  bind_opt(q, 7, e.kl_grade);
  bind_opt(q, 8, e.tonnis_grade);
  bind_opt(q, 9, e.cell_source ? std::optional<std::string_view>(to_string(*e.cell_source)) : std::nullopt);
  bind_opt(q, 10, e.guidance ? std::optional<std::string_view>(to_string(*e.guidance)) : std::nullopt);
  q.bind(11, std::string(to_string(e.state)));
  bind_opt(q, 12, e.bilateral_with);
  bind_opt(q, 13, e.repeat_of);
  bind_opt(q, 14, e.harvest_date);
  bind_opt(q, 15, e.injection_date);
  bind_opt(q, 16, e.injected_by ? std::optional<std::string_view>(*e.injected_by) : std::nullopt);
}

}  // namespace

ScheduledItem read_scheduled_item(SQLite::Statement& q, int first) {
  ScheduledItem s;
  s.id = q.getColumn(first).getString();
  s.kind = q.getColumn(first + 1).getString();
  s.anchor = q.getColumn(first + 2).getString();
  s.offset = q.getColumn(first + 3).getString();
  s.start = parse_gregorian(q.getColumn(first + 4).getString());
  s.end = parse_gregorian(q.getColumn(first + 5).getString());
  s.window_start = parse_gregorian(q.getColumn(first + 6).getString());
  s.window_end = parse_gregorian(q.getColumn(first + 7).getString());
  s.status = parse_item_status(q.getColumn(first + 8).getString());
  s.done_on = opt_date(q.getColumn(first + 9));
  return s;
}

void SqliteTransaction::upsert_centre(const Centre& c) {
  static const std::string sql = centre_upsert_sql('?');
  auto& q = c_.statement(sql.c_str());
  int i = 1;
  for (const std::string& cell : centre_cells(c)) q.bind(i++, cell);
  q.exec();
}

std::vector<Centre> SqliteTransaction::list_centres() {
  static const std::string sql = "SELECT " + centre_columns() + " FROM centres ORDER BY id";
  auto& q = c_.statement(sql.c_str());
  std::vector<Centre> out;
  std::vector<std::string> cells;
  while (q.executeStep()) {
    cells.clear();
    for (int i = 0; i < q.getColumnCount(); ++i) cells.push_back(q.getColumn(i).getString());
    out.push_back(centre_from_cells(cells));
  }
  return out;
}

std::optional<Centre> SqliteTransaction::find_centre(const std::string& id) {
  for (auto& c : list_centres()) {
    if (c.id == id) return c;
  }
  return std::nullopt;
}

namespace {

// The ten fields a registration sets and a correction may change, then the names folded
// for search (store/search_names.hpp), in the column order both statements name them,
// bound from `first` on.
void bind_patient_fields(SQLite::Statement& q, const Patient& p, int first) {
  int i = first;
  q.bind(i++, p.mrn);
  q.bind(i++, p.name_fa);
  q.bind(i++, p.name_latin);
  q.bind(i++, std::string(to_string(p.sex)));
  q.bind(i++, p.birth_date.iso());
  q.bind(i++, p.mobile);
  q.bind(i++, p.national_id);
  q.bind(i++, p.consent.treatment ? 1 : 0);
  q.bind(i++, p.consent.registry ? 1 : 0);
  q.bind(i++, p.consent.contact ? 1 : 0);
  q.bind(i++, patient_search_names(p.name_fa, p.name_latin));
  q.bind(i++, std::string(to_string(p.language)));
  q.bind(i++, p.email);
  q.bind(i, std::string(to_string(p.preferred_channel)));
}

}  // namespace

std::int64_t SqliteTransaction::insert_patient(const Patient& p, const std::string& now) {
  auto& q = c_.statement(
      "INSERT INTO patients (centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, search_names, language, email, preferred_channel, "
      "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, p.centre_id);
  bind_patient_fields(q, p, 2);
  q.bind(16, now);
  exec_unique(q, "mrn", "record_number_used"_err, {{"record", p.mrn}, {"centre", p.centre_id}});
  return c_.db().getLastInsertRowid();
}

void SqliteTransaction::update_patient(const Patient& p) {
  auto& q = c_.statement(
      "UPDATE patients SET mrn = ?, name_fa = ?, name_latin = ?, sex = ?, birth_date = ?, mobile = ?, national_id = ?, "
      "consent_treatment = ?, consent_registry = ?, consent_contact = ?, search_names = ?, language = ?, email = ?, "
      "preferred_channel = ? WHERE id = ?");
  bind_patient_fields(q, p, 1);
  q.bind(15, static_cast<int64_t>(p.id));
  exec_unique(q, "mrn", "record_number_used"_err, {{"record", p.mrn}, {"centre", p.centre_id}});
}

std::optional<Patient> SqliteTransaction::find_patient(std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kPatientColumns + " FROM patients WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_patient(q);
}

std::vector<Patient> SqliteTransaction::list_patients(const PatientQuery& pq) {
  auto& q = c_.statement(patient_search_sql(pq));
  bind_patient_search(q, pq);
  std::vector<Patient> out;
  while (q.executeStep()) out.push_back(read_patient(q));
  return out;
}

std::vector<Patient> SqliteTransaction::patients_with_national_id(const std::string& national_id) {
  static const std::string sql =
      std::string("SELECT ") + kPatientColumns + " FROM patients WHERE national_id = ? ORDER BY id";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, national_id);
  std::vector<Patient> out;
  while (q.executeStep()) out.push_back(read_patient(q));
  return out;
}

std::int64_t SqliteTransaction::insert_episode(const Episode& e, const std::string& now) {
  auto& q = c_.statement(
      "INSERT INTO episodes (patient_id, centre_id, protocol_id, side, diagnosis_system, diagnosis_code, kl_grade, "
      "tonnis_grade, cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, injection_date, "
      "injected_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?17,?17)");
  bind_episode_fields(q, e);
  q.bind(17, now);
  q.exec();
  return c_.db().getLastInsertRowid();
}

void SqliteTransaction::update_episode(const Episode& e, const std::string& now) {
  auto& q = c_.statement(
      "UPDATE episodes SET patient_id = ?1, centre_id = ?2, protocol_id = ?3, side = ?4, diagnosis_system = ?5, "
      "diagnosis_code = ?6, kl_grade = ?7, tonnis_grade = ?8, cell_source = ?9, guidance = ?10, state = ?11, "
      "bilateral_with = ?12, repeat_of = ?13, harvest_date = ?14, injection_date = ?15, injected_by = ?16, "
      "updated_at = ?17 WHERE id = ?18");
  bind_episode_fields(q, e);
  q.bind(17, now);
  q.bind(18, static_cast<int64_t>(e.id));
  if (q.exec() != 1) throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(e.id)}});
}

std::optional<Episode> SqliteTransaction::find_episode(std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kEpisodeColumns + " FROM episodes WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_episode(q);
}

std::vector<Episode> SqliteTransaction::episodes_of_patient(std::int64_t patient_id) {
  static const std::string sql =
      std::string("SELECT ") + kEpisodeColumns + " FROM episodes WHERE patient_id = ? ORDER BY id";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(patient_id));
  std::vector<Episode> out;
  while (q.executeStep()) out.push_back(read_episode(q));
  return out;
}

void SqliteTransaction::insert_transition(const Transition& t) {
  auto& q = c_.statement(
      "INSERT INTO episode_transitions (episode_id, from_state, to_state, reason, actor, role, at, on_date) "
      "VALUES (?,?,?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(t.episode_id));
  q.bind(2, std::string(to_string(t.from)));
  q.bind(3, std::string(to_string(t.to)));
  q.bind(4, t.reason);
  q.bind(5, t.actor);
  q.bind(6, t.role);
  q.bind(7, t.at);
  q.bind(8, t.on.iso());
  q.exec();
}

std::vector<Transition> SqliteTransaction::transitions_of(std::int64_t episode_id) {
  auto& q = c_.statement(
      "SELECT episode_id, from_state, to_state, reason, actor, role, at, on_date FROM episode_transitions "
      "WHERE episode_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(episode_id));
  std::vector<Transition> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(), parse_episode_state(q.getColumn(1).getString()),
                   parse_episode_state(q.getColumn(2).getString()), q.getColumn(3).getString(),
                   q.getColumn(4).getString(), q.getColumn(5).getString(), q.getColumn(6).getString(),
                   parse_gregorian(q.getColumn(7).getString())});
  }
  return out;
}

void SqliteTransaction::replace_schedule(std::int64_t episode_id, const std::vector<ScheduledItem>& items) {
  auto& del = c_.statement("DELETE FROM schedule_items WHERE episode_id = ?");
  del.bind(1, static_cast<int64_t>(episode_id));
  del.exec();
  for (const ScheduledItem& s : items) {
    auto& q = c_.statement(
        "INSERT INTO schedule_items (episode_id, item_id, kind, anchor, offset_text, start_date, end_date, "
        "window_start, window_end, status, done_on) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    q.bind(1, static_cast<int64_t>(episode_id));
    q.bind(2, s.id);
    q.bind(3, s.kind);
    q.bind(4, s.anchor);
    q.bind(5, s.offset);
    q.bind(6, s.start.iso());
    q.bind(7, s.end.iso());
    q.bind(8, s.window_start.iso());
    q.bind(9, s.window_end.iso());
    q.bind(10, std::string(to_string(s.status)));
    bind_opt(q, 11, s.done_on);
    q.exec();
  }
}

std::vector<ScheduledItem> SqliteTransaction::schedule_of(std::int64_t episode_id) {
  auto& q = c_.statement(
      "SELECT item_id, kind, anchor, offset_text, start_date, end_date, window_start, window_end, status, done_on "
      "FROM schedule_items WHERE episode_id = ? ORDER BY start_date, rowid");
  q.bind(1, static_cast<int64_t>(episode_id));
  std::vector<ScheduledItem> out;
  while (q.executeStep()) out.push_back(read_scheduled_item(q, 0));
  return out;
}

std::optional<ScheduledItem> SqliteTransaction::schedule_item(std::int64_t episode_id, const std::string& item_id) {
  auto& q = c_.statement(
      "SELECT item_id, kind, anchor, offset_text, start_date, end_date, window_start, window_end, status, done_on "
      "FROM schedule_items WHERE episode_id = ? AND item_id = ?");
  q.bind(1, static_cast<int64_t>(episode_id));
  q.bind(2, item_id);
  if (!q.executeStep()) return std::nullopt;
  return read_scheduled_item(q, 0);
}

void SqliteTransaction::update_schedule_item_status(std::int64_t episode_id, const ScheduledItem& item) {
  auto& q = c_.statement("UPDATE schedule_items SET status = ?, done_on = ? WHERE episode_id = ? AND item_id = ?");
  q.bind(1, std::string(to_string(item.status)));
  bind_opt(q, 2, item.done_on);
  q.bind(3, static_cast<int64_t>(episode_id));
  q.bind(4, item.id);
  if (q.exec() != 1)
    throw NotFoundError("item_id", "episode_item_not_found"_err,
                        {{"episode", std::to_string(episode_id)}, {"item", item.id}});
}

std::int64_t SqliteTransaction::insert_eligibility(const EligibilityRecord& r) {
  auto& q = c_.statement(
      "INSERT INTO eligibility_assessments (episode_id, findings_json, decision, reasons_json, actor, at) "
      "VALUES (?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(r.episode_id));
  q.bind(2, r.findings_json);
  q.bind(3, r.decision);
  q.bind(4, r.reasons_json);
  q.bind(5, r.actor);
  q.bind(6, r.at);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<EligibilityRecord> SqliteTransaction::eligibility_of(std::int64_t episode_id) {
  auto& q = c_.statement(
      "SELECT id, episode_id, findings_json, decision, reasons_json, actor, at FROM eligibility_assessments "
      "WHERE episode_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(episode_id));
  std::vector<EligibilityRecord> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                   q.getColumn(6).getString()});
  }
  return out;
}

}  // namespace rp::store::sqlite
