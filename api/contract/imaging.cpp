#include "api/contract/imaging.hpp"

namespace rp::api::contract {

ArchiveLinkOut archive_link_out(const imaging::ArchiveLink& l, bool changed) {
  return {l.patient_id, l.dicom_patient_id, l.linked_by, l.linked_at, changed};
}

ArchiveCandidatesOut archive_candidates_out(const service::ArchiveCandidates& found) {
  ArchiveCandidatesOut out;
  out.archive = std::string(service::to_string(found.archive));
  out.archive_error = found.archive_error;
  out.asked = found.asked;
  for (const auto& p : found.candidates)
    out.candidates.push_back({p.dicom_patient_id, p.name, p.birth_date, p.sex, p.studies});
  if (found.link) out.link = archive_link_out(*found.link);
  return out;
}

GradeRecordedOut grade_recorded_out(const service::RecordedGrade& recorded) {
  return {grade_out(recorded.grade, recorded.baseline), episode_out(recorded.episode)};
}

RadiographicGradeOut grade_out(const imaging::RadiographicGrade& g, bool baseline) {
  RadiographicGradeOut out;
  out.id = g.id;
  out.episode_id = g.episode_id;
  out.study_uid = g.study_uid;
  out.study_date = g.study_date;
  if (g.kl_grade) out.kl_grade = *g.kl_grade;
  if (g.tonnis_grade) out.tonnis_grade = *g.tonnis_grade;
  if (g.joint_space_tenths_mm) out.joint_space_mm = *g.joint_space_tenths_mm / 10.0;
  out.recorded_by = g.recorded_by;
  out.recorded_at = g.recorded_at;
  out.baseline = baseline;
  return out;
}

EpisodeImagingOut episode_imaging_out(const service::EpisodeImaging& i) {
  EpisodeImagingOut out;
  out.archive = std::string(service::to_string(i.archive));
  out.archive_error = i.archive_error;
  if (i.link) out.link = archive_link_out(*i.link);
  const auto baseline = [&](const imaging::RadiographicGrade& g) { return i.baseline_grade_id == g.id; };
  for (const auto& s : i.studies) {
    ImagingStudyOut o;
    o.study_uid = s.study.study_uid;
    o.archive_id = s.study.archive_id;
    o.description = s.study.description;
    o.item_id = s.item_id;
    o.viewer_url = s.viewer_url;
    o.date = s.study.date;
    o.modalities = s.study.modalities;
    if (s.grade) o.grade = grade_out(*s.grade, baseline(*s.grade));
    out.studies.push_back(std::move(o));
  }
  for (const auto& g : i.grades) out.grades.push_back(grade_out(g, baseline(g)));
  return out;
}

}  // namespace rp::api::contract
