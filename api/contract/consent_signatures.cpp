#include "api/contract/consent_signatures.hpp"

#include <limits>

namespace rp::api::contract {

SignedConsentOut signed_consent_out(const consent::SignedConsent& s) {
  SignedConsentOut out;
  out.id = s.id;
  out.patient = s.patient_id;
  out.episode = s.episode_id;
  out.kind = std::string(consent::to_string(s.kind));
  out.protocol = s.protocol;
  out.version = s.version;
  out.language = s.language;
  out.signed_name = s.signed_name;
  out.signed_at = s.signed_at;
  out.pdf_sha256 = s.pdf_sha256;
  out.witness_by = s.witness_by;
  out.witness_role = s.witness_role;
  out.witnessed_at = s.witnessed_at;
  out.withdrawn_at = s.withdrawn_at;
  out.withdrawn_by = s.withdrawn_by;
  out.withdrawal_reason = s.withdrawal_reason;
  out.standing = !s.withdrawn();
  out.drawn = !s.strokes.empty();
  return out;
}

ConsentToReadOut consent_to_read_out(const service::ConsentToRead& r) {
  ConsentToReadOut out;
  out.kind = std::string(consent::to_string(r.document.kind));
  out.protocol = r.document.protocol;
  out.version = r.document.version;
  out.episode = r.episode_id;
  out.title = r.copy.title;
  out.figures_as_of = r.copy.figures_as_of;
  for (const auto& s : r.copy.sections) {
    ShownSectionOut section{s.heading, {}};
    for (const auto& b : s.blocks) section.blocks.push_back({b.text, b.figure});
    out.sections.push_back(std::move(section));
  }
  for (const auto& q : r.copy.questions) out.questions.push_back({q.prompt, q.options});
  if (r.signed_copy) out.signed_copy = signed_consent_out(*r.signed_copy);
  return out;
}

consent::Signing to_signing(const ConsentSigningIn& in) {
  consent::Signing s;
  // An index beyond int is no option of any question: kept out of range, refused as wrong.
  for (const auto& a : in.answers)
    s.answers.push_back(a.option < 0 || a.option > std::numeric_limits<int>::max() ? -1 : static_cast<int>(a.option));
  s.name = in.name;
  s.strokes = consent::parse_strokes(in.signature.value_or(""), "signature");
  s.typed_only = in.typed_only;
  return s;
}

}  // namespace rp::api::contract
