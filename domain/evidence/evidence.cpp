#include "domain/evidence/evidence.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::evidence {
namespace {

constexpr StudyDesign kDesigns[] = {StudyDesign::randomised_trial, StudyDesign::systematic_review,
                                    StudyDesign::cohort,           StudyDesign::case_series,
                                    StudyDesign::guideline,        StudyDesign::regulator};
constexpr Stance kStances[] = {Stance::supports, Stance::contradicts, Stance::inconclusive};

bool is_slug(std::string_view s) {
  return !s.empty() && s.size() <= kMaxIdBytes && s.front() != '-' && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

void check_bytes(const std::string& text, std::size_t max, const char* field) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError(field, "required"_err);
  if (text.size() > max) throw InputError(field, "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(max)}});
}

}  // namespace

std::string_view to_string(StudyDesign d) {
  switch (d) {
    case StudyDesign::randomised_trial:
      return "randomised_trial";
    case StudyDesign::systematic_review:
      return "systematic_review";
    case StudyDesign::cohort:
      return "cohort";
    case StudyDesign::case_series:
      return "case_series";
    case StudyDesign::guideline:
      return "guideline";
    case StudyDesign::regulator:
      return "regulator";
  }
  return "";
}

StudyDesign parse_study_design(std::string_view text, std::string_view field) {
  for (const auto d : kDesigns)
    if (to_string(d) == text) return d;
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", std::string(text.substr(0, 40))},
                    {"allowed", "randomised_trial, systematic_review, cohort, case_series, guideline, regulator"}});
}

std::string_view to_string(Stance s) {
  return s == Stance::supports ? "supports" : s == Stance::contradicts ? "contradicts" : "inconclusive";
}

Stance parse_stance(std::string_view text, std::string_view field) {
  for (const auto s : kStances)
    if (to_string(s) == text) return s;
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", std::string(text.substr(0, 40))}, {"allowed", "supports, contradicts, inconclusive"}});
}

void validate_entry(const Entry& e, const ClaimSet& claims) {
  if (!is_slug(e.id)) throw InputError("id", "bad_page_slug"_err, {{"max", static_cast<std::int64_t>(kMaxIdBytes)}});
  if (e.claims.empty()) throw InputError("claims", "required"_err);
  if (e.claims.size() > kMaxClaimsPerEntry)
    throw InputError("claims", "too_many_items"_err, {{"max", static_cast<std::int64_t>(kMaxClaimsPerEntry)}});
  for (std::size_t i = 0; i < e.claims.size(); ++i) {
    const std::string& id = e.claims[i];
    const bool known =
        std::any_of(claims.claims.begin(), claims.claims.end(), [&](const Claim& c) { return c.id == id; });
    const bool twice = std::find(e.claims.begin(), e.claims.begin() + static_cast<std::ptrdiff_t>(i), id) !=
                       e.claims.begin() + static_cast<std::ptrdiff_t>(i);
    if (!known || twice)
      throw InputError("claims", "unknown_claim_for_evidence"_err, {{"claim", id.substr(0, kMaxIdBytes)}});
  }
  check_bytes(e.citation, kMaxCitationBytes, "citation");
  check_typed_text(e.citation, "citation", false);
  if (e.year < kFirstYear || e.year > kLastYear)
    throw InputError("year", "integer_range"_err, {{"name", "year"}, {"min", kFirstYear}, {"max", kLastYear}});
  if (e.n && (*e.n < 1 || *e.n > kMaxPatients))
    throw InputError("n", "integer_range"_err, {{"name", "n"}, {"min", 1}, {"max", kMaxPatients}});
  check_bytes(e.finding.en, kMaxFindingBytes, "finding_en");
  check_typed_text(e.finding.en, "finding_en");
  check_bytes(e.finding.fa, kMaxFindingBytes, "finding_fa");
  check_typed_text(e.finding.fa, "finding_fa");
  // Patients open it: https only, one printable line without spaces (as a map link).
  if (e.link.size() > kMaxLinkBytes)
    throw InputError("link", "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(kMaxLinkBytes)}});
  check_typed_text(e.link, "link", false);
  if (e.link.rfind("https://", 0) != 0 || e.link.size() <= 8 || e.link.find_first_of(" \t\"<>\\") != std::string::npos)
    throw InputError("link", "map_url_not_https"_err);
}

bool randomised_support(const std::vector<Entry>& entries, const std::string& claim) {
  return std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
    const bool controlled = e.design == StudyDesign::randomised_trial || e.design == StudyDesign::systematic_review;
    return controlled && e.stance == Stance::supports && !e.withdrawn_at &&
           std::find(e.claims.begin(), e.claims.end(), claim) != e.claims.end();
  });
}

}  // namespace rp::evidence
