// The protocol's `outcomes:` section: which claims file, baseline, survival end point
// and funnel its outcome report uses, so that a new protocol needs no code change.
#include <algorithm>

#include "domain/claims.hpp"
#include "domain/protocol_yaml.hpp"

namespace rp {

std::string_view to_string(ProtocolOutcomes::EndPoint e) {
  return e == ProtocolOutcomes::EndPoint::joint_replacement ? "joint_replacement" : "joint_replacement_or_repeat";
}

namespace protocol_yaml {
namespace {

// A name that is a file's stem under a fixed folder: letters, digits, '-' and '_' only,
// so that it can never walk out of the folder.
bool is_plain_name(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string questionnaire(const Ctx& ctx, const YAML::Node& n, const std::string& path, const Protocol& p) {
  std::string id = scalar(ctx, n, path);
  const ProtocolItem* item = p.find_item(id);
  if (!item || item->kind != "questionnaire")
    ctx.fail(n, path,
             {"'" + id + "' is not a questionnaire of the protocol",
              "«" + id + "» از پرسشنامه‌های پروتکل نیست"});
  return id;
}

}  // namespace

ProtocolOutcomes parse_protocol_outcomes(const Ctx& ctx, const YAML::Node& n, const Protocol& p) {
  ProtocolOutcomes o;
  for (const ProtocolItem& item : p.items) {
    if (item.kind == "questionnaire") {
      o.baseline = item.id;
      break;
    }
  }
  if (!n || n.IsNull()) return o;
  allow_keys(ctx, n, "outcomes", {"claims", "baseline", "survival", "funnel"});
  if (n["claims"]) {
    o.claims = scalar(ctx, n["claims"], "outcomes.claims");
    if (!is_plain_name(o.claims))
      ctx.fail(n["claims"], "outcomes.claims",
               {"must be a claims file's name (letters, digits, - and _), not a path",
                "باید نام یک فایل ادعاها باشد (حروف، ارقام، - و _)، نه یک مسیر"});
  }
  if (n["baseline"]) o.baseline = questionnaire(ctx, n["baseline"], "outcomes.baseline", p);
  if (const YAML::Node s = n["survival"]) {
    allow_keys(ctx, s, "outcomes.survival", {"end_point", "title", "days"});
    if (s["end_point"]) {
      const std::string e = scalar(ctx, s["end_point"], "outcomes.survival.end_point");
      if (e == "joint_replacement") {
        o.end_point = ProtocolOutcomes::EndPoint::joint_replacement;
      } else if (e == "joint_replacement_or_repeat") {
        o.end_point = ProtocolOutcomes::EndPoint::joint_replacement_or_repeat;
      } else {
        ctx.fail(s["end_point"], "outcomes.survival.end_point",
                 {"must be joint_replacement or joint_replacement_or_repeat",
                  "باید joint_replacement یا joint_replacement_or_repeat باشد"});
      }
    }
    if (s["title"]) o.survival_title = local_text(ctx, s["title"], "outcomes.survival.title");
    if (const YAML::Node d = s["days"]) {
      if (!d.IsSequence() || d.size() == 0) ctx.fail(d, "outcomes.survival.days", rules::non_empty_list());
      o.survival_days.clear();
      for (std::size_t i = 0; i < d.size(); ++i) {
        const std::string path = "outcomes.survival.days[" + std::to_string(i) + "]";
        const double v = number(ctx, d[i], path);
        if (v < 0 || v > 36500 || v != static_cast<int>(v))
          ctx.fail(d[i], path, {"must be a whole day 0 to 36500", "باید روزی صحیح از ۰ تا ۳۶۵۰۰ باشد"});
        if (!o.survival_days.empty() && v <= o.survival_days.back())
          ctx.fail(d[i], path, {"must follow a smaller day", "باید پس از روزی کوچک‌تر بیاید"});
        o.survival_days.push_back(static_cast<int>(v));
      }
    }
  }
  if (const YAML::Node f = n["funnel"]) {
    allow_keys(ctx, f, "outcomes.funnel", {"time_point", "definition"});
    o.funnel_time_point =
        questionnaire(ctx, need(ctx, f, "time_point", "outcomes.funnel"), "outcomes.funnel.time_point", p);
    if (o.funnel_time_point == o.baseline)
      ctx.fail(f["time_point"], "outcomes.funnel.time_point",
               {"must be a follow-up, not the baseline", "باید یک پیگیری باشد، نه پایه (baseline)"});
    if (f["definition"]) {
      o.funnel_definition = scalar(ctx, f["definition"], "outcomes.funnel.definition");
      if (!parse_responder_definition(o.funnel_definition))
        ctx.fail(f["definition"], "outcomes.funnel.definition",
                 rules::one_of("omeract_oarsi, nrs_30, nrs_50, hoos_pain_mcid",
                               "omeract_oarsi، nrs_30، nrs_50 یا hoos_pain_mcid"));
    }
  }
  return o;
}

}  // namespace protocol_yaml
}  // namespace rp
