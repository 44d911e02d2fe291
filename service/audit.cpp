#include "service/audit.hpp"

#include "store/audit_chain.hpp"

namespace rp::service {

AuditVerification verify_audit_chain(store::Store& store, const Actor& actor) {
  require(actor, Permission::audit_verify);
  AuditVerification v;
  std::string prev = store::kAuditGenesis;
  std::int64_t expected_seq = 1;
  store.read([&](store::Transaction& tx) {
    for (std::int64_t after = 0;;) {
      const auto rows = tx.audit_rows(after, 10000);
      if (rows.empty()) return;
      for (const auto& r : rows) {
        ++v.rows;
        if (r.seq != expected_seq) {
          v.problem = "row " + std::to_string(expected_seq) + " is missing";
        } else if (r.prev_hash != prev) {
          v.problem = "row " + std::to_string(r.seq) + " does not chain from the row before it";
        } else if (store::audit_hash(prev, r.seq, r) != r.hash) {
          v.problem = "row " + std::to_string(r.seq) + " was changed after it was written";
        }
        if (!v.problem.empty()) {
          v.first_broken_seq = r.seq != expected_seq ? expected_seq : r.seq;
          return;
        }
        prev = r.hash;
        ++expected_seq;
        after = r.seq;
      }
    }
  });
  return v;
}

}  // namespace rp::service
