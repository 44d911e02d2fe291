#include "service/evidence.hpp"

#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/education.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

ClaimSet claims_set(const std::string& protocol) { return ClaimSet{{}, embeddable_claims(protocol)}; }

bool same_content(const evidence::Entry& a, const evidence::Entry& b) {
  return a.protocol == b.protocol && a.claims == b.claims && a.citation == b.citation && a.year == b.year &&
         a.design == b.design && a.n == b.n && a.stance == b.stance && a.finding.en == b.finding.en &&
         a.finding.fa == b.finding.fa && a.link == b.link && !b.withdrawn_at;
}

std::optional<evidence::Entry> find(store::Transaction& tx, const std::string& id) {
  for (auto& e : tx.evidence_entries(std::nullopt))
    if (e.id == id) return e;
  return std::nullopt;
}

// Writes `draft` over `before`, the entry of its id (its version one more): the entry
// written, or none when it says what it said.
std::optional<evidence::Entry> write(store::Transaction& tx, const Clock& clock, const Actor& actor,
                                     evidence::Entry draft, const std::optional<evidence::Entry>& before) {
  if (before && same_content(draft, *before)) return std::nullopt;
  draft.version = before ? before->version + 1 : 1;
  draft.written_by = actor.user;
  draft.written_at = clock.now_iso();
  draft.withdrawn_at.reset();
  draft.withdrawn_by.clear();
  draft.withdrawn_reason.clear();
  tx.save_evidence(draft);
  tx.append_audit(audit_entry(clock, actor, actor.centre, "evidence.save", "evidence", draft.id,
                              "version " + std::to_string(draft.version) + ": " +
                                  std::string(evidence::to_string(draft.design)) + ", " +
                                  std::string(evidence::to_string(draft.stance)) + " " + draft.citation));
  return draft;
}

}  // namespace

EvidenceView Evidence::of_protocol(const std::string& protocol, bool with_withdrawn) {
  const ClaimSet claims = claims_set(protocol);
  EvidenceView out;
  out.protocol = protocol;
  std::vector<evidence::Entry> all;
  store_.read(store::CentreScope::every_centre(), [&](store::Transaction& tx) { all = tx.evidence_entries(protocol); });
  std::vector<evidence::Entry> standing;
  for (auto& e : all) {
    if (!e.withdrawn_at) standing.push_back(e);
    if (with_withdrawn || !e.withdrawn_at) out.entries.push_back(std::move(e));
  }
  for (const Claim& c : claims.claims) {
    const auto n = std::count_if(standing.begin(), standing.end(), [&](const evidence::Entry& e) {
      return std::find(e.claims.begin(), e.claims.end(), c.id) != e.claims.end();
    });
    out.claims.push_back({c.id, c.words, evidence::randomised_support(standing, c.id), static_cast<int>(n)});
  }
  return out;
}

evidence::Entry Evidence::save(const Actor& actor, evidence::Entry draft) {
  require(actor, Permission::evidence_edit);
  evidence::validate_entry(draft, claims_set(draft.protocol));
  evidence::Entry out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const auto before = find(tx, draft.id);
    const auto written = write(tx, clock_, actor, std::move(draft), before);
    out = written ? *written : *before;
  });
  return out;
}

evidence::Entry Evidence::withdraw(const Actor& actor, const std::string& id, const std::string& reason) {
  require(actor, Permission::evidence_edit);
  check_reason(reason);
  evidence::Entry out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    auto e = find(tx, id);
    if (!e) throw NotFoundError("evidence", "evidence_not_found"_err);
    if (e->withdrawn_at) throw ConflictError("evidence", "evidence_withdrawn"_err);
    e->withdrawn_at = clock_.now_iso();
    e->withdrawn_by = actor.user;
    e->withdrawn_reason = reason;
    tx.save_evidence(*e);
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "evidence.withdraw", "evidence", id, reason));
    out = std::move(*e);
  });
  return out;
}

int Evidence::import(const Actor& actor, std::vector<evidence::Entry> entries) {
  require(actor, Permission::evidence_edit);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    try {
      evidence::validate_entry(entries[i], claims_set(entries[i].protocol));
    } catch (const InputError& e) {
      // The same error, naming the entry: evidence[2].link.
      throw InputError("evidence[" + std::to_string(i) + "]." + e.field(), ErrorCode{e.code()}, e.params());
    }
  }
  int written = 0;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    // Every entry read once, then kept as written (a file may name an id twice).
    std::map<std::string, evidence::Entry> standing;
    for (auto& e : tx.evidence_entries(std::nullopt)) standing.emplace(e.id, std::move(e));
    for (auto& e : entries) {
      const auto it = standing.find(e.id);
      const std::string id = e.id;
      const auto before = it == standing.end() ? std::nullopt : std::optional<evidence::Entry>(it->second);
      if (auto after = write(tx, clock_, actor, std::move(e), before)) {
        standing.insert_or_assign(id, std::move(*after));
        ++written;
      }
    }
  });
  return written;
}

std::vector<evidence::Entry> starting_evidence() {
  return evidence::parse_entries(data_file_text("claims/seed-evidence.yaml", "evidence"), "claims/seed-evidence.yaml");
}

}  // namespace rp::service
