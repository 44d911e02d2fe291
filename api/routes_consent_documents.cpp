// A centre's informed-consent documents (issue 21; service/consent_documents.hpp): its
// clinical staff write them, its admin publishes the version patients will sign.
#include "api/contract/consent_documents.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

const std::string& consent_centre(const http::Call& c) { return c.request.params.at("centre_id"); }
consent::ConsentKind consent_kind(const http::Call& c) {
  return consent::parse_consent_kind(c.request.params.at("kind"), "kind");
}

}  // namespace

void add_consent_document_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/centres/{centre_id}/consent-documents",
         "The centre's consent documents (treatment, registry, contact, per protocol): each one's latest version "
         "and the version patients sign",
         service::Permission::consent_edit,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           contract::ConsentDocumentsOut out;
           for (const auto& st : service::ConsentDocuments(s.store, s.clock).of_centre(c.actor, consent_centre(c)))
             out.documents.push_back(contract::consent_document_out(st.latest, st.published_version));
           return out;
         }});
  r.add({"PUT",
         "/api/v1/centres/{centre_id}/consent-documents/{kind}",
         "Writes the centre's consent document of a kind (treatment, registry or contact) for a protocol: over the "
         "draft, or as the next version once one was published (what patients signed never changes). The same "
         "content again writes nothing; a claim's figure written as a fact is refused (audited)",
         service::Permission::consent_edit,
         {},
         "{protocol?, title_en, title_fa, sections: [{heading: {en, fa}, body: {en, fa}}], questions: [{prompt: "
         "{en, fa}, options: [{en, fa}], correct}]}",
         false,
         false,
         [&s](http::Call& c, const contract::ConsentDocumentIn& in) {
           const auto saved = service::ConsentDocuments(s.store, s.clock)
                                  .save(c.actor, contract::to_consent_document(in, consent_centre(c), consent_kind(c)));
           return contract::consent_document_out(saved.latest, saved.published_version);
         }});
  r.add({"POST",
         "/api/v1/centres/{centre_id}/consent-documents/{kind}/publication",
         "Publishes the document's latest version: patients sign it from now on. An earlier version is refused "
         "(page_version_not_latest); the centre's admin only",
         service::Permission::centre_edit,
         {},
         "{protocol?, version}",
         false,
         false,
         [&s](http::Call& c, const contract::ConsentPublicationIn& in) {
           const int version = static_cast<int>(std::clamp<std::int64_t>(in.version, 0, 1 << 30));
           const auto d =
               service::ConsentDocuments(s.store, s.clock)
                   .publish(c.actor, consent_centre(c), in.protocol.value_or(contract::kDefaultConsentProtocol),
                            consent_kind(c), version);
           return contract::consent_document_out(d, d.version);
         }});
}

}  // namespace rp::api
