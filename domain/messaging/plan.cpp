#include "domain/messaging/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/messaging/route.hpp"

namespace rp::messaging {
namespace {

bool needs_prescriber(const ProtocolItem* item) {
  return item && std::find(item->flags.begin(), item->flags.end(), "needs_prescriber_approval") != item->flags.end();
}

class Planner {
 public:
  Planner(std::int64_t episode_id, const SendingHours& hours) : episode_(std::to_string(episode_id)), hours_(hours) {}

  // A message sent on `send_day` at the send time, pointless from the start of
  // `expires_day` (local midnight).
  void add(const std::string& item_id, const std::string& what, const std::string& template_id, CivilDate about,
           CivilDate send_day, CivilDate expires_day) {
    PlannedMessage m;
    m.group = "episode:" + episode_ + ":item:" + item_id;
    m.dedupe_key = m.group + ":" + what + ":" + send_day.iso();
    m.template_id = template_id;
    m.item_id = item_id;
    m.about = about;
    m.due_ms = outside_quiet_hours(local_instant(send_day, hours_.send_minute, hours_), hours_);
    m.expires_ms = local_instant(expires_day, 0, hours_);
    out_.push_back(std::move(m));
  }

  std::vector<PlannedMessage> take() {
    std::sort(out_.begin(), out_.end(), [](const PlannedMessage& a, const PlannedMessage& b) {
      return a.due_ms != b.due_ms ? a.due_ms < b.due_ms : a.dedupe_key < b.dedupe_key;
    });
    return std::move(out_);
  }

 private:
  std::string episode_;
  const SendingHours& hours_;
  std::vector<PlannedMessage> out_;
};

void plan_questionnaires(Planner& planner, const std::vector<ScheduledItem>& items) {
  // A time point: the questionnaire items sharing anchor and offset, in schedule order.
  std::map<std::pair<std::string, std::string>, std::vector<const ScheduledItem*>> points;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& item : items) {
    if (item.kind != "questionnaire") continue;
    const auto key = std::make_pair(item.anchor, item.offset);
    if (!points.count(key)) order.push_back(key);
    points[key].push_back(&item);
  }
  for (const auto& key : order) {
    const auto& group = points[key];
    const bool unanswered = std::any_of(group.begin(), group.end(),
                                        [](const ScheduledItem* i) { return i->status == ItemStatus::planned; });
    if (!unanswered) continue;
    const ScheduledItem& first = *group.front();
    const CivilDate closes_after = first.window_end;
    const CivilDate opens = first.window_start;
    planner.add(first.id, "invite", "questionnaire_invite", first.start, opens, closes_after.plus_days(1));
    for (int days : kReminderDays) {
      const CivilDate day = opens.plus_days(days);
      if (day > closes_after) break;  // the window closes first: the worklist takes over
      planner.add(first.id, "reminder-" + std::to_string(days), "questionnaire_reminder", first.start, day,
                  closes_after.plus_days(1));
    }
  }
}

}  // namespace

std::vector<PlannedMessage> plan_messages(std::int64_t episode_id, const Patient& patient, const Protocol& protocol,
                                          const std::vector<ScheduledItem>& items, const SendingHours& hours) {
  if (!route_for(patient)) return {};
  Planner planner(episode_id, hours);
  std::set<std::int64_t> procedure_days;
  for (const auto& item : items) {
    if (item.status != ItemStatus::planned) continue;
    const ProtocolItem* rule = protocol.find_item(item.id);
    if (item.kind == "hold") {
      const bool prescriber = needs_prescriber(rule);
      const std::string soon = prescriber ? "hold_blood_thinner_soon" : "hold_soon";
      const std::string today = prescriber ? "hold_blood_thinner_today" : "hold_today";
      planner.add(item.id, "hold-soon", soon, item.start, item.start.plus_days(-3), item.start);
      planner.add(item.id, "hold-today", today, item.start, item.start, item.start.plus_days(1));
    } else if (item.kind == "visit" || item.kind == "imaging") {
      planner.add(item.id, "day-before", item.kind + "_day_before", item.start, item.start.plus_days(-1), item.start);
    } else if (item.kind == "procedure") {
      if (!procedure_days.insert(item.start.days_since_epoch()).second) continue;
      planner.add(item.id, "day-before", "procedure_day_before", item.start, item.start.plus_days(-1), item.start);
    } else if (item.kind == "rest" || item.kind == "rehab") {
      planner.add(item.id, "start", item.kind + "_start", item.start, item.start, item.start.plus_days(1));
    }
  }
  plan_questionnaires(planner, items);
  return planner.take();
}

}  // namespace rp::messaging
