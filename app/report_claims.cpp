// The claims table: each statement of the clinic's article beside what these treated
// joints measured, its n and its verdict, never the claim alone.
#include "app/report_sections.hpp"

#include <algorithm>

namespace rp::app {
namespace {

using contract::ClaimDefinitionOut;
using contract::ClaimResultOut;

// "42.1 % (30.2 % to 55.0 %)"
std::string with_ci(const Words& w, Figure est, Figure lo, Figure hi) {
  if (!est) return "–";
  return w.percent(est) + " <span class=\"small\">(" + w.percent(lo) + " – " + w.percent(hi) + ")</span>";
}

// The claimed proportion or range; a dash where the claim states no figure to test.
std::string claimed_text(const Words& w, const ClaimDefinitionOut& claim) {
  if (claim.metric == "not_testable" || !claim.claimed) return "–";
  const double lo = claim.claimed->low, hi = claim.claimed->high;
  if (lo == hi) return w.percent(lo);
  if (lo <= 0 && hi >= 1) return "–";
  if (lo <= 0) return w("claimed_below", {{"value", w.percent(hi)}});
  if (hi >= 1) return w("claimed_at_least", {{"value", w.percent(lo)}});
  return w("claimed_range", {{"low", w.percent(lo)}, {"high", w.percent(hi)}});
}

const ClaimDefinitionOut* find_claim(const OutcomeReportOut& report, const std::string& id) {
  if (!report.claims) return nullptr;
  for (const auto& c : *report.claims)
    if (c.id == id) return &c;
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
std::string categories_line(const Words& w, const ClaimDefinitionOut& claim) {
  if (!claim.categories || claim.categories->empty()) return {};
  std::string names;
  for (const auto& name : *claim.categories) {
    names += (names.empty() ? "" : w("list_separator")) + word_or_raw(w, "category_" + name, name);
  }
  return tag("div", w("claim_categories", {{"categories", names}}), "small");
}

// Why the verdict is what it is.
std::string why_text(const ScopeOut& scope, const ClaimDefinitionOut& claim, const ClaimResultOut& result,
                     const Words& w) {
  const std::string verdict(to_string(result.verdict));
  const std::string& reason = result.reason;
  if (verdict == "not_testable") {
    const std::string note = w.local(claim.note);
    return note.empty() ? w("why_no_data_here") : note;
  }
  std::string why;
  if (reason == "events_not_assessed") {
    const contract::AdverseEventsOut& ae = scope.adverse_events;
    why = w("why_events_not_assessed", {{"events", w.count(ae.not_assessed)},
                                        {"flags", w.count(ae.untriaged_red_flags)},
                                        {"grade", command("regenpath event grade")},
                                        {"triage", command("regenpath event triage")}});
  } else {
    std::string key = "why_" + reason;
    // A share of adverse events rests on events, not on joints.
    if (claim.metric == "adverse_event_share" && w.has(key + "_events")) key += "_events";
    const contract::ClaimMinimumOut minimum = claim.minimum.value_or(contract::ClaimMinimumOut{});
    if (w.has(key))
      why =
          w(key, {{"n", w.count(result.n)}, {"min_n", w.count(minimum.n)}, {"days", w.count(minimum.follow_up_days)}});
  }
  const std::string worst(to_string(result.worst_case.verdict));
  if ((verdict == "consistent" || verdict == "contradicted") && worst != verdict)
    why += (why.empty() ? "" : " ") + w("worst_case_differs", {{"verdict", word_or_raw(w, "verdict_" + worst, worst)}});
  return why;
}

// The published evidence on the claim the clinic keeps (report.evidence): each standing
// study with what it found, and, when none is a randomised trial or a review supporting
// it, that the claim rests on no controlled evidence.
std::string evidence_lines(const OutcomeReportOut& report, const std::string& claim_id, const Words& w) {
  if (!report.evidence) return {};
  std::string out;
  for (const auto& e : report.evidence->entries) {
    if (std::find(e.claims.begin(), e.claims.end(), claim_id) == e.claims.end()) continue;
    const std::string design(to_string(e.design));
    std::string study = "<bdi lang=\"en\" translate=\"no\">" + escape_html(e.citation) + "</bdi> (" +
                        word_or_raw(w, "design_" + design, design) + (e.n ? ", n = " + w.count(*e.n) : "") + ")";
    const std::string finding = escape_html(w.lang() == "fa" ? e.finding_fa : e.finding_en);
    out += tag("div", w("evidence_study", {{"study", study}, {"finding", finding}}), "small evidence");
  }
  for (const auto& c : report.evidence->claims)
    if (c.claim == claim_id && !c.randomised_support) out += tag("div", w("evidence_no_randomised"), "small evidence");
  return out;
}

}  // namespace

std::string claims_section(const OutcomeReportOut& report, const ScopeOut& scope, const Words& w) {
  const std::vector<ClaimResultOut>& results = scope.claims;
  if (!report.claims || results.empty()) return {};
  std::string rows = row({w("col_claim"), w("col_claimed"), w("col_measured"), w("col_n"), w("col_missing"),
                          w("col_worst"), w("col_verdict")},
                         true);
  for (const auto& r : results) {
    const ClaimDefinitionOut* claim = find_claim(report, r.id);
    if (claim == nullptr) continue;
    const std::string verdict(to_string(r.verdict));
    const bool testable = verdict != "not_testable";
    const std::string note = w.local(claim->note);
    // A claim that cannot be tested has its note beside the verdict, where it says why.
    const std::string claim_cell =
        tag("div", w("quote_open") + w.local(claim->words) + w("quote_close"), "claimwords") +
        (testable && !note.empty() ? tag("div", note, "small") : "") + categories_line(w, *claim) +
        evidence_lines(report, r.id, w);
    const std::string badge = verdict_badge(w, verdict) + tag("div", why_text(scope, *claim, r, w), "small");
    if (!testable) {
      rows += row({claim_cell, "–", "–", "–", "–", "–", badge});
      continue;
    }
    const contract::WorstCaseOut& worst = r.worst_case;
    rows += row({claim_cell, claimed_text(w, *claim), with_ci(w, r.estimate, r.lower, r.upper), w.count(r.n),
                 w.count(r.missing), with_ci(w, worst.estimate, worst.lower, worst.upper), badge});
  }
  return tag("h3", w("claims_heading")) + tag("p", w("claims_explain"), "explain") + "<table class=\"claims\">" + rows +
         "</table>";
}

}  // namespace rp::app
