// Eligibility and the protocol schedule: assess, plan the harvest and injection dates,
// mark visits, holds, rehab stages and questionnaires done or missed.
#include "api/answers_json.hpp"
#include "api/contract/schedule.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"
#include "service/protocols.hpp"

namespace rp::api {

void add_schedule_routes(http::Router& r, Services& s) {
  // Planning moves the procedures; marking is allowed per item kind (service::require_mark):
  // the physiotherapist marks the rehab stages and visits, not a harvest or an injection.
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/eligibility",
         "Assesses eligibility from findings against the protocol's rules and stores the assessment",
         service::Permission::eligibility_assess,
         {},
         "{findings: {kl_grade, ...}}",
         false,
         false,
         [&s](http::Call& c, const contract::EligibilityRequest& in) {
           return contract::eligibility_result_out(
               s.pathway.assess_eligibility(c.actor, episode_param(c), recorded_findings(in.findings.value)), s.lang);
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/schedule",
         "The schedule the protocol derives: visits, drug holds, rehab stages, imaging and questionnaires",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto rec = s.pathway.episode_record(c.actor, episode_param(c));
           return contract::schedule_out(rec.schedule, *service::load_protocol(rec.episode.protocol_id), s.lang,
                                         s.clock.today());
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/plan",
         "Sets or moves the planned harvest and injection dates (from a year before to two years after today; "
         "a date before today needs the reason); re-derives every item not yet done",
         service::Permission::schedule_plan,
         {},
         "{harvest? | harvest_jalali?, injection? | injection_jalali?, reason?}. harvest and injection are Gregorian "
         "(2026-03-20), their _jalali twins Jalali (1404/12/29); any digits. The answer says \"changed\": false when "
         "these dates were already planned (nothing is written then)",
         false,
         false,
         [&s](http::Call& c, const contract::PlanRequestIn& in) {
           contract::EpisodePlanned out;
           static_cast<contract::EpisodeRecordOut&>(out) =
               contract::episode_record_out(s.pathway.plan(c.actor, episode_param(c), in.harvest, in.injection,
                                                           in.reason.value_or(""), &out.changed),
                                            s.lang, s.clock.today());
           return out;
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/schedule/{item_id}",
         "Marks a schedule item done, missed or cancelled (or planned again). A procedure (harvest, lab processing, "
         "injection) is marked done by the surgeon and re-booked by the surgeon or the coordinator; the "
         "physiotherapist marks rehab stages and visits",
         service::Permission::schedule_mark,
         {},
         "{status, on? | on_jalali?}. on is Gregorian (2026-03-20), on_jalali Jalali (1404/12/29); any digits. The "
         "answer says \"changed\": false when the item already had this status (nothing is written then)",
         false,
         false,
         [&s](http::Call& c, const contract::ScheduleMark& m) {
           const std::string& item = c.request.params.at("item_id");
           if (item.size() > 64) throw NotFoundError("item", "no_such_item"_err);
           bool changed = false;
           const auto done = s.pathway.mark_item(c.actor, episode_param(c), item, m.status, m.on, &changed);
           return contract::item_marked(done, changed);
         }});
}

}  // namespace rp::api
