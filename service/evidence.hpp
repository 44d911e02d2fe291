#pragma once
// The published evidence kept beside the claims (issue 21, domain/evidence/evidence.hpp).
// Anyone reads the standing entries of a protocol, with, for each of its claims, whether
// randomised evidence supports it: the claims table, the outcome report and (later) the
// consent show them. The clinic's clinical lead (evidence_edit: admin, surgeon) writes an
// entry, changes it (its version counts up) or withdraws it with why; a file of starting
// entries is imported whole or not at all. Every write is audited.
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/evidence/evidence.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct ClaimEvidence {
  std::string claim;
  LocalText words;                  // the claim as the article says it
  bool randomised_support = false;  // a randomised trial or a systematic review supports it
  int entries = 0;                  // standing entries that bear on it
};

struct EvidenceView {
  std::string protocol;
  std::vector<evidence::Entry> entries;  // by id; the withdrawn only when asked for
  std::vector<ClaimEvidence> claims;     // every claim of the protocol, in the claims file's order
};

class Evidence {
 public:
  Evidence(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The protocol's entries (InputError("protocol") for one the catalogue lacks); the
  // withdrawn ones too when `with_withdrawn` (for the editors).
  EvidenceView of_protocol(const std::string& protocol, bool with_withdrawn);
  // Writes `draft` as a new entry or the next version of its id (nothing when it says
  // what it said); a withdrawn entry written again stands again. InputError naming the field.
  evidence::Entry save(const Actor& actor, evidence::Entry draft);
  // Withdraws an entry with why (reason required): NotFoundError("evidence"); ConflictError
  // evidence_withdrawn when it was already.
  evidence::Entry withdraw(const Actor& actor, const std::string& id, const std::string& reason);
  // Saves every entry of a file (each checked first: nothing is written when one is bad,
  // InputError naming `evidence[i].field`); the number written.
  int import(const Actor& actor, std::vector<evidence::Entry> entries);

 private:
  store::Store& store_;
  const Clock& clock_;
};

// The starting entries the installation ships (claims/seed-evidence.yaml of the data
// directory), read and parsed: the demo imports them, a clinic may.
std::vector<evidence::Entry> starting_evidence();

}  // namespace rp::service
