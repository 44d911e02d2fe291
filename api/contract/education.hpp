#pragma once
// Education pages and FAQ entries as the centre's editors and the public read and write
// them (api/routes_education.cpp, service/education.hpp). A body is plain text: paragraphs
// separated by blank lines, and `{{claim:ID}}` where the centre's measured figure for a
// claim stands; each answer gives the body split into blocks so that no client parses it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"  // Texts
#include "api/contract/reports.hpp"   // ClaimDefinitionOut, ClaimResultOut
#include "api/http/contract.hpp"
#include "service/education.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct PageBlockOut {
  static constexpr const char* kSchema = "PageBlock";
  std::optional<std::string> text, claim;  // one of the two
  template <class V>
  static void fields(V& v) {
    const FieldRule left_out{.omit_when_empty = true};
    v("text", &PageBlockOut::text, "a paragraph (single line breaks kept); left out for a figure", left_out);
    v("claim", &PageBlockOut::claim, "the claim whose measured figure stands here (see figures); left out for text",
      left_out);
  }
};

struct PageBlocksOut {
  static constexpr const char* kSchema = "PageBlocks";
  std::vector<PageBlockOut> en, fa;
  template <class V>
  static void fields(V& v) {
    v("en", &PageBlocksOut::en, "");
    v("fa", &PageBlocksOut::fa, "");
  }
};

struct PageOut {
  static constexpr const char* kSchema = "EducationPage";
  std::string slug;
  std::int64_t version = 0;
  std::string kind;
  std::int64_t position = 0;
  std::string protocol;
  Texts title, body;
  PageBlocksOut blocks;
  std::string written_by, written_at, published_by, published_at;
  std::optional<std::int64_t> published_version;
  std::optional<std::string> withdrawn_at, withdrawn_reason;
  template <class V>
  static void fields(V& v) {
    using P = PageOut;
    v("slug", &P::slug, "the page's name in links");
    v("version", &P::version, "1 for the first; a save after publication writes the next");
    v("kind", &P::kind, "page or faq (a question, its title, with the answer)");
    v("position", &P::position, "order in the centre's list, smallest first");
    v("protocol", &P::protocol, "the protocol whose claims the bodies embed");
    v("title", &P::title, "");
    v("body", &P::body, "as written, with its embeds");
    v("blocks", &P::blocks, "the bodies split into paragraphs and figures");
    v("written_by", &P::written_by, "the editor; empty in the public answer");
    v("written_at", &P::written_at, "UTC");
    v("published_by", &P::published_by, "the admin who published it; empty for a draft and in the public answer");
    v("published_at", &P::published_at, "UTC; empty: a draft");
    v("published_version", &P::published_version, "the version the public reads; null: never published, or withdrawn");
    v("withdrawn_at", &P::withdrawn_at, "UTC, when the admin took this version down; left out while it stands",
      FieldRule{.omit_when_empty = true});
    v("withdrawn_reason", &P::withdrawn_reason, "why; left out while it stands", FieldRule{.omit_when_empty = true});
  }
};

struct PageFigureOut {
  static constexpr const char* kSchema = "PageFigure";
  ClaimDefinitionOut claim;
  std::optional<ClaimResultOut> result;
  bool known = false;
  std::string as_of;
  template <class V>
  static void fields(V& v) {
    v("as_of", &PageFigureOut::as_of,
      "UTC instant of the data the figure rests on: it is computed again at most every ten minutes");
    v("claim", &PageFigureOut::claim, "the claim as the article words it: a statement under test, never a fact");
    v("result", &PageFigureOut::result,
      "the centre's measured result as a registry reader sees it (withdrawn patients left out, counts of 1-4 "
      "patients null); null: the claim cannot be measured here");
    v("known", &PageFigureOut::known,
      "the verdict rests on enough patients followed long enough (consistent or contradicted); false: the figure "
      "is not yet known");
  }
};

struct PagesOut {
  static constexpr const char* kSchema = "EducationPages";
  std::vector<PageOut> pages;
  std::vector<PageFigureOut> figures;
  std::optional<std::vector<ClaimDefinitionOut>> claims;
  template <class V>
  static void fields(V& v) {
    v("pages", &PagesOut::pages, "pages, then FAQ entries, each by position");
    v("figures", &PagesOut::figures, "every claim the pages embed, at this centre");
    v("claims", &PagesOut::claims,
      "for the editors: the claims a page of the default protocol (hip-msc-v1) may embed; left out for the public",
      FieldRule{.omit_when_empty = true});
  }
};

struct PageVersionsOut {
  static constexpr const char* kSchema = "EducationPageVersions";
  std::vector<PageOut> versions;
  template <class V>
  static void fields(V& v) {
    v("versions", &PageVersionsOut::versions, "the first first");
  }
};

struct PageIn {
  static constexpr const char* kSchema = "EducationPageChange";
  std::string kind;
  std::int64_t position = 0;
  std::optional<std::string> protocol;
  std::string title_en, title_fa, body_en, body_fa;
  template <class V>
  static void fields(V& v) {
    v("kind", &PageIn::kind, "page or faq", FieldRule{.max_bytes = 16});
    v("position", &PageIn::position, "0-9999: order in the centre's list");
    v("protocol", &PageIn::protocol, "whose claims the bodies embed; left out: hip-msc-v1", FieldRule{.max_bytes = 64});
    v("title_en", &PageIn::title_en, "one line, at most 300 bytes", FieldRule{.max_bytes = 300});
    v("title_fa", &PageIn::title_fa, "one line, at most 300 bytes", FieldRule{.max_bytes = 300});
    v("body_en", &PageIn::body_en,
      "paragraphs separated by a blank line; {{claim:ID}} shows the centre's measured figure for a claim. A "
      "claim's stated percentage written as prose is refused (claimed_figure_as_fact)",
      FieldRule{.max_bytes = 20000});
    v("body_fa", &PageIn::body_fa, "as body_en, in Persian", FieldRule{.max_bytes = 20000});
  }
};

struct PublicationIn {
  static constexpr const char* kSchema = "EducationPagePublication";
  std::int64_t version = 0;
  template <class V>
  static void fields(V& v) {
    v("version", &PublicationIn::version, "the page's latest version, as the editor last read it");
  }
};

struct PageWithdrawalIn {
  static constexpr const char* kSchema = "EducationPageWithdrawal";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &PageWithdrawalIn::reason, "why the page no longer stands, at most 500 bytes",
      FieldRule{.max_bytes = 500});
  }
};

PageOut page_out(const education::Page& p, std::optional<int> published_version);
// The public's answer: no staff names.
PagesOut published_pages_out(const service::PublishedPages& p);
PageFigureOut page_figure_out(const service::PageFigure& f);

}  // namespace rp::api::contract
