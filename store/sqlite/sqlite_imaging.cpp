// Imaging links and radiographic grades on SQLite (0047_imaging.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

void bind_grade_value(SQLite::Statement& q, int i, const std::optional<int>& v) {
  if (v)
    q.bind(i, *v);
  else
    q.bind(i);
}

std::optional<int> grade_value(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

}  // namespace

std::optional<imaging::ArchiveLink> SqliteTransaction::imaging_link(std::int64_t patient_id) {
  auto& q =
      c_.statement("SELECT centre_id, dicom_patient_id, linked_by, linked_at FROM imaging_links WHERE patient_id = ?");
  q.bind(1, static_cast<int64_t>(patient_id));
  std::optional<imaging::ArchiveLink> out;
  if (q.executeStep())
    out = imaging::ArchiveLink{patient_id, q.getColumn(0).getString(), q.getColumn(1).getString(),
                               q.getColumn(2).getString(), q.getColumn(3).getString()};
  q.reset();
  return out;
}

void SqliteTransaction::save_imaging_link(const imaging::ArchiveLink& l) {
  auto& q = c_.statement(
      "INSERT INTO imaging_links (patient_id, centre_id, dicom_patient_id, linked_by, linked_at) VALUES (?,?,?,?,?) "
      "ON CONFLICT (patient_id) DO UPDATE SET centre_id = excluded.centre_id, dicom_patient_id = "
      "excluded.dicom_patient_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at");
  q.bind(1, static_cast<int64_t>(l.patient_id));
  q.bind(2, l.centre_id);
  q.bind(3, l.dicom_patient_id);
  q.bind(4, l.linked_by);
  q.bind(5, l.linked_at);
  q.exec();
}

std::vector<imaging::RadiographicGrade> SqliteTransaction::radiographic_grades(std::int64_t episode_id) {
  auto& q = c_.statement(
      "SELECT id, centre_id, study_uid, study_date, kl_grade, tonnis_grade, joint_space_tenths_mm, recorded_by, "
      "recorded_at FROM radiographic_grades WHERE episode_id = ? ORDER BY study_date, id");
  q.bind(1, static_cast<int64_t>(episode_id));
  std::vector<imaging::RadiographicGrade> out;
  while (q.executeStep()) {
    imaging::RadiographicGrade g;
    g.id = q.getColumn(0).getInt64();
    g.episode_id = episode_id;
    g.centre_id = q.getColumn(1).getString();
    g.study_uid = q.getColumn(2).getString();
    g.study_date = parse_gregorian(q.getColumn(3).getString(), "study_date");
    g.kl_grade = grade_value(q.getColumn(4));
    g.tonnis_grade = grade_value(q.getColumn(5));
    g.joint_space_tenths_mm = grade_value(q.getColumn(6));
    g.recorded_by = q.getColumn(7).getString();
    g.recorded_at = q.getColumn(8).getString();
    out.push_back(std::move(g));
  }
  return out;
}

std::int64_t SqliteTransaction::save_radiographic_grade(const imaging::RadiographicGrade& g) {
  auto& q = c_.statement(
      "INSERT INTO radiographic_grades (episode_id, centre_id, study_uid, study_date, kl_grade, tonnis_grade, "
      "joint_space_tenths_mm, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (episode_id, "
      "study_uid) DO UPDATE SET study_date = excluded.study_date, kl_grade = excluded.kl_grade, tonnis_grade = "
      "excluded.tonnis_grade, joint_space_tenths_mm = excluded.joint_space_tenths_mm, recorded_by = "
      "excluded.recorded_by, recorded_at = excluded.recorded_at RETURNING id");
  q.bind(1, static_cast<int64_t>(g.episode_id));
  q.bind(2, g.centre_id);
  q.bind(3, g.study_uid);
  q.bind(4, g.study_date.iso());
  bind_grade_value(q, 5, g.kl_grade);
  bind_grade_value(q, 6, g.tonnis_grade);
  bind_grade_value(q, 7, g.joint_space_tenths_mm);
  q.bind(8, g.recorded_by);
  q.bind(9, g.recorded_at);
  q.executeStep();
  const std::int64_t id = q.getColumn(0).getInt64();
  q.reset();
  return id;
}

}  // namespace rp::store::sqlite
