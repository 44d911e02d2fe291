// `regenpath score INSTRUMENT [FILE|-]` and `regenpath responder [FILE|-]`.
#include <nlohmann/json.hpp>
#include <string>

#include "api/answers_json.hpp"
#include "app/cli.hpp"
#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/instruments/responder.hpp"
#include "service/protocols.hpp"
#include "store/json_columns.hpp"

namespace rp::app {
namespace {

namespace ins = rp::instruments;
using nlohmann::json;

std::string instrument_keys() {
  std::string keys;
  for (const auto& def : ins::all_instruments()) keys += (keys.empty() ? "" : ", ") + std::string(def.key);
  return keys;
}

void run_score(const std::string& key, const std::string& file) {
  const auto id = ins::parse_instrument_key(key);
  if (!id)
    throw InputError("instrument", "unknown_instrument_one_of"_err,
                     {{"instrument", key}, {"known", instrument_keys()}});
  const json body = read_json(file, "file");
  print_json(store::scores_to_json(ins::score(*id, api::submission_from_json(body))));
}

// A 0–100 number at body[group][name]; errors name "group.name".
double domain_value(const json& body, const char* group, const char* name) {
  const std::string field = std::string(group) + "." + name;
  if (!body.contains(group) || !body.at(group).is_object()) {
    throw InputError(group, "score_group_shape"_err, {{"group", group}});
  }
  const json& g = body.at(group);
  if (!g.contains(name) || g.at(name).is_null())
    throw InputError(field, "quoted_field_required"_err, {{"field", field}});
  if (!g.at(name).is_number()) throw InputError(field, "number_0_to_100"_err, {{"field", field}});
  return g.at(name).get<double>();
}

ins::OarsiDomains domains(const json& body, const char* group) {
  for (const auto& [k, v] : body.at(group).items()) {
    if (k != "pain" && k != "function" && k != "global") {
      throw InputError(std::string(group) + "." + k, "unknown_score_field"_err, {{"field", k}});
    }
  }
  ins::OarsiDomains d{domain_value(body, group, "pain"), domain_value(body, group, "function"),
                      domain_value(body, group, "global")};
  ins::validate_oarsi_domains(d, group);
  return d;
}

// Optional {"baseline": x, "followup": y} pair, e.g. "nrs_pain" or "hoos_pain".
const json* optional_pair(const json& body, const char* name) {
  if (!body.contains(name)) return nullptr;
  const json& p = body.at(name);
  for (const char* k : {"baseline", "followup"}) {
    const std::string field = std::string(name) + "." + k;
    if (!p.is_object() || !p.contains(k) || !p.at(k).is_number()) {
      throw InputError(field, "quoted_field_not_number"_err, {{"field", field}});
    }
  }
  return &p;
}

int nrs_value(const json& p, const char* k) {
  const double v = p.at(k).get<double>();
  const std::string field = std::string("nrs_pain.") + k;
  if (!(v >= 0 && v <= 10) || v != static_cast<int>(v)) {
    throw InputError(field, "responder_nrs_range"_err, {{"field", field}});
  }
  return static_cast<int>(v);
}

void run_responder(const std::string& file, const std::string& thresholds_file) {
  const ins::ResponderThresholds t =
      ins::parse_responder_thresholds(read_text(thresholds_file, "thresholds"), thresholds_file);
  const json body = read_json(file, "file");
  if (!body.is_object()) throw InputError("file", "responder_file_shape"_err);
  for (const auto& [k, v] : body.items()) {
    if (k != "baseline" && k != "followup" && k != "nrs_pain" && k != "hoos_pain") {
      throw InputError(k, "unknown_responder_field"_err, {{"field", k}});
    }
  }
  const ins::OarsiResult r = ins::oarsi_responder(domains(body, "baseline"), domains(body, "followup"), t.oarsi);
  json out = {{"responder", r.responder},
              {"criterion", r.criterion ? json(ins::oarsi_criterion_name(*r.criterion)) : json(nullptr)},
              {"definition", "OMERACT-OARSI"}};
  if (const json* p = optional_pair(body, "nrs_pain")) {
    const auto im = ins::immpact_nrs_response(nrs_value(*p, "baseline"), nrs_value(*p, "followup"), t.immpact);
    out["immpact_nrs"] = {{"reduction", im.reduction ? json(*im.reduction) : json(nullptr)},
                          {"moderate", im.moderate},
                          {"substantial", im.substantial}};
  }
  if (const json* p = optional_pair(body, "hoos_pain")) {
    const auto m =
        ins::hoos_pain_mcid(p->at("baseline").get<double>(), p->at("followup").get<double>(), t.hoos_pain_mcid);
    out["hoos_pain_mcid"] = {{"improvement", m.improvement}, {"threshold", t.hoos_pain_mcid.value}, {"met", m.met}};
  }
  print_json(out);
}

}  // namespace

void add_score_commands(CLI::App& app) {
  auto* score = app.add_subcommand("score", "Validate and score one questionnaire; JSON on stdout");
  auto instrument = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>("-");
  score->add_option("instrument", *instrument, "one of: " + instrument_keys())->required();
  score->add_option("file", *file, "JSON {\"answers\": {ITEM_ID: value}}, or - for stdin");
  score->callback([instrument, file] { run_score(*instrument, *file); });

  auto* responder = app.add_subcommand("responder", "OMERACT-OARSI responder (plus IMMPACT NRS, HOOS Pain MCID)");
  auto rfile = std::make_shared<std::string>("-");
  auto thresholds = std::make_shared<std::string>(service::data_dir() + "/instruments/responder-thresholds.yaml");
  responder->add_option("file", *rfile,
                        "JSON {\"baseline\": {pain, function, global}, \"followup\": {...}} on 0–100 scales, "
                        "higher = worse; optional \"nrs_pain\" and \"hoos_pain\": {baseline, followup}");
  responder->add_option("--thresholds", *thresholds, "responder thresholds YAML (with citations)");
  responder->callback([rfile, thresholds] { run_responder(*rfile, *thresholds); });
}

}  // namespace rp::app
