// The published evidence beside the claims (issue 21; service/evidence.hpp): anyone reads
// a protocol's standing entries, with whether randomised evidence supports each claim; the
// clinic's clinical lead writes, changes and withdraws them.
#include "api/contract/evidence.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

const std::string& evidence_param(const http::Call& c) { return c.request.params.at("evidence_id"); }

}  // namespace

void add_evidence_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/protocols/{protocol_id}/evidence",
         "The published evidence the clinic keeps beside the protocol's claims (each study or statement: its "
         "design, n, what it found in English and Persian, whether it supports, contradicts or settles nothing, "
         "where to read it), and for each claim whether a randomised trial or a systematic review supports it. No "
         "sign-in",
         http::kPublic,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::evidence_list_out(
               service::Evidence(s.store, s.clock).of_protocol(c.request.params.at("protocol_id"), false));
         }});
  r.add({"PUT",
         "/api/v1/evidence/{evidence_id}",
         "Writes an evidence entry (its id a-z, 0-9 and hyphens): new, or the next version of the entry; a withdrawn "
         "entry written again stands again. The same words again write nothing (audited)",
         service::Permission::evidence_edit,
         {},
         "{protocol, claims, citation, year, design, n?, stance, finding_en, finding_fa, link}",
         false,
         false,
         [&s](http::Call& c, const contract::EvidenceIn& in) {
           return contract::evidence_out(
               service::Evidence(s.store, s.clock).save(c.actor, contract::to_entry(in, evidence_param(c))));
         }});
  r.add({"POST",
         "/api/v1/evidence/{evidence_id}/withdrawal",
         "Withdraws an evidence entry with why: it is kept, no longer shown beside the claims (audited)",
         service::Permission::evidence_edit,
         {},
         "{reason}",
         false,
         false,
         [&s](http::Call& c, const contract::EvidenceWithdrawalIn& in) {
           return contract::evidence_out(
               service::Evidence(s.store, s.clock).withdraw(c.actor, evidence_param(c), in.reason));
         }});
}

}  // namespace rp::api
