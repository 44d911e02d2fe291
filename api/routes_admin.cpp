// Administration: accounts of the admin's centre, centres, and the audit chain check.
#include "api/contract/accounts.hpp"
#include "api/contract/audit.hpp"
#include "api/contract/centres.hpp"
#include "api/contract/queries.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"
#include "service/audit.hpp"

namespace rp::api {
namespace {

std::int64_t account_id(const http::Call& c) { return http::id_param(c.request.params.at("account_id"), "account"); }

// The audit check on a connection of its own (a snapshot: the server's writes go on), with
// the head signed first when the server keeps anchors.
contract::AuditVerificationOut check_audit_log(Services& s, const service::Actor& actor) {
  service::AuditCheckOptions options;
  if (s.anchors) {
    options.anchor_head = [&s](const store::AuditRow& head) { s.anchors->anchor_in_turn(head.seq, head.hash); };
    options.read_anchors = [&s] { return s.anchors->read_anchors(); };
  }
  const std::string key = s.anchors ? s.anchors->public_key() : "";
  if (!s.open_snapshot)
    return contract::audit_verification_out(service::verify_audit_chain(s.store, actor, options), key);
  const auto snapshot = s.open_snapshot();
  return contract::audit_verification_out(service::verify_audit_chain(*snapshot, actor, options), key);
}

}  // namespace

void add_admin_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/accounts",
         "The accounts of the admin's centre",
         service::Permission::account_admin,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           std::vector<contract::AccountOut> out;
           for (const auto& a : s.accounts.list(c.actor)) out.push_back(contract::account_out(a));
           return out;
         }});
  r.add({"POST",
         "/api/v1/accounts",
         "Creates a staff account at the admin's centre (password rules apply)",
         service::Permission::account_admin,
         {},
         "{username, role, password}",
         true,
         false,
         [&s](http::Call& c, const contract::NewAccount& in) {
           return http::Created<contract::AccountOut>{
               contract::account_out(s.accounts.create(c.actor, in.username, in.role, c.actor.centre, in.password))};
         }});
  r.add({"POST",
         "/api/v1/accounts/{account_id}/password",
         "Resets a password: ends the account's sessions and clears its count of failed sign-ins",
         service::Permission::account_admin,
         {},
         "{password}",
         false,
         false,
         [&s](http::Call& c, const contract::PasswordReset& in) {
           return contract::account_out(s.accounts.reset_password(c.actor, account_id(c), in.password));
         }});
  r.add({"PATCH",
         "/api/v1/accounts/{account_id}",
         "Changes an account's role or disables (enables) it; either ends its sessions at once. Not one's own",
         service::Permission::account_admin,
         {},
         "{role?, disabled?}. The answer says \"changed\": false when the account already was so (nothing is "
         "written, sessions kept)",
         false,
         false,
         [&s](http::Call& c, const contract::AccountChange& in) {
           contract::AccountUpdated out;
           static_cast<contract::AccountOut&>(out) =
               contract::account_out(s.accounts.update(c.actor, account_id(c), {in.role, in.disabled}, &out.changed));
           return out;
         }});
  r.add({"GET",
         "/api/v1/centres",
         "The centres with their licence status",
         service::Permission::centre_read,
         {},
         "",
         false,
         false,
         [&s](http::Call&) {
           std::vector<contract::CentreOut> out;
           for (const auto& centre : s.pathway.centres()) out.push_back(contract::centre_out(centre));
           return out;
         }});
  r.add({"PUT",
         "/api/v1/centres/{centre_id}",
         "Creates or updates the admin's own centre",
         service::Permission::centre_edit,
         {},
         "{name_en, name_fa, city_en?, city_fa?, licence_status?, licence_number?, phone?, facility_code?, "
         "on_call_mobile?, address_en?, address_fa?, map_url?, services?}. The licence's status, issuer and expiry "
         "are the registry's (PUT .../licence): sent, they must be as it set them. The "
         "answer says \"changed\": false when the centre already had these details (nothing is written then)",
         false,
         false,
         // Decoded in the handler: another centre is not found before its body is read, and a
         // licence_status sent as null (the status "unknown") differs from one not sent.
         http::taking<contract::CentreIn>([&s](http::Call& c) {
           const std::string& id = c.request.params.at("centre_id");
           if (!c.actor.sees_centre(id))
             throw NotFoundError("centre", "centre_not_found"_err, {{"centre", id.substr(0, 64)}});
           const auto body = http::parse_json_object(c.request.body);
           auto centre = contract::to_centre(http::decode<contract::CentreIn>(body), id);
           // Not sent: the status the registry set stays (the admin may not change it), and
           // the facility code stays as it was.
           for (const auto& now : s.pathway.centres()) {
             if (now.id != id) continue;
             if (!body.contains("licence_status")) centre.licence_status = now.licence_status;
             if (!body.contains("facility_code")) centre.facility_code = now.facility_code;
             if (!body.contains("on_call_mobile")) centre.on_call_mobile = now.on_call_mobile;
             if (!body.contains("address_en")) centre.address_en = now.address_en;
             if (!body.contains("address_fa")) centre.address_fa = now.address_fa;
             if (!body.contains("map_url")) centre.map_url = now.map_url;
             if (!body.contains("services")) centre.services = now.services;
             // The registry's: sent, they must be as the registry set them (the service says).
             if (!body.contains("licence_issuer")) centre.licence_issuer = now.licence_issuer;
             if (!body.contains("licence_expires")) centre.licence_expires = now.licence_expires;
           }
           const bool changed = s.pathway.upsert_centre(c.actor, centre);
           // Answered as it is kept: the facility code upper case, the mobile in full, the
           // services in the directory's order.
           for (const auto& kept : s.pathway.centres())
             if (kept.id == id) return contract::centre_updated(kept, changed);
           return contract::centre_updated(centre, changed);
         })});
  r.add({"PUT",
         "/api/v1/centres/{centre_id}/licence",
         "Sets a centre's licence status (and number, issuer and last valid day): the registry's, never the centre's "
         "own admin's. A centre suspended, or past its licence's last day, books no new harvest or injection",
         service::Permission::centre_licence,
         {},
         "{licence_status: licensed | pending | suspended | unknown, licence_number?, licence_issuer?, "
         "licence_expires? (YYYY-MM-DD, null: not known)}",
         false,
         false,
         // Decoded in the handler: an expiry sent as null (not known) differs from one not sent.
         http::taking<contract::LicenceChange>([&s](http::Call& c) {
           const std::string& id = c.request.params.at("centre_id");
           const auto body = http::parse_json_object(c.request.body);
           const auto in = http::decode<contract::LicenceChange>(body);
           service::Pathway::LicenceFacts facts{in.licence_status, in.licence_number, in.licence_issuer, std::nullopt};
           if (body.contains("licence_expires")) facts.expires = in.licence_expires;
           const bool changed = s.pathway.set_centre_licence(c.actor, id, facts);
           for (const auto& centre : s.pathway.centres())
             if (centre.id == id) return contract::centre_updated(centre, changed);
           throw NotFoundError("centre", "centre_not_found"_err, {{"centre", id.substr(0, 64)}});
         })});
  r.add({"GET",
         "/api/v1/directory/centres",
         "The public directory of centres: names, cities, addresses, phones, map links, services and each licence "
         "with its issuer, last valid day and standing today, for a patient to check before choosing a centre. No "
         "sign-in",
         http::kPublic,
         {},
         "",
         false,
         false,
         [&s](http::Call&) {
           contract::DirectoryOut out;
           const CivilDate today = s.clock.today();
           for (const auto& centre : s.pathway.centres())
             out.centres.push_back(contract::directory_centre_out(centre, today));
           return out;
         }});
  r.add({"GET",
         "/api/v1/audit/verify",
         "Checks the audit log: the hash chain, the signed anchors (the server signs the head first) and every "
         "record's content against its last audit row; names the first missing or forged row",
         service::Permission::audit_verify,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) { return check_audit_log(s, c.actor); }});
  r.add({"GET",
         "/api/v1/audit/who-saw",
         "Every audit row that opened, wrote or listed the patient (?patient=ID), oldest first; the question is "
         "audited too",
         service::Permission::audit_read,
         {},
         "",
         false,
         false,
         http::querying<contract::WhoSawQuery>([&s](http::Call& c, const contract::WhoSawQuery& q) {
           return contract::who_saw_out(service::who_saw(s.store, s.clock, c.actor, q.patient));
         })});
}

}  // namespace rp::api
