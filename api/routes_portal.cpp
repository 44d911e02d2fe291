// The patient portal: a signed-in patient sees their own record and schedule, answers
// questionnaires and reports red flags. Nothing here reaches another patient.
#include "api/contract/questionnaires.hpp"
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_pathway.hpp"
#include "api/json_records.hpp"
#include "api/routes.hpp"
#include "service/protocols.hpp"

namespace rp::api {

http::Response submit_questionnaire(Services& s, http::Call& c);

namespace {

// How the patient reaches their centre. Centres are not patient data: no audit row.
nlohmann::json centre_contact(Services& s, const std::string& centre_id) {
  for (const auto& c : s.pathway.centres()) {
    if (c.id == centre_id)
      return {{"name_en", c.name_en},
              {"name_fa", c.name_fa},
              {"city_en", c.city_en},
              {"city_fa", c.city_fa},
              {"phone", c.phone}};
  }
  return nullptr;
}

}  // namespace

void add_portal_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/me/record",
         "The signed-in patient's record: episodes with schedules, the rehab stage and drug holds in effect "
         "today, and the centre's contact details",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto rec = s.submissions.portal_record(c.actor);
           const CivilDate today = s.clock.today();
           nlohmann::json j = {{"name_fa", rec.patient.name_fa},
                               {"name_latin", rec.patient.name_latin},
                               {"mrn", rec.patient.mrn},  // on the printed schedule, for the front desk
                               {"centre", rec.patient.centre_id},
                               {"centre_contact", centre_contact(s, rec.patient.centre_id)},
                               {"today", today.iso()},
                               {"episodes", nlohmann::json::array()}};
           for (std::size_t i = 0; i < rec.episodes.size(); ++i) {
             const auto protocol = service::load_protocol(rec.episodes[i].protocol_id);
             nlohmann::json e = to_json(rec.episodes[i]);
             e["schedule"] = to_json(rec.schedules[i], *protocol, s.lang, today);
             e["rehab_stage"] = to_json(in_effect(rec.schedules[i], "rehab", today), *protocol, s.lang, today);
             e["holds_in_effect"] = to_json(in_effect(rec.schedules[i], "hold", today), *protocol, s.lang, today);
             j["episodes"].push_back(e);
           }
           return ok(j);
         }});
  r.add(
      {"POST",
       "/api/v1/me/episodes/{episode_id}/questionnaires",
       "The patient answers a questionnaire",
       service::Permission::portal_own,
       {},
       "{instrument, item_id?, answers}",
       true,
       true,
       http::answering<contract::QuestionnaireResponseOut>(
           http::taking<contract::NewQuestionnaire>([&s](http::Call& c) { return submit_questionnaire(s, c); }), 201)});
  r.add({"POST",
         "/api/v1/me/episodes/{episode_id}/red-flags",
         "The patient reports a red flag (unusual pain, swelling, redness, fever): it reaches the clinic at once",
         service::Permission::portal_own,
         {},
         "{category, severity, description?, onset? | onset_jalali?}. onset is Gregorian (2026-03-20), onset_jalali "
         "Jalali (1404/12/29); any digits",
         true,
         false,
         [&s](http::Call& c) {
           const auto in = decode_red_flag(http::parse_json_object(c.request.body));
           const auto id = http::id_param(c.request.params.at("episode_id"), "episode");
           return ok(to_json(s.submissions.report_red_flag(c.actor, id, in)), 201);
         }});
  r.add({"GET",
         "/api/v1/me/red-flags",
         "The patient's own red-flag reports, newest first: whether each was seen, when, by which role of the "
         "clinic's team and what was done (called, asked to come in, referred to emergency); never a staff "
         "member's name",
         service::Permission::portal_own,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           nlohmann::json out = nlohmann::json::array();
           for (const auto& f : s.submissions.own_red_flags(c.actor)) {
             const bool seen = !f.acknowledged_at.empty();
             out.push_back({{"id", f.id},
                            {"episode_id", f.episode_id},
                            {"category", f.category},
                            {"severity", f.severity},
                            {"reported_at", f.reported_at},
                            {"seen", seen},
                            {"seen_at", seen ? nlohmann::json(f.acknowledged_at) : nlohmann::json(nullptr)},
                            // The role, not the person: acknowledged before roles were kept, "clinician".
                            {"seen_by_role", !seen                         ? nlohmann::json(nullptr)
                                             : f.acknowledged_role.empty() ? nlohmann::json("clinician")
                                                                           : nlohmann::json(f.acknowledged_role)},
                            {"action", f.ack_action.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.ack_action)}});
           }
           return ok(out);
         }});
}

}  // namespace rp::api
