#pragma once
// A patient's messages from the outbox (service/messaging/outbox.hpp), as staff see them
// on the patient page, a coordinator's cancel or resend of one, and what became of a
// provider's delivery report.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "api/http/query.hpp"
#include "service/messaging/outbox.hpp"

namespace rp::api::contract {

struct MessageTryOut {
  static constexpr const char* kSchema = "MessageTry";
  std::string at, outcome;
  std::optional<std::string> provider_id;
  std::string detail;
  template <class V>
  static void fields(V& v) {
    v("at", &MessageTryOut::at, "UTC instant");
    v("outcome", &MessageTryOut::outcome, "sent, failed, unknown, rejected, delivered or undelivered");
    v("provider_id", &MessageTryOut::provider_id, "the provider's id of the message, when it gave one");
    v("detail", &MessageTryOut::detail, "what happened (never the number or the text)");
  }
};

struct MessageOut {
  static constexpr const char* kSchema = "PatientMessage";
  std::int64_t id = 0;
  std::optional<std::int64_t> episode_id;
  std::string template_id, item_id, channel, language, due_at, expires_at, state;
  std::int64_t attempts = 0;
  std::optional<std::string> next_attempt_at, sent_at, delivered_at, cancelled_by, cancel_reason;
  std::string subject, body, last_detail;
  std::vector<MessageTryOut> tries;
  template <class V>
  static void fields(V& v) {
    using M = MessageOut;
    v("id", &M::id, "");
    v("episode_id", &M::episode_id, "the episode whose schedule asked for it");
    v("template", &M::template_id,
      "hold_soon, hold_today, hold_blood_thinner_soon, hold_blood_thinner_today, visit_day_before, "
      "imaging_day_before, procedure_day_before, rest_start, rehab_start, questionnaire_invite or "
      "questionnaire_reminder");
    v("item_id", &M::item_id, "the schedule item (or questionnaire time point) it is about");
    v("channel", &M::channel,
      "sms or email: the way to the patient (where no gateway or SMTP server is configured, the server log carries it: "
      "see the tries); log in rows of earlier releases");
    v("language", &M::language, "en or fa");
    v("due_at", &M::due_at, "UTC instant: not sent before it (outside quiet hours, 21:00-08:00 in Tehran)");
    v("expires_at", &M::expires_at, "UTC instant: pointless from then on; cancelled if still unsent");
    v("state", &M::state, "pending, sending, sent, delivered, failed, cancelled or unknown (may have gone: check)");
    v("attempts", &M::attempts, "tries since it was planned or last resent");
    v("next_attempt_at", &M::next_attempt_at, "after a failed try or the daily cap: not tried before it");
    v("sent_at", &M::sent_at, "when the provider took it");
    v("delivered_at", &M::delivered_at, "when the provider reported it delivered");
    v("cancelled_by", &M::cancelled_by, "scheduler, or the user who cancelled it");
    v("cancel_reason", &M::cancel_reason,
      "replanned, consent_withdrawn, no_address, superseded, expired, episode_closed, or a user's reason");
    v("subject", &M::subject, "an e-mail's subject line; left out for a text message",
      http::FieldRule{.omit_when_empty = true});
    v("body", &M::body, "the text, in the patient's language");
    v("last_detail", &M::last_detail, "what became of the last try");
    v("tries", &M::tries, "every try and delivery report, oldest first");
  }
};

struct PatientMessagesOut {
  static constexpr const char* kSchema = "PatientMessages";
  std::vector<MessageOut> messages;
  std::optional<std::int64_t> next_after;
  template <class V>
  static void fields(V& v) {
    v("messages", &PatientMessagesOut::messages, "by due instant, then id");
    v("next_after", &PatientMessagesOut::next_after,
      "when the page is full: the `after` that asks for the next page; left out on the last page",
      http::FieldRule{.omit_when_empty = true});
  }
};

// A page of a patient's messages: the first, or those after a message.
struct PatientMessagesQuery {
  std::optional<std::int64_t> after, limit;
  template <class V>
  static void fields(V& v) {
    v("after", &PatientMessagesQuery::after, "a message's id: the messages after it (next_after of the page before)",
      http::ParamRule{.id = true});
    v("limit", &PatientMessagesQuery::limit, "at most this many (1-500, default 100)",
      http::ParamRule{.min = 1, .max = 500});
  }
};

struct MessageActionIn {
  static constexpr const char* kSchema = "MessageAction";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &MessageActionIn::reason, "why, kept in the audit row", http::FieldRule{.max_bytes = 500});
  }
};

// What regenpath made of a provider's delivery report.
struct DeliveryReportOut {
  static constexpr const char* kSchema = "DeliveryReportAnswer";
  std::string status;
  bool applied = false;
  template <class V>
  static void fields(V& v) {
    v("status", &DeliveryReportOut::status,
      "delivered, failed, or unknown (a status sms.delivery_report lists as neither: still on its way)");
    v("applied", &DeliveryReportOut::applied,
      "whether a message sent with that provider id took the report (unknown ones are not applied)");
  }
};

inline MessageOut message_out(const service::messaging::PatientMessage& pm) {
  const auto& m = pm.message;
  MessageOut out{m.id,
                 m.episode_id,
                 m.template_id,
                 m.item_id,
                 m.channel,
                 m.language,
                 m.due_at,
                 m.expires_at,
                 std::string(to_string(m.state)),
                 m.attempts,
                 m.next_attempt_at,
                 m.sent_at,
                 m.delivered_at,
                 m.cancelled_by,
                 m.cancel_reason,
                 m.subject,
                 m.body,
                 m.last_detail,
                 {}};
  for (const auto& a : pm.attempts) out.tries.push_back({a.at, a.outcome, a.provider_id, a.detail});
  return out;
}

}  // namespace rp::api::contract
