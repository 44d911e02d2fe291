#pragma once
// A treatment protocol as data: its anchors, eligibility rules and the items the
// schedule engine dates. Parsed from YAML text; no file access here.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"

namespace rp {

// Text in both of the clinic's languages.
struct LocalText {
  std::string en;
  std::string fa;
  const std::string& in(std::string_view lang) const { return lang == "fa" ? fa : en; }
};

// "+14d", "-2w", "+3m", "+1y": calendar months and years keep the day of month,
// clamped to the month's last day.
struct Offset {
  enum class Unit { days, weeks, months, years };
  int amount = 0;
  Unit unit = Unit::days;
  static Offset parse(std::string_view text, std::string_view field);
  CivilDate apply(const CivilDate& from) const;
  std::string str() const;
};

// One eligibility rule: a named finding compared one way. Exactly one of the
// comparisons is set.
struct EligibilityRule {
  std::string id;
  std::string finding;
  std::optional<bool> is;
  std::optional<double> at_least, at_most, below, above;
  LocalText text;
  // True when the finding's value meets the rule (for an indication: is in range;
  // for an exclusion or caution: the condition is present).
  bool matches(double value) const;
  bool is_boolean() const { return is.has_value(); }
};

struct EligibilityRules {
  EligibilityRule indication;
  std::vector<EligibilityRule> exclusions;
  std::vector<EligibilityRule> cautions;
};

struct ProtocolItem {
  std::string id;
  std::string kind;  // order, hold, procedure, rest, advice, rehab, visit, imaging, questionnaire
  std::string anchor;
  Offset at;
  Offset until;  // equal to `at` unless the item spans days
  Offset window_before{0, Offset::Unit::days};
  Offset window_after{0, Offset::Unit::days};
  bool has_window = false;
  LocalText title;
  std::optional<LocalText> detail;
  std::vector<std::string> flags;
  std::vector<std::string> instruments;  // questionnaires only
  std::string role;                      // who carries it out, when not the surgeon
};

struct Protocol {
  std::string id;
  int version = 0;
  std::string joint;
  LocalText title;
  std::map<std::string, LocalText> anchors;
  EligibilityRules eligibility;
  std::vector<ProtocolItem> items;
  const ProtocolItem* find_item(std::string_view id) const;
};

// Parses and checks a protocol. `source` names the file in error messages. Throws
// InputError whose field is the key path (items[3].at) and whose message gives the line.
Protocol parse_protocol(std::string_view yaml_text, std::string_view source);

}  // namespace rp
