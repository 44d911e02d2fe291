#include "service/pathway.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "domain/pathway_rules.hpp"
#include "service/protocols.hpp"
#include "service/unchanged.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

// A patient of another centre is reported as not found, so ids reveal nothing.
Patient visible_patient(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto p = tx.find_patient(id);
  if (!p || !actor.sees_centre(p->centre_id)) throw NotFoundError("patient", "no patient " + std::to_string(id));
  return *p;
}

Episode visible_episode(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto e = tx.find_episode(id);
  if (!e || !actor.sees_centre(e->centre_id)) throw NotFoundError("episode", "no episode " + std::to_string(id));
  return *e;
}

// The episode's dates for the anchors its protocol has (a protocol without a harvest, like
// an injection of a blood product, dates everything from the injection).
Anchors anchors_of(const Episode& e, const Protocol& p) {
  Anchors a;
  if (e.harvest_date && p.anchors.count("harvest")) a["harvest"] = *e.harvest_date;
  if (e.injection_date && p.anchors.count("injection")) a["injection"] = *e.injection_date;
  return a;
}

// A national id names one person: one record of them per centre.
void check_national_id_free(store::Transaction& tx, const Patient& p) {
  if (p.national_id.empty()) return;
  for (const Patient& other : tx.patients_with_national_id(p.national_id))
    if (other.id != p.id && other.centre_id == p.centre_id)
      throw ConflictError("national_id",
                          "a patient with this national id is already registered here (record " + other.mrn + ")");
}

// The centres (never the records) where the same national id is registered.
std::vector<std::string> other_centres_with(store::Transaction& tx, const Patient& p) {
  std::vector<std::string> out;
  if (p.national_id.empty()) return out;
  for (const Patient& other : tx.patients_with_national_id(p.national_id))
    if (other.centre_id != p.centre_id && std::find(out.begin(), out.end(), other.centre_id) == out.end())
      out.push_back(other.centre_id);
  return out;
}

// The day the episode began: its referral, the first step of its history.
CivilDate began(store::Transaction& tx, const Episode& e, const CivilDate& today) {
  const auto history = tx.transitions_of(e.id);
  return history.empty() ? today : history.front().on;
}

bool injected(store::Transaction& tx, const Episode& e) {
  const auto history = tx.transitions_of(e.id);
  return std::any_of(history.begin(), history.end(),
                     [](const Transition& t) { return t.to == EpisodeState::injected; });
}

void mark_done(std::vector<ScheduledItem>& items, const std::string& id, const CivilDate& on) {
  for (auto& s : items) {
    if (s.id == id) {
      s.status = ItemStatus::done;
      s.done_on = on;
    }
  }
}

void check_licence_status(const std::string& s) {
  if (s != "licensed" && s != "pending" && s != "suspended" && s != "unknown")
    throw InputError("licence_status", "must be licensed, pending, suspended or unknown");
}

}  // namespace

store::AuditEntry audit_entry(const Clock& clock, const Actor& actor, std::string centre, std::string action,
                              std::string entity, std::string entity_id, std::string detail) {
  return {clock.now_iso(),   actor.user,        actor.role,           std::move(centre),
          std::move(action), std::move(entity), std::move(entity_id), std::move(detail)};
}

bool Pathway::upsert_centre(const Actor& actor, const Centre& c) {
  if (actor.role != "operator" && actor.role != "admin") throw ForbiddenError("role", "only an admin may edit centres");
  if (c.id.empty()) throw InputError("id", "is required");
  if (c.name_en.empty() || c.name_fa.empty()) throw InputError("name", "names in English and Persian are required");
  bool changed = false;
  store_.write([&](store::Transaction& tx) {
    const auto before = tx.find_centre(c.id);
    if (before && *before == c) return;  // the same: nothing written
    // Patients are told to check a centre's licence: the centre cannot vouch for itself.
    const std::string status_now = before ? before->licence_status : Centre{}.licence_status;
    if (!actor.all_centres && c.licence_status != status_now)
      throw ForbiddenError("licence_status", kLicenceByRegistry);
    changed = true;
    tx.upsert_centre(c);
    tx.append_audit(audit_entry(clock_, actor, c.id, "centre.upsert", "centre", c.id));
  });
  return changed;
}

bool Pathway::set_centre_licence(const Actor& actor, const std::string& centre_id, const std::string& status,
                                 const std::optional<std::string>& number) {
  require(actor, Permission::centre_licence);
  check_licence_status(status);
  if (number && number->size() > 64) throw InputError("licence_number", "must be at most 64 characters");
  bool changed = false;
  store_.write([&](store::Transaction& tx) {
    const auto before = tx.find_centre(centre_id);
    if (!before) throw NotFoundError("centre", "no centre '" + centre_id.substr(0, 64) + "'");
    Centre c = *before;
    c.licence_status = status;
    if (number) c.licence_number = *number;
    if (c == *before) return;  // the same: nothing written
    changed = true;
    tx.upsert_centre(c);
    tx.append_audit(
        audit_entry(clock_, actor, c.id, "centre.licence", "centre", c.id, before->licence_status + " -> " + status));
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
  store_.write([&](store::Transaction& tx) {
    if (!tx.find_centre(p.centre_id)) throw NotFoundError("centre", "no centre '" + p.centre_id + "'");
    check_national_id_free(tx, p);
    p.id = tx.insert_patient(p, clock_.now_iso());
    tx.append_audit(audit_entry(clock_, actor, p.centre_id, "patient.create", "patient", std::to_string(p.id)));
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
  store_.write([&](store::Transaction& tx) {
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
  store_.write([&](store::Transaction& tx) {
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
    throw InputError("reason", "is required: say why the details change");
  }
  if (change.reason.size() > 500) throw InputError("reason", "must be at most 500 bytes");
  Patient out;
  store_.write([&](store::Transaction& tx) {
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
    validate_patient(after, clock_.today());
    if (after.national_id != before.national_id) check_national_id_free(tx, after);
    // Each changed field with what it was and what it is now: the audit row keeps the
    // old value, so a correction never loses what was typed before.
    nlohmann::json changed = nlohmann::json::object();
    const auto note = [&changed](const char* field, const nlohmann::json& from, const nlohmann::json& to) {
      if (from != to) changed[field] = {{"from", from}, {"to", to}};
    };
    note("mrn", before.mrn, after.mrn);
    note("name_fa", before.name_fa, after.name_fa);
    note("name_latin", before.name_latin, after.name_latin);
    note("sex", to_string(before.sex), to_string(after.sex));
    note("birth_date", before.birth_date.iso(), after.birth_date.iso());
    note("mobile", before.mobile, after.mobile);
    note("national_id", before.national_id, after.national_id);
    note("consent.treatment", before.consent.treatment, after.consent.treatment);
    note("consent.registry", before.consent.registry, after.consent.registry);
    note("consent.contact", before.consent.contact, after.consent.contact);
    out = after;
    if (changed_anything) *changed_anything = !changed.empty();
    if (changed.empty()) return;
    tx.update_patient(after);
    const nlohmann::json detail = {{"changed", changed}, {"reason", change.reason}};
    tx.append_audit(audit_entry(clock_, actor, before.centre_id, "patient.update", "patient",
                                std::to_string(patient_id),
                                detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  });
  return out;
}

Episode Pathway::add_episode(const Actor& actor, Episode e) {
  require(actor, Permission::episode_create);
  // An unknown protocol is refused before anything is written; the diagnosis is of its joint.
  const auto protocol = load_protocol(e.protocol_id);
  e.state = EpisodeState::referred;
  validate_episode(e, protocol->joint);
  store_.write([&](store::Transaction& tx) {
    const Patient p = visible_patient(tx, actor, e.patient_id);
    e.centre_id = p.centre_id;
    check_one_open_episode(tx.episodes_of_patient(p.id), e);
    std::optional<Episode> other;
    if (e.bilateral_with) {
      other = tx.find_episode(*e.bilateral_with);
      if (!other || other->patient_id != e.patient_id) {
        throw InputError("bilateral_with", "must be an episode of the same patient");
      }
      if (other->side == e.side) throw InputError("bilateral_with", "must be the episode of the other hip");
      if (other->bilateral_with) throw ConflictError("bilateral_with", "that episode is already linked");
    }
    if (e.repeat_of) {
      const auto first = tx.find_episode(*e.repeat_of);
      if (!first || first->patient_id != e.patient_id)
        throw InputError("repeat_of", "must be an episode of the same patient");
      if (first->side != e.side) throw InputError("repeat_of", "must be an episode of the same hip");
      // A repeat treats a joint again: the earlier course must have reached its injection.
      const auto steps = tx.transitions_of(first->id);
      if (std::none_of(steps.begin(), steps.end(), [](const Transition& t) { return t.to == EpisodeState::injected; }))
        throw ConflictError("repeat_of", "the earlier episode has no injection yet: continue it instead");
    }
    const std::string now = clock_.now_iso();
    e.id = tx.insert_episode(e, now);
    if (other) {
      other->bilateral_with = e.id;
      tx.update_episode(*other, now);
    }
    tx.insert_transition({e.id, EpisodeState::referred, EpisodeState::referred, "referral", actor.user, actor.role, now,
                          clock_.today()});
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "episode.create", "episode", std::to_string(e.id),
                                "protocol " + e.protocol_id));
  });
  return e;
}

EpisodeRecord Pathway::episode_record(const Actor& actor, std::int64_t episode_id) {
  require(actor, Permission::patient_read);
  EpisodeRecord r;
  store_.write([&](store::Transaction& tx) {
    r.episode = visible_episode(tx, actor, episode_id);
    r.schedule = tx.schedule_of(episode_id);
    r.transitions = tx.transitions_of(episode_id);
    r.eligibility = tx.eligibility_of(episode_id);
    tx.append_audit(
        audit_entry(clock_, actor, r.episode.centre_id, "episode.read", "episode", std::to_string(episode_id)));
  });
  return r;
}

Episode Pathway::advance(const Actor& actor, std::int64_t episode_id, const TransitionRequest& req) {
  require_transition(actor, to_string(req.to));
  Episode e;
  store_.write([&](store::Transaction& tx) {
    e = visible_episode(tx, actor, episode_id);
    check_transition(e.state, req.to, req.reason);
    const auto protocol = load_protocol(e.protocol_id);
    const CivilDate on = req.on.value_or(clock_.today());
    // A transition records what happened: never on a day still to come, never before
    // the step it follows (a history must read in order).
    if (on > clock_.today()) throw InputError("on", "must not be in the future");
    const auto history = tx.transitions_of(episode_id);
    if (!history.empty() && on < history.back().on)
      throw InputError("on", "must not be before the previous step (" + history.back().on.iso() + ")");
    auto items = tx.schedule_of(episode_id);
    switch (req.to) {
      case EpisodeState::eligible: {
        // Eligibility is decided by the rules, or by a clinician who reviewed the cautions.
        const auto assessments = tx.eligibility_of(episode_id);
        if (assessments.empty()) throw ConflictError("state", "assess eligibility before marking the episode eligible");
        const std::string& decision = assessments.back().decision;
        if (decision == "ineligible") throw ConflictError("state", "the last eligibility assessment was ineligible");
        if (decision == "needs_review" && req.reason.empty()) {
          throw InputError("reason", "the last assessment needs review: give the reviewing clinician's reason");
        }
        break;
      }
      case EpisodeState::scheduled:
        if (const auto patient = tx.find_patient(e.patient_id); !patient || !patient->consent.treatment)
          throw ConflictError("consent", "the patient has not consented to treatment: record the consent first");
        if ((protocol->anchors.count("harvest") && !e.harvest_date) ||
            (protocol->anchors.count("injection") && !e.injection_date)) {
          throw ConflictError("state", "plan the harvest and injection dates before scheduling");
        }
        items = reschedule(*protocol, anchors_of(e, *protocol), items);
        break;
      case EpisodeState::harvested:
        // The cell source is asked of a protocol that harvests cells.
        if (!e.cell_source && protocol->anchors.count("harvest"))
          throw InputError("cell_source", "record the cell source (bone_marrow or adipose) at harvest");
        if (e.injection_date && *e.injection_date < on) e.injection_date = on;
        e.harvest_date = on;
        items = reschedule(*protocol, anchors_of(e, *protocol), items);
        mark_done(items, "harvest", on);
        break;
      case EpisodeState::injected:
        if (!e.guidance) throw InputError("guidance", "record the image guidance (ultrasound or fluoroscopy)");
        if (e.harvest_date && on < *e.harvest_date) throw InputError("on", "the injection cannot precede the harvest");
        e.injection_date = on;
        items = reschedule(*protocol, anchors_of(e, *protocol), items);
        mark_done(items, "injection", on);
        break;
      case EpisodeState::converted_to_thr:
      case EpisodeState::lost_to_follow_up:
      case EpisodeState::withdrawn:
        if (e.injection_date && on < *e.injection_date) throw InputError("on", "must not be before the injection");
        break;
      default:
        break;
    }
    const std::string now = clock_.now_iso();
    Transition t{episode_id, e.state, req.to, req.reason, actor.user, actor.role, now, on};
    e.state = req.to;
    tx.update_episode(e, now);
    tx.replace_schedule(episode_id, items);
    tx.insert_transition(t);
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "episode.transition", "episode", std::to_string(episode_id),
                                std::string(to_string(t.from)) + " -> " + std::string(to_string(t.to))));
  });
  return e;
}

EpisodeRecord Pathway::plan(const Actor& actor, std::int64_t episode_id, std::optional<CivilDate> harvest,
                            std::optional<CivilDate> injection, const std::string& reason, bool* changed) {
  require(actor, Permission::schedule_plan);
  const CivilDate today = clock_.today();
  for (const auto& [date, field] : {std::pair{harvest, "harvest"}, std::pair{injection, "injection"}})
    if (date) check_plan_date(*date, today, field);
  if (reason.size() > 500) throw InputError("reason", "must be at most 500 bytes");
  EpisodeRecord r;
  store_.write([&](store::Transaction& tx) {
    Episode e = visible_episode(tx, actor, episode_id);
    if (plans_nothing_new(e, harvest, injection, changed)) return read_record(tx, e, r);
    // A plan dated before today records a decision made earlier: it says why.
    for (const auto& date : {harvest, injection})
      if (date) check_past_plan_reason(*date, today, reason);
    const auto done = tx.schedule_of(episode_id);
    const bool harvested = std::any_of(done.begin(), done.end(),
                                       [](const auto& s) { return s.id == "harvest" && s.status == ItemStatus::done; });
    if (harvested && harvest && harvest != e.harvest_date) {
      throw ConflictError("harvest", "the harvest has been done; its date is recorded by the harvest transition");
    }
    if (harvest) e.harvest_date = harvest;
    if (injection) e.injection_date = injection;
    if (e.harvest_date && e.injection_date && *e.injection_date < *e.harvest_date) {
      throw InputError("injection", "must not be before the harvest date");
    }
    const auto protocol = load_protocol(e.protocol_id);
    const auto items = reschedule(*protocol, anchors_of(e, *protocol), tx.schedule_of(episode_id));
    tx.update_episode(e, clock_.now_iso());
    tx.replace_schedule(episode_id, items);
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "episode.plan", "episode", std::to_string(episode_id),
                                "harvest " + (e.harvest_date ? e.harvest_date->iso() : std::string("-")) +
                                    ", injection " + (e.injection_date ? e.injection_date->iso() : std::string("-")) +
                                    (reason.empty() ? "" : "; reason: " + reason)));
    r.episode = e;
    r.schedule = items;
    r.transitions = tx.transitions_of(episode_id);
    r.eligibility = tx.eligibility_of(episode_id);
  });
  return r;
}

Episode Pathway::update_details(const Actor& actor, std::int64_t episode_id, const Details& d, bool* changed) {
  require(actor, Permission::episode_update);
  Episode e;
  store_.write([&](store::Transaction& tx) {
    e = visible_episode(tx, actor, episode_id);
    const Episode before = e;
    if (d.kl_grade) e.kl_grade = d.kl_grade;
    if (d.tonnis_grade) e.tonnis_grade = d.tonnis_grade;
    if (d.cell_source) e.cell_source = d.cell_source;
    if (d.guidance) e.guidance = d.guidance;
    validate_episode(e, load_protocol(e.protocol_id)->joint);
    if (!details_differ(before, e, changed)) return;  // the same: nothing written
    std::string detail;
    auto note = [&detail](const char* field, std::string_view from, std::string_view to) {
      if (from != to)
        detail +=
            (detail.empty() ? "" : "; ") + std::string(field) + ": " + std::string(from) + " -> " + std::string(to);
    };
    auto name = [](const auto& v) { return v ? std::string(to_string(*v)) : std::string("-"); };
    auto number = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("-"); };
    note("kl_grade", number(before.kl_grade), number(e.kl_grade));
    note("tonnis_grade", number(before.tonnis_grade), number(e.tonnis_grade));
    const bool done_changed = before.cell_source != e.cell_source || before.guidance != e.guidance;
    note("cell_source", name(before.cell_source), name(e.cell_source));
    note("guidance", name(before.guidance), name(e.guidance));
    // After the injection they say what was done: a change is a correction, with why.
    if (done_changed && injected(tx, before) && d.reason.find_first_not_of(" \t\r\n") == std::string::npos)
      throw InputError("reason", "the injection is done: say why its cell source or guidance changes");
    if (!d.reason.empty()) detail += "; reason: " + d.reason;
    tx.update_episode(e, clock_.now_iso());
    tx.append_audit(
        audit_entry(clock_, actor, e.centre_id, "episode.update", "episode", std::to_string(episode_id), detail));
  });
  return e;
}

EligibilityResult Pathway::assess_eligibility(const Actor& actor, std::int64_t episode_id,
                                              const nlohmann::json& findings_json) {
  require(actor, Permission::eligibility_assess);
  EligibilityResult result;
  store_.write([&](store::Transaction& tx) {
    Episode e = visible_episode(tx, actor, episode_id);
    const auto protocol = load_protocol(e.protocol_id);
    const Findings findings = parse_findings(findings_json, protocol->eligibility);
    result = rp::assess_eligibility(protocol->eligibility, findings);
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : result.reasons)
      reasons.push_back({{"rule", r.rule}, {"kind", r.kind}, {"finding", r.finding}});
    if (auto kl = findings.find("kl_grade"); kl != findings.end()) {
      e.kl_grade = static_cast<int>(kl->second);
      tx.update_episode(e, clock_.now_iso());
    }
    tx.insert_eligibility({0, episode_id, findings_json.dump(), std::string(to_string(result.decision)), reasons.dump(),
                           actor.user, clock_.now_iso()});
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "eligibility.assess", "episode", std::to_string(episode_id),
                                std::string(to_string(result.decision))));
  });
  return result;
}

ScheduledItem Pathway::mark_item(const Actor& actor, std::int64_t episode_id, const std::string& item_id,
                                 ItemStatus status, std::optional<CivilDate> on, bool* changed) {
  require(actor, Permission::schedule_mark);
  ScheduledItem out;
  store_.write([&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    auto items = tx.schedule_of(episode_id);
    auto it = std::find_if(items.begin(), items.end(), [&](const auto& s) { return s.id == item_id; });
    if (it == items.end())
      throw NotFoundError("item", "episode " + std::to_string(episode_id) + " has no item " + item_id);
    require_mark(actor, it->kind, status);
    // Done is something that happened: on a day that has come, after the episode began,
    // and for a follow-up item not before its window opened.
    if (status == ItemStatus::done)
      check_done_on(*it, on.value_or(clock_.today()), clock_.today(), began(tx, e, clock_.today()));
    out = *it;
    if (!mark_changes(*it, status, on, changed)) return;  // the same: nothing written
    it->status = status;
    it->done_on = status == ItemStatus::done ? std::optional<CivilDate>(on.value_or(clock_.today())) : std::nullopt;
    tx.replace_schedule(episode_id, items);
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "schedule.mark", "episode", std::to_string(episode_id),
                                item_id + " " + std::string(to_string(status))));
    out = *it;
  });
  return out;
}

}  // namespace rp::service
