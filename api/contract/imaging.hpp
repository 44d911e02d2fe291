#pragma once
// Imaging through the clinic's archive as the API reads and writes it
// (api/routes_imaging.cpp, service/imaging.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/patients.hpp"
#include "api/http/contract.hpp"
#include "api/http/query.hpp"
#include "service/imaging.hpp"

namespace rp::api::contract {

using http::FieldRule;

inline constexpr const char* kArchiveStateText =
    "not_configured (the server names no archive), available (the archive answered; before the patient is linked, "
    "configured and not asked) or unavailable (it did not answer, or not in time: archive_error says why; the grades "
    "recorded still show)";

struct ArchiveLinkOut {
  static constexpr const char* kSchema = "ImagingArchiveLink";
  std::int64_t patient_id = 0;
  std::string dicom_patient_id, linked_by, linked_at;
  bool changed = true;
  template <class V>
  static void fields(V& v) {
    v("patient_id", &ArchiveLinkOut::patient_id, "");
    v("dicom_patient_id", &ArchiveLinkOut::dicom_patient_id, "the archive's Patient ID (DICOM 0010,0020)");
    v("linked_by", &ArchiveLinkOut::linked_by, "the account that chose it");
    v("linked_at", &ArchiveLinkOut::linked_at, "UTC");
    v("changed", &ArchiveLinkOut::changed, "false when the patient was linked to this id already (nothing written)");
  }
};

ArchiveLinkOut archive_link_out(const imaging::ArchiveLink& l, bool changed = true);

struct ArchiveLinkIn {
  static constexpr const char* kSchema = "ImagingArchiveLinkChange";
  std::string dicom_patient_id;
  template <class V>
  static void fields(V& v) {
    v("dicom_patient_id", &ArchiveLinkIn::dicom_patient_id,
      "the archive's Patient ID staff chose after seeing the archive's name and birth date for it",
      FieldRule{.max_bytes = 200});
  }
};

struct ArchivePatientOut {
  static constexpr const char* kSchema = "ImagingArchivePatient";
  std::string dicom_patient_id, name, birth_date, sex;
  std::int64_t studies = 0;
  template <class V>
  static void fields(V& v) {
    v("dicom_patient_id", &ArchivePatientOut::dicom_patient_id, "");
    v("name", &ArchivePatientOut::name, "as the archive has it (DICOM's ^ between family and given names)");
    v("birth_date", &ArchivePatientOut::birth_date, "YYYY-MM-DD; empty when the archive has none");
    v("sex", &ArchivePatientOut::sex, "M, F, O or empty, as the archive has it");
    v("studies", &ArchivePatientOut::studies, "how many studies the archive holds for them");
  }
};

struct ArchiveCandidatesOut {
  static constexpr const char* kSchema = "ImagingArchiveCandidates";
  std::string archive, archive_error;
  std::vector<std::string> asked;
  std::vector<ArchivePatientOut> candidates;
  std::optional<ArchiveLinkOut> link;
  template <class V>
  static void fields(V& v) {
    v("archive", &ArchiveCandidatesOut::archive, kArchiveStateText);
    v("archive_error", &ArchiveCandidatesOut::archive_error, "why the archive could not be asked; empty otherwise");
    v("asked", &ArchiveCandidatesOut::asked,
      "the Patient IDs asked: the one given, or the patient's record number and national id");
    v("candidates", &ArchiveCandidatesOut::candidates, "the archive's patients with one of those ids exactly");
    v("link", &ArchiveCandidatesOut::link, "the patient's link; left out before the first",
      FieldRule{.omit_when_empty = true});
  }
};

ArchiveCandidatesOut archive_candidates_out(const service::ArchiveCandidates& found);

struct ArchiveCandidatesQuery {
  std::optional<std::string> dicom_patient_id;
  template <class V>
  static void fields(V& v) {
    v("dicom_patient_id", &ArchiveCandidatesQuery::dicom_patient_id,
      "a Patient ID to look for; without it, the patient's record number and national id",
      http::ParamRule{.max_bytes = 200, .empty_is_absent = true});
  }
};

struct RadiographicGradeOut {
  static constexpr const char* kSchema = "RadiographicGrade";
  std::int64_t id = 0, episode_id = 0;
  std::string study_uid;
  CivilDate study_date;
  std::optional<std::int64_t> kl_grade, tonnis_grade;
  std::optional<double> joint_space_mm;
  std::string recorded_by, recorded_at;
  bool baseline = false;
  template <class V>
  static void fields(V& v) {
    v("id", &RadiographicGradeOut::id, "");
    v("episode_id", &RadiographicGradeOut::episode_id, "");
    v("study_uid", &RadiographicGradeOut::study_uid, "the study's Study Instance UID");
    v("study_date", &RadiographicGradeOut::study_date, "the day the study was taken");
    v("kl_grade", &RadiographicGradeOut::kl_grade, "Kellgren-Lawrence 0-4; null when not read");
    v("tonnis_grade", &RadiographicGradeOut::tonnis_grade, "Tönnis 0-3; null when not read");
    v("joint_space_mm", &RadiographicGradeOut::joint_space_mm,
      "minimal joint-space width in millimetres, to a tenth; null when not measured");
    v("recorded_by", &RadiographicGradeOut::recorded_by, "");
    v("recorded_at", &RadiographicGradeOut::recorded_at, "UTC");
    v("baseline", &RadiographicGradeOut::baseline,
      "the episode's baseline: the latest graded study before the harvest, whose grades the episode takes");
  }
};

RadiographicGradeOut grade_out(const imaging::RadiographicGrade& g, bool baseline);

struct RadiographicGradeIn {
  static constexpr const char* kSchema = "RadiographicGradeChange";
  std::string study_uid;
  std::optional<CivilDate> study_date;
  std::optional<std::int64_t> kl_grade, tonnis_grade;
  std::optional<double> joint_space_mm;
  template <class V>
  static void fields(V& v) {
    v("study_uid", &RadiographicGradeIn::study_uid, "the study's Study Instance UID", FieldRule{.max_bytes = 64});
    v("study_date", &RadiographicGradeIn::study_date,
      "the day the study was taken: needed only when the archive cannot be asked (it must agree when it can)");
    v("kl_grade", &RadiographicGradeIn::kl_grade, "Kellgren-Lawrence 0-4");
    v("tonnis_grade", &RadiographicGradeIn::tonnis_grade, "Tönnis 0-3");
    v("joint_space_mm", &RadiographicGradeIn::joint_space_mm,
      "minimal joint-space width in millimetres, at most one decimal", FieldRule{.min = 0, .max = 15});
  }
};

struct GradeRecordedOut {
  static constexpr const char* kSchema = "RadiographicGradeRecorded";
  RadiographicGradeOut grade;
  EpisodeOut episode;
  template <class V>
  static void fields(V& v) {
    v("grade", &GradeRecordedOut::grade, "");
    v("episode", &GradeRecordedOut::episode, "the episode after: its grades are its baseline study's");
  }
};

GradeRecordedOut grade_recorded_out(const service::RecordedGrade& recorded);

struct ImagingStudyOut {
  static constexpr const char* kSchema = "ImagingStudy";
  std::string study_uid, archive_id, description, item_id, viewer_url;
  std::optional<CivilDate> date;
  std::vector<std::string> modalities;
  std::optional<RadiographicGradeOut> grade;
  template <class V>
  static void fields(V& v) {
    v("study_uid", &ImagingStudyOut::study_uid, "Study Instance UID");
    v("archive_id", &ImagingStudyOut::archive_id, "the archive's own id of the study");
    v("date", &ImagingStudyOut::date, "the study's date; null when the archive has none");
    v("description", &ImagingStudyOut::description, "as the archive has it");
    v("modalities", &ImagingStudyOut::modalities, "DICOM modalities of its series (CR, DX, MR, ...)");
    v("item_id", &ImagingStudyOut::item_id,
      "the schedule item it answers (the work-up X-ray or MRI, the control imaging); empty when none");
    v("viewer_url", &ImagingStudyOut::viewer_url, "where the study opens in the archive's viewer");
    v("grade", &ImagingStudyOut::grade, "the episode's grade of it; left out before one is recorded",
      FieldRule{.omit_when_empty = true});
  }
};

struct EpisodeImagingOut {
  static constexpr const char* kSchema = "EpisodeImaging";
  std::string archive, archive_error;
  std::optional<ArchiveLinkOut> link;
  std::vector<ImagingStudyOut> studies;
  std::vector<RadiographicGradeOut> grades;
  template <class V>
  static void fields(V& v) {
    v("archive", &EpisodeImagingOut::archive, kArchiveStateText);
    v("archive_error", &EpisodeImagingOut::archive_error, "why the studies could not be read; empty otherwise");
    v("link", &EpisodeImagingOut::link, "the patient's archive link; left out before staff choose it",
      FieldRule{.omit_when_empty = true});
    v("studies", &EpisodeImagingOut::studies, "the archive's studies of the patient, by date");
    v("grades", &EpisodeImagingOut::grades, "every grade recorded for the episode, by study date");
  }
};

EpisodeImagingOut episode_imaging_out(const service::EpisodeImaging& i);

}  // namespace rp::api::contract
