#pragma once
// The registry's de-identified counts per centre, as Submissions::registry_summary returns
// them: no ids of patients, no names, no dates of birth. api/contract/reports.cpp writes them.
#include <cstdint>
#include <map>
#include <string>

namespace rp::service {

// Centre id to {what is counted: how many}.
using CountsByCentre = std::map<std::string, std::map<std::string, std::int64_t>>;

struct RegistrySummary {
  // Episodes by state (the state's name).
  CountsByCentre episodes_by_state;
  // Adverse events by what a clinician decided of them: adverse_event:serious |
  // not_serious | not_assessed, red_flag:untriaged | adverse_event | not_adverse_event.
  CountsByCentre adverse_events;
};

}  // namespace rp::service
