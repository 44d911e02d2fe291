#pragma once
// The audit log as the admin's routes read it (api/routes_admin.cpp, api/routes_audit.cpp)
// and the command line prints it (api/json_audit.hpp): the chain check, who saw a patient,
// and a page of the audit viewer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/contract/enums.hpp"
#include "service/audit.hpp"

namespace rp::api::contract {

using http::FieldRule;

enum class AuditVerdict { intact, unanchored, tampered };
// How a row showed the patient: it opened or wrote the record, or a list showed it.
enum class AccessVia { record, list };

std::string_view to_string(AuditVerdict v);
std::string_view to_string(AccessVia v);

}  // namespace rp::api::contract

namespace rp::api::http {

namespace enum_names {
inline constexpr char kAuditVerdict[] = "AuditVerdict";
inline constexpr char kAccessVia[] = "AccessVia";
}  // namespace enum_names

template <>
struct EnumNames<contract::AuditVerdict> : WrittenEnum<contract::AuditVerdict, enum_names::kAuditVerdict> {
  static std::vector<contract::AuditVerdict> values() {
    return {contract::AuditVerdict::intact, contract::AuditVerdict::unanchored, contract::AuditVerdict::tampered};
  }
};
template <>
struct EnumNames<contract::AccessVia> : WrittenEnum<contract::AccessVia, enum_names::kAccessVia> {
  static std::vector<contract::AccessVia> values() { return {contract::AccessVia::record, contract::AccessVia::list}; }
};

}  // namespace rp::api::http

namespace rp::api::contract {

struct AnchorDefectOut {
  static constexpr const char* kSchema = "AuditAnchorDefect";
  std::int64_t line = 0;
  std::string why;
  template <class V>
  static void fields(V& v) {
    v("line", &AnchorDefectOut::line, "the anchor file's line, from 1");
    v("why", &AnchorDefectOut::why, "");
  }
};

struct ChangedRecordOut {
  static constexpr const char* kSchema = "AuditChangedRecord";
  std::string kind;
  std::int64_t id = 0;
  std::optional<std::int64_t> last_seq;
  std::string why;
  template <class V>
  static void fields(V& v) {
    v("kind", &ChangedRecordOut::kind, "the record's kind: patient, episode, ...");
    v("id", &ChangedRecordOut::id, "");
    v("last_seq", &ChangedRecordOut::last_seq, "the row that last vouched for it; null: none did");
    v("why", &ChangedRecordOut::why, "");
  }
};

struct AuditAnchorsOut {
  static constexpr const char* kSchema = "AuditAnchors";
  std::optional<std::string> file;
  bool exists = false;
  std::optional<std::string> public_key;
  std::int64_t count = 0;
  std::optional<std::int64_t> last_seq;
  std::optional<std::string> last_at;
  std::vector<AnchorDefectOut> defects;
  template <class V>
  static void fields(V& v) {
    v("file", &AuditAnchorsOut::file, "the anchor file; null when none is kept");
    v("exists", &AuditAnchorsOut::exists, "");
    v("public_key", &AuditAnchorsOut::public_key, "the key the anchors are checked with; null when none");
    v("count", &AuditAnchorsOut::count, "lines signed by the trusted key");
    v("last_seq", &AuditAnchorsOut::last_seq, "the last anchored row");
    v("last_at", &AuditAnchorsOut::last_at, "when it was anchored");
    v("defects", &AuditAnchorsOut::defects, "lines not signed by the trusted key");
  }
};

struct AuditRecordsOut {
  static constexpr const char* kSchema = "AuditRecords";
  std::int64_t checked = 0, unchecked = 0;
  std::vector<ChangedRecordOut> changed;
  std::int64_t changed_elsewhere = 0;
  template <class V>
  static void fields(V& v) {
    v("checked", &AuditRecordsOut::checked, "records of every centre checked against their last audit row");
    v("unchecked", &AuditRecordsOut::unchecked, "written before the audit row vouched for content, and not since");
    v("changed", &AuditRecordsOut::changed, "records of the reader's centre whose content differs");
    v("changed_elsewhere", &AuditRecordsOut::changed_elsewhere, "the same at other centres, counted only");
  }
};

struct AuditVerificationOut {
  static constexpr const char* kSchema = "AuditVerification";
  AuditVerdict verdict = AuditVerdict::intact;
  bool intact = false, tampered = false;
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;
  std::int64_t unanchored_rows = 0;
  AuditAnchorsOut anchors;
  AuditRecordsOut records;
  std::vector<std::string> findings;
  template <class V>
  static void fields(V& v) {
    using A = AuditVerificationOut;
    v("verdict", &A::verdict, "");
    v("intact", &A::intact, "");
    v("tampered", &A::tampered, "");
    v("rows", &A::rows, "");
    v("first_broken_seq", &A::first_broken_seq, "the first row missing, changed or forged");
    v("problem", &A::problem, "what is wrong there");
    v("unanchored_rows", &A::unanchored_rows, "rows after the last anchor");
    v("anchors", &A::anchors, "");
    v("records", &A::records, "");
    v("findings", &A::findings, "every problem, in words (the first 100)");
  }
};

struct PatientAccessOut {
  static constexpr const char* kSchema = "PatientAccess";
  std::int64_t seq = 0;
  std::string at, actor, role, centre, action, entity, entity_id;
  AccessVia via = AccessVia::record;
  template <class V>
  static void fields(V& v) {
    using P = PatientAccessOut;
    v("seq", &P::seq, "the audit row's number in the chain");
    v("at", &P::at, "UTC instant, ISO 8601");
    v("actor", &P::actor, "");
    v("role", &P::role, "");
    v("centre", &P::centre, "");
    v("action", &P::action, "patient.read, episode.transition, ...");
    v("entity", &P::entity, "");
    v("entity_id", &P::entity_id, "");
    v("via", &P::via, "");
  }
};

struct AuditRowOut : PatientAccessOut {
  static constexpr const char* kSchema = "AuditRow";
  std::string detail;
  template <class V>
  static void fields(V& v) {
    PatientAccessOut::fields(v);
    v("detail", &AuditRowOut::detail, "what was done (never identifying data)");
  }
};

struct AuditPageOut {
  static constexpr const char* kSchema = "AuditPage";
  std::vector<AuditRowOut> rows;
  std::optional<std::int64_t> next_before;
  template <class V>
  static void fields(V& v) {
    v("rows", &AuditPageOut::rows, "newest first");
    v("next_before", &AuditPageOut::next_before, "the `before` of the next (older) page; null on the last");
  }
};

AuditVerificationOut audit_verification_out(const service::AuditVerification& v, const std::string& public_key);
PatientAccessOut patient_access_out(const service::PatientAccess& access);
std::vector<PatientAccessOut> who_saw_out(const std::vector<service::PatientAccess>& rows);
AuditPageOut audit_page_out(const service::AuditPage& page);

}  // namespace rp::api::contract
