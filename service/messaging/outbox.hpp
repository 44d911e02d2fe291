#pragma once
// What staff do with the outbox (issue 18): read a patient's messages with their tries,
// and, for a coordinator (or surgeon: the roles that close worklist items), cancel one
// that should not go or resend one that failed or whose fate is unknown. Each with its
// audit row; a read of a patient's messages is one too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service::messaging {

struct PatientMessage {
  store::MessageRow message;
  std::vector<store::MessageAttemptRow> attempts;  // oldest first
};

class Outbox {
 public:
  Outbox(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  // The patient's messages by due instant (at most `limit`). Permission patient_read;
  // another centre's patient is NotFoundError, as one that does not exist.
  // A page of the patient's messages by due instant: the first, or those after message
  // `after` (the last of the page before).
  std::vector<PatientMessage> of_patient(const Actor& actor, std::int64_t patient_id, int limit = 500,
                                         std::optional<std::int64_t> after = std::nullopt);
  // pending or unknown -> cancelled, by the actor with the reason (InputError "reason"
  // when empty). Permission worklist_close. ConflictError (message_state) in another state.
  store::MessageRow cancel(const Actor& actor, std::int64_t id, const std::string& reason);
  // failed, unknown or cancelled -> pending, due now, its tries counted afresh (the
  // attempts stay in the log); a message that may have gone (unknown) is the person's
  // call. Permission worklist_close; ConflictError in another state.
  store::MessageRow resend(const Actor& actor, std::int64_t id, const std::string& reason);

 private:
  store::MessageRow visible_message(store::Transaction& tx, const Actor& actor, std::int64_t id);
  store::Store& store_;
  Clock clock_;
};

// A provider's delivery report (the SMS gateway's callback route): the message its id
// names becomes delivered, or failed when the provider says it never arrived, with an
// attempt row and an audit row. False, and nothing written, when no message has that id
// (a report for another system's message, or a guess).
struct DeliveryReport {
  std::string provider_id;
  bool delivered = false;
  std::string detail;  // the provider's word for it, never the number or the text
};
bool record_delivery_report(store::Store& store, const Clock& clock, const DeliveryReport& report);

}  // namespace rp::service::messaging
