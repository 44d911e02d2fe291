#include "api/contract/audit.hpp"

#include "api/contract/optional_text.hpp"

namespace rp::api::contract {
namespace {

AuditVerdict verdict_of(const service::AuditVerification& v) {
  const std::string verdict = v.verdict();
  if (verdict == "tampered") return AuditVerdict::tampered;
  if (verdict == "unanchored") return AuditVerdict::unanchored;
  return AuditVerdict::intact;
}

}  // namespace

std::string_view to_string(AuditVerdict v) {
  switch (v) {
    case AuditVerdict::unanchored:
      return "unanchored";
    case AuditVerdict::tampered:
      return "tampered";
    case AuditVerdict::intact:
      break;
  }
  return "intact";
}

std::string_view to_string(AccessVia v) { return v == AccessVia::list ? "list" : "record"; }

AuditVerificationOut audit_verification_out(const service::AuditVerification& v, const std::string& public_key) {
  AuditVerificationOut out;
  out.verdict = verdict_of(v);
  out.intact = out.verdict == AuditVerdict::intact;
  out.tampered = out.verdict == AuditVerdict::tampered;
  out.rows = v.rows;
  out.first_broken_seq = v.first_broken_seq;
  out.problem = v.problem;
  out.unanchored_rows = v.unanchored_rows;
  out.anchors.file = unless_empty(v.anchor_file);
  out.anchors.exists = v.anchor_file_exists;
  out.anchors.public_key = unless_empty(public_key);
  out.anchors.count = static_cast<std::int64_t>(v.anchors);
  out.anchors.last_seq = v.last_anchored_seq;
  out.anchors.last_at = unless_empty(v.last_anchor_at);
  for (const auto& d : v.anchor_defects) out.anchors.defects.push_back({static_cast<std::int64_t>(d.line), d.why});
  out.records.checked = v.records_checked;
  out.records.unchecked = v.records_unchecked;
  for (const auto& c : v.changed_records) out.records.changed.push_back({c.kind, c.id, c.last_seq, c.why});
  out.records.changed_elsewhere = v.changed_elsewhere;
  out.findings = v.findings;
  return out;
}

PatientAccessOut patient_access_out(const service::PatientAccess& access) {
  const auto& r = access.row;
  return {r.seq,    r.at,        r.actor,
          r.role,   r.centre_id, r.action,
          r.entity, r.entity_id, access.listed ? AccessVia::list : AccessVia::record};
}

std::vector<PatientAccessOut> who_saw_out(const std::vector<service::PatientAccess>& rows) {
  std::vector<PatientAccessOut> out;
  out.reserve(rows.size());
  for (const auto& a : rows) out.push_back(patient_access_out(a));
  return out;
}

AuditPageOut audit_page_out(const service::AuditPage& page) {
  AuditPageOut out;
  for (const auto& a : page.rows) {
    AuditRowOut row;
    static_cast<PatientAccessOut&>(row) = patient_access_out(a);
    row.detail = a.row.detail;  // the viewer shows what was done; who-saw only who
    out.rows.push_back(std::move(row));
  }
  out.next_before = page.next_before_seq;
  return out;
}

}  // namespace rp::api::contract
