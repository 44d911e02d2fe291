#include "service/messaging/on_call_alert.hpp"

#include "base/clock.hpp"
#include "domain/messaging/templates.hpp"

namespace rp::service::messaging {

bool urgent(const store::MessageRow& m) { return m.template_id == kOnCallTemplate; }

bool queue_on_call_alert(store::Transaction& tx, const Centre& centre, const Patient& patient, std::int64_t event_id,
                         const std::string& now, std::int64_t now_ms) {
  if (centre.on_call_mobile.empty()) return false;
  // The clinic's staff read Persian; the patient's name as written in Persian when it is.
  const std::string lang = "fa";
  store::MessageRow m;
  m.patient_id = patient.id;  // whom it is about; no episode: no re-plan ever cancels it
  m.centre_id = centre.id;
  m.dedupe_key = "red-flag:" + std::to_string(event_id) + ":on-call";
  m.template_id = kOnCallTemplate;
  m.item_id = "red-flag";
  m.channel = "sms";
  m.language = lang;
  m.to_address = centre.on_call_mobile;
  m.due_at = now;
  // A day later it is old news: the worklist has shown the flag all along.
  m.expires_at = Clock::fixed(now_ms + 24 * 3600'000).now_iso();
  m.body = rp::messaging::MessageTemplates::built_in().render(
      kOnCallTemplate, lang,
      {{"name", patient.name_fa.empty() ? patient.name_latin : patient.name_fa},
       {"record", patient.mrn},
       {"centre", centre.name_fa}});
  m.created_at = now;
  return tx.insert_message(m).has_value();
}

}  // namespace rp::service::messaging
