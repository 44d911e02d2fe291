#pragma once
// Checking the audit log, and asking it who saw a patient.
//
// The check recomputes the hash chain row by row, compares it with the signed anchors
// (store/audit_anchor.hpp) and recomputes every record's content hash against the last
// row that vouched for it (store/record_content.hpp). It tells apart:
//   intact      - every row chains, every anchor matches, every record matches, and the
//                 last row is covered by an anchor;
//   unanchored  - nothing wrong found, but rows after the last anchor are vouched for by
//                 the unkeyed chain alone (a cut there would not show);
//   tampered    - a row missing, changed or forged, an anchor line that is not signed by
//                 the trusted key, or a record whose content is not what its last audit
//                 row says.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/audit_anchor_file.hpp"
#include "store/store.hpp"

namespace rp::service {

// A record whose content is not what the audit log last vouched for.
struct ChangedRecord {
  std::string kind;  // store::kRecordKinds
  std::int64_t id = 0;
  std::string centre_id;
  std::optional<std::int64_t> last_seq;  // the row that last vouched for it; unset: none did
  std::string why;
};

struct AuditVerification {
  std::int64_t rows = 0;
  // The first row missing, changed or forged; unset when there is none.
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;                // what is wrong there
  std::vector<std::string> findings;  // every problem, in words (the first 100)

  // Anchors. `anchor_file` is empty when none was given.
  std::string anchor_file;
  bool anchor_file_exists = false;
  std::size_t anchors = 0;  // lines signed by the trusted key
  std::optional<std::int64_t> last_anchored_seq;
  std::string last_anchor_at;
  std::vector<store::AnchorDefect> anchor_defects;  // lines not signed by the trusted key
  std::int64_t unanchored_rows = 0;                 // rows after the last anchor

  // Records (store/record_content.hpp).
  std::int64_t records_checked = 0;            // of every centre (a count names nobody)
  std::int64_t records_unchecked = 0;          // written before migration 0008 and not since
  std::vector<ChangedRecord> changed_records;  // of the actor's centre (the operator: all)
  std::int64_t changed_elsewhere = 0;          // of other centres, counted only

  bool tampered() const {
    return first_broken_seq || !anchor_defects.empty() || !changed_records.empty() || changed_elsewhere > 0;
  }
  // intact | unanchored | tampered
  std::string verdict() const;
};

struct AuditCheckOptions {
  // Called inside the check's snapshot with its last row, before the anchors are read: the
  // server signs it, so that the check it runs has no unanchored tail of its own making.
  std::function<void(const store::AuditRow& head)> anchor_head;
  // The anchors to check the chain against; unset: none (every row is unanchored).
  std::function<store::AnchorFile()> read_anchors;
};

// Admins and the operator. Reads one snapshot; writes nothing but what anchor_head does.
AuditVerification verify_audit_chain(store::Store& store, const Actor& actor, const AuditCheckOptions& options = {});

// One audit row that named the patient, one of their episodes or events, or showed them.
struct PatientAccess {
  store::AuditRow row;
  bool listed = false;  // shown in a list (a search, the worklist) rather than opened
};

// Who saw (or wrote) the patient's record, oldest first: every row naming it and every
// list read that showed it. Admins (their centre's patients) and the operator; the
// question itself leaves an audit row.
std::vector<PatientAccess> who_saw(store::Store& store, const Clock& clock, const Actor& actor,
                                   std::int64_t patient_id);

// The audit viewer: who read or changed which record, when. Every filter is optional;
// the dates are civil days in the clinic's zone (Asia/Tehran), both inclusive.
struct AuditSearch {
  std::optional<std::int64_t> patient_id;
  std::string user;
  std::optional<CivilDate> from, to;
  std::optional<std::int64_t> before_seq;  // the next page: rows older than this
  int limit = 100;
};

inline constexpr int kAuditPageMax = 1000;     // rows of one page on screen
inline constexpr int kAuditExportMax = 10000;  // rows of one CSV export

struct AuditPage {
  std::vector<PatientAccess> rows;  // newest first
  // The `before_seq` of the next (older) page; unset when this page is the last.
  std::optional<std::int64_t> next_before_seq;
};

// Admins see the rows of their own centre (a patient of another centre is "not found"),
// the operator every centre's. `max_limit` bounds the limit (kAuditPageMax, or
// kAuditExportMax for an export). The search is audited like who_saw.
AuditPage search_audit(store::Store& store, const Clock& clock, const Actor& actor, const AuditSearch& search,
                       int max_limit = kAuditPageMax);

}  // namespace rp::service
