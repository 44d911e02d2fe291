#pragma once
// A centre's informed-consent documents (issue 21, domain/consent/document.hpp). Its
// clinical staff (consent_edit: admin, surgeon) write a document for one protocol and one
// consent: over the draft when the latest version is one, else as the next version, so
// that a version once published (and signed) never changes; the same content again writes
// nothing. The centre's admin publishes the latest version. Every write is audited.
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/consent/document.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// What the editors see of one document: its latest version and the version patients sign
// (none: never published).
struct ConsentState {
  consent::Document latest;
  std::optional<int> published_version;
};

class ConsentDocuments {
 public:
  ConsentDocuments(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The centre's documents, by protocol then kind. Another centre: NotFoundError("centre").
  std::vector<ConsentState> of_centre(const Actor& editor, const std::string& centre_id);
  // Every version of one document, the first first: NotFoundError("consent_document").
  std::vector<consent::Document> versions(const Actor& editor, const std::string& centre_id,
                                          const std::string& protocol, consent::ConsentKind kind);
  // Saves `document` (its centre, protocol, kind, title, sections and questions): the
  // version written (or the latest, when nothing changed) and the version patients sign.
  // InputError naming the field for what validate_document refuses and for an unknown
  // protocol.
  ConsentState save(const Actor& editor, consent::Document document);
  // Publishes the document's latest version (again: nothing changes). ConflictError
  // page_version_not_latest for an earlier one. The centre's admin only.
  consent::Document publish(const Actor& admin, const std::string& centre_id, const std::string& protocol,
                            consent::ConsentKind kind, int version);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace rp::service
