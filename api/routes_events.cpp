// Adverse events recorded by staff, and red flags patients report, which stay open
// until a clinician acknowledges them.
#include "api/contract/events.hpp"
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_records.hpp"
#include "api/routes.hpp"

namespace rp::api {

void add_event_routes(http::Router& r, Services& s) {
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/adverse-events",
         "Records an adverse event",
         service::Permission::adverse_event_record,
         {},
         "{category, severity: mild|moderate|severe|serious, description?, onset? | onset_jalali?, ctcae_grade?: 1-5, "
         "serious_reasons?: [death|life_threatening|hospitalisation|persistent_disability|congenital_anomaly|"
         "medically_important], relatedness?: harvest|injection|neither, outcome?: resolved|ongoing|sequelae|death}. "
         "onset is Gregorian (2026-03-20), onset_jalali Jalali (1404/12/29); any digits",
         true,
         false,
         [&s](http::Call& c, const contract::NewAdverseEvent& in) {
           const auto id = http::id_param(c.request.params.at("episode_id"), "episode");
           return http::Created<contract::AdverseEventOut>{
               contract::adverse_event_out(s.submissions.record_adverse_event(c.actor, id, contract::to_event(in)))};
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/adverse-events",
         "The episode's adverse events and red flags",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto id = http::id_param(c.request.params.at("episode_id"), "episode");
           std::vector<contract::AdverseEventOut> out;
           for (const auto& e : s.submissions.adverse_events(c.actor, id))
             out.push_back(contract::adverse_event_out(e));
           return out;
         }});
  r.add({"GET",
         "/api/v1/red-flags",
         "Open red flags at the centre, oldest first: they need a clinician now",
         service::Permission::red_flag_review,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           std::vector<contract::OpenRedFlagOut> out;
           for (const auto& o : s.submissions.open_red_flags(c.actor)) {
             out.push_back({contract::adverse_event_out(o.flag),
                            {o.patient_id, o.mrn, o.name_fa, o.name_latin,
                             o.mobile.empty() ? std::nullopt : std::optional(o.mobile)}});
           }
           return out;
         }});
  r.add({"GET",
         "/api/v1/events",
         "Live events for the caller's centre as Server-Sent Events (text/event-stream): red_flag.raised and "
         "red_flag.acknowledged with {id, episode_id, open} (open: the centre's unacknowledged red flags), a "
         "first `ready` event (refetch GET /api/v1/red-flags on it: it follows every reconnect), `retry:` and "
         "heartbeat comments. Bounded per account and overall (429 / 503 beyond); ends with the session",
         service::Permission::red_flag_review,
         {},
         "",
         false,
         false,
         http::answering_text("text/event-stream", [&s](http::Call& c) {
           if (!s.event_streams) return http::error_response(503, "unavailable", "live_events_unavailable"_err);
           return s.event_streams->open(*c.principal);
         })});
  r.add({"PATCH",
         "/api/v1/adverse-events/{event_id}",
         "A surgeon grades an adverse event (CTCAE 1-5), ticks its seriousness criteria, its relatedness and "
         "outcome; only the fields given change, and the reason is kept in the audit row",
         service::Permission::adverse_event_assess,
         {},
         "{ctcae_grade?: 1-5, serious_reasons?: [..], relatedness?: harvest|injection|neither, "
         "outcome?: resolved|ongoing|sequelae|death, reason}. The answer says \"changed\": false when nothing "
         "differed (nothing is written then)",
         false,
         false,
         [&s](http::Call& c, const contract::AssessmentChangeIn& in) {
           const auto id = http::id_param(c.request.params.at("event_id"), "event");
           contract::AdverseEventUpdated out;
           static_cast<contract::AdverseEventOut&>(out) = contract::adverse_event_out(
               s.submissions.assess_adverse_event(c.actor, id, contract::to_change(in), &out.changed));
           return out;
         }});
  r.add(
      {"POST",
       "/api/v1/red-flags/{event_id}/triage",
       "A clinician decides a red flag: an adverse event (recorded from it and linked to it) or not one, with why",
       service::Permission::red_flag_review,
       {},
       "{decision: adverse_event|not_adverse_event, reason (required for not_adverse_event), category (for "
       "adverse_event), severity?, description?, onset? | onset_jalali?, ctcae_grade?, serious_reasons?, relatedness?, "
       "outcome?}. onset is Gregorian (2026-03-20), onset_jalali Jalali (1404/12/29); any digits",
       false,
       false,
       [&s](http::Call& c, const contract::TriageIn& in) {
         const auto id = http::id_param(c.request.params.at("event_id"), "event");
         const auto out = s.submissions.triage_red_flag(c.actor, id, contract::to_triage(in));
         contract::TriageOut answer{contract::adverse_event_out(out.flag), std::nullopt};
         if (out.event) answer.adverse_event = contract::adverse_event_out(*out.event);
         return answer;
       }});
  r.add({"POST",
         "/api/v1/red-flags/{event_id}/acknowledge",
         "A clinician acknowledges a red flag and records what was done; it stays on the worklist until triaged. "
         "The patient's portal then shows it was seen, when, by which role, and the action",
         service::Permission::red_flag_review,
         {},
         "{action: called|asked_to_come_in|referred_to_emergency, note?: text up to 2000 bytes}",
         false,
         false,
         [&s](http::Call& c, const contract::Acknowledgement& in) {
           const auto id = http::id_param(c.request.params.at("event_id"), "event");
           // A missing action is the service's to explain (it names the choices).
           const service::RedFlagAcknowledgement ack{in.action.value_or(""), in.note.value_or("")};
           return contract::adverse_event_out(s.submissions.acknowledge_red_flag(c.actor, id, ack));
         }});
}

}  // namespace rp::api
