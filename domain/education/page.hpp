#pragma once
// Education pages and FAQ entries (issue 19): what a centre tells its patients, in English
// and Persian, written by its staff and published by its admin. Every save of a published
// page is a new version; a draft (the latest version, not yet published) is saved over in
// place. The public reads each page's latest published version.
//
// A page speaks of the clinic's outcome claims only by embedding them: `{{claim:ID}}` in a
// body stands for the centre's measured figure for that claim (its n, 95 % CI and verdict,
// or "not yet known") beside the claim's words, never the claimed figure as a fact. A
// percentage written in the prose that is the figure an article claim states is refused
// for the same reason (claimed_figure_as_fact), naming the claim to embed instead.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/claims.hpp"
#include "domain/protocol.hpp"

namespace rp::education {

enum class PageKind { page, faq };
std::string_view to_string(PageKind k);
// Throws InputError(field, unknown_page_kind) for another text.
PageKind parse_page_kind(std::string_view text, std::string_view field);

inline constexpr std::size_t kMaxSlugBytes = 64;
inline constexpr std::size_t kMaxTitleBytes = 300;
inline constexpr std::size_t kMaxBodyBytes = 20000;
inline constexpr int kMaxPosition = 9999;

struct Page {
  std::int64_t id = 0;
  std::string centre_id;
  std::string slug;  // the page's name in links: a-z, 0-9 and hyphens
  int version = 0;
  PageKind kind = PageKind::page;
  int position = 0;      // order in the centre's list, smallest first
  std::string protocol;  // whose claims the bodies embed
  LocalText title, body;
  std::string written_by, written_at;
  std::string published_by, published_at;  // empty: a draft
  // The admin took the published page down (wrong, or no longer true): the public reads
  // no version of it until a version is published again. Empty: standing.
  std::string withdrawn_by, withdrawn_at, withdrawn_reason;
  bool published() const { return !published_at.empty(); }
  bool withdrawn() const { return !withdrawn_at.empty(); }
  bool operator==(const Page& other) const;
};

// The same words, kind, place and protocol: saving it again changes nothing.
bool same_content(const Page& a, const Page& b);

// One piece of a body: a paragraph of text, or the figure of a claim (claim_id set, text
// empty).
struct Block {
  std::string text;
  std::string claim_id;
  bool operator==(const Block&) const = default;
};
// Paragraphs are separated by blank lines and trimmed; an embed is a block of its own
// wherever it stands. Throws InputError(field, bad_page_embed) for a `{{` that does not
// close or holds anything but `claim:ID`.
std::vector<Block> blocks_of(std::string_view body, std::string_view field);
// A title (one line, at most kMaxTitleBytes) and a body (paragraphs and embeds, at most
// kMaxBodyBytes) as a page's are checked, under `field`: required, typed text, embeds of
// claims of `claims` only (unknown_claim_in_page), never a claim's figure written as a
// fact (claimed_figure_as_fact). A consent document's sections are checked alike.
void check_title_text(const std::string& text, const std::string& field, const ClaimSet& claims);
void check_body_text(const std::string& text, const std::string& field, const ClaimSet& claims);
// The claim ids the page's bodies embed, each once, in order of first appearance.
std::vector<std::string> embedded_claims(const Page& p);

// The article's own figures for a claim, in percent: the bounds of its claimed value or
// range that its words state as numbers (a minimum the registry set, not the article, is
// not one).
std::vector<double> stated_percentages(const Claim& claim);
// Percentages written in text: a number in Latin, Persian or Arabic-Indic digits with `%`,
// `٪`, `درصد` or `percent` after it (or `%`/`٪` before it).
std::vector<double> percentages_in(std::string_view text);

// Slug, kind, position, titles (one line each, required), bodies (required, lines allowed),
// every embed naming a claim of `claims` (unknown_claim_in_page), no claim's stated figure
// written as prose (claimed_figure_as_fact). Throws InputError naming the field.
void validate_page(const Page& p, const ClaimSet& claims);

}  // namespace rp::education
