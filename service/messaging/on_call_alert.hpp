#pragma once
// A patient's red flag, by SMS to the centre's on-call clinician (Centre::on_call_mobile),
// at any hour: queued in the outbox in the same transaction as the flag, so the flag is
// never recorded without its alert nor the alert sent for a flag that was not. The
// scheduler sends it on its next pass, inside quiet hours too and outside the patient's
// daily cap (the message is to the clinician, not the patient).
#include <string>

#include "domain/centre.hpp"
#include "domain/patient.hpp"
#include "store/store.hpp"

namespace rp::service::messaging {

// The template of the on-call alert (messages/patient-messages.yaml).
inline constexpr const char* kOnCallTemplate = "red_flag_on_call";

// Whether a message is an on-call alert: sent at any hour, never capped.
bool urgent(const store::MessageRow& m);

// Queues the alert for red flag `event_id` of `patient` at `centre`, due at `now` (UTC
// ISO): nothing when the centre has no on-call mobile. Returns whether one was queued.
bool queue_on_call_alert(store::Transaction& tx, const Centre& centre, const Patient& patient, std::int64_t event_id,
                         const std::string& now, std::int64_t now_ms);

}  // namespace rp::service::messaging
