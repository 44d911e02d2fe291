#pragma once
// Protocols as the admin's protocol view reads them (api/routes_protocols.cpp): the
// versions in the data directory, and one protocol's parsed form beside its YAML text.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "domain/protocol.hpp"

namespace rp::api::contract {

struct ProtocolSummaryOut {
  static constexpr const char* kSchema = "ProtocolSummary";
  std::string id;
  std::int64_t version = 0;
  std::string joint;
  Texts title;
  template <class V>
  static void fields(V& v) {
    v("id", &ProtocolSummaryOut::id, "");
    v("version", &ProtocolSummaryOut::version, "");
    v("joint", &ProtocolSummaryOut::joint, "hip, ...");
    v("title", &ProtocolSummaryOut::title, "");
  }
};

// A bound a rule does not have is left out.
struct EligibilityRuleOut {
  static constexpr const char* kSchema = "EligibilityRule";
  std::string id, finding;
  Texts text;
  std::optional<bool> is;
  std::optional<double> at_least, at_most, below, above;
  template <class V>
  static void fields(V& v) {
    using R = EligibilityRuleOut;
    const FieldRule left_out{.omit_when_empty = true};
    v("id", &R::id, "");
    v("finding", &R::finding, "the finding the rule reads");
    v("text", &R::text, "");
    v("is", &R::is, "a yes/no finding's value that meets the rule", left_out);
    v("at_least", &R::at_least, "", left_out);
    v("at_most", &R::at_most, "", left_out);
    v("below", &R::below, "", left_out);
    v("above", &R::above, "", left_out);
  }
};

struct EligibilityRulesOut {
  static constexpr const char* kSchema = "EligibilityRules";
  EligibilityRuleOut indication;
  std::vector<EligibilityRuleOut> exclusions, cautions;
  template <class V>
  static void fields(V& v) {
    v("indication", &EligibilityRulesOut::indication, "");
    v("exclusions", &EligibilityRulesOut::exclusions, "");
    v("cautions", &EligibilityRulesOut::cautions, "");
  }
};

struct ProtocolItemOut {
  static constexpr const char* kSchema = "ProtocolItem";
  std::string id, kind, anchor, at, until, until_anchor;
  std::optional<std::vector<std::string>> window;
  Texts title;
  std::optional<Texts> detail;
  std::vector<std::string> flags, instruments;
  std::optional<std::string> role;
  template <class V>
  static void fields(V& v) {
    using I = ProtocolItemOut;
    v("id", &I::id, "");
    v("kind", &I::kind, "order, hold, procedure, rest, advice, rehab, visit, imaging, questionnaire");
    v("anchor", &I::anchor, "");
    v("at", &I::at, "a signed offset from the anchor as written: -14d, +6w, +3m");
    v("until", &I::until, "equal to `at` unless the item spans days");
    v("until_anchor", &I::until_anchor, "the anchor `until` counts from");
    v("window", &I::window, "[before, after]: the days it may move; null when it has no window");
    v("title", &I::title, "");
    v("detail", &I::detail, "");
    v("flags", &I::flags, "");
    v("instruments", &I::instruments, "questionnaires only");
    v("role", &I::role, "who carries it out, when not the surgeon");
  }
};

struct ProtocolSurvivalOut {
  static constexpr const char* kSchema = "ProtocolSurvival";
  std::string end_point;
  Texts title;
  std::vector<std::int64_t> days;
  template <class V>
  static void fields(V& v) {
    v("end_point", &ProtocolSurvivalOut::end_point, "joint_replacement or joint_replacement_or_repeat");
    v("title", &ProtocolSurvivalOut::title, "");
    v("days", &ProtocolSurvivalOut::days, "the days the curve is read at");
  }
};

struct ProtocolFunnelOut {
  static constexpr const char* kSchema = "ProtocolFunnel";
  std::string time_point, definition;
  template <class V>
  static void fields(V& v) {
    v("time_point", &ProtocolFunnelOut::time_point, "");
    v("definition", &ProtocolFunnelOut::definition, "the responder definition the centres are compared on");
  }
};

struct ProtocolOutcomesOut {
  static constexpr const char* kSchema = "ProtocolOutcomes";
  std::optional<std::string> claims;
  std::string baseline;
  ProtocolSurvivalOut survival;
  std::optional<ProtocolFunnelOut> funnel;
  template <class V>
  static void fields(V& v) {
    v("claims", &ProtocolOutcomesOut::claims, "the claims file's name; null: none");
    v("baseline", &ProtocolOutcomesOut::baseline, "the questionnaire item every change is measured from");
    v("survival", &ProtocolOutcomesOut::survival, "");
    v("funnel", &ProtocolOutcomesOut::funnel, "null: no funnel plot");
  }
};

struct ProtocolOut : ProtocolSummaryOut {
  static constexpr const char* kSchema = "Protocol";
  std::map<std::string, Texts> anchors;
  EligibilityRulesOut eligibility;
  std::vector<ProtocolItemOut> items;
  ProtocolOutcomesOut outcomes;
  std::string yaml;
  template <class V>
  static void fields(V& v) {
    ProtocolSummaryOut::fields(v);
    v("anchors", &ProtocolOut::anchors, "each anchor's name in both languages");
    v("eligibility", &ProtocolOut::eligibility, "");
    v("items", &ProtocolOut::items, "");
    v("outcomes", &ProtocolOut::outcomes, "");
    v("yaml", &ProtocolOut::yaml, "the text of the protocol's file");
  }
};

ProtocolSummaryOut protocol_summary_out(const Protocol& p);
ProtocolOut protocol_out(const Protocol& p, std::string yaml);

}  // namespace rp::api::contract
