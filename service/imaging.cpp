#include "service/imaging.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"
#include "service/patient_access.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

// The archive's answer, or why there is none.
template <typename Ask>
auto ask_archive(channels::ImagingArchive* archive, ArchiveState& state, std::string& error, Ask ask)
    -> decltype(ask(*archive)) {
  if (!archive) {
    state = ArchiveState::not_configured;
    return {};
  }
  try {
    auto answer = ask(*archive);
    state = ArchiveState::available;
    return answer;
  } catch (const channels::ArchiveUnavailable& e) {
    state = ArchiveState::unavailable;
    error = e.what();
    return {};
  }
}

std::string grade_text(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("-"); }

}  // namespace

std::string_view to_string(ArchiveState s) {
  switch (s) {
    case ArchiveState::not_configured:
      return "not_configured";
    case ArchiveState::available:
      return "available";
    case ArchiveState::unavailable:
      return "unavailable";
  }
  return "not_configured";
}

ArchiveCandidates Imaging::candidates(const Actor& actor, std::int64_t patient_id,
                                      const std::string& dicom_patient_id) {
  require(actor, Permission::imaging_link);
  ArchiveCandidates out;
  if (!dicom_patient_id.empty()) out.asked.push_back(imaging::checked_dicom_patient_id(dicom_patient_id));
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient p = visible_patient(tx, actor, patient_id);
    if (out.asked.empty()) {
      out.asked.push_back(p.mrn);
      if (p.national_id != p.mrn) out.asked.push_back(p.national_id);
    }
    out.link = tx.imaging_link(patient_id);
    tx.append_audit(audit_entry(clock_, actor, p.centre_id, "patient.read", "patient", std::to_string(patient_id),
                                "imaging candidates"));
  });
  out.candidates = ask_archive(archive_, out.archive, out.archive_error, [&](channels::ImagingArchive& a) {
    std::vector<channels::ArchivePatient> found;
    for (const auto& id : out.asked)
      for (auto& c : a.patients_with_id(id)) found.push_back(std::move(c));
    return found;
  });
  return out;
}

imaging::ArchiveLink Imaging::link(const Actor& actor, std::int64_t patient_id, const std::string& dicom_patient_id,
                                   bool* changed) {
  require(actor, Permission::imaging_link);
  const std::string id = imaging::checked_dicom_patient_id(dicom_patient_id);
  store_.read(record_scope(actor), [&](store::Transaction& tx) { visible_patient(tx, actor, patient_id); });
  ArchiveState state = ArchiveState::not_configured;
  std::string error;
  const auto found =
      ask_archive(archive_, state, error, [&](channels::ImagingArchive& a) { return a.patients_with_id(id); });
  if (state == ArchiveState::available && found.empty())
    throw InputError("dicom_patient_id", "imaging_patient_not_in_archive"_err);
  imaging::ArchiveLink out;
  if (changed) *changed = false;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient p = visible_patient(tx, actor, patient_id);
    const auto before = tx.imaging_link(patient_id);
    if (before && before->dicom_patient_id == id) {
      out = *before;
      return;
    }
    out = imaging::ArchiveLink{patient_id, p.centre_id, id, actor.user, clock_.now_iso()};
    tx.save_imaging_link(out);
    // The id itself stays out of the log: it is often the record number or national id.
    std::string detail = before ? "linked to another of the archive's patients" : "linked to the archive's patient";
    if (state != ArchiveState::available)
      detail += " (not confirmed by the archive: " + std::string(to_string(state)) + ")";
    tx.append_audit(
        audit_entry(clock_, actor, p.centre_id, "imaging.link", "patient", std::to_string(patient_id), detail));
    if (changed) *changed = true;
  });
  return out;
}

EpisodeImaging Imaging::of_episode(const Actor& actor, std::int64_t episode_id) {
  EpisodeImaging out;
  Episode episode;
  std::vector<ScheduledItem> schedule;
  audited_episode_read(store_, clock_, actor, episode_id, "episode.read", [&](store::Transaction& tx) {
    episode = *tx.find_episode(episode_id);
    out.link = tx.imaging_link(episode.patient_id);
    out.grades = tx.radiographic_grades(episode_id);
    schedule = tx.schedule_of(episode_id);
    return 0;
  });
  if (const auto* b = imaging::baseline_grade(out.grades, episode.harvest_date)) out.baseline_grade_id = b->id;
  if (!out.link) {
    out.archive = archive_ ? ArchiveState::available : ArchiveState::not_configured;
    return out;
  }
  const auto studies = ask_archive(archive_, out.archive, out.archive_error, [&](channels::ImagingArchive& a) {
    return a.studies_of(out.link->dicom_patient_id);
  });
  const auto protocol = load_protocol(episode.protocol_id);
  for (const auto& s : studies) {
    ShownStudy shown{s, imaging::item_of_study(s, *protocol, schedule), archive_->viewer_url(s), std::nullopt};
    for (const auto& g : out.grades)
      if (g.study_uid == s.study_uid) shown.grade = g;
    out.studies.push_back(std::move(shown));
  }
  return out;
}

RecordedGrade Imaging::record_grade(const Actor& actor, std::int64_t episode_id, const GradeRequest& request) {
  require(actor, Permission::imaging_grade);
  imaging::RadiographicGrade g;
  g.episode_id = episode_id;
  g.study_uid = request.study_uid;
  g.kl_grade = request.kl_grade;
  g.tonnis_grade = request.tonnis_grade;
  g.joint_space_tenths_mm = request.joint_space_tenths_mm;
  // Bad input is named before the archive is asked (the date is checked once known).
  imaging::validate_grade(g);
  std::optional<imaging::ArchiveLink> link;
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    link = tx.imaging_link(e.patient_id);
  });
  ArchiveState state = ArchiveState::not_configured;
  std::string error;
  std::optional<CivilDate> archive_date;
  if (link) {
    const auto studies = ask_archive(archive_, state, error,
                                     [&](channels::ImagingArchive& a) { return a.studies_of(link->dicom_patient_id); });
    if (state == ArchiveState::available) {
      const auto s = std::find_if(studies.begin(), studies.end(),
                                  [&](const imaging::Study& s) { return s.study_uid == g.study_uid; });
      if (s == studies.end()) throw InputError("study_uid", "imaging_study_not_of_patient"_err);
      archive_date = s->date;
    }
  }
  if (archive_date && request.study_date && *request.study_date != *archive_date)
    throw InputError("study_date", "study_date_not_the_archives"_err, {{"date", archive_date->iso()}});
  if (!archive_date && !request.study_date) throw InputError("study_date", "study_date_required"_err);
  g.study_date = archive_date ? *archive_date : *request.study_date;
  if (g.study_date > clock_.today()) throw InputError("study_date", "in_the_future"_err);

  RecordedGrade out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    Episode e = visible_episode(tx, actor, episode_id);
    g.centre_id = e.centre_id;
    g.recorded_by = actor.user;
    g.recorded_at = clock_.now_iso();
    g.id = tx.save_radiographic_grade(g);
    std::string detail = "study " + g.study_uid + " of " + g.study_date.iso() + ": kl_grade " + grade_text(g.kl_grade) +
                         ", tonnis_grade " + grade_text(g.tonnis_grade) + ", joint_space_tenths_mm " +
                         grade_text(g.joint_space_tenths_mm);
    if (state != ArchiveState::available) detail += " (date as given: archive " + std::string(to_string(state)) + ")";
    tx.append_audit(
        audit_entry(clock_, actor, e.centre_id, "imaging.grade", "episode", std::to_string(episode_id), detail));
    const auto grades = tx.radiographic_grades(episode_id);
    const auto* baseline = imaging::baseline_grade(grades, e.harvest_date);
    out.baseline = baseline && baseline->id == g.id;
    if (baseline && (baseline->kl_grade != e.kl_grade || baseline->tonnis_grade != e.tonnis_grade)) {
      const Episode before = e;
      // The study's grade as read: a grade the reading left out keeps the episode's.
      if (baseline->kl_grade) e.kl_grade = baseline->kl_grade;
      if (baseline->tonnis_grade) e.tonnis_grade = baseline->tonnis_grade;
      if (before.kl_grade != e.kl_grade || before.tonnis_grade != e.tonnis_grade) {
        tx.update_episode(e, clock_.now_iso());
        tx.append_audit(audit_entry(clock_, actor, e.centre_id, "episode.update", "episode", std::to_string(episode_id),
                                    "kl_grade: " + grade_text(before.kl_grade) + " -> " + grade_text(e.kl_grade) +
                                        "; tonnis_grade: " + grade_text(before.tonnis_grade) + " -> " +
                                        grade_text(e.tonnis_grade) + "; from the baseline study " +
                                        baseline->study_uid));
      }
    }
    out.grade = g;
    out.episode = e;
  });
  return out;
}

}  // namespace rp::service
