#include "domain/instruments/responder_thresholds.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

#include "base/error.hpp"
#include "domain/rule_text.hpp"

namespace rp::instruments {
namespace {

// Walks the YAML tree keeping the dotted path and the source name, so each error can
// say which file, which line and which key.
class Reader {
 public:
  Reader(YAML::Node node, std::string path, std::string_view source)
      : node_(std::move(node)), path_(std::move(path)), source_(source) {}

  Reader child(const std::string& key) const {
    const std::string path = path_.empty() ? key : path_ + "." + key;
    if (!node_.IsMap()) fail(path_, node_, rules::mapping());
    YAML::Node c = node_[key];
    if (!c.IsDefined() || c.IsNull())
      fail(path, node_,
           {"is missing (expected under '" + where() + "')", "وجود ندارد (زیر «" +
                                                                 (path_.empty() ? std::string("بالاترین سطح") : path_) +
                                                                 "» انتظار می‌رفت)"});
    return Reader(c, path, source_);
  }

  double number(const std::string& key, double min, double max) const {
    const Reader c = child(key);
    double v = 0;
    if (!c.node_.IsScalar() || !YAML::convert<double>::decode(c.node_, v) || !(v >= min && v <= max)) {
      c.fail(c.path_, c.node_,
             {"must be a number " + num(min) + "–" + num(max),
              "باید عددی از " + persian_digits(num(min)) + " تا " + persian_digits(num(max)) + " باشد"});
    }
    return v;
  }

  int integer(const std::string& key, int min, int max) const {
    const Reader c = child(key);
    int v = 0;
    if (!c.node_.IsScalar() || !YAML::convert<int>::decode(c.node_, v) || v < min || v > max) {
      c.fail(c.path_, c.node_,
             {"must be a whole number " + std::to_string(min) + "–" + std::to_string(max),
              "باید عدد صحیحی از " + persian_digits(std::to_string(min)) + " تا " +
                  persian_digits(std::to_string(max)) + " باشد"});
    }
    return v;
  }

  std::string text(const std::string& key) const {
    const Reader c = child(key);
    if (!c.node_.IsScalar() || c.node_.Scalar().empty()) c.fail(c.path_, c.node_, rules::non_empty_text());
    return c.node_.Scalar();
  }

  Citation citation() const { return Citation{text("citation"), text("status")}; }

 private:
  std::string where() const { return path_.empty() ? "top level" : path_; }
  static std::string num(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  }
  [[noreturn]] void fail(const std::string& path, const YAML::Node& at, const RuleText& rule) const {
    const int line = at.Mark().line + 1;  // yaml-cpp counts from 0
    const ErrorParams params{
        {"source", source_}, {"line", line}, {"key", path.empty() ? "document" : path}, rule_param(rule)};
    throw InputError(path.empty() ? std::string(source_) : path, line > 0 ? "yaml_rule_at_line"_err : "yaml_rule"_err,
                     params);
  }

  YAML::Node node_;
  std::string path_;
  std::string_view source_;
};

}  // namespace

ResponderThresholds parse_responder_thresholds(std::string_view yaml_text, std::string_view source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    throw InputError(std::string(source_name), "yaml_malformed"_err,
                     {{"source", source_name}, {"line", e.mark.line + 1}, {"detail", e.msg}});
  }
  const Reader top(root, "", source_name);
  if (top.integer("version", 1, 1) != 1) throw InputError("version", "unsupported_version"_err);

  ResponderThresholds t;
  const Reader oarsi = top.child("omeract_oarsi");
  t.oarsi.high_relative = oarsi.child("high").number("relative", 0, 1);
  t.oarsi.high_absolute = oarsi.child("high").number("absolute", 0, 100);
  t.oarsi.moderate_relative = oarsi.child("moderate").number("relative", 0, 1);
  t.oarsi.moderate_absolute = oarsi.child("moderate").number("absolute", 0, 100);
  t.oarsi.moderate_min_domains = oarsi.child("moderate").integer("min_domains", 1, 3);
  t.oarsi.citation = oarsi.citation();

  const Reader immpact = top.child("immpact_nrs");
  t.immpact.moderate_relative = immpact.child("moderate").number("relative", 0, 1);
  t.immpact.substantial_relative = immpact.child("substantial").number("relative", 0, 1);
  t.immpact.citation = immpact.citation();

  const Reader mcid = top.child("hoos_pain_mcid");
  t.hoos_pain_mcid.value = mcid.number("value", 0, 100);
  t.hoos_pain_mcid.method = mcid.text("method");
  t.hoos_pain_mcid.population = mcid.text("population");
  t.hoos_pain_mcid.citation = mcid.citation();
  return t;
}

}  // namespace rp::instruments
