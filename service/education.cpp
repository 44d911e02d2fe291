#include "service/education.hpp"

#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/outcomes.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

void require_page_centre(const Actor& actor, const std::string& centre_id) {
  if (!actor.sees_centre(centre_id))
    throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
}

// The latest version of each page (by slug), from versions ordered by slug then version.
std::map<std::string, PageState> states_of(const std::vector<education::Page>& versions) {
  std::map<std::string, PageState> out;
  for (const auto& p : versions) {
    auto& s = out[p.slug];
    s.latest = p;
    // The latest version published is what the public reads, unless it was withdrawn.
    if (p.published()) s.published_version = p.withdrawn() ? std::nullopt : std::optional<int>(p.version);
  }
  return out;
}

// The claims of `protocol`, InputError(protocol) for a protocol the catalogue lacks.
ClaimSet claims_of(const std::string& protocol) {
  try {
    return catalogue_entry(protocol).claims.value_or(ClaimSet{});
  } catch (const NotFoundError&) {
    throw InputError("protocol", "unknown_protocol"_err, {{"protocol", protocol.substr(0, 64)}});
  }
}

bool listed_before(const education::Page& a, const education::Page& b) {
  if (a.kind != b.kind) return a.kind == education::PageKind::page;
  if (a.position != b.position) return a.position < b.position;
  return a.slug < b.slug;
}

}  // namespace

std::vector<Claim> embeddable_claims(const std::string& protocol) { return claims_of(protocol).claims; }

std::vector<PageState> Education::of_centre(const Actor& editor, const std::string& centre_id) {
  require(editor, Permission::education_edit);
  require_page_centre(editor, centre_id);
  std::vector<education::Page> versions;
  store_.read(record_scope(editor), [&](store::Transaction& tx) {
    if (!tx.find_centre(centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
    versions = tx.education_pages(centre_id, std::nullopt);
  });
  std::vector<PageState> out;
  for (auto& [slug, state] : states_of(versions)) out.push_back(std::move(state));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return listed_before(a.latest, b.latest); });
  return out;
}

std::vector<education::Page> Education::versions(const Actor& editor, const std::string& centre_id,
                                                 const std::string& slug) {
  require(editor, Permission::education_edit);
  require_page_centre(editor, centre_id);
  std::vector<education::Page> out;
  store_.read(record_scope(editor), [&](store::Transaction& tx) { out = tx.education_pages(centre_id, slug); });
  if (out.empty()) throw NotFoundError("page", "page_not_found"_err, {{"slug", slug.substr(0, 64)}});
  return out;
}

education::Page Education::save(const Actor& editor, education::Page page) {
  require(editor, Permission::education_edit);
  require_page_centre(editor, page.centre_id);
  education::validate_page(page, claims_of(page.protocol));
  store_.write(record_scope(editor), [&](store::Transaction& tx) {
    if (!tx.find_centre(page.centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", page.centre_id.substr(0, 64)}});
    const auto earlier = tx.education_pages(page.centre_id, page.slug);
    if (!earlier.empty() && education::same_content(earlier.back(), page)) {
      page = earlier.back();  // the same words again: nothing written
      return;
    }
    page.id = 0;
    page.version = 1;
    if (!earlier.empty()) {
      const auto& latest = earlier.back();
      // A draft is saved over; a published version stays as the public read it.
      page.id = latest.published() ? 0 : latest.id;
      page.version = latest.published() ? latest.version + 1 : latest.version;
    }
    page.written_by = editor.user;
    page.written_at = clock_.now_iso();
    page.published_by.clear();
    page.published_at.clear();
    page.id = tx.save_education_page(page);
    tx.append_audit(audit_entry(clock_, editor, page.centre_id, "education.save", "education_page", page.slug,
                                "version " + std::to_string(page.version)));
  });
  return page;
}

education::Page Education::publish(const Actor& admin, const std::string& centre_id, const std::string& slug,
                                   int version) {
  require(admin, Permission::centre_edit);
  require_page_centre(admin, centre_id);
  education::Page page;
  store_.write(record_scope(admin), [&](store::Transaction& tx) {
    const auto all = tx.education_pages(centre_id, slug);
    if (all.empty()) throw NotFoundError("page", "page_not_found"_err, {{"slug", slug.substr(0, 64)}});
    page = all.back();
    if (version != page.version)
      throw ConflictError("version", "page_version_not_latest"_err, {{"latest", std::int64_t{page.version}}});
    if (page.published() && !page.withdrawn()) return;
    // The claims may have changed since the draft was saved: what is published is checked now.
    education::validate_page(page, claims_of(page.protocol));
    page.published_by = admin.user;
    page.published_at = clock_.now_iso();
    // Published again after a withdrawal: it stands again (the audit trail keeps both).
    page.withdrawn_by.clear();
    page.withdrawn_at.clear();
    page.withdrawn_reason.clear();
    tx.save_education_page(page);
    tx.append_audit(audit_entry(clock_, admin, centre_id, "education.publish", "education_page", slug,
                                "version " + std::to_string(page.version)));
  });
  return page;
}

education::Page Education::withdraw(const Actor& admin, const std::string& centre_id, const std::string& slug,
                                    const std::string& reason) {
  require(admin, Permission::centre_edit);
  require_page_centre(admin, centre_id);
  check_reason(reason);
  education::Page page;
  store_.write(record_scope(admin), [&](store::Transaction& tx) {
    const auto all = tx.education_pages(centre_id, slug);
    if (all.empty()) throw NotFoundError("page", "page_not_found"_err, {{"slug", slug.substr(0, 64)}});
    // The version the public reads: the latest published.
    const auto it = std::find_if(all.rbegin(), all.rend(), [](const auto& p) { return p.published(); });
    if (it == all.rend()) throw ConflictError("page", "page_not_published"_err);
    if (it->withdrawn()) throw ConflictError("page", "page_already_withdrawn"_err);
    page = *it;
    page.withdrawn_by = admin.user;
    page.withdrawn_at = clock_.now_iso();
    page.withdrawn_reason = reason;
    tx.save_education_page(page);
    tx.append_audit(audit_entry(clock_, admin, centre_id, "education.withdraw", "education_page", slug,
                                "version " + std::to_string(page.version) + ": " + reason));
  });
  return page;
}

PublishedPages Education::published(const std::string& centre_id) {
  PublishedPages out;
  // No actor: every centre's published pages are public.
  store_.read([&](store::Transaction& tx) {
    if (!tx.find_centre(centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
    std::map<std::string, education::Page> latest_published;
    for (auto& p : tx.education_pages(centre_id, std::nullopt))
      if (p.published()) latest_published[p.slug] = std::move(p);
    for (auto& [slug, p] : latest_published)
      if (!p.withdrawn()) out.pages.push_back(std::move(p));
  });
  std::sort(out.pages.begin(), out.pages.end(), listed_before);
  out.figures = figures(centre_id, out.pages);
  return out;
}

std::vector<PageFigure> Education::figures(const std::string& centre_id, const std::vector<education::Page>& pages) {
  std::vector<PageFigure> out;
  std::map<std::string, std::shared_ptr<const PublicClaims>> by_protocol;
  for (const auto& page : pages) {
    auto& claims = by_protocol[page.protocol];
    for (const auto& id : education::embedded_claims(page)) {
      if (std::any_of(out.begin(), out.end(), [&](const PageFigure& f) { return f.claim.id == id; })) continue;
      if (!claims) claims = Outcomes(store_, clock_, heavy_).public_claims(centre_id, page.protocol);
      const auto& set = claims->claims.claims;
      const auto it = std::find_if(set.begin(), set.end(), [&](const Claim& c) { return c.id == id; });
      if (it == set.end()) continue;  // the protocol's claims changed since: the page shows no figure
      PageFigure f{*it, claims->computed_at, std::nullopt, false};
      for (std::size_t k = 0; k < claims->results.size(); ++k)
        if (claims->results[k].claim_id == id) {
          f.result = claims->results[k];
          f.hidden = k < claims->hidden.size() && claims->hidden[k];
        }
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace rp::service
