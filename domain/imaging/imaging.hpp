#pragma once
// Imaging from a PACS (issue 20): the studies of a patient's archive as the episode's
// timeline shows them, each against the schedule item that ordered it (the work-up X-ray
// and MRI, the control imaging at 3 and 6 months), and the radiographic grades read on a
// study. The episode's own grade (Kellgren-Lawrence, Tönnis) is its baseline study's: the
// latest graded study taken before the treatment began.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/protocol.hpp"
#include "domain/schedule.hpp"

namespace rp::imaging {

// The archive's Patient ID (DICOM 0010,0020: at most 64 characters, no control
// characters, no backslash). Throws InputError(field) otherwise; returns it trimmed.
std::string checked_dicom_patient_id(std::string_view text, std::string_view field = "dicom_patient_id");
// A study's Instance UID (DICOM UI: digits and dots, 1-64 characters, no empty part).
// Throws InputError(field).
void check_study_uid(std::string_view text, std::string_view field = "study_uid");

// Which of the archive's patients a patient is: chosen by staff, never matched by name.
struct ArchiveLink {
  std::int64_t patient_id = 0;
  std::string centre_id;
  std::string dicom_patient_id;
  std::string linked_by, linked_at;
  bool operator==(const ArchiveLink&) const = default;
};

// One grading of one study for one episode's hip.
struct RadiographicGrade {
  std::int64_t id = 0, episode_id = 0;
  std::string centre_id;
  std::string study_uid;
  CivilDate study_date;
  std::optional<int> kl_grade;               // Kellgren-Lawrence 0-4
  std::optional<int> tonnis_grade;           // Tönnis 0-3
  std::optional<int> joint_space_tenths_mm;  // minimal joint-space width, 0.0-15.0 mm in tenths
  std::string recorded_by, recorded_at;
  bool operator==(const RadiographicGrade&) const = default;
};

inline constexpr int kMaxJointSpaceTenthsMm = 150;

// The study's uid, grades in range and at least one of them given (fields study_uid,
// kl_grade, tonnis_grade, joint_space_mm, grade). Throws InputError.
void validate_grade(const RadiographicGrade& g);
// A width typed in millimetres (3.5) as tenths (35): at most one decimal, 0-15 mm.
// Throws InputError(field) for more decimals or out of range.
int joint_space_tenths(double millimetres, std::string_view field = "joint_space_mm");

// The grade the episode takes: the latest study dated on or before `treatment_start`
// (the harvest; no date yet: every study so far) that has a Kellgren-Lawrence or Tönnis
// grade; ties on a day go to the grade recorded last. Null when none.
const RadiographicGrade* baseline_grade(const std::vector<RadiographicGrade>& grades,
                                        std::optional<CivilDate> treatment_start);

// A study as the archive describes it.
struct Study {
  std::string archive_id;  // the archive's own id (Orthanc's), for the viewer's link
  std::string study_uid;
  std::optional<CivilDate> date;  // none when the archive's StudyDate is empty or malformed
  std::string description;
  std::vector<std::string> modalities;  // DICOM codes of its series (CR, DX, MR, ...)
};

// The schedule item a study answers: an item whose protocol entry lists one of the
// study's modalities and whose window (its dates when it has none) holds the study's
// date, the one nearest its planned date first. Empty when no item fits.
std::string item_of_study(const Study& s, const Protocol& protocol, const std::vector<ScheduledItem>& items);

}  // namespace rp::imaging
