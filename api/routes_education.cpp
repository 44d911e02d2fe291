// Education pages and FAQ entries (issue 19; service/education.hpp): a centre's staff write
// them, its admin publishes, anyone reads the published pages with the centre's measured
// figures for the claims they embed.
#include "api/contract/education.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

constexpr const char* kDefaultProtocol = "hip-msc-v1";

service::Education education(Services& s) { return service::Education(s.store, s.clock, s.heavy_reads); }

const std::string& centre_param(const http::Call& c) { return c.request.params.at("centre_id"); }
const std::string& slug_param(const http::Call& c) { return c.request.params.at("slug"); }

}  // namespace

void add_education_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/centres/{centre_id}/pages",
         "The centre's education pages and FAQ entries for its editors: each page's latest version (a draft or "
         "published) and the version the public reads, with the centre's figures for the claims they embed",
         service::Permission::education_edit,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           auto service = education(s);
           const auto states = service.of_centre(c.actor, centre_param(c));
           contract::PagesOut out;
           std::vector<education::Page> latest;
           for (const auto& st : states) {
             out.pages.push_back(contract::page_out(st.latest, st.published_version));
             latest.push_back(st.latest);
           }
           for (const auto& f : service.figures(centre_param(c), latest))
             out.figures.push_back(contract::page_figure_out(f));
           out.claims.emplace();
           for (const auto& claim : service::embeddable_claims(kDefaultProtocol))
             out.claims->push_back(contract::claim_definition(claim));
           return out;
         }});
  r.add({"GET",
         "/api/v1/centres/{centre_id}/pages/{slug}/versions",
         "Every version of one of the centre's pages, the first first",
         service::Permission::education_edit,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           contract::PageVersionsOut out;
           std::optional<int> published;
           const auto versions = education(s).versions(c.actor, centre_param(c), slug_param(c));
           for (const auto& p : versions)
             if (p.published()) published = p.version;
           for (const auto& p : versions) out.versions.push_back(contract::page_out(p, published));
           return out;
         }});
  r.add({"PUT",
         "/api/v1/centres/{centre_id}/pages/{slug}",
         "Writes a page or FAQ entry in both languages: over its draft, or as the next version once the last was "
         "published (the public keeps reading that one until the admin publishes this). The same content again "
         "changes nothing",
         service::Permission::education_edit,
         {},
         "{kind, position, protocol?, title_en, title_fa, body_en, body_fa}",
         false,
         false,
         [&s](http::Call& c, const contract::PageIn& in) {
           education::Page page;
           page.centre_id = centre_param(c);
           page.slug = slug_param(c);
           page.kind = education::parse_page_kind(in.kind, "kind");
           page.position = static_cast<int>(std::clamp<std::int64_t>(in.position, -1, education::kMaxPosition + 1));
           page.protocol = in.protocol.value_or(kDefaultProtocol);
           page.title = {in.title_en, in.title_fa};
           page.body = {in.body_en, in.body_fa};
           auto service = education(s);
           const auto saved = service.save(c.actor, page);
           std::optional<int> published;
           for (const auto& p : service.versions(c.actor, page.centre_id, page.slug))
             if (p.published()) published = p.version;
           return contract::page_out(saved, published);
         }});
  r.add({"POST",
         "/api/v1/centres/{centre_id}/pages/{slug}/publication",
         "Publishes the page's latest version: the public reads it from now on. An earlier version is refused "
         "(page_version_not_latest); the centre's admin only",
         service::Permission::centre_edit,
         {},
         "{version}",
         false,
         false,
         [&s](http::Call& c, const contract::PublicationIn& in) {
           const int version = static_cast<int>(std::clamp<std::int64_t>(in.version, 0, 1 << 30));
           const auto page = education(s).publish(c.actor, centre_param(c), slug_param(c), version);
           return contract::page_out(page, page.version);
         }});
  r.add({"POST",
         "/api/v1/centres/{centre_id}/pages/{slug}/withdrawal",
         "Takes the published page down with why: the public reads no version of it until one is published again "
         "(page_not_published, page_already_withdrawn); the centre's admin only",
         service::Permission::centre_edit,
         {},
         "{reason}",
         false,
         false,
         [&s](http::Call& c, const contract::PageWithdrawalIn& in) {
           const auto page = education(s).withdraw(c.actor, centre_param(c), slug_param(c), in.reason);
           return contract::page_out(page, std::nullopt);
         }});
  r.add({"GET",
         "/api/v1/directory/centres/{centre_id}/pages",
         "A centre's published education pages and FAQ, with the centre's measured figure for every claim they "
         "embed (its n, 95 % CI and verdict, or not yet known), never the claimed figure as a fact. No sign-in",
         http::kPublic,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) { return contract::published_pages_out(education(s).published(centre_param(c))); }});
}

}  // namespace rp::api
