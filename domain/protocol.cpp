#include "domain/protocol.hpp"

#include <charconv>
#include <set>

#include "base/error.hpp"
#include "domain/protocol_yaml.hpp"

namespace rp {
namespace {

using namespace protocol_yaml;

EligibilityRule rule(const Ctx& ctx, const YAML::Node& n, const std::string& path, bool range_allowed) {
  allow_keys(ctx, n, path, {"id", "finding", "is", "at_least", "at_most", "below", "above", "text"});
  EligibilityRule r;
  r.id = req_string(ctx, n, "id", path);
  r.finding = req_string(ctx, n, "finding", path);
  r.text = local_text(ctx, need(ctx, n, "text", path), child_path(path, "text"));
  if (n["is"]) r.is = boolean(ctx, n["is"], child_path(path, "is"));
  if (n["at_least"]) r.at_least = number(ctx, n["at_least"], child_path(path, "at_least"));
  if (n["at_most"]) r.at_most = number(ctx, n["at_most"], child_path(path, "at_most"));
  if (n["below"]) r.below = number(ctx, n["below"], child_path(path, "below"));
  if (n["above"]) r.above = number(ctx, n["above"], child_path(path, "above"));
  const int comparisons =
      r.is.has_value() + r.at_least.has_value() + r.at_most.has_value() + r.below.has_value() + r.above.has_value();
  const bool range = range_allowed && comparisons == 2 && r.at_least && r.at_most;
  if (comparisons != 1 && !range) {
    ctx.fail(n, path,
             range_allowed ? RuleText{"needs one of is, at_least, at_most, below, above (or at_least with at_most)",
                                      "به یکی از is، at_least، at_most، below یا above نیاز دارد (یا at_least همراه "
                                      "با at_most)"}
                           : RuleText{"needs exactly one of is, at_least, at_most, below, above",
                                      "دقیقاً به یکی از is، at_least، at_most، below یا above نیاز دارد"});
  }
  return r;
}

const std::set<std::string> kKinds{"order", "hold",  "procedure", "rest",         "advice",
                                   "rehab", "visit", "imaging",   "questionnaire"};

// The modalities a study of the hip is taken with: radiographs (computed, digital), MRI,
// CT and ultrasound.
const std::set<std::string> kModalities{"CR", "DX", "MR", "CT", "US"};

ProtocolItem item(const Ctx& ctx, const YAML::Node& n, const std::string& path, const Protocol& p) {
  allow_keys(ctx, n, path,
             {"id", "kind", "anchor", "at", "until", "window", "title", "detail", "flags", "instruments", "role",
              "modalities"});
  ProtocolItem it;
  it.id = req_string(ctx, n, "id", path);
  it.kind = req_string(ctx, n, "kind", path);
  if (!kKinds.count(it.kind))
    ctx.fail(
        n["kind"], child_path(path, "kind"),
        {"'" + it.kind + "' is not a known kind", "«" + it.kind + "» نوع شناخته‌شده‌ای نیست"});
  it.anchor = req_string(ctx, n, "anchor", path);
  if (!p.anchors.count(it.anchor)) {
    ctx.fail(n["anchor"], child_path(path, "anchor"),
             {"'" + it.anchor + "' is not one of the protocol's anchors",
              "«" + it.anchor + "» از لنگرهای (anchors) پروتکل نیست"});
  }
  it.at = offset(ctx, need(ctx, n, "at", path), child_path(path, "at"));
  it.until = it.at;
  it.until_anchor = it.anchor;
  if (const YAML::Node u = n["until"]; u && u.IsMap()) {
    // until: {anchor: injection, at: +0d}
    const std::string upath = child_path(path, "until");
    allow_keys(ctx, u, upath, {"anchor", "at"});
    it.until_anchor = req_string(ctx, u, "anchor", upath);
    if (!p.anchors.count(it.until_anchor))
      ctx.fail(u["anchor"], child_path(upath, "anchor"),
               {"'" + it.until_anchor + "' is not one of the protocol's anchors",
                "«" + it.until_anchor + "» از لنگرهای (anchors) پروتکل نیست"});
    it.until = offset(ctx, need(ctx, u, "at", upath), child_path(upath, "at"));
  } else if (u) {
    it.until = offset(ctx, u, child_path(path, "until"));
  }
  // Months and days cannot be compared in general; check on dates that stress month ends.
  // (Across two anchors the dates decide, when the schedule is derived.)
  for (const CivilDate probe : {CivilDate::from_ymd(2001, 1, 31), CivilDate::from_ymd(2004, 2, 29)}) {
    if (it.until_anchor == it.anchor && it.until.apply(probe) < it.at.apply(probe))
      ctx.fail(n["until"], child_path(path, "until"), {"is before 'at'", "پیش از «at» است"});
  }
  if (const YAML::Node w = n["window"]) {
    if (!w.IsSequence() || w.size() != 2)
      ctx.fail(w, child_path(path, "window"), {"must be [before, after]", "باید [before, after] باشد"});
    it.window_before = offset(ctx, w[0], child_path(path, "window[0]"));
    it.window_after = offset(ctx, w[1], child_path(path, "window[1]"));
    if (it.window_before.amount > 0)
      ctx.fail(w[0], child_path(path, "window[0]"), {"must not be positive", "نباید مثبت باشد"});
    if (it.window_after.amount < 0)
      ctx.fail(w[1], child_path(path, "window[1]"), {"must not be negative", "نباید منفی باشد"});
    it.has_window = true;
  }
  it.title = local_text(ctx, need(ctx, n, "title", path), child_path(path, "title"));
  if (n["detail"]) it.detail = local_text(ctx, n["detail"], child_path(path, "detail"));
  if (n["flags"]) it.flags = string_list(ctx, n["flags"], child_path(path, "flags"));
  if (n["instruments"]) it.instruments = string_list(ctx, n["instruments"], child_path(path, "instruments"));
  if (n["role"]) it.role = scalar(ctx, n["role"], child_path(path, "role"));
  if (n["modalities"]) {
    it.modalities = string_list(ctx, n["modalities"], child_path(path, "modalities"));
    for (const auto& m : it.modalities)
      if (!kModalities.count(m))
        ctx.fail(n["modalities"], child_path(path, "modalities"),
                 {"'" + m + "' is not a DICOM modality of radiographs, MRI, CT or ultrasound (CR, DX, MR, CT, US)",
                  "«" + m +
                      "» از کدهای DICOM رادیوگرافی، "
                      "ام‌آر‌آی، سی‌تی یا سونوگرافی "
                      "(CR، DX، MR، CT، US) نیست"});
    if (it.kind != "imaging" && it.kind != "order")
      ctx.fail(n["modalities"], child_path(path, "modalities"),
               {"is for an imaging item or an order", "برای تصویربرداری یا دستور (order) است"});
  }
  if (it.kind == "questionnaire" && it.instruments.empty()) {
    ctx.fail(n, child_path(path, "instruments"), {"is required for a questionnaire", "برای پرسشنامه الزامی است"});
  }
  return it;
}

}  // namespace

Offset Offset::parse(std::string_view text, std::string_view field) {
  auto bad = [&] { return InputError(std::string(field), "not_an_offset"_err, {{"text", text}}); };
  if (text.size() < 2) throw bad();
  std::size_t i = 0;
  int sign = 1;
  if (text[0] == '+' || text[0] == '-') {
    sign = text[0] == '-' ? -1 : 1;
    ++i;
  }
  int amount = 0;
  const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size() - 1, amount);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || end == text.data() + i) throw bad();
  if (amount > 36500) throw bad();
  Offset o;
  o.amount = sign * amount;
  switch (text.back()) {
    case 'd':
      o.unit = Unit::days;
      break;
    case 'w':
      o.unit = Unit::weeks;
      break;
    case 'm':
      o.unit = Unit::months;
      break;
    case 'y':
      o.unit = Unit::years;
      break;
    default:
      throw bad();
  }
  return o;
}

CivilDate Offset::apply(const CivilDate& from) const {
  switch (unit) {
    case Unit::days:
      return from.plus_days(amount);
    case Unit::weeks:
      return from.plus_days(7LL * amount);
    case Unit::months:
      return from.plus_months(amount);
    case Unit::years:
      return from.plus_months(12 * amount);
  }
  return from;
}

std::string Offset::str() const {
  const char unit_char = unit == Unit::days ? 'd' : unit == Unit::weeks ? 'w' : unit == Unit::months ? 'm' : 'y';
  return (amount < 0 ? "-" : "+") + std::to_string(amount < 0 ? -amount : amount) + unit_char;
}

bool EligibilityRule::matches(double v) const {
  if (is) return (v != 0) == *is;
  return (!at_least || v >= *at_least) && (!at_most || v <= *at_most) && (!below || v < *below) &&
         (!above || v > *above);
}

const ProtocolItem* Protocol::find_item(std::string_view item_id) const {
  for (const auto& it : items) {
    if (it.id == item_id) return &it;
  }
  return nullptr;
}

Protocol parse_protocol(std::string_view yaml_text, std::string_view source) {
  const Ctx ctx{source};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw InputError("protocol", "protocol_yaml_malformed"_err,
                     {{"source", source}, {"line", e.mark.line + 1}, {"detail", e.msg}});
  }
  if (!root.IsMap())
    ctx.fail(root, "protocol",
             {"must be a mapping at the top level", "باید در بالاترین سطح یک نگاشت (کلید: مقدار) باشد"});
  allow_keys(ctx, root, "",
             {"id", "version", "joint", "title", "anchors", "eligibility", "items", "outcomes", "product"});
  Protocol p;
  p.id = req_string(ctx, root, "id", "");
  const double version = number(ctx, need(ctx, root, "version", ""), "version");
  if (version < 1 || version != static_cast<int>(version))
    ctx.fail(root["version"], "version", {"must be a whole number >= 1", "باید عدد صحیح ۱ یا بیشتر باشد"});
  p.version = static_cast<int>(version);
  p.joint = req_string(ctx, root, "joint", "");
  p.title = local_text(ctx, need(ctx, root, "title", ""), "title");
  const YAML::Node anchors = need(ctx, root, "anchors", "");
  if (!anchors.IsMap() || anchors.size() == 0)
    ctx.fail(anchors, "anchors",
             {"must name at least one anchor", "باید دست‌کم یک لنگر (anchor) نام ببرد"});
  for (const auto& kv : anchors) {
    const auto name = key_of(ctx, kv.first, "anchors");
    p.anchors[name] = local_text(ctx, kv.second, "anchors." + name);
  }
  const YAML::Node elig = need(ctx, root, "eligibility", "");
  allow_keys(ctx, elig, "eligibility", {"indication", "exclusions", "cautions"});
  p.eligibility.indication = rule(ctx, need(ctx, elig, "indication", "eligibility"), "eligibility.indication", true);
  for (const char* list : {"exclusions", "cautions"}) {
    const YAML::Node rules = elig[list];
    if (!rules) continue;
    const std::string path = std::string("eligibility.") + list;
    if (!rules.IsSequence()) ctx.fail(rules, path, rp::rules::list());
    auto& out = std::string(list) == "exclusions" ? p.eligibility.exclusions : p.eligibility.cautions;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      out.push_back(rule(ctx, rules[i], path + "[" + std::to_string(i) + "]", false));
    }
  }
  const YAML::Node items = need(ctx, root, "items", "");
  if (!items.IsSequence() || items.size() == 0) ctx.fail(items, "items", rules::non_empty_list());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    p.items.push_back(item(ctx, items[i], path, p));
    if (!ids.insert(p.items.back().id).second) {
      ctx.fail(items[i]["id"], path + ".id",
               {"'" + p.items.back().id + "' is used twice", "«" + p.items.back().id + "» دو بار به کار رفته است"});
    }
  }
  p.outcomes = parse_protocol_outcomes(ctx, root["outcomes"], p);
  p.product = parse_protocol_product(ctx, root["product"]);
  return p;
}

}  // namespace rp
