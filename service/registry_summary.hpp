#pragma once
// The registry's de-identified counts per centre, as Submissions::registry_summary returns
// them: no ids of patients, no names, no dates of birth. api/contract/reports.cpp writes them.
//
// Registry figures count only patients who consent to the registry (the withdrawn are
// left out for every reader). Small cells: a count that covers 1-4 patients is answered as
// suppressed (no number), and where a centre's row would then hide one cell alone, the
// next smallest is suppressed too, so that no hidden count follows from the others and a
// total. A centre's own staff (not the analyst) see their own centre's counts unsuppressed.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rp::service {

// Fewer distinct patients than this in a cell: the cell is suppressed.
inline constexpr std::int64_t kSmallCellPatients = 5;

// Centre id to {what is counted: how many}; no value: suppressed.
using CountsByCentre = std::map<std::string, std::map<std::string, std::optional<std::int64_t>>>;

struct RegistrySummary {
  // Episodes by state (the state's name).
  CountsByCentre episodes_by_state;
  // Adverse events by what a clinician decided of them: adverse_event:serious |
  // not_serious | not_assessed, red_flag:untriaged | adverse_event | not_adverse_event.
  CountsByCentre adverse_events;
  // Whether any small cell was suppressed for this reader (kSmallCellPatients).
  bool suppressed = false;
};

// One centre's row before suppression: the count and the distinct patients it covers.
struct CountCell {
  std::string key;
  std::int64_t count = 0, patients = 0;
};
// The row as shown to a registry reader: cells of 1-4 patients suppressed, and the
// smallest other cell too when only one would be hidden (secondary suppression).
std::map<std::string, std::optional<std::int64_t>> suppress_small_cells(const std::vector<CountCell>& row);

}  // namespace rp::service
