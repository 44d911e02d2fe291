#pragma once
// The services the routes call, and one registration function per route family
// (routes_*.cpp). Handlers decode JSON into typed commands, call one service function
// and render its result; the service checks role and centre and writes the audit row.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/event_streams.hpp"
#include "api/http/json_body.hpp"
#include "api/http/router.hpp"
#include "base/clock.hpp"
#include "channels/imaging_archive.hpp"
#include "channels/sms_delivery_report.hpp"
#include "service/accounts.hpp"
#include "service/audit_anchors.hpp"
#include "service/auth.hpp"
#include "service/heavy_reads.hpp"
#include "service/pathway.hpp"
#include "service/submissions.hpp"
#include "store/store.hpp"

namespace rp::api {

namespace fhir {
class BulkExportRunner;
}
namespace sheets {
class SheetExportRunner;
}

struct Services {
  store::Store& store;
  Clock clock;
  service::Pathway& pathway;
  service::Accounts& accounts;
  service::Auth& auth;
  service::Submissions& submissions;
  bool tls = false;         // cookies get Secure under TLS
  std::string lang = "en";  // default language of titles in responses
  std::string web_dir;      // the built web app served at /; empty: "not built"
  // The audit anchors the server signs (null: none), and how to open the database on a
  // connection of its own, which the audit check reads so that the server goes on
  // meanwhile (app/ knows the engine; empty: the check reads through `store`).
  service::AuditAnchors* anchors = nullptr;
  std::function<std::unique_ptr<store::Store>()> open_snapshot;
  std::string metrics_token;  // when set, /metrics asks for it as a bearer token
  // Reverse proxies whose X-Forwarded-For names the client (http/client_address.hpp).
  std::vector<std::string> trusted_proxies = {};
  // The staff's live event streams (GET /api/v1/events); null: the route answers 503.
  EventStreams* event_streams = nullptr;
  // The bound on heavy reads at once and the cache of outcome reports
  // (service/heavy_reads.hpp); null: unbounded and not cached.
  service::HeavyReads* heavy_reads = nullptr;
  // The SMS provider's delivery reports: how to read one, and the callback's shared
  // token (empty: the callback is refused as not there).
  channels::DeliveryReportRules sms_delivery = {};
  std::string sms_delivery_token = {};
  // Runs the FHIR Bulk Data exports (api/fhir/bulk_export_runner.hpp); null: kick-offs are
  // refused.
  fhir::BulkExportRunner* bulk_exports = nullptr;
  // Makes the spreadsheet exports (api/sheets/sheet_export_runner.hpp); null: refused.
  sheets::SheetExportRunner* sheet_exports = nullptr;
  // The imaging archive (channels/orthanc_archive.hpp); null: none configured.
  channels::ImagingArchive* imaging_archive = nullptr;
};

// The {episode_id} of a route's path, refused as a field named "episode" when it is no id.
inline std::int64_t episode_param(const http::Call& c) {
  return http::id_param(c.request.params.at("episode_id"), "episode");
}

// The {file} of an export's file route (1, 2, ...): anything else names no file
// (NotFoundError "file", bulk_export_file_not_found).
int export_file_number(const std::string& text);

void add_auth_routes(http::Router& r, Services& s);
void add_patient_routes(http::Router& r, Services& s);
void add_episode_routes(http::Router& r, Services& s);
void add_schedule_routes(http::Router& r, Services& s);
void add_questionnaire_routes(http::Router& r, Services& s);
void add_event_routes(http::Router& r, Services& s);
void add_report_routes(http::Router& r, Services& s);
void add_admin_routes(http::Router& r, Services& s);
void add_audit_routes(http::Router& r, Services& s);
void add_portal_routes(http::Router& r, Services& s);
void add_worklist_routes(http::Router& r, Services& s);
void add_protocol_routes(http::Router& r, Services& s);
void add_product_routes(http::Router& r, Services& s);
void add_product_storage_routes(http::Router& r, Services& s);   // storage, freeze, thaw, return, passages
void add_label_routes(http::Router& r, Services& s);             // product labels, wristbands
void add_calendar_routes(http::Router& r, Services& s);          // patients' private calendar feeds
void add_message_routes(http::Router& r, Services& s);           // the patient outbox: messages, cancel, resend
void add_cost_routes(http::Router& r, Services& s);              // price lists, insurers, estimates
void add_education_routes(http::Router& r, Services& s);         // education pages and FAQ, with measured figures
void add_consent_document_routes(http::Router& r, Services& s);  // a centre's informed-consent documents
void add_consent_routes(http::Router& r, Services& s);           // signing them, countersigning, withdrawing
void add_evidence_routes(http::Router& r, Services& s);          // the published evidence beside the claims
void add_payment_routes(http::Router& r, Services& s);           // payment plans and payments received
void add_rating_routes(http::Router& r, Services& s);            // patients' ratings, moderation, summaries
void add_imaging_routes(http::Router& r, Services& s);           // the imaging archive: links, studies, grades
void add_sheet_export_routes(http::Router& r, Services& s);      // spreadsheets of records and the registry
void add_fhir_routes(http::Router& r, Services& s);              // the read-only FHIR R4 endpoint
void add_fhir_bulk_routes(http::Router& r, Services& s);         // the FHIR Bulk Data export

// Every family, in documentation order.
void add_all_routes(http::Router& r, Services& s);

// The response body of a handler: JSON with status.
http::Response ok(const nlohmann::json& body, int status = 200);

}  // namespace rp::api
