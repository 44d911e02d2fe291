#include "api/contract/portal.hpp"

#include "api/contract/schedule.hpp"
#include "service/protocols.hpp"

namespace rp::api::contract {

PortalRecordOut portal_record_out(const service::PortalRecord& rec, const std::vector<Centre>& centres,
                                  std::string_view lang, const CivilDate& today) {
  PortalRecordOut out;
  out.name_fa = rec.patient.name_fa;
  out.name_latin = rec.patient.name_latin;
  out.mrn = rec.patient.mrn;
  out.centre = rec.patient.centre_id;
  // Centres are not patient data: no audit row.
  for (const auto& c : centres) {
    if (c.id != rec.patient.centre_id) continue;
    out.centre_contact = CentreContactOut{c.name_en, c.name_fa, c.city_en, c.city_fa, c.phone};
    break;
  }
  out.today = today.iso();
  for (std::size_t i = 0; i < rec.episodes.size(); ++i) {
    const auto protocol = service::load_protocol(rec.episodes[i].protocol_id);
    const auto& schedule = rec.schedules[i];
    PortalEpisodeOut e;
    static_cast<EpisodeOut&>(e) = episode_out(rec.episodes[i]);
    e.injected_by.reset();  // staff account names stay inside the clinic
    e.schedule = schedule_out(schedule, *protocol, lang, today);
    e.rehab_stage = schedule_out(in_effect(schedule, "rehab", today), *protocol, lang, today);
    e.holds_in_effect = schedule_out(in_effect(schedule, "hold", today), *protocol, lang, today);
    out.episodes.push_back(std::move(e));
  }
  return out;
}

OwnRedFlagOut own_red_flag_out(const store::AdverseEventRow& f) {
  OwnRedFlagOut out;
  out.id = f.id;
  out.episode_id = f.episode_id;
  out.category = f.category;
  out.severity = f.severity;
  out.reported_at = f.reported_at;
  out.seen = !f.acknowledged_at.empty();
  if (out.seen) {
    out.seen_at = f.acknowledged_at;
    // The role, not the person: acknowledged before roles were kept, "clinician".
    out.seen_by_role = f.acknowledged_role.empty() ? std::string("clinician") : f.acknowledged_role;
  }
  if (!f.ack_action.empty()) out.action = f.ack_action;
  return out;
}

service::RedFlagReport to_red_flag(const RedFlagReportIn& in) {
  return {in.category, in.severity, in.description.value_or(""), in.onset, {}};
}

}  // namespace rp::api::contract
