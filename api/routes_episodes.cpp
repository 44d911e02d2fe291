// Episodes: open one for a hip, read it (or its whole timeline), record details
// (grades, cell source, guidance, who injected) and move it through the state machine.
#include "api/contract/questionnaires.hpp"
#include "api/http/json_body.hpp"
#include "api/json_pathway.hpp"
#include "api/json_records.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

// Schedule statuses depend on the clinic's today: a rendering is kept for one day and
// one language.
std::string timeline_variant(const Services& s, const CivilDate& today) { return s.lang + " " + today.iso(); }

std::function<std::string(const service::EpisodeTimeline&)> timeline_renderer(const Services& s,
                                                                              const CivilDate& today) {
  return [lang = s.lang, today](const service::EpisodeTimeline& t) {
    contract::EpisodeTimelineOut out{contract::episode_record_out(t.record, lang, today)};
    for (const auto& q : t.questionnaires) out.questionnaires.push_back(contract::questionnaire_response_out(q));
    for (const auto& e : t.events) out.events.push_back(contract::adverse_event_out(e));
    return ok(http::encode(out)).body;
  };
}

}  // namespace

void add_episode_routes(http::Router& r, Services& s) {
  r.add({"POST",
         "/api/v1/patients/{patient_id}/episodes",
         "Opens a treatment episode for one hip (starts as referred; links a bilateral pair both ways)",
         service::Permission::episode_create,
         {},
         "{protocol, side, diagnosis: {system, code}, kl_grade?, tonnis_grade?, bilateral_with?, repeat_of?}",
         true,
         false,
         [&s](http::Call& c, const contract::NewEpisode& in) {
           const auto e = contract::to_episode(in, http::id_param(c.request.params.at("patient_id"), "patient"));
           return http::Created<contract::EpisodeOut>{contract::episode_out(s.pathway.add_episode(c.actor, e))};
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}",
         "One episode with its schedule, transitions and eligibility",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::episode_record_out(s.pathway.episode_record(c.actor, episode_param(c)), s.lang,
                                               Clock::system().today());
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/timeline",
         "Everything about one episode in one read: schedule, transitions, eligibility, questionnaires with "
         "scores, adverse events and red flags",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         // No thread waits for the audit row's group commit.
         http::answering<contract::EpisodeTimelineOut>([&s](http::Call& c, http::Reply reply) {
           const CivilDate today = s.clock.today();
           s.submissions.rendered_timeline_then(
               c.actor, episode_param(c), timeline_variant(s, today), timeline_renderer(s, today),
               [reply = std::move(reply)](service::Submissions::Fetch fetch) {
                 reply([fetch = std::move(fetch)] { return http::shared_json_response(200, fetch()); });
               });
         })});
  r.add({"PATCH",
         "/api/v1/episodes/{episode_id}",
         "Records findings and procedure details as they become known: grades, cell source, guidance, who "
         "injected (after the injection, a change of cell source, guidance or operator needs the reason, kept in "
         "the audit row)",
         service::Permission::episode_update,
         {},
         "{kl_grade?, tonnis_grade?, cell_source?, guidance?, injected_by?, reason?}. Grades are JSON numbers. The "
         "answer says "
         "\"changed\": false when nothing differed (nothing is written then)",
         false,
         false,
         [&s](http::Call& c, const contract::DetailsChange& in) {
           contract::EpisodeUpdated out;
           static_cast<contract::EpisodeOut&>(out) = contract::episode_out(
               s.pathway.update_details(c.actor, episode_param(c), contract::to_details(in), &out.changed));
           return out;
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/operators",
         "The usernames that may be recorded as having performed the episode's injection: its centre's active "
         "surgeons",
         service::Permission::episode_update,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::InjectingOperatorsOut{s.pathway.injecting_operators(c.actor, episode_param(c))};
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/transitions",
         "Moves the episode to its next state (harvested, product_released, injected, ...); the role must be "
         "allowed that target state",
         service::Permission::episode_transition,
         {},
         "{to, reason?, on? | on_jalali?}. on is Gregorian (2026-03-20), on_jalali Jalali (1404/12/29); any digits",
         false,
         false,
         [&s](http::Call& c, const contract::TransitionIn& in) {
           return contract::episode_out(s.pathway.advance(c.actor, episode_param(c), contract::to_transition(in)));
         }});
}

}  // namespace rp::api
