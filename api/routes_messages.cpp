// The patient outbox on the staff's side (issue 18): a patient's messages with their
// tries (an audited read), and a coordinator's cancel or resend of one, with a reason
// (service/messaging/outbox.hpp). The scheduler that plans and sends them runs in the
// server's background (app/cli_serve.cpp). And the SMS provider's call back with a
// message's delivery, guarded by a shared token (api/http/operations.hpp).
#include "api/contract/messages.hpp"
#include "api/http/json_body.hpp"
#include "api/http/operations.hpp"
#include "api/routes.hpp"
#include "channels/sms_delivery_report.hpp"
#include "service/messaging/outbox.hpp"

namespace rp::api {
namespace {

std::int64_t message_of(const http::Call& c) { return http::id_param(c.request.params.at("message_id"), "message"); }

// The message as it stands after a cancel or resend (its tries are on the patient's list).
contract::MessageOut one_message(const store::MessageRow& m) { return contract::message_out({m, {}}); }

// A report is applied to the message sent with its provider id; a status still on its
// way changes nothing. The answer is 200 whenever the report was read, matched or not: a
// provider calls back again on anything else, and a report for a message another server
// sent, or one sent before a restore, is not the provider's fault.
http::Response delivery_report(Services& s, const http::Call& c) {
  if (auto refused = http::refuse_delivery_reporter(c.request, s.sms_delivery_token)) return *refused;
  const auto report = channels::parse_delivery_report(s.sms_delivery, c.request.body);
  if (!report)
    throw InputError(s.sms_delivery.id_path, "delivery_report_without_id"_err, {{"path", s.sms_delivery.id_path}});
  contract::DeliveryReportOut out{channels::to_string(report->status), false};
  if (report->status != channels::DeliveryReport::Status::unknown) {
    out.applied = service::messaging::record_delivery_report(
        s.store, s.clock,
        {report->provider_id, report->status == channels::DeliveryReport::Status::delivered, report->detail});
  }
  return http::handler_detail::typed_response(200, http::encode(out));
}

}  // namespace

void add_message_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/patients/{patient_id}/messages",
         "The patient's messages (reminders of holds, visits, imaging and questionnaires) by due instant, each with "
         "its tries, a page at a time (?after=next_after for the next). Another centre's patient is not found",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         http::querying<contract::PatientMessagesQuery>([&s](http::Call& c, const contract::PatientMessagesQuery& q) {
           const auto id = http::id_param(c.request.params.at("patient_id"), "patient");
           const int limit = static_cast<int>(q.limit.value_or(100));
           contract::PatientMessagesOut out;
           for (const auto& pm : service::messaging::Outbox(s.store, s.clock).of_patient(c.actor, id, limit, q.after))
             out.messages.push_back(contract::message_out(pm));
           if (static_cast<int>(out.messages.size()) == limit) out.next_after = out.messages.back().id;
           return out;
         })});
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
  r.add({"POST",
         "/api/v1/messaging/sms-delivery",
         "The SMS provider's delivery report for a message it took (JSON or a form, read by the config's "
         "sms.delivery_report paths). Needs the config's delivery-report token, as a bearer token or ?token=; "
         "without a configured token the route is not there",
         http::kPublic,
         {{"token", "the delivery-report token, for a provider that cannot send it as a bearer token"}},
         "the provider's report: its message id and status where sms.delivery_report says",
         false,
         false,
         http::answering<contract::DeliveryReportOut>([&s](http::Call& c) { return delivery_report(s, c); }),
         true});
}

}  // namespace rp::api
