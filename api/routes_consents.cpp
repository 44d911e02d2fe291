// Signed consents (issue 21; service/consent_signing.hpp): the patient reads and signs the
// centre's consents in the portal, downloads the signed copy and may withdraw one; the
// clinic's witnesses see them, countersign and download them.
#include "api/contract/consent_signatures.hpp"
#include "api/contract/labels.hpp"
#include "api/labels/consent_sheet.hpp"
#include "api/routes.hpp"
#include "api/sheet_files.hpp"

namespace rp::api {
namespace {

service::ConsentSigning signing(Services& s) {
  return service::ConsentSigning(s.store, s.clock, s.heavy_reads, labels::consent_pdf);
}

std::int64_t signature_param(const http::Call& c) {
  return http::id_param(c.request.params.at("signature_id"), "consent_signature");
}

http::Response signed_pdf(const consent::SignedConsent& s) {
  http::Response res;
  res.body = s.pdf;
  res.content_type = "application/pdf";
  res.headers.emplace_back(
      "Content-Disposition",
      "inline; filename=\"consent-" + std::string(consent::to_string(s.kind)) + "-" + std::to_string(s.id) + ".pdf\"");
  return res;
}

http::Handler signed_pdf_handler(Services& s) {
  return http::answering_files({"application/pdf"}, [&s](http::Call& c) {
    return signed_pdf(signing(s).signed_copy(c.actor, signature_param(c)));
  });
}

contract::SignedConsentOut withdrawn(Services& s, http::Call& c, const contract::ConsentWithdrawalIn& in) {
  return contract::signed_consent_out(signing(s).withdraw(c.actor, signature_param(c), in.reason));
}

}  // namespace

void add_consent_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/me/consents",
         "What the signed-in patient's centre asks them to read and sign (?lang=en|fa): the treatment consent for "
         "each episode not yet harvested, the registry's and contact's, each filled with the centre's measured "
         "figures and the published evidence as they stand now; and every consent they signed",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         http::querying<contract::SheetQuery>([&s](http::Call& c, const contract::SheetQuery& q) {
           const std::string lang = sheet_language(q);
           auto sign = signing(s);
           contract::ConsentsOut out;
           for (const auto& d : sign.to_read(c.actor, lang)) out.documents.push_back(contract::consent_to_read_out(d));
           for (const auto& x : sign.of_patient(c.actor, *c.actor.patient_id))
             out.signatures.push_back(contract::signed_consent_out(x));
           return out;
         })});
  r.add(
      {"POST",
       "/api/v1/me/consents/{kind}/signature",
       "The patient signs the centre's consent of a kind (treatment, registry, contact) published now, as read: "
       "every question answered right, their name typed, their signature drawn. The signed copy is drawn as a PDF "
       "with every figure as shown, its SHA-256 written into the audit chain, and the patient's consent flag of "
       "that kind set. A wrong answer names the question to read again",
       service::Permission::portal_own,
       {},
       "{episode?, language, answers: [{option}], name, signature}",
       true,
       false,
       [&s](http::Call& c, const contract::ConsentSigningIn& in) {
         const auto kind = consent::parse_consent_kind(c.request.params.at("kind"), "kind");
         if (in.language != "en" && in.language != "fa")
           throw InputError("language", "not_one_of"_err, {{"value", in.language.substr(0, 8)}, {"allowed", "en, fa"}});
         return http::Created<contract::SignedConsentOut>{contract::signed_consent_out(
             signing(s).sign(c.actor, kind, in.episode, in.language, contract::to_signing(in)))};
       }});
  r.add({"GET",
         "/api/v1/me/consent-signatures/{signature_id}/pdf",
         "The patient's signed copy as kept: the PDF whose SHA-256 the audit chain holds",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         signed_pdf_handler(s)});
  r.add({"POST",
         "/api/v1/me/consent-signatures/{signature_id}/withdrawal",
         "The patient withdraws a consent they signed, with why: its flag is cleared when no other consent of the "
         "kind stands (audited)",
         service::Permission::portal_own,
         {},
         "{reason}",
         false,
         false,
         [&s](http::Call& c, const contract::ConsentWithdrawalIn& in) { return withdrawn(s, c, in); }});
  r.add({"GET",
         "/api/v1/patients/{patient_id}/consents",
         "The patient's signed consents, withdrawn ones too, by id: whether each is countersigned, its PDF's SHA-256",
         service::Permission::consent_witness,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           std::vector<contract::SignedConsentOut> out;
           const auto patient = http::id_param(c.request.params.at("patient_id"), "patient");
           for (const auto& x : signing(s).of_patient(c.actor, patient)) out.push_back(contract::signed_consent_out(x));
           return out;
         }});
  r.add({"GET",
         "/api/v1/consent-signatures/{signature_id}/pdf",
         "A signed copy as kept, for the clinic (audited as a read of the record)",
         service::Permission::consent_witness,
         {},
         "",
         false,
         false,
         signed_pdf_handler(s)});
  r.add({"POST",
         "/api/v1/consent-signatures/{signature_id}/countersignature",
         "A witness of the clinic (the surgeon, the coordinator) countersigns: the copy is drawn again with the "
         "witness on it and its new SHA-256 audited. A withdrawn or countersigned one is refused",
         service::Permission::consent_witness,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::signed_consent_out(signing(s).countersign(c.actor, signature_param(c)));
         }});
  r.add({"POST",
         "/api/v1/consent-signatures/{signature_id}/withdrawal",
         "The clinic records that the patient withdrew a consent, with why (audited)",
         service::Permission::consent_witness,
         {},
         "{reason}",
         false,
         false,
         [&s](http::Call& c, const contract::ConsentWithdrawalIn& in) { return withdrawn(s, c, in); }});
}

}  // namespace rp::api
