#pragma once
// The patient outbox as the store keeps it (0028_messages.sql): one row per message the
// schedule asks for, and one per try at a channel or delivery report about it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rp::store {

// pending: waits for its due instant (or its next try); sending: claimed by a pass and
// handed to a channel; sent: the provider took it; delivered: the provider says it
// arrived; failed: no more tries (rejected, or out of tries); cancelled: no longer
// wanted (re-planned, consent withdrawn, superseded, a person's decision); unknown: it
// may or may not have gone, for a person to check.
enum class MessageState { pending, sending, sent, delivered, failed, cancelled, unknown };

inline std::string_view to_string(MessageState s) {
  switch (s) {
    case MessageState::pending:
      return "pending";
    case MessageState::sending:
      return "sending";
    case MessageState::sent:
      return "sent";
    case MessageState::delivered:
      return "delivered";
    case MessageState::failed:
      return "failed";
    case MessageState::cancelled:
      return "cancelled";
    case MessageState::unknown:
      return "unknown";
  }
  return "unknown";
}

// The state a row's text names; nullopt for text no row holds (the table's CHECK).
inline std::optional<MessageState> parse_message_state(std::string_view text) {
  for (MessageState s : {MessageState::pending, MessageState::sending, MessageState::sent, MessageState::delivered,
                         MessageState::failed, MessageState::cancelled, MessageState::unknown})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

struct MessageRow {
  std::int64_t id = 0;
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> episode_id;
  std::string centre_id;
  std::string dedupe_key;   // what it is for: "episode:7:item:visit-2w:day-before"; unique
  std::string template_id;  // the template's name in messages/patient-messages.yaml
  std::string item_id;      // the schedule item (or time point) it is about
  std::string channel;      // "sms", "email", "log"
  std::string language;     // "en" | "fa"
  std::string to_address;   // +989XXXXXXXXX or an e-mail address
  std::string due_at;       // UTC instant, ISO 8601: not sent before it
  std::string expires_at;   // UTC instant: pointless from then on (the visit began), cancelled if unsent
  MessageState state = MessageState::pending;
  int attempts = 0;
  std::optional<std::string> next_attempt_at;  // after a failed try: not tried again before it
  std::optional<std::string> provider_id;
  std::string subject;  // an e-mail's subject line (rendered as the body is); empty for SMS
  std::string body;     // the rendered text
  std::string created_at;
  std::optional<std::string> claimed_at, sent_at, delivered_at;
  std::optional<std::string> cancelled_by, cancel_reason;
  std::string last_detail;  // what became of the last try, never the text or the number
};

struct MessageAttemptRow {
  std::int64_t id = 0;
  std::int64_t message_id = 0;
  std::string centre_id;
  std::string at;
  std::string outcome;  // sent | failed | unknown | rejected | delivered | undelivered
  std::optional<std::string> provider_id;
  std::string detail;
};

// One episode still on the pathway, with whom it belongs to: the scheduler's page.
struct PathwayEpisodeRow {
  std::int64_t episode_id = 0;
  std::int64_t patient_id = 0;
  std::string centre_id;
};

// The states of an episode that has left the pathway, as SQL: the predicate
// `state NOT IN` this is the partial index episodes_on_pathway's (migration 0028), word
// for word, so that both engines use it.
inline constexpr const char* kOffPathwayStates =
    "('ineligible', 'completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up')";

}  // namespace rp::store
