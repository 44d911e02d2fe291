#pragma once
// A clinician's assessment of an adverse event: its CTCAE v5.0 grade, the regulatory
// seriousness criteria it meets, what it is related to and how it ended. The patient's
// word for it ("severity": mild, moderate, severe, serious) stays as they said it; whether
// the event counts as serious in the outcome report is decided here, from the assessment.
//
// Seriousness follows ICH E2A / 21 CFR 312.32: an event is serious when it results in
// death, is life-threatening, requires or prolongs hospitalisation, results in persistent
// disability, is a congenital anomaly, or is medically important. A CTCAE grade of 4
// (life-threatening) or 5 (death) is serious by itself.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rp {

enum class SeriousReason {
  death,
  life_threatening,
  hospitalisation,  // requires in-patient hospitalisation or prolongs it
  persistent_disability,
  congenital_anomaly,
  medically_important,
};
std::string_view to_string(SeriousReason r);
SeriousReason parse_serious_reason(std::string_view text, std::string_view field = "serious_reasons");
const std::vector<SeriousReason>& all_serious_reasons();

// What the event is related to, in the clinician's judgement.
enum class Relatedness { harvest, injection, neither };
std::string_view to_string(Relatedness r);
Relatedness parse_relatedness(std::string_view text, std::string_view field = "relatedness");

enum class EventOutcome { resolved, ongoing, sequelae, death };
std::string_view to_string(EventOutcome o);
EventOutcome parse_event_outcome(std::string_view text, std::string_view field = "outcome");

struct EventAssessment {
  std::optional<int> ctcae_grade;      // 1–5; unset until a clinician grades it
  std::vector<SeriousReason> serious;  // the criteria met; empty: none (or not assessed)
  std::optional<Relatedness> relatedness;
  std::optional<EventOutcome> outcome;

  // Serious by the regulatory definition: any criterion met, or CTCAE grade 4 or 5.
  bool is_serious() const;
  // Known well enough to count as serious or not: graded, or any criterion ticked.
  bool is_assessed() const;
};

// What staff record an adverse event as, and what a patient reports a red flag as. The
// outcome report counts adverse events by these categories.
const std::vector<std::string_view>& adverse_event_categories();
const std::vector<std::string_view>& red_flag_categories();
// Throws InputError("category") naming the allowed values.
void check_category(std::string_view kind, std::string_view category);

// Checks the grade's range and that a death is told the same way wherever it is told
// (grade 5, outcome "death" and the criterion "death"); a death adds its criterion. Sorts
// the criteria and removes repeats. Throws InputError naming the field.
void validate_assessment(EventAssessment& a);

// The criteria as stored and sent: comma-separated names in the enum's order ("" for none).
std::string serious_reasons_text(const std::vector<SeriousReason>& reasons);
std::vector<SeriousReason> parse_serious_reasons_text(std::string_view text, std::string_view field);

}  // namespace rp
