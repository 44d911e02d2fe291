#pragma once
// The messages one episode's schedule asks for: which, about what, and when. Pure: the
// scheduler (service/messaging/) compares this plan with the outbox, inserts what is
// missing (the dedupe key makes that idempotent) and cancels what is no longer planned.
//
// - drug holds: 3 days before the hold starts and on its first day (a hold that needs the
//   prescriber's approval, the blood thinners, with that warning in its own templates);
// - the day before each visit, imaging and procedure (procedures on one day share one
//   message: the harvest and the lab's processing are one day for the patient);
// - the relative rest and each rehab stage on its first day;
// - questionnaires: one invitation per time point (items sharing anchor and offset) when
//   its window opens, and reminders 3 and 7 days later while it is unanswered and open.
//   A window that closes unanswered gets no message: the worklist shows it.
// Items done, missed or cancelled get no message (a time point is answered when none of
// its items is still planned); a patient without consent to contact, or without a
// mobile number or an e-mail address (route.hpp), gets none at all.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/messaging/quiet_hours.hpp"
#include "domain/patient.hpp"
#include "domain/protocol.hpp"
#include "domain/schedule.hpp"

namespace rp::messaging {

struct PlannedMessage {
  // "episode:7:item:visit-2w:day-before:2026-12-09": what the message is for and the day
  // it is sent. A re-planned date is another key, so the old message is cancelled and
  // the new one inserted.
  std::string dedupe_key;
  // Messages about one item (or time point) share it: of several stale ones after a
  // downtime only the latest is sent.
  std::string group;
  std::string template_id;  // a template of messages/patient-messages.yaml
  std::string item_id;      // the item (a time point's first item)
  CivilDate about;          // the day the message speaks of (the visit's, the hold's first)
  std::int64_t due_ms = 0;  // UTC: not sent before
  // UTC: pointless from then on (the visit has begun, the window has closed); a message
  // still unsent then is cancelled, and one planned after it is not inserted.
  std::int64_t expires_ms = 0;
};

// Reminders after a questionnaire's window opens, in days.
inline constexpr int kReminderDays[] = {3, 7};

// The episode's messages, by due instant then key. `items` are the episode's stored
// schedule (statuses and re-planned dates included).
std::vector<PlannedMessage> plan_messages(std::int64_t episode_id, const Patient& patient, const Protocol& protocol,
                                          const std::vector<ScheduledItem>& items, const SendingHours& hours);

}  // namespace rp::messaging
