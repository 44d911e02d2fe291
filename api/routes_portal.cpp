// The patient portal: a signed-in patient sees their own record and schedule, answers
// questionnaires and reports red flags. Nothing here reaches another patient.
#include "api/contract/portal.hpp"
#include "api/contract/questionnaires.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"

namespace rp::api {

http::Response submit_questionnaire(Services& s, http::Call& c);

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
           return contract::portal_record_out(rec, s.pathway.centres(), s.lang, s.clock.today());
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
         [&s](http::Call& c, const contract::RedFlagReportIn& in) {
           const auto id = http::id_param(c.request.params.at("episode_id"), "episode");
           return http::Created<contract::AdverseEventOut>{
               contract::adverse_event_out(s.submissions.report_red_flag(c.actor, id, contract::to_red_flag(in)))};
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
           std::vector<contract::OwnRedFlagOut> out;
           for (const auto& f : s.submissions.own_red_flags(c.actor)) out.push_back(contract::own_red_flag_out(f));
           return out;
         }});
}

}  // namespace rp::api
