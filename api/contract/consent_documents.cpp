#include "api/contract/consent_documents.hpp"

#include <algorithm>

namespace rp::api::contract {

ConsentDocumentOut consent_document_out(const consent::Document& d, std::optional<int> published_version) {
  ConsentDocumentOut out;
  out.centre = d.centre_id;
  out.protocol = d.protocol;
  out.kind = std::string(consent::to_string(d.kind));
  out.version = d.version;
  out.title = texts(d.title);
  for (const auto& s : d.sections) out.sections.push_back({texts(s.heading), texts(s.body)});
  for (const auto& q : d.questions) {
    ConsentQuestionIO io{texts(q.prompt), {}, q.correct};
    for (const auto& o : q.options) io.options.push_back(texts(o));
    out.questions.push_back(std::move(io));
  }
  out.written_by = d.written_by;
  out.written_at = d.written_at;
  out.published_by = d.published_by;
  out.published_at = d.published_at;
  if (published_version) out.published_version = *published_version;
  return out;
}

consent::Document to_consent_document(const ConsentDocumentIn& in, const std::string& centre,
                                      consent::ConsentKind kind) {
  consent::Document d;
  d.centre_id = centre;
  d.protocol = in.protocol.value_or(kDefaultConsentProtocol);
  d.kind = kind;
  d.title = {in.title_en, in.title_fa};
  for (const auto& s : in.sections) d.sections.push_back({{s.heading.en, s.heading.fa}, {s.body.en, s.body.fa}});
  for (const auto& q : in.questions) {
    consent::Question out;
    out.prompt = {q.prompt.en, q.prompt.fa};
    for (const auto& o : q.options) out.options.push_back({o.en, o.fa});
    // Out of int's range reads as just outside the rule's, so the rule names it.
    out.correct = static_cast<int>(std::clamp<std::int64_t>(q.correct, -1, 100));
    d.questions.push_back(std::move(out));
  }
  return d;
}

}  // namespace rp::api::contract
