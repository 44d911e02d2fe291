#include "api/json_pathway.hpp"

#include "base/jalali.hpp"

namespace rp::api {
namespace {

nlohmann::json optional_date(const std::optional<CivilDate>& d) { return d ? nlohmann::json(d->iso()) : nullptr; }
template <typename T>
nlohmann::json optional_value(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nullptr;
}

}  // namespace

nlohmann::json to_json(const ScheduledItem& s, const Protocol& protocol, std::string_view lang,
                       const CivilDate& today) {
  nlohmann::json j = {{"id", s.id},
                      {"kind", s.kind},
                      {"title", nullptr},
                      {"start", s.start.iso()},
                      {"end", s.end.iso()},
                      {"window_start", s.window_start.iso()},
                      {"window_end", s.window_end.iso()},
                      {"anchor", s.anchor},
                      {"offset", s.offset},
                      {"start_jalali", to_jalali(s.start).iso()},
                      {"end_jalali", to_jalali(s.end).iso()},
                      {"status", to_string(timeline_state(s, today))},
                      {"recorded_status", to_string(s.status)},
                      {"done_on", optional_date(s.done_on)}};
  if (const ProtocolItem* p = protocol.find_item(s.id)) {
    // `title` and `detail` in the server's language (the CLI and older readers), and
    // both languages in `titles` / `details`, so an app can follow its user's choice.
    j["title"] = p->title.in(lang);
    j["titles"] = to_json(p->title);
    if (p->detail) {
      j["detail"] = p->detail->in(lang);
      j["details"] = to_json(*p->detail);
    }
    if (!p->flags.empty()) j["flags"] = p->flags;
    if (!p->instruments.empty()) j["instruments"] = p->instruments;
    if (!p->role.empty()) j["role"] = p->role;
  }
  return j;
}

nlohmann::json to_json(const std::vector<ScheduledItem>& items, const Protocol& protocol, std::string_view lang,
                       const CivilDate& today) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : items) out.push_back(to_json(s, protocol, lang, today));
  return out;
}

nlohmann::json to_json(const EligibilityResult& r, std::string_view lang) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : r.reasons) {
    reasons.push_back(
        {{"rule", reason.rule}, {"kind", reason.kind}, {"finding", reason.finding}, {"text", reason.text.in(lang)}});
  }
  return {{"decision", to_string(r.decision)}, {"reasons", reasons}};
}

nlohmann::json to_json(const LocalText& t) { return {{"en", t.en}, {"fa", t.fa}}; }

namespace {

nlohmann::json rule_json(const EligibilityRule& r) {
  nlohmann::json j = {{"id", r.id}, {"finding", r.finding}, {"text", to_json(r.text)}};
  if (r.is) j["is"] = *r.is;
  if (r.at_least) j["at_least"] = *r.at_least;
  if (r.at_most) j["at_most"] = *r.at_most;
  if (r.below) j["below"] = *r.below;
  if (r.above) j["above"] = *r.above;
  return j;
}

nlohmann::json protocol_item_json(const ProtocolItem& i) {
  nlohmann::json j = {{"id", i.id},
                      {"kind", i.kind},
                      {"anchor", i.anchor},
                      {"at", i.at.str()},
                      {"until", i.until.str()},
                      {"until_anchor", i.until_anchor},
                      {"window", i.has_window ? nlohmann::json::array({i.window_before.str(), i.window_after.str()})
                                              : nlohmann::json(nullptr)},
                      {"title", to_json(i.title)},
                      {"detail", i.detail ? to_json(*i.detail) : nlohmann::json(nullptr)},
                      {"flags", i.flags},
                      {"instruments", i.instruments},
                      {"role", i.role.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.role)}};
  return j;
}

}  // namespace

nlohmann::json to_json(const Protocol& p) {
  nlohmann::json anchors = nlohmann::json::object();
  for (const auto& [name, text] : p.anchors) anchors[name] = to_json(text);
  nlohmann::json exclusions = nlohmann::json::array(), cautions = nlohmann::json::array(),
                 items = nlohmann::json::array();
  for (const auto& r : p.eligibility.exclusions) exclusions.push_back(rule_json(r));
  for (const auto& r : p.eligibility.cautions) cautions.push_back(rule_json(r));
  for (const auto& i : p.items) items.push_back(protocol_item_json(i));
  return {{"id", p.id},
          {"version", p.version},
          {"joint", p.joint},
          {"title", to_json(p.title)},
          {"anchors", anchors},
          {"eligibility",
           {{"indication", rule_json(p.eligibility.indication)}, {"exclusions", exclusions}, {"cautions", cautions}}},
          {"items", items},
          {"outcomes",
           {{"claims", p.outcomes.claims.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.outcomes.claims)},
            {"baseline", p.outcomes.baseline},
            {"survival",
             {{"end_point", to_string(p.outcomes.end_point)},
              {"title", to_json(p.outcomes.survival_title)},
              {"days", p.outcomes.survival_days}}},
            {"funnel", p.outcomes.funnel_time_point.empty()
                           ? nlohmann::json(nullptr)
                           : nlohmann::json{{"time_point", p.outcomes.funnel_time_point},
                                            {"definition", p.outcomes.funnel_definition}}}}}};
}

nlohmann::json to_json(const Centre& c) {
  return {{"id", c.id},
          {"name_en", c.name_en},
          {"name_fa", c.name_fa},
          {"city_en", c.city_en},
          {"city_fa", c.city_fa},
          {"licence_status", c.licence_status},
          {"licence_number", c.licence_number},
          {"phone", c.phone}};
}

nlohmann::json to_json(const Patient& p) {
  return {{"id", p.id},
          {"centre", p.centre_id},
          {"mrn", p.mrn},
          {"name_fa", p.name_fa},
          {"name_latin", p.name_latin},
          {"sex", to_string(p.sex)},
          {"birth_date", p.birth_date.iso()},
          {"birth_date_jalali", to_jalali(p.birth_date).iso()},
          {"mobile", p.mobile},
          {"national_id", p.national_id},
          {"consent",
           {{"treatment", p.consent.treatment}, {"registry", p.consent.registry}, {"contact", p.consent.contact}}}};
}

nlohmann::json to_json(const Episode& e) {
  return {{"id", e.id},
          {"patient_id", e.patient_id},
          {"centre", e.centre_id},
          {"protocol", e.protocol_id},
          {"side", to_string(e.side)},
          {"diagnosis",
           {{"system", e.diagnosis.system}, {"code", e.diagnosis.code}, {"display", diagnosis_display(e.diagnosis)}}},
          {"kl_grade", optional_value(e.kl_grade)},
          {"tonnis_grade", optional_value(e.tonnis_grade)},
          {"cell_source", e.cell_source ? nlohmann::json(to_string(*e.cell_source)) : nullptr},
          {"guidance", e.guidance ? nlohmann::json(to_string(*e.guidance)) : nullptr},
          {"state", to_string(e.state)},
          {"bilateral_with", optional_value(e.bilateral_with)},
          {"repeat_of", optional_value(e.repeat_of)},
          {"harvest_date", optional_date(e.harvest_date)},
          {"injection_date", optional_date(e.injection_date)}};
}

nlohmann::json to_json(const Transition& t) {
  return {{"from", to_string(t.from)}, {"to", to_string(t.to)}, {"reason", t.reason},
          {"actor", t.actor},          {"role", t.role},        {"at", t.at},
          {"on", t.on.iso()}};
}

}  // namespace rp::api
