#include "service/audit.hpp"
#include "service/centre_scope.hpp"

#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "base/zone_day.hpp"
#include "service/audit_entry.hpp"
#include "service/audit_records.hpp"
#include "service/pathway.hpp"
#include "store/audit_chain.hpp"
#include "store/record_content.hpp"

namespace rp::service {
namespace {

std::string rows_text(std::int64_t first, std::int64_t last) {
  return first == last ? "row " + std::to_string(first) : "rows " + std::to_string(first) + ".." + std::to_string(last);
}

// Walks the chain once, checking each row's link and hash, each signed anchor against the
// row it names, and collecting the content each record was last vouched for.
class ChainCheck {
 public:
  ChainCheck(AuditVerification& v, const store::AnchorFile* anchors) : v_(v) {
    if (!anchors) return;
    for (const auto& a : anchors->anchors) {
      if (a.anchor.seq > 0) by_seq_.emplace(a.anchor.seq, &a);  // seq 0: the empty chain, vouches for nothing
    }
  }

  void row(const store::AuditRow& r) {
    ++v_.rows;
    if (r.seq != expected_) {
      problem(expected_, rows_text(expected_, r.seq - 1) + " missing: the chain jumps from row " +
                             std::to_string(expected_ - 1) + " to row " + std::to_string(r.seq));
    } else if (r.prev_hash != prev_) {
      problem(r.seq, "row " + std::to_string(r.seq) + " does not chain from the row before it");
    } else if (store::audit_hash(prev_, r.seq, r) != r.hash) {
      problem(r.seq, "row " + std::to_string(r.seq) + " was changed after it was written");
    }
    for (auto [it, end] = by_seq_.equal_range(r.seq); it != end; ++it) {
      const store::NumberedAnchor& a = *it->second;
      if (a.anchor.head == r.hash) {
        last_matched_ = std::max(last_matched_, r.seq);
      } else {
        const std::string earlier =
            last_matched_ == 0 ? "no earlier anchor matches"
                               : "the rows up to row " + std::to_string(last_matched_) + " match their anchors";
        problem(last_matched_ + 1, rows_text(last_matched_ + 1, r.seq) +
                                       " were rewritten or forged: the anchor signed at " + a.anchor.at + " (line " +
                                       std::to_string(a.line) + ") holds another hash for row " +
                                       std::to_string(r.seq) + "; " + earlier);
      }
    }
    vouch(r);
    prev_ = r.hash;
    expected_ = r.seq + 1;
  }

  // After the last row: anchors naming rows that are not there, and the unanchored tail.
  void finish() {
    const std::int64_t last = expected_ - 1;
    for (const auto& [seq, a] : by_seq_) {
      if (seq > last) {
        problem(last + 1, rows_text(last + 1, seq) + " missing: the anchor signed at " + a->anchor.at + " (line " +
                              std::to_string(a->line) + ") vouches for row " + std::to_string(seq) +
                              ", and the log ends at row " + std::to_string(last));
      }
      if (!v_.last_anchored_seq || seq >= *v_.last_anchored_seq) {
        v_.last_anchored_seq = seq;
        v_.last_anchor_at = a->anchor.at;
      }
    }
    v_.unanchored_rows = std::max<std::int64_t>(0, last - v_.last_anchored_seq.value_or(0));
    std::sort(problems_.begin(), problems_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [seq, text] : problems_) {
      if (!v_.first_broken_seq) {
        v_.first_broken_seq = seq;
        v_.problem = text;
      }
      if (v_.findings.size() < 100) v_.findings.push_back(text);
    }
  }

  const VouchedRecords& vouched() const { return vouched_; }

 private:
  void problem(std::int64_t seq, std::string text) { problems_.emplace_back(seq, std::move(text)); }

  void vouch(const store::AuditRow& r) {
    if (r.content.empty()) return;
    const auto records = store::parse_content(r.content);
    if (!records) {
      problem(r.seq, "row " + std::to_string(r.seq) + " carries record content this regenpath cannot read");
      return;
    }
    for (const auto& rec : *records) vouched_[{rec.kind, rec.id}] = {r.seq, rec.hash, r.centre_id};
  }

  AuditVerification& v_;
  std::multimap<std::int64_t, const store::NumberedAnchor*> by_seq_;
  std::string prev_ = store::kAuditGenesis;
  std::int64_t expected_ = 1;
  std::int64_t last_matched_ = 0;
  std::vector<std::pair<std::int64_t, std::string>> problems_;
  VouchedRecords vouched_;
};

}  // namespace

std::string AuditVerification::verdict() const {
  if (tampered()) return "tampered";
  return unanchored_rows > 0 ? "unanchored" : "intact";
}

AuditVerification verify_audit_chain(store::Store& store, const Actor& actor, const AuditCheckOptions& options) {
  require(actor, Permission::audit_verify);
  AuditVerification v;
  store.read([&](store::Transaction& tx) {
    if (options.anchor_head) {
      if (const auto head = tx.last_audit_row()) options.anchor_head(*head);
    }
    // Read after the head is signed, so that the check sees its own anchor.
    std::optional<store::AnchorFile> anchors;
    if (options.read_anchors) {
      anchors = options.read_anchors();
      v.anchor_file = anchors->path;
      v.anchor_file_exists = anchors->exists;
      v.anchors = anchors->anchors.size();
      v.anchor_defects = anchors->defects;
      for (const auto& d : anchors->defects) {
        if (v.findings.size() < 100) v.findings.push_back("anchor file line " + std::to_string(d.line) + ": " + d.why);
      }
    }
    ChainCheck chain(v, anchors ? &*anchors : nullptr);
    for (std::int64_t after = 0;;) {
      const auto rows = tx.audit_rows(after, 10000);
      if (rows.empty()) break;
      for (const auto& r : rows) chain.row(r);
      after = rows.back().seq;
    }
    chain.finish();
    check_records(tx, actor, chain.vouched(), v);
  });
  return v;
}

std::vector<PatientAccess> who_saw(store::Store& store, const Clock& clock, const Actor& actor,
                                   std::int64_t patient_id) {
  require(actor, Permission::audit_verify);
  std::vector<PatientAccess> out;
  // A write: the question leaves its row, durable before the answer, like a record read.
  store.write(record_scope(actor), [&](store::Transaction& tx) {
    const auto p = tx.find_patient(patient_id);
    if (!p || !actor.sees_centre(p->centre_id))
      throw NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(patient_id)}});
    for (auto& row : tx.audit_rows_about_patient(patient_id)) {
      const bool listed = store::shows_patient(row.shown, patient_id);
      out.push_back({std::move(row), listed});
    }
    tx.append_audit(audit_entry(clock, actor, p->centre_id, "audit.who_saw", "patient", std::to_string(patient_id),
                                std::to_string(out.size()) + " rows"));
  });
  return out;
}

AuditPage search_audit(store::Store& store, const Clock& clock, const Actor& actor, const AuditSearch& search,
                       int max_limit) {
  require(actor, Permission::audit_verify);
  if (search.limit < 1 || search.limit > max_limit)
    throw InputError("limit", "whole_number_range"_err, {{"min", 1}, {"max", max_limit}});
  if (search.from && search.to && *search.to < *search.from) throw InputError("to", "before_from_date"_err);
  if (search.user.size() > 64) throw InputError("user", "too_many_characters"_err, {{"max", 64}});
  store::AuditQuery q;
  if (!actor.all_centres) q.centre_id = actor.centre;
  q.patient_id = search.patient_id;
  q.actor = search.user;
  const auto instant = [](CivilDate d) { return Clock::fixed(day_start_in_zone(d, "Asia/Tehran")).now_iso(); };
  if (search.from) q.from = instant(*search.from);
  if (search.to) q.to = instant(search.to->plus_days(1));
  q.before_seq = search.before_seq;
  q.limit = search.limit + 1;  // one more tells whether an older page exists
  AuditPage page;
  store.write(record_scope(actor), [&](store::Transaction& tx) {
    page.rows.clear();
    std::string centre = actor.centre;
    if (search.patient_id) {
      const auto p = tx.find_patient(*search.patient_id);
      if (!p || !actor.sees_centre(p->centre_id))
        throw NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(*search.patient_id)}});
      centre = p->centre_id;
    }
    auto rows = tx.audit_search(q);
    page.next_before_seq.reset();
    if (static_cast<int>(rows.size()) > search.limit) {
      rows.resize(static_cast<std::size_t>(search.limit));
      page.next_before_seq = rows.back().seq;
    }
    for (auto& row : rows) {
      const bool listed = search.patient_id && store::shows_patient(row.shown, *search.patient_id);
      page.rows.push_back({std::move(row), listed});
    }
    // The question names no one (ids and a username at most), like the rows it reads.
    std::string detail = std::to_string(page.rows.size()) + " rows";
    if (!search.user.empty()) detail += ", user " + search.user;
    tx.append_audit(audit_entry(clock, actor, centre, "audit.search", search.patient_id ? "patient" : "audit_log",
                                search.patient_id ? std::to_string(*search.patient_id) : "", detail));
  });
  return page;
}

}  // namespace rp::service
