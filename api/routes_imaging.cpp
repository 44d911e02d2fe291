// Imaging through the clinic's archive (issue 20; service/imaging.hpp): staff look the
// patient up in the archive by an identifier and link them, the episode's studies show
// against its imaging items, and the surgeon records the grades read on a study.
#include "api/contract/imaging.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

std::int64_t patient_param(const http::Call& c) { return http::id_param(c.request.params.at("patient_id"), "patient"); }

service::GradeRequest grade_request(const contract::RadiographicGradeIn& in) {
  service::GradeRequest r;
  r.study_uid = in.study_uid;
  r.study_date = in.study_date;
  // Out-of-range whole numbers stay out of range once narrowed: the domain names them.
  const auto grade = [](const std::optional<std::int64_t>& v) -> std::optional<int> {
    if (!v) return std::nullopt;
    return static_cast<int>(std::clamp<std::int64_t>(*v, -1, 99));
  };
  r.kl_grade = grade(in.kl_grade);
  r.tonnis_grade = grade(in.tonnis_grade);
  if (in.joint_space_mm) r.joint_space_tenths_mm = imaging::joint_space_tenths(*in.joint_space_mm);
  return r;
}

}  // namespace

void add_imaging_routes(http::Router& r, Services& s) {
  r.add(
      {"GET",
       "/api/v1/patients/{patient_id}/imaging/candidates",
       "The imaging archive's patients with a Patient ID (by default the patient's record number and national "
       "id; never a name), with the archive's name, birth date and sex for staff to confirm before linking",
       service::Permission::imaging_link,
       {},
       "",
       false,
       false,
       http::querying<contract::ArchiveCandidatesQuery>([&s](http::Call& c, const contract::ArchiveCandidatesQuery& q) {
         const auto found = service::Imaging(s.store, s.clock, s.imaging_archive)
                                .candidates(c.actor, patient_param(c), q.dicom_patient_id.value_or(""));
         return contract::archive_candidates_out(found);
       })});
  r.add({"PUT",
         "/api/v1/patients/{patient_id}/imaging/link",
         "Links the patient to the imaging archive's patient staff chose; when the archive answers it must know the "
         "id. The answer says \"changed\": false when it was linked so already",
         service::Permission::imaging_link,
         {},
         "{dicom_patient_id}",
         false,
         false,
         [&s](http::Call& c, const contract::ArchiveLinkIn& in) {
           bool changed = false;
           const auto link = service::Imaging(s.store, s.clock, s.imaging_archive)
                                 .link(c.actor, patient_param(c), in.dicom_patient_id, &changed);
           return contract::archive_link_out(link, changed);
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/imaging",
         "The patient's studies in the imaging archive, each against the schedule item it answers, with a link to "
         "the viewer, and every radiographic grade recorded for the episode. The archive down or slow: the grades "
         "still show and `archive` says why the studies do not",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::episode_imaging_out(
               service::Imaging(s.store, s.clock, s.imaging_archive).of_episode(c.actor, episode_param(c)));
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/imaging/grades",
         "Records the radiographic grades read on one of the patient's studies (a second reading of the study "
         "replaces the first; the audit log keeps both); the episode's Kellgren-Lawrence and Tönnis grades are its "
         "baseline study's",
         service::Permission::imaging_grade,
         {},
         "{study_uid, study_date?, kl_grade?, tonnis_grade?, joint_space_mm?}",
         false,
         false,
         [&s](http::Call& c, const contract::RadiographicGradeIn& in) {
           const auto recorded = service::Imaging(s.store, s.clock, s.imaging_archive)
                                     .record_grade(c.actor, episode_param(c), grade_request(in));
           return contract::grade_recorded_out(recorded);
         }});
}

}  // namespace rp::api
