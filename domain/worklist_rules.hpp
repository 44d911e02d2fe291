#pragma once
// What the staff worklist asks of a schedule item, as pure rules: which kinds it lists,
// who is responsible for an item, and why an item whose window closed was missed.
#include <string>
#include <string_view>
#include <vector>

#include "domain/protocol.hpp"
#include "domain/schedule.hpp"

namespace rp {

// The kinds of item done on a day that the worklist chases: visits, imaging,
// questionnaires and the work-up tests ordered before the harvest (kind "order").
// Holds are listed apart (they start, they are not done); procedures are booked.
const std::vector<std::string_view>& worklist_kinds();
bool on_worklist(std::string_view kind);
// Refuses (InputError naming `field`) a kind that is not a worklist kind nor "hold".
std::string parse_worklist_kind(std::string_view text, std::string_view field);

// The role that carries an item out: the protocol's `role:` when it names one, else
// by kind: questionnaires and drug holds are the coordinator's (they chase answers and
// ask prescribers), visits, imaging and work-up orders the surgeon's.
std::string responsible_role(const ProtocolItem& item);
// The staff roles an item can be the responsibility of; others are refused (InputError).
const std::vector<std::string_view>& responsible_roles();
std::string parse_responsible_role(std::string_view text, std::string_view field);

// Why an item was closed as missed.
enum class MissedReason { patient_unreachable, declined, moved_away, clinical_reason, other };
std::string_view to_string(MissedReason r);
MissedReason parse_missed_reason(std::string_view text, std::string_view field = "reason");

// Whether an item may be closed as missed on `today`: still planned, a worklist kind,
// and its window closed before today. Throws ConflictError (field "item") saying why not.
void check_closable(const ScheduledItem& item, const CivilDate& today);

}  // namespace rp
