#include "api/json_audit.hpp"

namespace rp::api {
namespace {

nlohmann::json opt(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json audit_verification_json(const service::AuditVerification& v, const std::string& public_key) {
  nlohmann::json defects = nlohmann::json::array();
  for (const auto& d : v.anchor_defects) defects.push_back({{"line", d.line}, {"why", d.why}});
  nlohmann::json changed = nlohmann::json::array();
  for (const auto& c : v.changed_records)
    changed.push_back({{"kind", c.kind}, {"id", c.id}, {"last_seq", opt(c.last_seq)}, {"why", c.why}});
  const std::string verdict = v.verdict();
  return {{"verdict", verdict},
          {"intact", verdict == "intact"},
          {"tampered", verdict == "tampered"},
          {"rows", v.rows},
          {"first_broken_seq", opt(v.first_broken_seq)},
          {"problem", v.problem},
          {"unanchored_rows", v.unanchored_rows},
          {"anchors",
           {{"file", v.anchor_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.anchor_file)},
            {"exists", v.anchor_file_exists},
            {"public_key", public_key.empty() ? nlohmann::json(nullptr) : nlohmann::json(public_key)},
            {"count", v.anchors},
            {"last_seq", opt(v.last_anchored_seq)},
            {"last_at", v.last_anchor_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.last_anchor_at)},
            {"defects", defects}}},
          {"records",
           {{"checked", v.records_checked},
            {"unchecked", v.records_unchecked},
            {"changed", changed},
            {"changed_elsewhere", v.changed_elsewhere}}},
          {"findings", v.findings}};
}

nlohmann::json patient_access_json(const service::PatientAccess& access) {
  const auto& r = access.row;
  return {{"seq", r.seq},
          {"at", r.at},
          {"actor", r.actor},
          {"role", r.role},
          {"centre", r.centre_id},
          {"action", r.action},
          {"entity", r.entity},
          {"entity_id", r.entity_id},
          {"via", access.listed ? "list" : "record"}};
}

nlohmann::json who_saw_json(const std::vector<service::PatientAccess>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : rows) out.push_back(patient_access_json(a));
  return out;
}

}  // namespace rp::api
