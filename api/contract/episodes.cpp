#include "api/contract/episodes.hpp"

#include <algorithm>

#include "base/jalali.hpp"
#include "service/actor.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"

namespace rp::api::contract {

Episode to_episode(const NewEpisode& in, std::int64_t patient_id) {
  Episode e;
  e.patient_id = patient_id;
  e.protocol_id = in.protocol;
  e.side = in.side;
  e.diagnosis = {in.diagnosis.system.value_or(std::string(kIcd10Cm)), in.diagnosis.code};
  e.kl_grade = grade(in.kl_grade);
  e.tonnis_grade = grade(in.tonnis_grade);
  e.bilateral_with = in.bilateral_with;
  e.repeat_of = in.repeat_of;
  return e;
}

service::Pathway::Details to_details(const DetailsChange& in) {
  return {grade(in.kl_grade), grade(in.tonnis_grade), in.cell_source,
          in.guidance,        in.reason.value_or(""), in.injected_by};
}

service::TransitionRequest to_transition(const TransitionIn& in) { return {in.to, in.reason.value_or(""), in.on}; }

TransitionOut transition_out(const Transition& t) {
  return {t.from, t.to, t.reason, t.actor, t.role, t.at, t.on.iso()};
}

ScheduleItemOut schedule_item_out(const ScheduledItem& s, const Protocol& protocol, std::string_view lang,
                                  const CivilDate& today) {
  ScheduleItemOut out;
  out.id = s.id;
  out.kind = s.kind;
  out.start = s.start.iso();
  out.end = s.end.iso();
  out.window_start = s.window_start.iso();
  out.window_end = s.window_end.iso();
  out.anchor = s.anchor;
  out.offset = s.offset;
  out.start_jalali = to_jalali(s.start).iso();
  out.end_jalali = to_jalali(s.end).iso();
  out.status = timeline_state(s, today);
  out.recorded_status = s.status;
  if (s.done_on) out.done_on = s.done_on->iso();
  if (const ProtocolItem* p = protocol.find_item(s.id)) {
    // `title` and `detail` in the server's language (the CLI and older readers), and
    // both languages in `titles` / `details`, so an app can follow its user's choice.
    out.title = p->title.in(lang);
    out.titles = texts(p->title);
    if (p->detail) {
      out.detail = p->detail->in(lang);
      out.details = texts(*p->detail);
    }
    if (!p->flags.empty()) out.flags = p->flags;
    if (!p->instruments.empty()) out.instruments = p->instruments;
    if (!p->role.empty()) out.role = p->role;
  }
  return out;
}

EpisodeRecordOut episode_record_out(const service::EpisodeRecord& r, const std::string& lang, const CivilDate& today) {
  EpisodeRecordOut out{episode_out(r.episode)};
  const auto protocol = service::load_protocol(r.episode.protocol_id);
  for (const auto& s : r.schedule) out.schedule.push_back(schedule_item_out(s, *protocol, lang, today));
  for (const auto& t : r.transitions) out.transitions.push_back(transition_out(t));
  // The steps the state machine allows from here, who may take each, and whether it
  // needs a reason: the app offers these; the service still decides.
  for (const EpisodeState to : allowed_transitions(r.episode.state))
    out.next.push_back({to, service::roles_for_transition(to_string(to)), transition_needs_reason(to),
                        service::step_on_the_product(r.episode.protocol_id, to)});
  for (const auto& a : r.eligibility)
    out.eligibility.push_back(
        {a.decision, {nlohmann::json::parse(a.findings_json)}, {nlohmann::json::parse(a.reasons_json)}, a.actor, a.at});
  return out;
}

}  // namespace rp::api::contract
