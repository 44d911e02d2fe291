#include "service/consent_documents.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/education.hpp"

namespace rp::service {
namespace {

void require_consent_centre(const Actor& actor, const std::string& centre_id) {
  if (!actor.sees_centre(centre_id))
    throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
}

ClaimSet consent_claims(const std::string& protocol) { return ClaimSet{{}, embeddable_claims(protocol)}; }

// The versions of one document among the centre's, the first first.
std::vector<consent::Document> versions_of_document(std::vector<consent::Document> all, const std::string& protocol,
                                                    consent::ConsentKind kind) {
  std::erase_if(all, [&](const consent::Document& d) { return d.protocol != protocol || d.kind != kind; });
  return all;
}

std::string described_document(const consent::Document& d) {
  return d.protocol + " " + std::string(consent::to_string(d.kind)) + " version " + std::to_string(d.version);
}

}  // namespace

std::vector<ConsentState> ConsentDocuments::of_centre(const Actor& editor, const std::string& centre_id) {
  require(editor, Permission::consent_edit);
  require_consent_centre(editor, centre_id);
  std::vector<consent::Document> all;
  store_.read(record_scope(editor), [&](store::Transaction& tx) {
    if (!tx.find_centre(centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
    all = tx.consent_documents(centre_id, std::nullopt);
  });
  std::vector<ConsentState> out;
  for (auto& d : all) {
    if (out.empty() || out.back().latest.protocol != d.protocol || out.back().latest.kind != d.kind) out.push_back({});
    auto& s = out.back();
    if (d.published()) s.published_version = d.version;
    s.latest = std::move(d);
  }
  return out;
}

std::vector<consent::Document> ConsentDocuments::versions(const Actor& editor, const std::string& centre_id,
                                                          const std::string& protocol, consent::ConsentKind kind) {
  require(editor, Permission::consent_edit);
  require_consent_centre(editor, centre_id);
  std::vector<consent::Document> out;
  store_.read(record_scope(editor), [&](store::Transaction& tx) {
    out = versions_of_document(tx.consent_documents(centre_id, protocol), protocol, kind);
  });
  if (out.empty()) throw NotFoundError("consent_document", "consent_document_not_found"_err);
  return out;
}

ConsentState ConsentDocuments::save(const Actor& editor, consent::Document d) {
  require(editor, Permission::consent_edit);
  require_consent_centre(editor, d.centre_id);
  consent::validate_document(d, consent_claims(d.protocol));
  std::optional<int> published;  // the version patients sign, which a save never changes
  store_.write(record_scope(editor), [&](store::Transaction& tx) {
    if (!tx.find_centre(d.centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", d.centre_id.substr(0, 64)}});
    const auto earlier = versions_of_document(tx.consent_documents(d.centre_id, d.protocol), d.protocol, d.kind);
    for (const auto& v : earlier)
      if (v.published()) published = v.version;
    if (!earlier.empty() && consent::same_content(earlier.back(), d)) {
      d = earlier.back();  // the same content again: nothing written
      return;
    }
    d.id = 0;
    d.version = 1;
    if (!earlier.empty()) {
      const auto& latest = earlier.back();
      // A draft is saved over; a published version stays as patients signed it.
      d.id = latest.published() ? 0 : latest.id;
      d.version = latest.published() ? latest.version + 1 : latest.version;
    }
    d.written_by = editor.user;
    d.written_at = clock_.now_iso();
    d.published_by.clear();
    d.published_at.clear();
    d.id = tx.save_consent_document(d);
    tx.append_audit(audit_entry(clock_, editor, d.centre_id, "consent_document.save", "consent_document",
                                described_document(d), ""));
  });
  return {std::move(d), published};
}

consent::Document ConsentDocuments::publish(const Actor& admin, const std::string& centre_id,
                                            const std::string& protocol, consent::ConsentKind kind, int version) {
  require(admin, Permission::centre_edit);
  require_consent_centre(admin, centre_id);
  consent::Document d;
  store_.write(record_scope(admin), [&](store::Transaction& tx) {
    const auto all = versions_of_document(tx.consent_documents(centre_id, protocol), protocol, kind);
    if (all.empty()) throw NotFoundError("consent_document", "consent_document_not_found"_err);
    d = all.back();
    if (version != d.version)
      throw ConflictError("version", "page_version_not_latest"_err, {{"latest", std::int64_t{d.version}}});
    if (d.published()) return;
    // The claims may have changed since the draft was saved: what is published is checked now.
    consent::validate_document(d, consent_claims(d.protocol));
    d.published_by = admin.user;
    d.published_at = clock_.now_iso();
    tx.save_consent_document(d);
    tx.append_audit(audit_entry(clock_, admin, centre_id, "consent_document.publish", "consent_document",
                                described_document(d), ""));
  });
  return d;
}

}  // namespace rp::service
