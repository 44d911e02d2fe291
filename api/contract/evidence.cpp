#include "api/contract/evidence.hpp"

#include <algorithm>

namespace rp::api::contract {

EvidenceOut evidence_out(const evidence::Entry& e) {
  EvidenceOut out;
  out.id = e.id;
  out.protocol = e.protocol;
  out.claims = e.claims;
  out.citation = e.citation;
  out.year = e.year;
  out.design = e.design;
  if (e.n) out.n = *e.n;
  out.stance = e.stance;
  out.finding_en = e.finding.en;
  out.finding_fa = e.finding.fa;
  out.link = e.link;
  out.version = e.version;
  out.written_by = e.written_by;
  out.written_at = e.written_at;
  if (e.withdrawn_at) {
    out.withdrawn_at = e.withdrawn_at;
    out.withdrawn_reason = e.withdrawn_reason;
  }
  return out;
}

evidence::Entry to_entry(const EvidenceIn& in, const std::string& id) {
  evidence::Entry e;
  e.id = id;
  e.protocol = in.protocol;
  e.claims = in.claims.value_or(std::vector<std::string>{});
  e.citation = in.citation;
  // Out of int's range reads as just outside the rule's, so the rule names it.
  e.year = static_cast<int>(std::clamp<std::int64_t>(in.year, -1, 100000));
  e.design = in.design;
  if (in.n) e.n = static_cast<int>(std::clamp<std::int64_t>(*in.n, -1, evidence::kMaxPatients + 1LL));
  e.stance = in.stance;
  e.finding = {in.finding_en, in.finding_fa};
  e.link = in.link;
  return e;
}

EvidenceListOut evidence_list_out(const service::EvidenceView& v) {
  EvidenceListOut out;
  out.protocol = v.protocol;
  for (const auto& e : v.entries) out.entries.push_back(evidence_out(e));
  for (const auto& c : v.claims)
    out.claims.push_back({c.claim, c.words.en, c.words.fa, c.randomised_support, c.entries});
  return out;
}

}  // namespace rp::api::contract
