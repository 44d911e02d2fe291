// `regenpath page list|save|publish|withdraw`: a centre's education pages and FAQ entries, as the
// operator (issue 19, service/education.hpp); the staff's screen and the API do the same.
//
//   regenpath page save --centre tehran-1 --slug who-is-it-for --kind faq --position 10
//       --title-en TEXT --title-fa TEXT --body-en-file FILE --body-fa-file FILE [--protocol ID]
//   regenpath page publish --centre tehran-1 --slug who-is-it-for --version 2
//   regenpath page withdraw --centre tehran-1 --slug who-is-it-for --reason "prices changed"
//   regenpath page list --centre tehran-1 [--published]
//
// A body is plain text: paragraphs separated by blank lines, {{claim:ID}} where the
// centre's measured figure for a claim stands. JSON on stdout as the API answers it.
#include "api/contract/education.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"

namespace rp::app {
namespace {

struct PageArgs {
  std::string db = kDefaultDb, centre, slug, kind = "page", protocol = "hip-msc-v1";
  std::string title_en, title_fa, body_en, body_fa, body_en_file, body_fa_file;
  int position = 0, version = 0;
  bool published = false;
  std::string reason;
};

// The body given inline or in a file ("-": standard input), never both.
std::string body_text(const std::string& inline_text, const std::string& file, const std::string& field) {
  if (!file.empty()) return read_text(file, field);
  return inline_text;
}

void list_pages(const PageArgs& a) {
  auto store = open_store(a.db);
  const Clock clock = Clock::system();
  service::Education education(*store, clock, nullptr);
  if (a.published) {
    print_json(api::http::encode(api::contract::published_pages_out(education.published(a.centre))));
    return;
  }
  api::contract::PagesOut out;
  std::vector<education::Page> latest;
  for (const auto& st : education.of_centre(service::Actor::cli_operator(), a.centre)) {
    out.pages.push_back(api::contract::page_out(st.latest, st.published_version));
    latest.push_back(st.latest);
  }
  for (const auto& f : education.figures(a.centre, latest)) out.figures.push_back(api::contract::page_figure_out(f));
  print_json(api::http::encode(out));
}

}  // namespace

void add_page_commands(CLI::App& app) {
  auto* page = app.add_subcommand("page", "A centre's education pages and FAQ: list, save, publish, withdraw");
  page->require_subcommand(1);
  auto a = std::make_shared<PageArgs>();

  auto* list = page->add_subcommand("list", "The centre's pages, each's latest version, with their figures (JSON)");
  add_db_option(list, a->db);
  list->add_option("--centre", a->centre, "the centre's id")->required();
  list->add_flag("--published", a->published, "what the public reads: each page's latest published version");
  list->callback([a] { list_pages(*a); });

  auto* save = page->add_subcommand("save", "Writes a page over its draft, or as its next version once published");
  add_db_option(save, a->db);
  save->add_option("--centre", a->centre, "the centre's id")->required();
  save->add_option("--slug", a->slug, "the page's name in links: a-z, 0-9 and hyphens")->required();
  save->add_option("--kind", a->kind, "page (the default) or faq");
  save->add_option("--position", a->position, "order in the centre's list, 0-9999");
  save->add_option("--protocol", a->protocol, "whose claims the bodies embed (hip-msc-v1)");
  save->add_option("--title-en", a->title_en, "the title in English")->required();
  save->add_option("--title-fa", a->title_fa, "the title in Persian")->required();
  auto* body_en = save->add_option("--body-en", a->body_en, "the body in English");
  auto* body_en_file = save->add_option("--body-en-file", a->body_en_file, "a file holding it (-: standard input)");
  auto* body_fa = save->add_option("--body-fa", a->body_fa, "the body in Persian");
  auto* body_fa_file = save->add_option("--body-fa-file", a->body_fa_file, "a file holding it");
  body_en->excludes(body_en_file);
  body_fa->excludes(body_fa_file);
  save->callback([a] {
    education::Page p;
    p.centre_id = a->centre;
    p.slug = a->slug;
    p.kind = education::parse_page_kind(a->kind, "kind");
    p.position = a->position;
    p.protocol = a->protocol;
    p.title = {a->title_en, a->title_fa};
    p.body = {body_text(a->body_en, a->body_en_file, "body-en-file"),
              body_text(a->body_fa, a->body_fa_file, "body-fa-file")};
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    service::Education education(*store, clock, nullptr);
    const auto saved = education.save(service::Actor::cli_operator(), p);
    std::optional<int> published;
    for (const auto& v : education.versions(service::Actor::cli_operator(), p.centre_id, p.slug))
      if (v.published()) published = v.version;
    print_json(api::http::encode(api::contract::page_out(saved, published)));
  });

  auto* publish = page->add_subcommand("publish", "Publishes a page's latest version: the public reads it from now on");
  add_db_option(publish, a->db);
  publish->add_option("--centre", a->centre, "the centre's id")->required();
  publish->add_option("--slug", a->slug, "the page's name")->required();
  publish->add_option("--version", a->version, "its latest version, as last read")->required();
  publish->callback([a] {
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    const auto p = service::Education(*store, clock, nullptr)
                       .publish(service::Actor::cli_operator(), a->centre, a->slug, a->version);
    print_json(api::http::encode(api::contract::page_out(p, p.version)));
  });

  auto* withdraw = page->add_subcommand(
      "withdraw", "Takes a published page down with why: the public reads none of it until it is published again");
  add_db_option(withdraw, a->db);
  withdraw->add_option("--centre", a->centre, "the centre's id")->required();
  withdraw->add_option("--slug", a->slug, "the page's name")->required();
  withdraw->add_option("--reason", a->reason, "why it no longer stands")->required();
  withdraw->callback([a] {
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    const auto p = service::Education(*store, clock, nullptr)
                       .withdraw(service::Actor::cli_operator(), a->centre, a->slug, a->reason);
    print_json(api::http::encode(api::contract::page_out(p, std::nullopt)));
  });
}

}  // namespace rp::app
