// Imaging links and radiographic grades on PostgreSQL (0047_imaging.sql).
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

std::optional<imaging::ArchiveLink> PgTransaction::imaging_link(std::int64_t patient_id) {
  auto r = c_.exec("SELECT centre_id, dicom_patient_id, linked_by, linked_at FROM imaging_links WHERE patient_id = $1",
                   Params().integer(patient_id));
  if (r.rows() == 0) return std::nullopt;
  return imaging::ArchiveLink{patient_id, r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3)};
}

void PgTransaction::save_imaging_link(const imaging::ArchiveLink& l) {
  c_.exec(
      "INSERT INTO imaging_links (patient_id, centre_id, dicom_patient_id, linked_by, linked_at) "
      "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (patient_id) DO UPDATE SET centre_id = excluded.centre_id, "
      "dicom_patient_id = excluded.dicom_patient_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at",
      Params().integer(l.patient_id).text(l.centre_id).text(l.dicom_patient_id).text(l.linked_by).text(l.linked_at));
}

std::vector<imaging::RadiographicGrade> PgTransaction::radiographic_grades(std::int64_t episode_id) {
  auto r = c_.exec(
      "SELECT id, centre_id, study_uid, study_date, kl_grade, tonnis_grade, joint_space_tenths_mm, recorded_by, "
      "recorded_at FROM radiographic_grades WHERE episode_id = $1 ORDER BY study_date, id",
      Params().integer(episode_id));
  std::vector<imaging::RadiographicGrade> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    imaging::RadiographicGrade g;
    g.id = r.int64(i, 0);
    g.episode_id = episode_id;
    g.centre_id = r.text(i, 1);
    g.study_uid = r.text(i, 2);
    g.study_date = parse_gregorian(r.text(i, 3), "study_date");
    g.kl_grade = r.opt_int(i, 4);
    g.tonnis_grade = r.opt_int(i, 5);
    g.joint_space_tenths_mm = r.opt_int(i, 6);
    g.recorded_by = r.text(i, 7);
    g.recorded_at = r.text(i, 8);
    out.push_back(std::move(g));
  }
  return out;
}

std::int64_t PgTransaction::save_radiographic_grade(const imaging::RadiographicGrade& g) {
  auto r = c_.exec(
      "INSERT INTO radiographic_grades (episode_id, centre_id, study_uid, study_date, kl_grade, tonnis_grade, "
      "joint_space_tenths_mm, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (episode_id, "
      "study_uid) DO UPDATE SET study_date = excluded.study_date, kl_grade = excluded.kl_grade, tonnis_grade = "
      "excluded.tonnis_grade, joint_space_tenths_mm = excluded.joint_space_tenths_mm, recorded_by = "
      "excluded.recorded_by, recorded_at = excluded.recorded_at RETURNING id",
      Params()
          .integer(g.episode_id)
          .text(g.centre_id)
          .text(g.study_uid)
          .date(g.study_date)
          .opt_int(g.kl_grade)
          .opt_int(g.tonnis_grade)
          .opt_int(g.joint_space_tenths_mm)
          .text(g.recorded_by)
          .text(g.recorded_at));
  return r.int64(0, 0);
}

}  // namespace rp::store::postgres
