#include "domain/education/page.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::education {

std::string_view to_string(PageKind k) { return k == PageKind::faq ? "faq" : "page"; }

PageKind parse_page_kind(std::string_view text, std::string_view field) {
  for (const auto k : {PageKind::page, PageKind::faq})
    if (to_string(k) == text) return k;
  throw InputError(std::string(field), "unknown_page_kind"_err);
}

bool Page::operator==(const Page& o) const {
  return id == o.id && centre_id == o.centre_id && slug == o.slug && version == o.version && same_content(*this, o) &&
         written_by == o.written_by && written_at == o.written_at && published_by == o.published_by &&
         published_at == o.published_at && withdrawn_by == o.withdrawn_by && withdrawn_at == o.withdrawn_at &&
         withdrawn_reason == o.withdrawn_reason;
}

bool same_content(const Page& a, const Page& b) {
  return a.kind == b.kind && a.position == b.position && a.protocol == b.protocol && a.title.en == b.title.en &&
         a.title.fa == b.title.fa && a.body.en == b.body.en && a.body.fa == b.body.fa;
}

namespace {

constexpr std::string_view kOpen = "{{", kClose = "}}", kClaimPrefix = "claim:";

std::string_view trim_view(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

bool is_claim_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Paragraphs of `text`: split at blank lines, each trimmed, the empty left out.
void add_paragraphs(std::string_view text, std::vector<Block>& out) {
  std::string paragraph;
  const auto flush = [&] {
    const auto t = trim_view(paragraph);
    if (!t.empty()) out.push_back({std::string(t), ""});
    paragraph.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    if (trim_view(line).empty()) {
      flush();
    } else {
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += line.ends_with('\r') ? line.substr(0, line.size() - 1) : line;
    }
    start = end + 1;
  }
  flush();
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Spaces that may stand between a number and its percent sign, as UTF-8.
constexpr std::string_view kSpaces[] = {" ", "\t", "\u00A0", "\u200C", "\u202F"};
constexpr std::string_view kSignsAfter[] = {"%", "\u066A", "درصد", "percent", "Percent", "PERCENT", "per cent"};
constexpr std::string_view kSignsBefore[] = {"%", "\u066A"};
constexpr std::string_view kDecimalPoints[] = {".", "\u066B"};

std::size_t skip_spaces(std::string_view s, std::size_t at) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const auto sp : kSpaces)
      if (s.substr(at).starts_with(sp)) {
        at += sp.size();
        moved = true;
      }
  }
  return at;
}

std::size_t skip_spaces_back(std::string_view s, std::size_t end) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const auto sp : kSpaces)
      if (s.substr(0, end).ends_with(sp)) {
        end -= sp.size();
        moved = true;
      }
  }
  return end;
}

struct Number {
  double value = 0;
  std::size_t begin = 0, end = 0;
};

// Every number of `ascii` (digits already ASCII), with a decimal part after `.` or `٫`.
std::vector<Number> numbers_in(std::string_view ascii) {
  std::vector<Number> out;
  std::size_t i = 0;
  while (i < ascii.size()) {
    if (!is_ascii_digit(ascii[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < ascii.size() && is_ascii_digit(ascii[i])) ++i;
    std::string digits(ascii.substr(begin, i - begin));
    for (const auto point : kDecimalPoints)
      if (ascii.substr(i).starts_with(point) && i + point.size() < ascii.size() &&
          is_ascii_digit(ascii[i + point.size()])) {
        i += point.size();
        digits += '.';
        const std::size_t fraction = i;
        while (i < ascii.size() && is_ascii_digit(ascii[i])) ++i;
        digits += ascii.substr(fraction, i - fraction);
        break;
      }
    double value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    out.push_back({value, begin, i});
  }
  return out;
}

bool same_figure(double a, double b) { return std::fabs(a - b) < 1e-6; }

}  // namespace

std::vector<Block> blocks_of(std::string_view body, std::string_view field) {
  std::vector<Block> out;
  std::size_t at = 0;
  while (true) {
    const auto open = body.find(kOpen, at);
    add_paragraphs(body.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at), out);
    if (open == std::string_view::npos) break;
    const auto close_at = body.find(kClose, open + kOpen.size());
    if (close_at == std::string_view::npos) throw InputError(std::string(field), "bad_page_embed"_err);
    const auto inner = trim_view(body.substr(open + kOpen.size(), close_at - open - kOpen.size()));
    if (!inner.starts_with(kClaimPrefix)) throw InputError(std::string(field), "bad_page_embed"_err);
    const auto id = trim_view(inner.substr(kClaimPrefix.size()));
    if (!is_claim_id(id)) throw InputError(std::string(field), "bad_page_embed"_err);
    out.push_back({"", std::string(id)});
    at = close_at + kClose.size();
  }
  return out;
}

std::vector<std::string> embedded_claims(const Page& p) {
  std::vector<std::string> out;
  for (const auto* body : {&p.body.en, &p.body.fa})
    for (const auto& b : blocks_of(*body, body == &p.body.en ? "body_en" : "body_fa"))
      if (!b.claim_id.empty() && std::find(out.begin(), out.end(), b.claim_id) == out.end()) out.push_back(b.claim_id);
  return out;
}

std::vector<double> stated_percentages(const Claim& claim) {
  if (claim.metric == ClaimMetric::not_testable) return {};
  std::vector<double> bounds;
  if (claim.low > 0) bounds.push_back(claim.low * 100);
  if (claim.high < 1 && !same_figure(claim.high, claim.low)) bounds.push_back(claim.high * 100);
  std::vector<double> in_words;
  for (const auto* words : {&claim.words.en, &claim.words.fa})
    for (const auto& n : numbers_in(ascii_digits(*words, "words"))) in_words.push_back(n.value);
  std::vector<double> out;
  for (const double b : bounds)
    if (std::any_of(in_words.begin(), in_words.end(), [&](double w) { return same_figure(w, b); })) out.push_back(b);
  return out;
}

std::vector<double> percentages_in(std::string_view text) {
  const std::string ascii = ascii_digits(text, "text");
  std::vector<double> out;
  for (const auto& n : numbers_in(ascii)) {
    const auto after = std::string_view(ascii).substr(skip_spaces(ascii, n.end));
    const auto before = std::string_view(ascii).substr(0, skip_spaces_back(ascii, n.begin));
    const bool sign_after =
        std::any_of(std::begin(kSignsAfter), std::end(kSignsAfter), [&](auto s) { return after.starts_with(s); });
    const bool sign_before =
        std::any_of(std::begin(kSignsBefore), std::end(kSignsBefore), [&](auto s) { return before.ends_with(s); });
    if (sign_after || sign_before) out.push_back(n.value);
  }
  return out;
}

namespace {

void check_title(const std::string& title, const std::string& field) {
  if (trim_view(title).empty()) throw InputError(field, "required"_err);
  if (title.size() > kMaxTitleBytes)
    throw InputError(field, "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(kMaxTitleBytes)}});
  check_typed_text(title, field, false);
}

void check_body(const std::string& body, const std::string& field) {
  if (trim_view(body).empty()) throw InputError(field, "required"_err);
  if (body.size() > kMaxBodyBytes)
    throw InputError(field, "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(kMaxBodyBytes)}});
  check_typed_text(body, field, true);
}

std::string percent_text(double value) {
  std::string s = std::to_string(value);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.ends_with('.')) s.pop_back();
  return s + " %";
}

// A claim's stated figure written as prose in `text`.
void check_no_stated_figure(const std::string& text, const std::string& field, const ClaimSet& claims) {
  const auto written = percentages_in(text);
  if (written.empty()) return;
  for (const Claim& claim : claims.claims)
    for (const double stated : stated_percentages(claim))
      for (const double w : written)
        if (same_figure(w, stated))
          throw InputError(field, "claimed_figure_as_fact"_err, {{"value", percent_text(w)}, {"claim", claim.id}});
}

}  // namespace

void validate_page(const Page& p, const ClaimSet& claims) {
  if (p.slug.empty() || p.slug.size() > kMaxSlugBytes || !is_claim_id(p.slug))
    throw InputError("slug", "bad_page_slug"_err, {{"max", static_cast<std::int64_t>(kMaxSlugBytes)}});
  if (p.position < 0 || p.position > kMaxPosition)
    throw InputError("position", "integer_range"_err, {{"name", "position"}, {"min", 0}, {"max", kMaxPosition}});
  check_title_text(p.title.en, "title_en", claims);
  check_title_text(p.title.fa, "title_fa", claims);
  check_body_text(p.body.en, "body_en", claims);
  check_body_text(p.body.fa, "body_fa", claims);
}

void check_title_text(const std::string& text, const std::string& field, const ClaimSet& claims) {
  check_title(text, field);
  check_no_stated_figure(text, field, claims);
}

void check_body_text(const std::string& text, const std::string& field, const ClaimSet& claims) {
  check_body(text, field);
  for (const Block& b : blocks_of(text, field)) {
    if (b.claim_id.empty()) {
      check_no_stated_figure(b.text, field, claims);
      continue;
    }
    const bool known =
        std::any_of(claims.claims.begin(), claims.claims.end(), [&](const Claim& c) { return c.id == b.claim_id; });
    if (!known) throw InputError(field, "unknown_claim_in_page"_err, {{"claim", b.claim_id}});
  }
}

}  // namespace rp::education
