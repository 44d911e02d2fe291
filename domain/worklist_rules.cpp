#include "domain/worklist_rules.hpp"

#include <algorithm>

#include "base/enum_names.hpp"
#include "base/error.hpp"

namespace rp {
namespace {

constexpr EnumNames<MissedReason, 5> kReasons{{{MissedReason::patient_unreachable, "patient_unreachable"},
                                               {MissedReason::declined, "declined"},
                                               {MissedReason::moved_away, "moved_away"},
                                               {MissedReason::clinical_reason, "clinical_reason"},
                                               {MissedReason::other, "other"}}};

}  // namespace

const std::vector<std::string_view>& worklist_kinds() {
  static const std::vector<std::string_view> kinds{"visit", "imaging", "questionnaire", "order"};
  return kinds;
}

bool on_worklist(std::string_view kind) {
  const auto& k = worklist_kinds();
  return std::find(k.begin(), k.end(), kind) != k.end();
}

std::string parse_worklist_kind(std::string_view text, std::string_view field) {
  if (on_worklist(text) || text == "hold") return std::string(text);
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", text.substr(0, 64)}, {"allowed", "visit, imaging, questionnaire, order, hold"}});
}

std::string responsible_role(const ProtocolItem& item) {
  if (!item.role.empty()) return item.role;
  if (item.kind == "questionnaire" || item.kind == "hold") return "coordinator";
  return "surgeon";
}

const std::vector<std::string_view>& responsible_roles() {
  static const std::vector<std::string_view> roles{"coordinator", "surgeon", "physiotherapist", "lab"};
  return roles;
}

std::string parse_responsible_role(std::string_view text, std::string_view field) {
  for (std::string_view role : responsible_roles())
    if (text == role) return std::string(text);
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", text.substr(0, 64)}, {"allowed", "coordinator, surgeon, physiotherapist, lab"}});
}

std::string_view to_string(MissedReason r) { return enum_name(kReasons, r); }

MissedReason parse_missed_reason(std::string_view text, std::string_view field) {
  return parse_enum(kReasons, text, field);
}

void check_closable(const ScheduledItem& item, const CivilDate& today) {
  if (!on_worklist(item.kind)) throw ConflictError("item", "not_closable_as_missed"_err);
  if (item.status != ItemStatus::planned)
    throw ConflictError("item", "item_already_closed"_err, {{"status", std::string(to_string(item.status))}});
  if (!(item.window_end < today))
    throw ConflictError("item", "window_still_open"_err, {{"item", item.id}, {"until", item.window_end.iso()}});
}

}  // namespace rp
