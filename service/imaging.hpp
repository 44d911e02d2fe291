#pragma once
// Imaging through the clinic's archive (issue 20, domain/imaging/imaging.hpp): staff link
// a patient to the archive's patient by its Patient ID (shown the archive's name, birth
// date and sex to confirm, never matched by name), the episode's studies are read from the
// archive and set against the schedule's imaging items, and a surgeon records the
// radiographic grades read on a study; the baseline study's grade becomes the episode's.
// The archive is asked outside any transaction, with short timeouts: when it is down or
// slow the episode's grades still show and the panel says why the studies do not.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "channels/imaging_archive.hpp"
#include "domain/episode.hpp"
#include "domain/imaging/imaging.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// Whether the studies could be read: no archive configured, read, or the archive failed.
enum class ArchiveState { not_configured, available, unavailable };
std::string_view to_string(ArchiveState s);

struct ArchiveCandidates {
  ArchiveState archive = ArchiveState::not_configured;
  std::string archive_error;
  std::vector<std::string> asked;  // the Patient IDs asked of the archive
  std::vector<channels::ArchivePatient> candidates;
  std::optional<imaging::ArchiveLink> link;  // the patient's link, if any
};

struct ShownStudy {
  imaging::Study study;
  std::string item_id;  // the schedule item it answers; empty: none
  std::string viewer_url;
  std::optional<imaging::RadiographicGrade> grade;  // the episode's grade of it
};

struct EpisodeImaging {
  ArchiveState archive = ArchiveState::not_configured;
  std::string archive_error;
  std::optional<imaging::ArchiveLink> link;
  std::vector<ShownStudy> studies;                 // the archive's, by date
  std::vector<imaging::RadiographicGrade> grades;  // every grade recorded, by study date
  std::optional<std::int64_t> baseline_grade_id;   // the grade the episode takes
};

struct GradeRequest {
  std::string study_uid;
  std::optional<CivilDate> study_date;  // needed when the archive cannot say it
  std::optional<int> kl_grade, tonnis_grade, joint_space_tenths_mm;
};

struct RecordedGrade {
  imaging::RadiographicGrade grade;
  Episode episode;  // as it stands after: its grades are the baseline study's
  bool baseline = false;
};

class Imaging {
 public:
  // `archive` null: none configured.
  Imaging(store::Store& store, const Clock& clock, channels::ImagingArchive* archive)
      : store_(store), clock_(clock), archive_(archive) {}

  // The archive's patients with the Patient ID asked, or, with none, with the patient's
  // record number or national id (identifiers, never a name). Audited as a read of the
  // patient.
  ArchiveCandidates candidates(const Actor& actor, std::int64_t patient_id, const std::string& dicom_patient_id);
  // Links the patient to the archive's Patient ID. When the archive answers it must know
  // the id (imaging_patient_not_in_archive); when it is down, staff's choice is kept. The
  // same id again writes nothing.
  imaging::ArchiveLink link(const Actor& actor, std::int64_t patient_id, const std::string& dicom_patient_id,
                            bool* changed = nullptr);
  // The episode's studies against its schedule, and its grades. Audited read.
  EpisodeImaging of_episode(const Actor& actor, std::int64_t episode_id);
  // Records (or corrects) the grade of one of the episode's studies. With the archive
  // answering, the study must be the linked patient's and its date is the archive's;
  // otherwise the date is the request's (study_date_required).
  RecordedGrade record_grade(const Actor& actor, std::int64_t episode_id, const GradeRequest& request);

 private:
  store::Store& store_;
  Clock clock_;
  channels::ImagingArchive* archive_;
};

}  // namespace rp::service
