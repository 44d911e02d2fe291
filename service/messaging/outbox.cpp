#include "service/messaging/outbox.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/patient_access.hpp"
#include "service/product_step.hpp"

namespace rp::service::messaging {
namespace {

using store::MessageRow;
using store::MessageState;

[[noreturn]] void wrong_state(const MessageRow& m, const std::string& action) {
  throw ConflictError("id", "message_state"_err,
                      {{"id", std::to_string(m.id)}, {"state", std::string(to_string(m.state))}, {"action", action}});
}

}  // namespace

MessageRow Outbox::visible_message(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto m = tx.find_message(id);
  if (!m || !actor.sees_centre(m->centre_id))
    throw NotFoundError("id", "message_not_found"_err, {{"id", std::to_string(id)}});
  return *m;
}

std::vector<PatientMessage> Outbox::of_patient(const Actor& actor, std::int64_t patient_id, int limit,
                                               std::optional<std::int64_t> after) {
  require(actor, Permission::patient_read);
  std::vector<PatientMessage> out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient p = visible_patient(tx, actor, patient_id);
    for (auto& m : after ? tx.messages_of_patient_after(p.id, *after, limit) : tx.messages_of_patient(p.id, limit)) {
      auto attempts = tx.message_attempts(m.id);
      out.push_back({std::move(m), std::move(attempts)});
    }
    tx.append_audit(audit_entry(clock_, actor, p.centre_id, "messages.read", "patient", std::to_string(p.id)));
  });
  return out;
}

MessageRow Outbox::cancel(const Actor& actor, std::int64_t id, const std::string& reason) {
  require(actor, Permission::worklist_close);
  require_reason(reason);
  MessageRow m;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    m = visible_message(tx, actor, id);
    if (m.state != MessageState::pending && m.state != MessageState::unknown) wrong_state(m, "cancelled");
    m.state = MessageState::cancelled;
    m.cancelled_by = actor.user;
    m.cancel_reason = reason;
    tx.update_message(m);
    tx.append_audit(audit_entry(clock_, actor, m.centre_id, "message.cancel", "message", std::to_string(m.id), reason));
  });
  return m;
}

MessageRow Outbox::resend(const Actor& actor, std::int64_t id, const std::string& reason) {
  require(actor, Permission::worklist_close);
  require_reason(reason);
  MessageRow m;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    m = visible_message(tx, actor, id);
    if (m.state != MessageState::failed && m.state != MessageState::unknown && m.state != MessageState::cancelled)
      wrong_state(m, "resent");
    const std::string now = clock_.now_iso();
    m.state = MessageState::pending;
    m.attempts = 0;
    m.next_attempt_at.reset();
    m.due_at = now;
    // A person's resend stands for a day even past the message's own expiry.
    const std::string day_later = Clock::fixed(clock_.now_ms() + 86'400'000).now_iso();
    if (m.expires_at < day_later) m.expires_at = day_later;
    m.cancelled_by.reset();
    m.cancel_reason.reset();
    m.last_detail = "resent by " + actor.user;
    tx.update_message(m);
    tx.append_audit(audit_entry(clock_, actor, m.centre_id, "message.resend", "message", std::to_string(m.id), reason));
  });
  return m;
}

bool record_delivery_report(store::Store& store, const Clock& clock, const DeliveryReport& report) {
  static const Actor gateway{"sms-gateway", Role::operator_, "", true};
  bool found = false;
  store.write([&](store::Transaction& tx) {
    auto m = tx.find_message_by_provider_id(report.provider_id);
    if (!m) return;
    found = true;
    const std::string now = clock.now_iso();
    // A report after a person cancelled or resent it still says what became of the try.
    if (m->state == MessageState::sent || m->state == MessageState::unknown || m->state == MessageState::sending) {
      m->state = report.delivered ? MessageState::delivered : MessageState::failed;
      if (report.delivered) m->delivered_at = now;
    }
    m->last_detail = report.detail;
    tx.update_message(*m);
    tx.insert_message_attempt({0, m->id, m->centre_id, now, report.delivered ? "delivered" : "undelivered",
                               report.provider_id, report.detail});
    tx.append_audit(audit_entry(clock, gateway, m->centre_id, "message.delivery", "message", std::to_string(m->id),
                                report.delivered ? "delivered" : "undelivered"));
  });
  return found;
}

}  // namespace rp::service::messaging
