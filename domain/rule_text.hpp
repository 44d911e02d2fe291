#pragma once
// The rule a data file broke (a protocol, a claims file, the responder thresholds), in
// English and in Persian: the `rule` of the protocol_rule and yaml_rule errors, so that a
// Persian message says the rule in Persian instead of quoting the English inside it.
// Names a file author writes (keys, ids, kinds) stay as written in both.
#include <string>
#include <string_view>

#include "base/digits.hpp"
#include "base/error.hpp"

namespace rp {

struct RuleText {
  std::string en, fa;
};

// The error's `rule` param: English as the value, Persian for the Persian sentence.
inline ErrorParam rule_param(const RuleText& rule) { return {"rule", rule.en, rule.fa}; }

namespace rules {

inline RuleText mapping() { return {"must be a mapping", "باید یک نگاشت (کلید: مقدار) باشد"}; }
inline RuleText list() { return {"must be a list", "باید فهرست باشد"}; }
inline RuleText non_empty_list() { return {"must be a non-empty list", "باید فهرستی ناتهی باشد"}; }
inline RuleText non_empty_text() { return {"must be non-empty text", "باید متنی ناتهی باشد"}; }
inline RuleText required() { return {"is required", "الزامی است"}; }

// "must be a number from 0 to 1": `min` and `max` as the file's reader writes them.
inline RuleText number_from(const std::string& min, const std::string& max) {
  return {"must be a number from " + min + " to " + max,
          "باید عددی از " + persian_digits(min) + " تا " + persian_digits(max) + " باشد"};
}
inline RuleText whole_number_from(const std::string& min, const std::string& max) {
  return {"must be a whole number from " + min + " to " + max,
          "باید عدد صحیحی از " + persian_digits(min) + " تا " + persian_digits(max) + " باشد"};
}

// "must be one of a, b, c": the names as they are written in the file.
inline RuleText one_of(std::string_view names_en, std::string_view names_fa) {
  return {"must be one of " + std::string(names_en), "باید یکی از " + std::string(names_fa) + " باشد"};
}

}  // namespace rules
}  // namespace rp
