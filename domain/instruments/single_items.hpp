#pragma once
// Short follow-up measures with wording of our own (English and Persian, in
// instruments/*.json): hip pain NRS, patient global assessment, return to daily
// activities and satisfaction.
#include <array>
#include <optional>
#include <string_view>

#include "base/civil_date.hpp"
#include "domain/instruments/answers.hpp"

namespace rp::instruments {

// Hip pain over the last week on an 11-point numeric rating scale, 0 = no pain,
// 10 = worst pain imaginable, asked twice: at rest and during activity.
// The headline "pain" score is the activity item: hip OA pain is load-related, the
// activity item moves most with treatment, and it is the item the IMMPACT responder
// rule is applied to. A missing activity item leaves "pain" null even if rest is given.
inline constexpr std::array<std::string_view, 2> kNrsItemIds{"pain_rest", "pain_activity"};
struct NrsScores {
  std::optional<int> pain, pain_rest, pain_activity;
};
NrsScores score_nrs(const Answers& answers);

// Patient global assessment of the hip, 0–100, 0 = very well, 100 = very poorly
// (the OMERACT-OARSI orientation: higher = worse). Item "global".
inline constexpr std::array<std::string_view, 1> kPatientGlobalItemIds{"global"};
std::optional<int> score_patient_global(const Answers& answers);

// Return to usual daily activities. Item "returned_on": a date (YYYY-MM-DD, any digits)
// or the code "not_yet".
inline constexpr std::array<std::string_view, 1> kReturnToActivityItemIds{"returned_on"};
struct ReturnToActivity {
  std::optional<bool> returned;  // null when unanswered
  std::optional<CivilDate> date;
};
ReturnToActivity score_return_to_activity(const Answers& answers);

// Satisfaction with the treatment, 1 = very dissatisfied ... 5 = very satisfied.
// Item "satisfaction".
inline constexpr std::array<std::string_view, 1> kSatisfactionItemIds{"satisfaction"};
std::optional<int> score_satisfaction(const Answers& answers);

}  // namespace rp::instruments
