#include "domain/consent/document.hpp"

#include "base/error.hpp"
#include "domain/education/page.hpp"

namespace rp::consent {
namespace {

constexpr ConsentKind kKinds[] = {ConsentKind::treatment, ConsentKind::registry, ConsentKind::contact};

bool same_text(const LocalText& a, const LocalText& b) { return a.en == b.en && a.fa == b.fa; }

void check_count(std::size_t n, std::size_t min, std::size_t max, const std::string& field) {
  if (n < min || n > max)
    throw InputError(field, "item_count_range"_err,
                     {{"min", static_cast<std::int64_t>(min)}, {"max", static_cast<std::int64_t>(max)}});
}

}  // namespace

std::string_view to_string(ConsentKind k) {
  switch (k) {
    case ConsentKind::treatment:
      return "treatment";
    case ConsentKind::registry:
      return "registry";
    case ConsentKind::contact:
      return "contact";
  }
  return "";
}

ConsentKind parse_consent_kind(std::string_view text, std::string_view field) {
  for (const auto k : kKinds)
    if (to_string(k) == text) return k;
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", std::string(text.substr(0, 40))}, {"allowed", "treatment, registry, contact"}});
}

bool same_content(const Document& a, const Document& b) {
  if (a.protocol != b.protocol || a.kind != b.kind || !same_text(a.title, b.title) ||
      a.sections.size() != b.sections.size() || a.questions.size() != b.questions.size())
    return false;
  for (std::size_t i = 0; i < a.sections.size(); ++i)
    if (!same_text(a.sections[i].heading, b.sections[i].heading) || !same_text(a.sections[i].body, b.sections[i].body))
      return false;
  for (std::size_t i = 0; i < a.questions.size(); ++i) {
    const auto &x = a.questions[i], &y = b.questions[i];
    if (!same_text(x.prompt, y.prompt) || x.correct != y.correct || x.options.size() != y.options.size()) return false;
    for (std::size_t k = 0; k < x.options.size(); ++k)
      if (!same_text(x.options[k], y.options[k])) return false;
  }
  return true;
}

void validate_document(const Document& d, const ClaimSet& claims) {
  education::check_title_text(d.title.en, "title_en", claims);
  education::check_title_text(d.title.fa, "title_fa", claims);
  check_count(d.sections.size(), 1, kMaxSections, "sections");
  for (std::size_t i = 0; i < d.sections.size(); ++i) {
    const std::string at = "sections[" + std::to_string(i) + "].";
    education::check_title_text(d.sections[i].heading.en, at + "heading_en", claims);
    education::check_title_text(d.sections[i].heading.fa, at + "heading_fa", claims);
    education::check_body_text(d.sections[i].body.en, at + "body_en", claims);
    education::check_body_text(d.sections[i].body.fa, at + "body_fa", claims);
  }
  check_count(d.questions.size(), 0, kMaxQuestions, "questions");
  for (std::size_t i = 0; i < d.questions.size(); ++i) {
    const std::string at = "questions[" + std::to_string(i) + "].";
    const Question& q = d.questions[i];
    education::check_title_text(q.prompt.en, at + "prompt_en", claims);
    education::check_title_text(q.prompt.fa, at + "prompt_fa", claims);
    check_count(q.options.size(), kMinOptions, kMaxOptions, at + "options");
    for (std::size_t k = 0; k < q.options.size(); ++k) {
      const std::string option = at + "options[" + std::to_string(k) + "].";
      education::check_title_text(q.options[k].en, option + "en", claims);
      education::check_title_text(q.options[k].fa, option + "fa", claims);
    }
    if (q.correct < 0 || static_cast<std::size_t>(q.correct) >= q.options.size())
      throw InputError(
          at + "correct", "integer_range"_err,
          {{"name", at + "correct"}, {"min", 0}, {"max", static_cast<std::int64_t>(q.options.size()) - 1}});
  }
}

}  // namespace rp::consent
