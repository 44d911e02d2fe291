#include "domain/consent/signing.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "domain/education/page.hpp"

namespace rp::consent {
namespace {

std::string number(long long n, bool fa) {
  const std::string ascii = std::to_string(n);
  return fa ? persian_digits(ascii) : ascii;
}

std::string percent(double p, bool fa) {
  const auto whole = static_cast<long long>(std::lround(p * 100));
  return fa ? persian_digits(std::to_string(whole)) + "٪" : std::to_string(whole) + "%";
}

const char* design_words(evidence::StudyDesign d, bool fa) {
  switch (d) {
    case evidence::StudyDesign::randomised_trial:
      return fa ? "کارآزمایی تصادفی‌شده" : "randomised trial";
    case evidence::StudyDesign::systematic_review:
      return fa ? "مرور نظام‌مند" : "systematic review";
    case evidence::StudyDesign::cohort:
      return fa ? "مطالعهٔ هم‌گروهی" : "cohort study";
    case evidence::StudyDesign::case_series:
      return fa ? "گزارش مجموعه‌ای از بیماران" : "case series";
    case evidence::StudyDesign::guideline:
      return fa ? "راهنمای بالینی" : "clinical guideline";
    case evidence::StudyDesign::regulator:
      return fa ? "بیانیهٔ نهاد ناظر" : "regulator's statement";
  }
  return "";
}

// The fixed wording, both languages side by side. clang-format miscounts the width of
// Persian text with zero-width non-joiners and never settles on these lines: left as written.
// clang-format off
struct Words {
  const char* en;
  const char* fa;
  std::string in(bool fa_wanted) const { return fa_wanted ? fa : en; }
};
constexpr Words kNotTestable{
    "This centre cannot test this claim from its own patients' records.",
    "این مرکز نمی‌تواند این ادعا را با داده‌های بیماران خودش بسنجد."};
constexpr Words kHidden{
    "At this centre: not yet known (fewer than five patients so far).",
    "در این مرکز: هنوز معلوم نیست (تاکنون کمتر از پنج بیمار)."};
constexpr Words kAwaitingAssessment{
    "At this centre: not yet known (the clinic is still assessing some complications).",
    "در این مرکز: هنوز معلوم نیست (مرکز هنوز برخی عارضه‌ها را ارزیابی می‌کند)."};
constexpr Words kTooFew[] = {
    {"At this centre: not yet known (", "در این مرکز: هنوز معلوم نیست ("},
    {" patients followed long enough; at least ", " بیمار به اندازهٔ کافی پیگیری شده‌اند؛ دست‌کم "},
    {" are needed).", " لازم است)."}};
constexpr Words kMeasured[] = {
    {"At this centre: ", "در این مرکز: "},
    {" (95% CI ", " (بازهٔ اطمینان ۹۵٪: "},
    {" to ", " تا "},
    {") of ", ") از "},
    {" patients.", " بیمار."}};
constexpr Words kContradicted{
    "This figure contradicts the claim.",
    "این رقم با ادعای مقاله جور درنمی‌آید."};
constexpr Words kConsistent{
    "This figure does not contradict the claim, which does not prove it.",
    "این رقم با ادعا ناسازگار نیست، اما درستی آن را ثابت نمی‌کند."};
constexpr Words kNoRandomisedSupport{
    "No randomised trial or systematic review supports this claim.",
    "هیچ کارآزمایی تصادفی‌شده یا مرور نظام‌مندی این ادعا را تأیید نکرده است."};
constexpr Words kClosingHeading{
    "This centre's results and the published evidence",
    "نتایج این مرکز و شواهد منتشرشده"};
constexpr Words kClosingLead{
    "The claims below are the clinic's article's, not established facts. The figures are measured from this "
    "centre's own patients as they stood on the day of signing, and change as more patients are followed.",
    "ادعاهای زیر از مقالهٔ مرکز است و واقعیت ثابت‌شده نیست. رقم‌ها از بیماران خود این مرکز سنجیده شده‌اند، "
    "همان‌گونه که روز امضا بودند، و با پیگیری بیماران بیشتر تغییر می‌کنند."};
// clang-format on

// The centre's figure for the claim, or why there is none yet.
std::vector<std::string> measured_lines(const ClaimFigure& f, bool fa) {
  const auto* r = f.result;
  if (!r || r->judgement.verdict == Verdict::not_testable) {
    std::vector<std::string> out{kNotTestable.in(fa)};
    if (!f.claim->note.in(fa ? "fa" : "en").empty()) out.push_back(f.claim->note.in(fa ? "fa" : "en"));
    return out;
  }
  if (f.hidden) return {kHidden.in(fa)};
  const auto& m = r->measured;
  const Verdict v = r->judgement.verdict;
  if (v == Verdict::not_measurable) return {kAwaitingAssessment.in(fa)};
  if (v == Verdict::insufficient_data || std::isnan(m.estimate) || std::isnan(m.lower) || std::isnan(m.upper)) {
    const auto need = std::max<std::int64_t>(f.claim->min_n, 1);
    return {kTooFew[0].in(fa) + number(m.n, fa) + kTooFew[1].in(fa) + number(need, fa) + kTooFew[2].in(fa)};
  }
  return {kMeasured[0].in(fa) + percent(m.estimate, fa) + kMeasured[1].in(fa) + percent(m.lower, fa) +
              kMeasured[2].in(fa) + percent(m.upper, fa) + kMeasured[3].in(fa) + number(m.n, fa) + kMeasured[4].in(fa),
          v == Verdict::contradicted ? kContradicted.in(fa) : kConsistent.in(fa)};
}

const Claim* find_claim(const Figures& figures, const std::string& id, const ClaimFigure** figure) {
  for (const auto& f : figures.claims)
    if (f.claim && f.claim->id == id) {
      *figure = &f;
      return f.claim;
    }
  return nullptr;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

bool inside_unit(double v) { return std::isfinite(v) && v >= 0 && v <= 1; }

}  // namespace

std::vector<std::string> claim_lines(const ClaimFigure& figure, const std::vector<evidence::Entry>& evidence, bool fa) {
  const std::string lang = fa ? "fa" : "en";
  std::vector<std::string> out{fa ? "ادعای مقاله: «" + figure.claim->words.fa + "»"
                                  : "The article says: \"" + figure.claim->words.en + "\""};
  for (auto& l : measured_lines(figure, fa)) out.push_back(std::move(l));
  for (const auto& e : evidence) {
    if (e.withdrawn_at || std::find(e.claims.begin(), e.claims.end(), figure.claim->id) == e.claims.end()) continue;
    std::string line = (fa ? "پژوهش منتشرشده: " : "Published: ") + e.citation + " (" + design_words(e.design, fa);
    if (e.n) line += (fa ? "، " : ", ") + std::string("n = ") + number(*e.n, fa);
    line += "): " + e.finding.in(lang);
    out.push_back(std::move(line));
  }
  if (!evidence::randomised_support(evidence, figure.claim->id)) out.push_back(kNoRandomisedSupport.in(fa));
  return out;
}

ShownCopy fill(const Document& document, const std::string& language, const Figures& figures) {
  const bool fa = language == "fa";
  ShownCopy copy;
  copy.language = fa ? "fa" : "en";
  copy.title = document.title.in(copy.language);
  copy.figures_as_of = figures.as_of;
  for (std::size_t i = 0; i < document.sections.size(); ++i) {
    const auto& s = document.sections[i];
    ShownSection shown{s.heading.in(copy.language), {}};
    for (const auto& b : education::blocks_of(s.body.in(copy.language), "sections"))
      if (b.claim_id.empty()) {
        shown.blocks.push_back({b.text, false});
      } else if (const ClaimFigure* f = nullptr; find_claim(figures, b.claim_id, &f)) {
        shown.blocks.push_back({joined(claim_lines(*f, figures.evidence, fa)), true});
      }
    copy.sections.push_back(std::move(shown));
  }
  if (!figures.claims.empty()) {
    ShownSection closing{kClosingHeading.in(fa), {}};
    closing.blocks.push_back({kClosingLead.in(fa), false});
    for (const auto& f : figures.claims)
      if (f.claim) closing.blocks.push_back({joined(claim_lines(f, figures.evidence, fa)), true});
    copy.sections.push_back(std::move(closing));
  }
  for (const auto& q : document.questions) {
    ShownQuestion shown{q.prompt.in(copy.language), {}};
    for (const auto& o : q.options) shown.options.push_back(o.in(copy.language));
    copy.questions.push_back(std::move(shown));
  }
  return copy;
}

void validate_signing(const Document& document, const Signing& s) {
  const auto questions = static_cast<std::int64_t>(document.questions.size());
  if (static_cast<std::int64_t>(s.answers.size()) != questions)
    throw InputError("answers", "item_count_range"_err, {{"min", questions}, {"max", questions}});
  for (std::size_t i = 0; i < s.answers.size(); ++i)
    if (s.answers[i] != document.questions[i].correct)
      throw InputError("answers[" + std::to_string(i) + "]", "consent_answer_wrong"_err,
                       {{"question", static_cast<std::int64_t>(i + 1)}});
  if (s.name.empty()) throw InputError("name", "required"_err);
  if (s.name.size() > kMaxSignedNameBytes)
    throw InputError("name", "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(kMaxSignedNameBytes)}});
  check_name(s.name, "name");
  if (s.typed_only) {
    if (!s.strokes.empty()) throw InputError("signature", "signature_and_typed_only"_err);
    return;
  }
  std::size_t points = 0;
  bool drawn = false;
  for (const auto& stroke : s.strokes) {
    points += stroke.size();
    drawn = drawn || stroke.size() >= 2;
    for (const auto& p : stroke)
      if (!inside_unit(p.x) || !inside_unit(p.y)) throw InputError("signature", "signature_outside_pad"_err);
  }
  if (!drawn) throw InputError("signature", "signature_required"_err);
  if (s.strokes.size() > kMaxStrokes || points > kMaxPoints)
    throw InputError(
        "signature", "signature_too_long"_err,
        {{"strokes", static_cast<std::int64_t>(kMaxStrokes)}, {"points", static_cast<std::int64_t>(kMaxPoints)}});
}

std::string strokes_text(const std::vector<Stroke>& strokes) {
  std::string out;
  char buf[32];
  for (std::size_t i = 0; i < strokes.size(); ++i) {
    if (i) out += ';';
    for (std::size_t k = 0; k < strokes[i].size(); ++k) {
      std::snprintf(buf, sizeof buf, "%s%.3f %.3f", k ? "," : "", strokes[i][k].x, strokes[i][k].y);
      out += buf;
    }
  }
  return out;
}

std::vector<Stroke> parse_strokes(std::string_view text, std::string_view field) {
  const auto malformed = [&] { return InputError(std::string(field), "signature_malformed"_err); };
  const auto too_long = [&] {
    return InputError(
        std::string(field), "signature_too_long"_err,
        {{"strokes", static_cast<std::int64_t>(kMaxStrokes)}, {"points", static_cast<std::int64_t>(kMaxPoints)}});
  };
  const auto number = [&](std::string_view t) {
    double v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || t.empty()) throw malformed();
    return v;
  };
  std::vector<Stroke> out;
  std::size_t points = 0;
  if (text.empty()) return out;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t stop = std::min(text.find(';', start), text.size());
    const std::string_view stroke = text.substr(start, stop - start);
    if (out.size() == kMaxStrokes) throw too_long();
    out.emplace_back();
    for (std::size_t p = 0; p <= stroke.size();) {
      const std::size_t comma = std::min(stroke.find(',', p), stroke.size());
      const std::string_view point = stroke.substr(p, comma - p);
      const std::size_t space = point.find(' ');
      if (space == std::string_view::npos) throw malformed();
      if (++points > kMaxPoints) throw too_long();
      out.back().push_back({number(point.substr(0, space)), number(point.substr(space + 1))});
      p = comma + 1;
    }
    start = stop + 1;
  }
  return out;
}

}  // namespace rp::consent
