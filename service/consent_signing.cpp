#include "service/consent_signing.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "service/audit.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/evidence.hpp"
#include "service/outcomes.hpp"
#include "service/patient_access.hpp"

namespace rp::service {
namespace {

constexpr consent::ConsentKind kPatientKinds[] = {consent::ConsentKind::registry, consent::ConsentKind::contact};
constexpr const char* kDefaultProtocol = "hip-msc-v1";

// The steps before the cells are taken: a treatment consent is asked for these episodes.
bool before_harvest(EpisodeState s) {
  return s == EpisodeState::referred || s == EpisodeState::screening || s == EpisodeState::eligible ||
         s == EpisodeState::workup || s == EpisodeState::scheduled;
}

// The version of each document patients sign now: the latest published of each protocol
// and kind.
std::optional<consent::Document> published_now(const std::vector<consent::Document>& all, const std::string& protocol,
                                               consent::ConsentKind kind) {
  std::optional<consent::Document> out;
  for (const auto& d : all)
    if (d.protocol == protocol && d.kind == kind && d.published()) out = d;
  return out;
}

// The signature that stands for this document's version (for the episode, a treatment one).
std::optional<consent::SignedConsent> standing(const std::vector<consent::SignedConsent>& signatures,
                                               const consent::Document& d, std::optional<std::int64_t> episode_id) {
  for (const auto& s : signatures)
    if (s.kind == d.kind && s.protocol == d.protocol && s.version == d.version && !s.withdrawn() &&
        (d.kind != consent::ConsentKind::treatment || s.episode_id == episode_id))
      return s;
  return std::nullopt;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string described(const consent::SignedConsent& s) {
  std::string out = std::string(consent::to_string(s.kind)) + " " + s.protocol + " version " +
                    std::to_string(s.version) + " (" + s.language + ")";
  if (s.episode_id) out += " episode " + std::to_string(*s.episode_id);
  return out + " sha256 " + s.pdf_sha256;
}

// A signed consent's audit row names the patient (so the record's access history shows
// it) and, first in its detail, the signature: "signature 7: ...". Nothing identifying:
// a withdrawal's reason stays in its row.
store::AuditEntry consent_audit(const Clock& clock, const Actor& actor, const consent::SignedConsent& s,
                                const std::string& action, const std::string& detail) {
  return audit_entry(clock, actor, s.centre_id, action, "patient", std::to_string(s.patient_id),
                     "signature " + std::to_string(s.id) + ": " + detail);
}

NotFoundError no_signature(std::int64_t id) {
  return NotFoundError("consent_signature", "consent_signature_not_found"_err, {{"id", std::to_string(id)}});
}

// A signature the actor may see: the patient's own, or one of the witness's centre.
consent::SignedConsent visible_signature(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto s = tx.consent_signature(id);
  if (!s) throw no_signature(id);
  if (actor.role == Role::patient) {
    if (actor.patient_id != s->patient_id) throw no_signature(id);
  } else {
    require(actor, Permission::consent_witness);
    if (!actor.sees_centre(s->centre_id)) throw no_signature(id);
  }
  return *s;
}

void set_flag(Patient& p, consent::ConsentKind kind, bool value) {
  switch (kind) {
    case consent::ConsentKind::treatment:
      p.consent.treatment = value;
      break;
    case consent::ConsentKind::registry:
      p.consent.registry = value;
      break;
    case consent::ConsentKind::contact:
      p.consent.contact = value;
      break;
  }
}

Patient own_patient(store::Transaction& tx, const Actor& patient) {
  auto p = tx.find_patient(*patient.patient_id);
  if (!p) throw NotFoundError("patient", "no_patient"_err);
  return *p;
}

// What fills a protocol's documents at a centre today: its public claims (kept here, as
// the figures point into them) and the standing evidence, read once per protocol however
// many of its documents are filled (a patient's treatment, registry and contact consents).
class ConsentFigures {
 public:
  ConsentFigures(store::Store& store, const Clock& clock, HeavyReads* heavy)
      : store_(store), clock_(clock), outcomes_(store, clock, heavy) {}
  const consent::Figures& of(const std::string& centre_id, const std::string& protocol) {
    const std::string key = centre_id + '\x1f' + protocol;
    if (const auto it = figures_.find(key); it != figures_.end()) return it->second;
    const auto& claims = *claims_.emplace(key, outcomes_.public_claims(centre_id, protocol)).first->second;
    consent::Figures f;
    f.as_of = claims.computed_at;
    f.evidence = Evidence(store_, clock_).of_protocol(protocol, false).entries;
    for (const Claim& claim : claims.claims.claims) {
      consent::ClaimFigure figure{&claim, nullptr, false};
      for (std::size_t k = 0; k < claims.results.size(); ++k)
        if (claims.results[k].claim_id == claim.id) {
          figure.result = &claims.results[k];
          figure.hidden = k < claims.hidden.size() && claims.hidden[k];
        }
      f.claims.push_back(figure);
    }
    return figures_.emplace(key, std::move(f)).first->second;
  }

 private:
  store::Store& store_;
  const Clock& clock_;
  Outcomes outcomes_;
  std::map<std::string, std::shared_ptr<const PublicClaims>> claims_;
  std::map<std::string, consent::Figures> figures_;
};

}  // namespace

std::vector<ConsentToRead> ConsentSigning::to_read(const Actor& patient, const std::string& language) {
  require_portal_patient(patient);
  Patient p;
  std::vector<Episode> episodes;
  std::vector<consent::Document> documents;
  std::vector<consent::SignedConsent> signatures;
  store_.read(record_scope(patient), [&](store::Transaction& tx) {
    p = own_patient(tx, patient);
    episodes = tx.episodes_of_patient(p.id);
    documents = tx.consent_documents(p.centre_id, std::nullopt);
    signatures = tx.consent_signatures_of(p.id);
  });
  std::vector<ConsentToRead> out;
  ConsentFigures figures(store_, clock_, heavy_);
  const auto add = [&](const consent::Document& d, std::optional<std::int64_t> episode_id) {
    ConsentToRead r{d, episode_id, consent::fill(d, language, figures.of(p.centre_id, d.protocol)),
                    standing(signatures, d, episode_id)};
    out.push_back(std::move(r));
  };
  for (const auto& e : episodes)
    if (before_harvest(e.state))
      if (auto d = published_now(documents, e.protocol_id, consent::ConsentKind::treatment)) add(*d, e.id);
  const std::string protocol = episodes.empty() ? kDefaultProtocol : episodes.back().protocol_id;
  for (const auto kind : kPatientKinds)
    if (auto d = published_now(documents, protocol, kind)) add(*d, std::nullopt);
  return out;
}

consent::SignedConsent ConsentSigning::sign(const Actor& patient, consent::ConsentKind kind,
                                            std::optional<std::int64_t> episode_id, const std::string& language,
                                            const consent::Signing& signing) {
  require_portal_patient(patient);
  if (kind == consent::ConsentKind::treatment && !episode_id)
    throw InputError("episode", "episode_required_for_treatment"_err);
  if (kind != consent::ConsentKind::treatment) episode_id.reset();
  // What the patient reads now, as the portal showed it: the document published now,
  // filled with today's figures. Read before the write, which keeps it short.
  Patient p;
  std::optional<consent::Document> document;
  store_.read(record_scope(patient), [&](store::Transaction& tx) {
    p = own_patient(tx, patient);
    const auto episodes = tx.episodes_of_patient(p.id);
    std::string protocol = episodes.empty() ? kDefaultProtocol : episodes.back().protocol_id;
    if (episode_id) {
      const auto e =
          std::find_if(episodes.begin(), episodes.end(), [&](const Episode& x) { return x.id == *episode_id; });
      if (e == episodes.end())
        throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(*episode_id)}});
      protocol = e->protocol_id;
    }
    document = published_now(tx.consent_documents(p.centre_id, protocol), protocol, kind);
  });
  if (!document) throw NotFoundError("consent_document", "consent_not_published"_err);
  consent::validate_signing(*document, signing);
  consent::SignedConsent s;
  s.centre_id = p.centre_id;
  s.patient_id = p.id;
  s.episode_id = episode_id;
  s.document_id = document->id;
  s.protocol = document->protocol;
  s.kind = kind;
  s.version = document->version;
  s.language = language == "fa" ? "fa" : "en";
  s.signed_name = signing.name;
  s.strokes = signing.strokes;
  s.answers = signing.answers;
  s.shown = consent::fill(*document, s.language, ConsentFigures(store_, clock_, heavy_).of(p.centre_id, s.protocol));
  s.signed_at = clock_.now_iso();
  s.pdf = pdf_(s);
  s.pdf_sha256 = sha256_hex(s.pdf);
  store_.write(record_scope(patient), [&](store::Transaction& tx) {
    // A version published meanwhile is what the patient must read: refuse the old one.
    const auto now = published_now(tx.consent_documents(s.centre_id, s.protocol), s.protocol, kind);
    if (!now || now->id != document->id)
      throw ConflictError("version", "page_version_not_latest"_err, {{"latest", std::int64_t{now ? now->version : 0}}});
    if (standing(tx.consent_signatures_of(s.patient_id), *document, episode_id))
      throw ConflictError("consent", "consent_already_signed"_err);
    s.id = tx.add_consent_signature(s);
    auto after = own_patient(tx, patient);
    set_flag(after, kind, true);
    tx.update_patient(after);
    tx.append_audit(consent_audit(clock_, patient, s, "consent.sign", described(s)));
  });
  return s;
}

std::vector<consent::SignedConsent> ConsentSigning::of_patient(const Actor& actor, std::int64_t patient_id) {
  if (actor.role == Role::patient) {
    if (actor.patient_id != patient_id)
      throw NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(patient_id)}});
  } else {
    require(actor, Permission::consent_witness);
  }
  std::vector<consent::SignedConsent> out;
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    const auto p = tx.find_patient(patient_id);
    if (!p || !actor.sees_centre(p->centre_id))
      throw NotFoundError("patient", "patient_not_found"_err, {{"id", std::to_string(patient_id)}});
    out = tx.consent_signatures_of(patient_id);
  });
  return out;
}

consent::SignedConsent ConsentSigning::signed_copy(const Actor& actor, std::int64_t signature_id) {
  consent::SignedConsent s;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    s = visible_signature(tx, actor, signature_id);
    tx.append_audit(consent_audit(clock_, actor, s, "consent.read", "sha256 " + s.pdf_sha256));
  });
  return s;
}

consent::SignedConsent ConsentSigning::countersign(const Actor& witness, std::int64_t signature_id) {
  require(witness, Permission::consent_witness);
  consent::SignedConsent s;
  store_.read(record_scope(witness), [&](store::Transaction& tx) { s = visible_signature(tx, witness, signature_id); });
  if (s.withdrawn()) throw ConflictError("consent", "consent_already_withdrawn"_err);
  if (s.witnessed()) throw ConflictError("consent", "consent_already_countersigned"_err);
  s.witness_by = witness.user;
  s.witness_role = std::string(to_string(witness.role));
  s.witnessed_at = clock_.now_iso();
  s.pdf = pdf_(s);
  s.pdf_sha256 = sha256_hex(s.pdf);
  store_.write(record_scope(witness), [&](store::Transaction& tx) {
    const auto now = visible_signature(tx, witness, signature_id);
    if (now.withdrawn()) throw ConflictError("consent", "consent_already_withdrawn"_err);
    if (!tx.countersign_consent(s.id, s.witness_by, s.witness_role, s.witnessed_at, s.pdf, s.pdf_sha256))
      throw ConflictError("consent", "consent_already_countersigned"_err);
    tx.append_audit(consent_audit(clock_, witness, s, "consent.countersign", described(s)));
  });
  return s;
}

consent::SignedConsent ConsentSigning::withdraw(const Actor& actor, std::int64_t signature_id,
                                                const std::string& reason) {
  check_reason(reason);
  consent::SignedConsent s;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    s = visible_signature(tx, actor, signature_id);
    s.withdrawn_at = clock_.now_iso();
    s.withdrawn_by = actor.user;
    s.withdrawal_reason = reason;
    if (!tx.withdraw_consent(s.id, s.withdrawn_by, s.withdrawn_at, reason))
      throw ConflictError("consent", "consent_already_withdrawn"_err);
    // The flag follows the consents that still stand (another hip's treatment consent may).
    const auto others = tx.consent_signatures_of(s.patient_id);
    const bool still = std::any_of(others.begin(), others.end(), [&](const consent::SignedConsent& o) {
      return o.kind == s.kind && !o.withdrawn() && o.id != s.id;
    });
    if (!still) {
      auto p = tx.find_patient(s.patient_id);
      if (p) {
        set_flag(*p, s.kind, false);
        tx.update_patient(*p);
      }
    }
    tx.append_audit(consent_audit(clock_, actor, s, "consent.withdraw", std::string(consent::to_string(s.kind))));
  });
  s.pdf.clear();
  return s;
}

CopyCheck ConsentSigning::check_copy(const Actor& actor, std::int64_t signature_id, const std::string& bytes) {
  require(actor, Permission::audit_verify);
  CopyCheck out;
  out.pdf_sha256 = sha256_hex(bytes);
  const std::string named = "signature " + std::to_string(signature_id) + ": ";
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    const auto s = visible_signature(tx, actor, signature_id);
    out.kept = s.pdf_sha256 == out.pdf_sha256;
    for (auto& row : tx.audit_rows_about_patient(s.patient_id))
      if ((row.action == "consent.sign" || row.action == "consent.countersign") && row.detail.rfind(named, 0) == 0 &&
          row.detail.find("sha256 " + out.pdf_sha256) != std::string::npos)
        out.row = std::move(row);
  });
  out.chain = verify_audit_chain(store_, actor).verdict();
  return out;
}

bool treatment_consent_current(store::Transaction& tx, const Episode& episode) {
  const auto document = published_now(tx.consent_documents(episode.centre_id, episode.protocol_id), episode.protocol_id,
                                      consent::ConsentKind::treatment);
  if (!document) {
    const auto p = tx.find_patient(episode.patient_id);
    return p && p->consent.treatment;
  }
  const auto s = standing(tx.consent_signatures_of(episode.patient_id), *document, episode.id);
  return s && s->witnessed();
}

}  // namespace rp::service
