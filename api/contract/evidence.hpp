#pragma once
// The published evidence beside the claims as the clinic's clinical lead writes it and
// anyone reads it (api/routes_evidence.cpp, service/evidence.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/enums.hpp"
#include "api/http/contract.hpp"
#include "service/evidence.hpp"

namespace rp::api::http {
namespace enum_names {
inline constexpr char kStudyDesign[] = "StudyDesign";
inline constexpr char kStance[] = "EvidenceStance";
}  // namespace enum_names
template <>
struct EnumNames<evidence::StudyDesign>
    : ParsedEnum<evidence::StudyDesign, enum_names::kStudyDesign, evidence::parse_study_design> {
  static std::vector<evidence::StudyDesign> values() {
    using D = evidence::StudyDesign;
    return {D::randomised_trial, D::systematic_review, D::cohort, D::case_series, D::guideline, D::regulator};
  }
};
template <>
struct EnumNames<evidence::Stance> : ParsedEnum<evidence::Stance, enum_names::kStance, evidence::parse_stance> {
  static std::vector<evidence::Stance> values() {
    return {evidence::Stance::supports, evidence::Stance::contradicts, evidence::Stance::inconclusive};
  }
};
}  // namespace rp::api::http

namespace rp::api::contract {

using http::FieldRule;

struct EvidenceIn {
  static constexpr const char* kSchema = "EvidenceEntryIn";
  std::string protocol;
  std::optional<std::vector<std::string>> claims;  // required: the service names it when missing
  std::string citation;
  std::int64_t year = 0;
  evidence::StudyDesign design = evidence::StudyDesign::case_series;
  std::optional<std::int64_t> n;
  evidence::Stance stance = evidence::Stance::inconclusive;
  std::string finding_en, finding_fa, link;
  template <class V>
  static void fields(V& v) {
    using E = EvidenceIn;
    v("protocol", &E::protocol, "the protocol whose claims it bears on", FieldRule{.max_bytes = 64});
    v("claims", &E::claims, "the ids of the claims it bears on (at least one)",
      FieldRule{.max_bytes = 64, .max_items = 20});
    v("citation", &E::citation, "one line: authors, journal, year, the trial's name", FieldRule{.max_bytes = 300});
    v("year", &E::year, "the year it was published");
    v("design", &E::design,
      "randomised_trial, systematic_review, cohort, case_series, guideline or regulator (a regulator's statement)");
    v("n", &E::n, "patients studied; left out for a guideline or a statement");
    v("stance", &E::stance, "whether what it found supports the claim, contradicts it or is inconclusive");
    v("finding_en", &E::finding_en, "what it found, as a patient can read it", FieldRule{.max_bytes = 2000});
    v("finding_fa", &E::finding_fa, "the same in Persian", FieldRule{.max_bytes = 2000});
    v("link", &E::link, "where to read it: https only", FieldRule{.max_bytes = 500});
  }
};

struct EvidenceOut {
  static constexpr const char* kSchema = "EvidenceEntry";
  std::string id, protocol;
  std::vector<std::string> claims;
  std::string citation;
  std::int64_t year = 0;
  evidence::StudyDesign design = evidence::StudyDesign::case_series;
  std::optional<std::int64_t> n;
  evidence::Stance stance = evidence::Stance::inconclusive;
  std::string finding_en, finding_fa, link;
  std::int64_t version = 0;
  std::string written_by, written_at;
  std::optional<std::string> withdrawn_at, withdrawn_reason;
  template <class V>
  static void fields(V& v) {
    using E = EvidenceOut;
    const FieldRule left_out{.omit_when_empty = true};
    v("id", &E::id, "");
    v("protocol", &E::protocol, "");
    v("claims", &E::claims, "the ids of the claims it bears on");
    v("citation", &E::citation, "");
    v("year", &E::year, "");
    v("design", &E::design, "");
    v("n", &E::n, "patients studied; left out when not a study", left_out);
    v("stance", &E::stance, "supports, contradicts or inconclusive, as to its claims");
    v("finding_en", &E::finding_en, "");
    v("finding_fa", &E::finding_fa, "");
    v("link", &E::link, "https");
    v("version", &E::version, "1 when first written, one more at each change");
    v("written_by", &E::written_by, "");
    v("written_at", &E::written_at, "UTC");
    v("withdrawn_at", &E::withdrawn_at, "UTC; left out while it stands", left_out);
    v("withdrawn_reason", &E::withdrawn_reason, "left out while it stands", left_out);
  }
};

struct ClaimEvidenceOut {
  static constexpr const char* kSchema = "ClaimEvidence";
  std::string claim, words_en, words_fa;
  bool randomised_support = false;
  std::int64_t entries = 0;
  template <class V>
  static void fields(V& v) {
    v("claim", &ClaimEvidenceOut::claim, "");
    v("words_en", &ClaimEvidenceOut::words_en, "the claim as the article says it");
    v("words_fa", &ClaimEvidenceOut::words_fa, "");
    v("randomised_support", &ClaimEvidenceOut::randomised_support,
      "a randomised trial or a systematic review supports it; false: it rests on no controlled evidence");
    v("entries", &ClaimEvidenceOut::entries, "the entries that bear on it");
  }
};

struct EvidenceListOut {
  static constexpr const char* kSchema = "ProtocolEvidence";
  std::string protocol;
  std::vector<EvidenceOut> entries;
  std::vector<ClaimEvidenceOut> claims;
  template <class V>
  static void fields(V& v) {
    v("protocol", &EvidenceListOut::protocol, "");
    v("entries", &EvidenceListOut::entries, "the entries standing, by id");
    v("claims", &EvidenceListOut::claims, "every claim of the protocol, in the claims file's order");
  }
};

struct EvidenceWithdrawalIn {
  static constexpr const char* kSchema = "EvidenceWithdrawal";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &EvidenceWithdrawalIn::reason, "why it no longer stands, at most 500 bytes",
      FieldRule{.max_bytes = 500});
  }
};

EvidenceOut evidence_out(const evidence::Entry& e);
evidence::Entry to_entry(const EvidenceIn& in, const std::string& id);
EvidenceListOut evidence_list_out(const service::EvidenceView& v);

}  // namespace rp::api::contract
