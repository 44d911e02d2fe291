// The claims table: each statement of the clinic's article beside what these treated
// joints measured, its n and its verdict, never the claim alone.
#include "app/report_sections.hpp"

namespace rp::app {
namespace {

using nlohmann::json;

// "42.1 % (30.2 % to 55.0 %)"
std::string with_ci(const Words& w, const json& est, const json& lo, const json& hi) {
  if (!est.is_number()) return "–";
  return w.percent(est) + " <span class=\"small\">(" + w.percent(lo) + " – " + w.percent(hi) + ")</span>";
}

// The claimed proportion or range; a dash where the claim states no figure to test.
std::string claimed_text(const Words& w, const json& claim) {
  if (field(claim, "metric") == "not_testable") return "–";
  const json& lo_v = field(field(claim, "claimed"), "low");
  const json& hi_v = field(field(claim, "claimed"), "high");
  if (!lo_v.is_number() || !hi_v.is_number()) return "–";
  const double lo = lo_v.get<double>(), hi = hi_v.get<double>();
  if (lo == hi) return w.percent(lo);
  if (lo <= 0 && hi >= 1) return "–";
  if (lo <= 0) return w("claimed_below", {{"value", w.percent(hi)}});
  if (hi >= 1) return w("claimed_at_least", {{"value", w.percent(lo)}});
  return w("claimed_range", {{"low", w.percent(lo)}, {"high", w.percent(hi)}});
}

const json* find_claim(const json& report, const json& id) {
  const json& claims = field(report, "claims");
  if (!claims.is_array()) return nullptr;
  for (const auto& c : claims)
    if (field(c, "id") == id) return &c;
  return nullptr;
}

std::string word_or_raw(const Words& w, const std::string& key, const std::string& raw) {
  return w.has(key) ? w(key) : escape_html(raw);
}

std::string verdict_badge(const Words& w, const std::string& verdict) {
  return "<span class=\"verdict " + escape_html(verdict) + "\">" + word_or_raw(w, "verdict_" + verdict, verdict) +
         "</span>";
}

// The adverse-event categories a share claim counts, named in the reader's language.
std::string categories_line(const Words& w, const json& claim) {
  const json& categories = field(claim, "categories");
  if (!categories.is_array() || categories.empty()) return {};
  std::string names;
  for (const auto& c : categories) {
    if (!c.is_string()) continue;
    const std::string name = c.get<std::string>();
    names += (names.empty() ? "" : w("list_separator")) + word_or_raw(w, "category_" + name, name);
  }
  return tag("div", w("claim_categories", {{"categories", names}}), "small");
}

// Why the verdict is what it is.
std::string why_text(const json& scope, const json& claim, const json& result, const Words& w) {
  const std::string verdict = field(result, "verdict").is_string() ? result["verdict"].get<std::string>() : "";
  const std::string reason = field(result, "reason").is_string() ? result["reason"].get<std::string>() : "";
  if (verdict == "not_testable") {
    const std::string note = w.local(field(claim, "note"));
    return note.empty() ? w("why_no_data_here") : note;
  }
  std::string why;
  if (reason == "events_not_assessed") {
    const json& ae = field(scope, "adverse_events");
    why = w("why_events_not_assessed", {{"events", w.count(count_of(ae, "not_assessed"))},
                                        {"flags", w.count(count_of(ae, "untriaged_red_flags"))},
                                        {"grade", command("regenpath event grade")},
                                        {"triage", command("regenpath event triage")}});
  } else {
    std::string key = "why_" + reason;
    // A share of adverse events rests on events, not on joints.
    if (field(claim, "metric") == "adverse_event_share" && w.has(key + "_events")) key += "_events";
    const json& minimum = field(claim, "minimum");
    if (w.has(key))
      why = w(key, {{"n", w.count(count_of(result, "n"))},
                    {"min_n", w.count(count_of(minimum, "n"))},
                    {"days", w.count(count_of(minimum, "follow_up_days"))}});
  }
  const json& worst = field(field(result, "worst_case"), "verdict");
  if ((verdict == "consistent" || verdict == "contradicted") && worst.is_string() && worst != verdict)
    why += (why.empty() ? "" : " ") +
           w("worst_case_differs",
             {{"verdict", word_or_raw(w, "verdict_" + worst.get<std::string>(), worst.get<std::string>())}});
  return why;
}

}  // namespace

std::string claims_section(const json& report, const json& scope, const Words& w) {
  const json& results = field(scope, "claims");
  if (!field(report, "claims").is_array() || !results.is_array() || results.empty()) return {};
  std::string rows = row({w("col_claim"), w("col_claimed"), w("col_measured"), w("col_n"), w("col_missing"),
                          w("col_worst"), w("col_verdict")},
                         true);
  for (const auto& r : results) {
    const json* claim = find_claim(report, field(r, "id"));
    if (claim == nullptr) continue;
    const std::string verdict = field(r, "verdict").is_string() ? r["verdict"].get<std::string>() : "";
    const bool testable = verdict != "not_testable";
    const std::string note = w.local(field(*claim, "note"));
    // A claim that cannot be tested has its note beside the verdict, where it says why.
    const std::string claim_cell =
        tag("div", w("quote_open") + w.local(field(*claim, "words")) + w("quote_close"), "claimwords") +
        (testable && !note.empty() ? tag("div", note, "small") : "") + categories_line(w, *claim);
    const std::string badge = verdict_badge(w, verdict) + tag("div", why_text(scope, *claim, r, w), "small");
    if (!testable) {
      rows += row({claim_cell, "–", "–", "–", "–", "–", badge});
      continue;
    }
    const json& worst = field(r, "worst_case");
    rows += row({claim_cell, claimed_text(w, *claim),
                 with_ci(w, field(r, "estimate"), field(r, "lower"), field(r, "upper")), w.count(count_of(r, "n")),
                 w.count(count_of(r, "missing")),
                 with_ci(w, field(worst, "estimate"), field(worst, "lower"), field(worst, "upper")), badge});
  }
  return tag("h3", w("claims_heading")) + tag("p", w("claims_explain"), "explain") + "<table class=\"claims\">" + rows +
         "</table>";
}

}  // namespace rp::app
