#pragma once
// Signing the centre's consents (issue 21, domain/consent/signing.hpp). A patient reads in
// the portal each published document that asks for their consent (the treatment, for each
// of their open episodes; the registry; contact), filled with the centre's measured figures
// and the published evidence as they stand that day, answers its questions, types their
// name and signs. The signed copy is drawn as a PDF, its SHA-256 written into the audit
// chain, and kept; a witness of the clinic (consent_witness) countersigns, which draws them
// onto the copy (its new hash audited likewise). The patient, or the clinic for them,
// withdraws a consent with why. Signing a consent sets the patient's flag of that kind,
// withdrawing the last standing one clears it, so what the flags gate (the registry's
// figures and exports, messages) follows; a harvest asks for the episode's countersigned
// treatment consent of the version published now (treatment_consent_missing).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/consent/signing.hpp"
#include "domain/episode.hpp"
#include "service/actor.hpp"
#include "service/heavy_reads.hpp"
#include "store/store.hpp"

namespace rp::service {

// A document a patient is asked to sign, filled in for them, and their standing signature
// of that version, if any.
struct ConsentToRead {
  consent::Document document;              // the version published now
  std::optional<std::int64_t> episode_id;  // a treatment consent's episode
  consent::ShownCopy copy;
  std::optional<consent::SignedConsent> signed_copy;  // without its PDF
};

// A copy of a signed consent checked against the audit chain.
struct CopyCheck {
  std::string pdf_sha256;              // of the bytes checked
  bool kept = false;                   // they are the copy kept now
  std::optional<store::AuditRow> row;  // the signing or countersigning row that holds this hash
  std::string chain;                   // the chain's verdict: intact | unanchored | tampered
  bool verified() const { return row.has_value() && chain != "tampered"; }
};

// Draws a signed copy as a PDF (api/labels/consent_sheet.hpp): handed in, as the service
// knows no format.
using ConsentPdfWriter = std::function<std::string(const consent::SignedConsent&)>;

class ConsentSigning {
 public:
  ConsentSigning(store::Store& store, const Clock& clock, HeavyReads* heavy, ConsentPdfWriter pdf)
      : store_(store), clock_(clock), heavy_(heavy), pdf_(std::move(pdf)) {}

  // The signed-in patient's documents to read, in `language` (en | fa).
  std::vector<ConsentToRead> to_read(const Actor& patient, const std::string& language);
  // Signs the document of `kind` published now (for `episode_id`, a treatment consent):
  // InputError as validate_signing says, episode_required_for_treatment; NotFoundError
  // episode (not theirs) and consent_document (none published: consent_not_published);
  // ConflictError consent_already_signed when that version stands signed for it.
  consent::SignedConsent sign(const Actor& patient, consent::ConsentKind kind, std::optional<std::int64_t> episode_id,
                              const std::string& language, const consent::Signing& signing);
  // A patient's signed consents (staff: consent_witness, of their centre; the patient:
  // their own), by id, without the copies.
  std::vector<consent::SignedConsent> of_patient(const Actor& actor, std::int64_t patient_id);
  // One signed consent whole, with its PDF (audited as a read of the record).
  // NotFoundError consent_signature for another centre's or another patient's.
  consent::SignedConsent signed_copy(const Actor& actor, std::int64_t signature_id);
  // A witness of the clinic countersigns: ConflictError consent_already_countersigned,
  // consent_already_withdrawn.
  consent::SignedConsent countersign(const Actor& witness, std::int64_t signature_id);
  // The patient (or a witness of the clinic for them) withdraws it with why:
  // ConflictError consent_already_withdrawn.
  consent::SignedConsent withdraw(const Actor& actor, std::int64_t signature_id, const std::string& reason);
  // Checks a copy someone holds (a download, a printout scanned back is not one): its
  // SHA-256 against the rows that signed and countersigned it, and the chain those rows
  // stand in. Who may check the audit chain (audit_verify).
  CopyCheck check_copy(const Actor& actor, std::int64_t signature_id, const std::string& bytes);

 private:
  store::Store& store_;
  const Clock& clock_;
  HeavyReads* heavy_;
  ConsentPdfWriter pdf_;
};

// Whether the episode may be harvested as far as consent goes: when its centre has
// published a treatment consent for its protocol, a countersigned signature of that
// version for the episode, not withdrawn; else (consent on paper) the patient's treatment
// flag. Read inside the pathway's transaction.
bool treatment_consent_current(store::Transaction& tx, const Episode& episode);

}  // namespace rp::service
