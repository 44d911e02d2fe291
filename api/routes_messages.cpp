// The patient outbox on the staff's side (issue 18): a patient's messages with their
// tries (an audited read), and a coordinator's cancel or resend of one, with a reason
// (service/messaging/outbox.hpp). The scheduler that plans and sends them runs in the
// server's background (app/cli_serve.cpp).
#include "api/contract/messages.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"
#include "service/messaging/outbox.hpp"

namespace rp::api {
namespace {

std::int64_t message_of(const http::Call& c) { return http::id_param(c.request.params.at("message_id"), "message"); }

// The message as it stands after a cancel or resend (its tries are on the patient's list).
contract::MessageOut one_message(const store::MessageRow& m) { return contract::message_out({m, {}}); }

}  // namespace

void add_message_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/patients/{patient_id}/messages",
         "The patient's messages (reminders of holds, visits, imaging and questionnaires) by due instant, each with "
         "its tries. Another centre's patient is not found",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto id = http::id_param(c.request.params.at("patient_id"), "patient");
           contract::PatientMessagesOut out;
           for (const auto& pm : service::messaging::Outbox(s.store, s.clock).of_patient(c.actor, id))
             out.messages.push_back(contract::message_out(pm));
           return out;
         }});
  r.add({"POST",
         "/api/v1/messages/{message_id}/cancel",
         "Cancels a message still pending, or one whose fate is unknown (resolved as not to send), with why",
         service::Permission::worklist_close,
         {},
         "{reason} (at most 500 bytes)",
         false,
         false,
         [&s](http::Call& c, const contract::MessageActionIn& in) {
           return one_message(service::messaging::Outbox(s.store, s.clock).cancel(c.actor, message_of(c), in.reason));
         }});
  r.add({"POST",
         "/api/v1/messages/{message_id}/resend",
         "Sends a failed, cancelled or unknown message again from now (its tries counted afresh; the earlier ones "
         "stay in its log), with why. For an unknown one, check with the provider first: it may have gone",
         service::Permission::worklist_close,
         {},
         "{reason} (at most 500 bytes)",
         false,
         false,
         [&s](http::Call& c, const contract::MessageActionIn& in) {
           return one_message(service::messaging::Outbox(s.store, s.clock).resend(c.actor, message_of(c), in.reason));
         }});
}

}  // namespace rp::api
