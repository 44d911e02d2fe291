#pragma once
// Education pages and FAQ entries (issue 19, domain/education/page.hpp). A centre's staff
// write them (every clinical role and the admin); its admin publishes; anyone reads each
// page's latest published version, with the centre's measured figure for every claim a
// page embeds (service/public_claims.hpp). Every write is audited.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/education/page.hpp"
#include "service/actor.hpp"
#include "service/heavy_reads.hpp"
#include "service/public_claims.hpp"
#include "store/store.hpp"

namespace rp::service {

// What a centre's editors see of one page: its latest version (a draft or published) and
// the version the public reads (none: never published).
struct PageState {
  education::Page latest;
  std::optional<int> published_version;
};

// A claim as pages embed it: the claim, and the centre's result for it (unset when the
// registry has none, e.g. the claim is not testable).
struct PageFigure {
  Claim claim;
  std::string computed_at;  // UTC: the registry's data as of then (kept up to ten minutes)
  std::optional<outcomes::ClaimResult> result;
  bool hidden = false;  // the counts and estimates are hidden (fewer than 5 patients)
};

struct PublishedPages {
  std::vector<education::Page> pages;  // pages then FAQ entries, each by position then slug
  std::vector<PageFigure> figures;     // every claim the pages embed, once
};

// The claims a page of `protocol` may embed (none for a protocol without a claims file).
// InputError("protocol") for a protocol the catalogue does not have.
std::vector<Claim> embeddable_claims(const std::string& protocol);

class Education {
 public:
  Education(store::Store& store, const Clock& clock, HeavyReads* heavy) : store_(store), clock_(clock), heavy_(heavy) {}

  // The centre's pages for its editors, with the figures their latest versions embed.
  // Another centre: NotFoundError("centre").
  std::vector<PageState> of_centre(const Actor& editor, const std::string& centre_id);
  // Every version of one page, the first first. NotFoundError("page") when there is none.
  std::vector<education::Page> versions(const Actor& editor, const std::string& centre_id, const std::string& slug);
  // Saves `page` (its centre, slug, kind, position, protocol, titles and bodies): over the
  // draft when the latest version is one, else as the next version. The same content
  // again writes nothing. InputError naming the field for what validate_page refuses and
  // for an unknown protocol.
  education::Page save(const Actor& editor, education::Page page);
  // Publishes the page's latest version; publishing it again changes nothing. ConflictError
  // (page_version_not_latest) for an earlier version. The centre's admin only.
  education::Page publish(const Actor& admin, const std::string& centre_id, const std::string& slug, int version);
  // Takes the published page down with why (reason required, at most 500 bytes): the
  // public reads no version of it until one is published again (publish the latest again,
  // or save and publish the next). ConflictError page_not_published, page_already_withdrawn.
  // The centre's admin only.
  education::Page withdraw(const Actor& admin, const std::string& centre_id, const std::string& slug,
                           const std::string& reason);
  // What anyone reads of a centre's pages (none withdrawn). NotFoundError("centre") for an
  // unknown centre.
  PublishedPages published(const std::string& centre_id);
  // The figures `pages` embed, at `centre_id` (the editors' preview and the public pages).
  std::vector<PageFigure> figures(const std::string& centre_id, const std::vector<education::Page>& pages);

 private:
  store::Store& store_;
  const Clock& clock_;
  HeavyReads* heavy_;
};

}  // namespace rp::service
