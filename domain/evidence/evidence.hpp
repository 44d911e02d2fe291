#pragma once
// The published evidence the clinic keeps beside its claims (issue 21): for each study or
// statement, what it is (a randomised trial, a systematic review, a cohort, a case series,
// a guideline, a regulator's statement), how many patients, what it found in English and
// Persian, whether that supports the claim, contradicts it or settles nothing, and where to
// read it. The outcome report and the claims table show it beside the clinic's own
// figures; a claim no randomised evidence supports says so. The clinic's clinical lead
// writes it (the evidence_edit permission); every change is audited and an entry is
// withdrawn, never deleted. Pure: the store keeps entries, service/ checks who writes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/claims.hpp"
#include "domain/protocol.hpp"

namespace rp::evidence {

enum class StudyDesign { randomised_trial, systematic_review, cohort, case_series, guideline, regulator };
std::string_view to_string(StudyDesign d);
// InputError(field, not_one_of) naming the designs.
StudyDesign parse_study_design(std::string_view text, std::string_view field = "design");

enum class Stance { supports, contradicts, inconclusive };
std::string_view to_string(Stance s);
// InputError(field, not_one_of) naming the stances.
Stance parse_stance(std::string_view text, std::string_view field = "stance");

inline constexpr std::size_t kMaxIdBytes = 64, kMaxCitationBytes = 300, kMaxFindingBytes = 2000, kMaxLinkBytes = 500,
                             kMaxClaimsPerEntry = 20;
inline constexpr int kFirstYear = 1950, kLastYear = 2100, kMaxPatients = 10'000'000;

struct Entry {
  std::string id;                   // a-z, 0-9 and hyphens: the entry's name in links
  std::string protocol;             // whose claims it bears on
  std::vector<std::string> claims;  // the claims' ids
  std::string citation;             // one line: authors, journal, year, name of the trial
  int year = 0;
  StudyDesign design = StudyDesign::case_series;
  std::optional<int> n;  // patients studied; none for a guideline or a statement
  Stance stance = Stance::inconclusive;
  LocalText finding;  // what it found, as a patient can read it
  std::string link;   // https only
  int version = 0;    // 1 when first written, one more at each change
  std::string written_by, written_at;
  std::optional<std::string> withdrawn_at;
  std::string withdrawn_by, withdrawn_reason;
};

// The id (bad_page_slug), at least one claim of `claims` and none twice
// (unknown_claim_for_evidence naming it), a one-line citation, the year, n from 1 when
// given, both findings, an https link (map_url_not_https). InputError naming the field:
// id, claims, citation, year, n, finding_en, finding_fa, link.
void validate_entry(const Entry& e, const ClaimSet& claims);

// Whether a randomised trial, or a systematic review, supports the claim among the
// entries still standing: without one the claim rests on no controlled evidence.
bool randomised_support(const std::vector<Entry>& entries, const std::string& claim);

// The starting entries a clinic imports (claims/seed-evidence.yaml): a list under
// `evidence:` of the fields above (finding: {en, fa}). InputError(source, yaml_rule_at_line)
// naming the line and key for a file that is not such a list; the entries are not yet
// validated against a claims file.
std::vector<Entry> parse_entries(std::string_view yaml_text, std::string_view source);

}  // namespace rp::evidence
