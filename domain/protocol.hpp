#pragma once
// A treatment protocol as data: its anchors, eligibility rules and the items the
// schedule engine dates. Parsed from YAML text; no file access here.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/product/product.hpp"
#include "domain/product/storage.hpp"

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
  // The anchor `until` counts from: the item's own anchor unless the file names another
  // (a drug hold from 14 days before the harvest until the injection).
  std::string until_anchor;
  Offset window_before{0, Offset::Unit::days};
  Offset window_after{0, Offset::Unit::days};
  bool has_window = false;
  LocalText title;
  std::optional<LocalText> detail;
  std::vector<std::string> flags;
  std::vector<std::string> instruments;  // questionnaires only
  std::string role;                      // who carries it out, when not the surgeon
  // The DICOM modalities (CR, DX, MR, ...) of the studies that answer an imaging item or
  // an order for imaging: the archive's studies are set against it by these.
  std::vector<std::string> modalities;
};

// How the outcome report reads this protocol's patients (the `outcomes:` section). A
// protocol without the section gets a report without claims, with its first
// questionnaire as the baseline, survival free of joint replacement and no funnel.
struct ProtocolOutcomes {
  std::string claims;    // a claims file's name under claims/ (seed-claims); empty: none
  std::string baseline;  // the questionnaire item every change is measured from
  // The survival end point: conversion to joint replacement (the episode state
  // converted_to_thr, whatever the joint), or that or a repeat treatment of the joint.
  enum class EndPoint { joint_replacement, joint_replacement_or_repeat };
  EndPoint end_point = EndPoint::joint_replacement;
  LocalText survival_title{"Free of joint replacement", "بدون نیاز به تعویض مفصل"};
  std::vector<int> survival_days{0, 182, 365, 548, 730, 913, 1095};  // read off the curve
  // The responder rate the funnel plot compares centres on; empty time point: no funnel.
  std::string funnel_time_point;
  std::string funnel_definition = "omeract_oarsi";
};
std::string_view to_string(ProtocolOutcomes::EndPoint e);

// What the protocol says of its cell products (the `product:` section): the release
// criteria the lab checks and how long a fresh product keeps from the end of its harvest.
// A protocol without the section leaves them to the clinic's settings (service/products.hpp).
struct ProtocolProduct {
  product::ReleaseCriteria release;
  int shelf_life_hours = 48;
  product::StorageLimits storage;  // readings' limits, and the shelf lives once frozen and thawed
};

struct Protocol {
  std::string id;
  int version = 0;
  std::string joint;
  LocalText title;
  std::map<std::string, LocalText> anchors;
  EligibilityRules eligibility;
  std::vector<ProtocolItem> items;
  ProtocolOutcomes outcomes;
  std::optional<ProtocolProduct> product;
  const ProtocolItem* find_item(std::string_view id) const;
};

// Parses and checks a protocol. `source` names the file in error messages. Throws
// InputError whose field is the key path (items[3].at) and whose message gives the line.
Protocol parse_protocol(std::string_view yaml_text, std::string_view source);

}  // namespace rp
