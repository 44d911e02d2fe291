#include "api/routes.hpp"

namespace rp::api {

http::Response ok(const nlohmann::json& body, int status) {
  return http::json_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void add_all_routes(http::Router& r, Services& s) {
  add_auth_routes(r, s);
  add_worklist_routes(r, s);
  add_patient_routes(r, s);
  add_episode_routes(r, s);
  add_schedule_routes(r, s);
  add_questionnaire_routes(r, s);
  add_event_routes(r, s);
  add_product_routes(r, s);
  add_product_storage_routes(r, s);
  add_label_routes(r, s);
  add_portal_routes(r, s);
  add_calendar_routes(r, s);
  add_message_routes(r, s);
  add_cost_routes(r, s);
  add_rating_routes(r, s);
  add_education_routes(r, s);
  add_payment_routes(r, s);
  add_evidence_routes(r, s);
  add_imaging_routes(r, s);
  add_fhir_routes(r, s);
  add_fhir_bulk_routes(r, s);
  add_sheet_export_routes(r, s);
  add_consent_document_routes(r, s);
  add_consent_routes(r, s);
  add_report_routes(r, s);
  add_admin_routes(r, s);
  add_audit_routes(r, s);
  add_protocol_routes(r, s);
}

}  // namespace rp::api
