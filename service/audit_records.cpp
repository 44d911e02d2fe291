#include "service/audit_records.hpp"

#include <set>

#include "store/record_content.hpp"

namespace rp::service {
namespace {

std::string name(const std::string& kind, std::int64_t id) { return kind + " " + std::to_string(id); }

}  // namespace

void check_records(store::Transaction& tx, const Actor& actor, const VouchedRecords& vouched, AuditVerification& v) {
  auto changed = [&](ChangedRecord c) {
    // Another centre's record is counted, not named: ids of other centres stay unseen.
    if (!c.centre_id.empty() && !actor.sees_centre(c.centre_id)) {
      ++v.changed_elsewhere;
      return;
    }
    if (v.findings.size() < 100) v.findings.push_back(name(c.kind, c.id) + ": " + c.why);
    v.changed_records.push_back(std::move(c));
  };
  for (const char* kind : store::kRecordKinds) {
    const std::int64_t first_audited = tx.first_id_with_content(kind);
    std::set<std::int64_t> present;
    for (const std::int64_t id : tx.record_ids(kind)) {
      present.insert(id);
      const auto now = tx.record_content(kind, id);
      if (!now) continue;  // gone between the two reads: not in one snapshot, cannot happen
      const auto last = vouched.find({kind, id});
      if (last == vouched.end()) {
        if (id < first_audited) {
          ++v.records_unchecked;  // written before record content was kept, not since
        } else {
          changed({kind, id, now->centre_id, std::nullopt,
                   "no audit row vouches for this record: it was created without regenpath's audit"});
        }
      } else if (last->second.hash != now->hash) {
        changed({kind, id, now->centre_id, last->second.seq,
                 "changed since audit row " + std::to_string(last->second.seq) +
                     " recorded it, with no audit row for the change"});
      } else {
        ++v.records_checked;
      }
    }
    for (auto it = vouched.lower_bound({kind, 0}); it != vouched.end() && it->first.first == kind; ++it) {
      if (present.count(it->first.second) || it->second.hash == store::kAbsentRecordHash) continue;
      changed({kind, it->first.second, it->second.centre_id, it->second.seq,
               "deleted since audit row " + std::to_string(it->second.seq) + " recorded it"});
    }
  }
}

}  // namespace rp::service
