// Episodes: open one for a hip, read it (or its whole timeline), record details
// (grades, cell source, guidance) and move it through the state machine.
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_pathway.hpp"
#include "api/json_records.hpp"
#include "api/routes.hpp"

namespace rp::api {
namespace {

std::int64_t episode_id(const http::Call& c) { return http::id_param(c.request.params.at("episode_id"), "episode"); }

// Schedule statuses depend on the clinic's today: a rendering is kept for one day and
// one language.
std::string timeline_variant(const Services& s, const CivilDate& today) { return s.lang + " " + today.iso(); }

std::function<std::string(const service::EpisodeTimeline&)> timeline_renderer(const Services& s,
                                                                              const CivilDate& today) {
  return [lang = s.lang, today](const service::EpisodeTimeline& t) {
    nlohmann::json j = episode_record_json(t.record, lang, today);
    j["questionnaires"] = nlohmann::json::array();
    for (const auto& q : t.questionnaires) j["questionnaires"].push_back(to_json(q));
    j["events"] = nlohmann::json::array();
    for (const auto& e : t.events) j["events"].push_back(to_json(e));
    return ok(j).body;
  };
}

}  // namespace

void add_episode_routes(http::Router& r, Services& s) {
  const std::vector<std::string> readers{"admin", "surgeon", "coordinator", "lab", "physiotherapist"};
  r.add({"POST",
         "/api/v1/patients/{patient_id}/episodes",
         "Opens a treatment episode for one hip (starts as referred; links a bilateral pair both ways)",
         {"coordinator", "surgeon"},
         {},
         "{protocol, side, diagnosis: {system, code}, kl_grade?, tonnis_grade?, bilateral_with?, repeat_of?}",
         true,
         false,
         [&s](http::Call& c) {
           const auto e = decode_episode(http::parse_json_object(c.request.body),
                                         http::id_param(c.request.params.at("patient_id"), "patient"));
           return ok(to_json(s.pathway.add_episode(c.actor, e)), 201);
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}",
         "One episode with its schedule, transitions and eligibility",
         readers,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return ok(episode_record_json(s.pathway.episode_record(c.actor, episode_id(c)), s.lang));
         }});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/timeline",
         "Everything about one episode in one read: schedule, transitions, eligibility, questionnaires with "
         "scores, adverse events and red flags",
         readers,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const CivilDate today = s.clock.today();
           return http::shared_json_response(
               200, s.submissions.rendered_timeline(c.actor, episode_id(c), timeline_variant(s, today),
                                                    timeline_renderer(s, today)));
         },
         // The server's path: no thread waits for the audit row's group commit.
         [&s](http::Call& c, http::Reply reply) {
           const CivilDate today = s.clock.today();
           s.submissions.rendered_timeline_then(
               c.actor, episode_id(c), timeline_variant(s, today), timeline_renderer(s, today),
               [reply = std::move(reply)](service::Submissions::Fetch fetch) {
                 reply([fetch = std::move(fetch)] { return http::shared_json_response(200, fetch()); });
               });
         }});
  r.add({"PATCH",
         "/api/v1/episodes/{episode_id}",
         "Records findings and procedure details as they become known: grades, cell source, guidance (after the "
         "injection, a change of cell source or guidance needs the reason, kept in the audit row)",
         {"coordinator", "surgeon"},
         {},
         "{kl_grade?, tonnis_grade?, cell_source?, guidance?, reason?}. Grades are JSON numbers. The answer says "
         "\"changed\": false when nothing differed (nothing is written then)",
         false,
         false,
         [&s](http::Call& c) {
           const auto d = decode_details(http::parse_json_object(c.request.body));
           bool changed = false;
           nlohmann::json j = to_json(s.pathway.update_details(c.actor, episode_id(c), d, &changed));
           j["changed"] = changed;
           return ok(j);
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/transitions",
         "Moves the episode to its next state (harvested, product_released, injected, ...); the role must be "
         "allowed that target state",
         {"coordinator", "surgeon", "lab"},
         {},
         "{to, reason?, on? | on_jalali?}. on is Gregorian (2026-03-20), on_jalali Jalali (1404/12/29); any digits",
         false,
         false,
         [&s](http::Call& c) {
           const auto t = decode_transition(http::parse_json_object(c.request.body));
           return ok(to_json(s.pathway.advance(c.actor, episode_id(c), t)));
         }});
}

}  // namespace rp::api
