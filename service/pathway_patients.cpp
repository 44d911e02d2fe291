// The centres and the patients of the pathway: registration, search, the record and its
// corrections. One person has one record per centre (their national id); the same id at
// another centre is named, never shown.
#include <algorithm>

#include "base/error.hpp"
#include "domain/centre_licence.hpp"
#include "domain/product/din.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/idempotency.hpp"
#include "service/pathway.hpp"
#include "service/patient_access.hpp"
#include "service/unchanged.hpp"
#include "store/audit_chain.hpp"
#include "store/json_columns.hpp"

namespace rp::service {
namespace {

// A national id names one person: one record of them per centre.
void check_national_id_free(store::Transaction& tx, const Patient& p) {
  if (p.national_id.empty()) return;
  for (const Patient& other : tx.patients_with_national_id(p.national_id))
    if (other.id != p.id && other.centre_id == p.centre_id)
      throw ConflictError("national_id", "national_id_already_registered"_err, {{"record", other.mrn}});
}

// The centres (never the records) where the same national id is registered.
std::vector<std::string> other_centres_with(store::Transaction& tx, const Patient& p) {
  std::vector<std::string> out;
  if (p.national_id.empty()) return out;
  for (const std::string& centre : tx.centres_with_national_id(p.national_id))
    if (centre != p.centre_id && std::find(out.begin(), out.end(), centre) == out.end()) out.push_back(centre);
  return out;
}

void check_licence_status(const std::string& s) {
  if (s != "licensed" && s != "pending" && s != "suspended" && s != "unknown")
    throw InputError("licence_status", "unknown_licence_status"_err);
}

}  // namespace

bool Pathway::upsert_centre(const Actor& actor, const Centre& sent) {
  if (actor.role != Role::operator_ && actor.role != Role::admin)
    throw ForbiddenError("role", "centres_admin_only"_err);
  if (sent.id.empty()) throw InputError("id", "required"_err);
  if (sent.name_en.empty() || sent.name_fa.empty()) throw InputError("name", "centre_names_required"_err);
  Centre c = sent;
  // Every DIN the centre makes begins with it: checked as a DIN's facility is.
  if (!c.facility_code.empty()) c.facility_code = product::parse_facility(c.facility_code, "facility_code");
  // Red flags go to it by SMS: any usual form, kept as +989XXXXXXXXX.
  if (!c.on_call_mobile.empty()) c.on_call_mobile = normalise_mobile(c.on_call_mobile, "on_call_mobile");
  validate_centre_directory(c);
  bool changed = false;
  store_.write([&](store::Transaction& tx) {
    const auto before = tx.find_centre(c.id);
    if (before && *before == c) return;  // the same: nothing written
    // Patients are told to check a centre's licence: the centre cannot vouch for itself.
    const Centre now = before ? *before : Centre{};
    if (!actor.all_centres)
      for (const auto& [differs, field] : {std::pair{c.licence_status != now.licence_status, "licence_status"},
                                           std::pair{c.licence_issuer != now.licence_issuer, "licence_issuer"},
                                           std::pair{c.licence_expires != now.licence_expires, "licence_expires"}})
        if (differs) throw ForbiddenError(field, "licence_set_by_registry"_err);
    changed = true;
    tx.upsert_centre(c);
    tx.append_audit(audit_entry(clock_, actor, c.id, "centre.upsert", "centre", c.id));
  });
  return changed;
}

bool Pathway::set_centre_licence(const Actor& actor, const std::string& centre_id, const LicenceFacts& facts) {
  require(actor, Permission::centre_licence);
  check_licence_status(facts.status);
  if (facts.number && facts.number->size() > 64)
    throw InputError("licence_number", "too_many_characters"_err, {{"max", 64}});
  bool changed = false;
  store_.write([&](store::Transaction& tx) {
    const auto before = tx.find_centre(centre_id);
    if (!before) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre_id.substr(0, 64)}});
    Centre c = *before;
    c.licence_status = facts.status;
    if (facts.number) c.licence_number = *facts.number;
    if (facts.issuer) c.licence_issuer = *facts.issuer;
    if (facts.expires) c.licence_expires = *facts.expires;
    validate_centre_directory(c);
    if (c == *before) return;  // the same: nothing written
    changed = true;
    tx.upsert_centre(c);
    tx.append_audit(audit_entry(clock_, actor, c.id, "centre.licence", "centre", c.id,
                                before->licence_status + " -> " + c.licence_status + ", expires " +
                                    (c.licence_expires ? c.licence_expires->iso() : std::string("-"))));
  });
  return changed;
}

std::vector<Centre> Pathway::centres() {
  std::vector<Centre> out;
  store_.read([&](store::Transaction& tx) { out = tx.list_centres(); });
  return out;
}

Patient Pathway::add_patient(const Actor& actor, Patient p) {
  require(actor, Permission::patient_create);
  if (!actor.all_centres) p.centre_id = actor.centre;
  validate_patient(p, clock_.today());
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    if (const auto earlier = earlier_request(tx, actor)) {
      p = *tx.find_patient(std::stoll(*earlier));
      return;
    }
    if (!tx.find_centre(p.centre_id)) throw NotFoundError("centre", "centre_not_found"_err, {{"centre", p.centre_id}});
    check_national_id_free(tx, p);
    p.id = tx.insert_patient(p, clock_.now_iso());
    tx.append_audit(audit_entry(clock_, actor, p.centre_id, "patient.create", "patient", std::to_string(p.id)));
    remember_request(tx, actor, std::to_string(p.id), clock_.now_iso());
  });
  return p;
}

std::vector<PatientRecord> Pathway::find_patients(const Actor& actor, store::PatientQuery q) {
  require(actor, Permission::patient_read);
  if (!actor.all_centres) q.centre_id = actor.centre;
  q.limit = std::clamp(q.limit, 1, 1000);
  std::vector<PatientRecord> out;
  // A search shows identifying data, so it is audited like a record read. Each result
  // carries its episodes, so a list can show where every patient stands.
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    for (auto& p : tx.list_patients(q)) {
      auto episodes = tx.episodes_of_patient(p.id);
      out.push_back({std::move(p), std::move(episodes)});
    }
    // The row names every patient shown (ids only), so the log answers who saw whom.
    store::AuditEntry row = audit_entry(clock_, actor, q.centre_id.value_or("*"), "patient.search", "patient", "",
                                        std::to_string(out.size()) + " results");
    std::vector<std::int64_t> shown;
    shown.reserve(out.size());
    for (const auto& r : out) shown.push_back(r.patient.id);
    row.shown = store::format_shown(std::move(shown));
    tx.append_audit(row);
  });
  return out;
}

PatientRecord Pathway::patient_record(const Actor& actor, std::int64_t patient_id) {
  require(actor, Permission::patient_read);
  PatientRecord r;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    r.patient = visible_patient(tx, actor, patient_id);
    r.episodes = tx.episodes_of_patient(patient_id);
    r.same_national_id_at = other_centres_with(tx, r.patient);
    tx.append_audit(
        audit_entry(clock_, actor, r.patient.centre_id, "patient.read", "patient", std::to_string(patient_id)));
  });
  return r;
}

Patient Pathway::update_patient(const Actor& actor, std::int64_t patient_id, const PatientChange& change,
                                bool* changed_anything) {
  require(actor, Permission::patient_update);
  if (change.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InputError("reason", "details_change_reason_required"_err);
  }
  if (change.reason.size() > 500) throw InputError("reason", "too_many_bytes"_err, {{"max", 500}});
  Patient out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Patient before = visible_patient(tx, actor, patient_id);
    Patient after = before;
    if (change.mrn) after.mrn = *change.mrn;
    if (change.name_fa) after.name_fa = *change.name_fa;
    if (change.name_latin) after.name_latin = *change.name_latin;
    if (change.sex) after.sex = *change.sex;
    if (change.birth_date) after.birth_date = *change.birth_date;
    if (change.mobile) after.mobile = *change.mobile;
    if (change.national_id) after.national_id = *change.national_id;
    if (change.consent_treatment) after.consent.treatment = *change.consent_treatment;
    if (change.consent_registry) after.consent.registry = *change.consent_registry;
    if (change.consent_contact) after.consent.contact = *change.consent_contact;
    if (change.language) after.language = *change.language;
    if (change.email) after.email = *change.email;
    if (change.preferred_channel) after.preferred_channel = *change.preferred_channel;
    validate_patient(after, clock_.today());
    if (after.national_id != before.national_id) check_national_id_free(tx, after);
    // Each changed field with what it was and what it is now: the audit row keeps the
    // old value, so a correction never loses what was typed before.
    std::vector<store::FieldChange> changed;
    const auto note = [&changed](const char* field, store::FieldChange::Value from, store::FieldChange::Value to) {
      if (from != to) changed.push_back({field, std::move(from), std::move(to)});
    };
    note("mrn", before.mrn, after.mrn);
    note("name_fa", before.name_fa, after.name_fa);
    note("name_latin", before.name_latin, after.name_latin);
    note("sex", std::string(to_string(before.sex)), std::string(to_string(after.sex)));
    note("birth_date", before.birth_date.iso(), after.birth_date.iso());
    note("mobile", before.mobile, after.mobile);
    note("national_id", before.national_id, after.national_id);
    note("consent.treatment", before.consent.treatment, after.consent.treatment);
    note("consent.registry", before.consent.registry, after.consent.registry);
    note("consent.contact", before.consent.contact, after.consent.contact);
    note("language", std::string(to_string(before.language)), std::string(to_string(after.language)));
    note("email", before.email, after.email);
    note("preferred_channel", std::string(to_string(before.preferred_channel)),
         std::string(to_string(after.preferred_channel)));
    out = after;
    if (changed_anything) *changed_anything = !changed.empty();
    if (changed.empty()) return;
    tx.update_patient(after);
    tx.append_audit(audit_entry(clock_, actor, before.centre_id, "patient.update", "patient",
                                std::to_string(patient_id), store::patient_change_json(changed, change.reason)));
  });
  return out;
}

}  // namespace rp::service
