#include "service/pathway.hpp"
#include "service/centre_scope.hpp"
#include "service/consent_signing.hpp"

#include <algorithm>
#include <tuple>

#include "base/error.hpp"
#include "domain/centre_licence.hpp"
#include "domain/pathway_rules.hpp"
#include "service/audit_entry.hpp"
#include "service/idempotency.hpp"
#include "service/patient_access.hpp"
#include "service/protocols.hpp"
#include "service/unchanged.hpp"
#include "store/audit_chain.hpp"
#include "store/json_columns.hpp"

namespace rp::service {
namespace {

// An episode of another centre is reported as not found, so ids reveal nothing.
Episode centre_visible_episode(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto e = tx.find_episode(id);
  if (!e || !actor.sees_centre(e->centre_id))
    throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(id)}});
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

// The injecting operator is an active account of the episode's centre whose role may
// record the injection (the transition table's: the surgeon; no other clinical role
// injects). A disabled account still names the injections it did, but none new.
void check_injecting_operator(store::Transaction& tx, const std::string& centre_id, const std::string& username) {
  const auto account = tx.find_account_by_username(username);
  const auto roles = roles_for_transition("injected");
  if (!account || account->disabled || account->centre_id != centre_id ||
      std::find(roles.begin(), roles.end(), account->role) == roles.end())
    throw InputError("injected_by", "injected_by_not_an_operator"_err, {{"username", username}});
}

// A new harvest or injection day from today on is a booking: the centre's licence must
// allow it (domain/centre_licence.hpp). A day already planned stays planned, and a past
// day records what was decided then; follow-up never depends on the licence.
void check_centre_books(store::Transaction& tx, const Episode& e, const std::optional<CivilDate>& harvest,
                        const std::optional<CivilDate>& injection, const CivilDate& today) {
  const auto centre = tx.find_centre(e.centre_id);
  if (!centre) return;
  for (const auto& [date, planned, field] :
       {std::tuple{harvest, e.harvest_date, "harvest"}, std::tuple{injection, e.injection_date, "injection"}})
    if (date && date != planned && !(*date < today)) check_may_book(*centre, *date, field);
}

void mark_done(std::vector<ScheduledItem>& items, const std::string& id, const CivilDate& on) {
  for (auto& s : items) {
    if (s.id == id) {
      s.status = ItemStatus::done;
      s.done_on = on;
    }
  }
}

}  // namespace

Episode Pathway::add_episode(const Actor& actor, Episode e) {
  require(actor, Permission::episode_create);
  // An unknown protocol is refused before anything is written; the diagnosis is of its joint.
  const auto protocol = load_protocol(e.protocol_id);
  e.state = EpisodeState::referred;
  validate_episode(e, protocol->joint);
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    if (const auto earlier = earlier_request(tx, actor)) {
      e = *tx.find_episode(std::stoll(*earlier));
      return;
    }
    const Patient p = visible_patient(tx, actor, e.patient_id);
    e.centre_id = p.centre_id;
    check_one_open_episode(tx.episodes_of_patient(p.id), e);
    if (e.injected_by) check_injecting_operator(tx, e.centre_id, *e.injected_by);
    std::optional<Episode> other;
    if (e.bilateral_with) {
      other = tx.find_episode(*e.bilateral_with);
      if (!other || other->patient_id != e.patient_id) {
        throw InputError("bilateral_with", "not_same_patient"_err);
      }
      if (other->side == e.side) throw InputError("bilateral_with", "not_other_hip"_err);
      if (other->bilateral_with) throw ConflictError("bilateral_with", "episode_already_linked"_err);
    }
    if (e.repeat_of) {
      const auto first = tx.find_episode(*e.repeat_of);
      if (!first || first->patient_id != e.patient_id) throw InputError("repeat_of", "not_same_patient"_err);
      if (first->side != e.side) throw InputError("repeat_of", "not_same_hip"_err);
      // A repeat treats a joint again: the earlier course must have reached its injection.
      const auto steps = tx.transitions_of(first->id);
      if (std::none_of(steps.begin(), steps.end(), [](const Transition& t) { return t.to == EpisodeState::injected; }))
        throw ConflictError("repeat_of", "repeat_before_injection"_err);
    }
    const std::string now = clock_.now_iso();
    e.id = tx.insert_episode(e, now);
    if (other) {
      other->bilateral_with = e.id;
      tx.update_episode(*other, now);
    }
    tx.insert_transition({e.id, EpisodeState::referred, EpisodeState::referred, "referral", actor.user,
                          std::string(to_string(actor.role)), now, clock_.today()});
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "episode.create", "episode", std::to_string(e.id),
                                "protocol " + e.protocol_id));
    remember_request(tx, actor, std::to_string(e.id), now);
  });
  return e;
}

EpisodeRecord Pathway::episode_record(const Actor& actor, std::int64_t episode_id) {
  require(actor, Permission::patient_read);
  EpisodeRecord r;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    r.episode = centre_visible_episode(tx, actor, episode_id);
    r.schedule = tx.schedule_of(episode_id);
    r.transitions = tx.transitions_of(episode_id);
    r.eligibility = tx.eligibility_of(episode_id);
    tx.append_audit(
        audit_entry(clock_, actor, r.episode.centre_id, "episode.read", "episode", std::to_string(episode_id)));
  });
  return r;
}

bool step_on_the_product(const std::string& protocol_id, EpisodeState to) {
  const bool product_step =
      to == EpisodeState::harvested || to == EpisodeState::product_released || to == EpisodeState::injected;
  return product_step && load_protocol(protocol_id)->anchors.count("harvest") > 0;
}

// The product's steps, each with its scan (the wristband in theatre, a second person of the
// lab at release, the product beside the wristband at the bedside), are taken on the
// product: the episode follows it. Moving the episode by hand would skip every check.
Episode Pathway::advance(const Actor& actor, std::int64_t episode_id, const TransitionRequest& req) {
  require_transition(actor, to_string(req.to));
  Episode e;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode now = centre_visible_episode(tx, actor, episode_id);
    if (step_on_the_product(now.protocol_id, req.to)) {
      check_transition(now.state, req.to, req.reason);  // a step never allowed from here says so first
      throw ConflictError("to", "step_on_the_product"_err, {{"to", std::string(to_string(req.to))}});
    }
    e = advance_in(tx, actor, episode_id, req);
  });
  return e;
}

Episode Pathway::advance_in(store::Transaction& tx, const Actor& actor, std::int64_t episode_id,
                            const TransitionRequest& req, const std::function<void(Episode&)>& complete) {
  Episode e;
  {
    e = centre_visible_episode(tx, actor, episode_id);
    if (complete) complete(e);
    check_transition(e.state, req.to, req.reason);
    const auto protocol = load_protocol(e.protocol_id);
    const CivilDate on = req.on.value_or(clock_.today());
    // A transition records what happened: never on a day still to come, never before
    // the step it follows (a history must read in order).
    if (on > clock_.today()) throw InputError("on", "in_the_future"_err);
    const auto history = tx.transitions_of(episode_id);
    if (!history.empty() && on < history.back().on)
      throw InputError("on", "before_previous_step"_err, {{"previous", history.back().on.iso()}});
    auto items = tx.schedule_of(episode_id);
    switch (req.to) {
      case EpisodeState::eligible: {
        // Eligibility is decided by the rules, or by a clinician who reviewed the cautions.
        const auto assessments = tx.eligibility_of(episode_id);
        if (assessments.empty()) throw ConflictError("state", "eligibility_not_assessed"_err);
        const std::string& decision = assessments.back().decision;
        if (decision == "ineligible") throw ConflictError("state", "assessed_ineligible"_err);
        if (decision == "needs_review" && req.reason.empty()) {
          throw InputError("reason", "assessment_needs_review"_err);
        }
        break;
      }
      case EpisodeState::scheduled:
        if (const auto patient = tx.find_patient(e.patient_id); !patient || !patient->consent.treatment)
          throw ConflictError("consent", "consent_required"_err);
        if ((protocol->anchors.count("harvest") && !e.harvest_date) ||
            (protocol->anchors.count("injection") && !e.injection_date)) {
          throw ConflictError("state", "plan_before_scheduling"_err);
        }
        items = reschedule(*protocol, anchors_of(e, *protocol), items);
        break;
      case EpisodeState::harvested:
        // No cells are taken without the treatment consent the centre asks for now, signed
        // and witnessed (on paper where it publishes none: the patient's flag).
        if (!treatment_consent_current(tx, e)) throw ConflictError("consent", "consent_not_signed"_err);
        // The cell source is asked of a protocol that harvests cells.
        if (!e.cell_source && protocol->anchors.count("harvest"))
          throw InputError("cell_source", "cell_source_required"_err);
        if (e.injection_date && *e.injection_date < on) e.injection_date = on;
        e.harvest_date = on;
        items = reschedule(*protocol, anchors_of(e, *protocol), items);
        mark_done(items, "harvest", on);
        break;
      case EpisodeState::injected:
        if (!e.guidance) throw InputError("guidance", "guidance_required"_err);
        // Who injected is what the registry compares operators by: asked with the step.
        if (!e.injected_by && protocol->anchors.count("injection"))
          throw InputError("injected_by", "injected_by_required"_err);
        if (e.harvest_date && on < *e.harvest_date) throw InputError("on", "injection_before_harvest"_err);
        e.injection_date = on;
        items = reschedule(*protocol, anchors_of(e, *protocol), items);
        mark_done(items, "injection", on);
        break;
      case EpisodeState::converted_to_thr:
      case EpisodeState::lost_to_follow_up:
      case EpisodeState::withdrawn:
        if (e.injection_date && on < *e.injection_date) throw InputError("on", "before_injection"_err);
        break;
      default:
        break;
    }
    const std::string now = clock_.now_iso();
    Transition t{episode_id, e.state, req.to, req.reason, actor.user, std::string(to_string(actor.role)), now, on};
    e.state = req.to;
    tx.update_episode(e, now);
    tx.replace_schedule(episode_id, items);
    tx.insert_transition(t);
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "episode.transition", "episode", std::to_string(episode_id),
                                std::string(to_string(t.from)) + " -> " + std::string(to_string(t.to))));
  }
  return e;
}

EpisodeRecord Pathway::plan(const Actor& actor, std::int64_t episode_id, std::optional<CivilDate> harvest,
                            std::optional<CivilDate> injection, const std::string& reason, bool* changed) {
  require(actor, Permission::schedule_plan);
  const CivilDate today = clock_.today();
  for (const auto& [date, field] : {std::pair{harvest, "harvest"}, std::pair{injection, "injection"}})
    if (date) check_plan_date(*date, today, field);
  if (reason.size() > 500) throw InputError("reason", "too_many_bytes"_err, {{"max", 500}});
  EpisodeRecord r;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    Episode e = centre_visible_episode(tx, actor, episode_id);
    if (plans_nothing_new(e, harvest, injection, changed)) return read_record(tx, e, r);
    // A plan dated before today records a decision made earlier: it says why.
    for (const auto& date : {harvest, injection})
      if (date) check_past_plan_reason(*date, today, reason);
    const auto done = tx.schedule_of(episode_id);
    const bool harvested = std::any_of(done.begin(), done.end(),
                                       [](const auto& s) { return s.id == "harvest" && s.status == ItemStatus::done; });
    if (harvested && harvest && harvest != e.harvest_date) {
      throw ConflictError("harvest", "harvest_already_done"_err);
    }
    check_centre_books(tx, e, harvest, injection, today);
    if (harvest) e.harvest_date = harvest;
    if (injection) e.injection_date = injection;
    if (e.harvest_date && e.injection_date && *e.injection_date < *e.harvest_date) {
      throw InputError("injection", "before_harvest_date"_err);
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
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    e = centre_visible_episode(tx, actor, episode_id);
    const Episode before = e;
    if (d.kl_grade) e.kl_grade = d.kl_grade;
    if (d.tonnis_grade) e.tonnis_grade = d.tonnis_grade;
    if (d.cell_source) e.cell_source = d.cell_source;
    if (d.guidance) e.guidance = d.guidance;
    if (d.injected_by && d.injected_by != e.injected_by) {
      check_injecting_operator(tx, e.centre_id, *d.injected_by);
      e.injected_by = d.injected_by;
    }
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
    const bool done_changed =
        before.cell_source != e.cell_source || before.guidance != e.guidance || before.injected_by != e.injected_by;
    note("cell_source", name(before.cell_source), name(e.cell_source));
    note("guidance", name(before.guidance), name(e.guidance));
    note("injected_by", before.injected_by.value_or("-"), e.injected_by.value_or("-"));
    // After the injection they say what was done: a change is a correction, with why.
    if (done_changed && injected(tx, before) && d.reason.find_first_not_of(" \t\r\n") == std::string::npos)
      throw InputError("reason", "injection_change_reason_required"_err);
    if (!d.reason.empty()) detail += "; reason: " + d.reason;
    tx.update_episode(e, clock_.now_iso());
    tx.append_audit(
        audit_entry(clock_, actor, e.centre_id, "episode.update", "episode", std::to_string(episode_id), detail));
  });
  return e;
}

std::vector<std::string> Pathway::injecting_operators(const Actor& actor, std::int64_t episode_id) {
  require(actor, Permission::episode_update);
  std::vector<std::string> out;
  store_.read([&](store::Transaction& tx) {
    const Episode e = centre_visible_episode(tx, actor, episode_id);
    const auto roles = roles_for_transition("injected");
    for (const auto& a : tx.list_accounts(e.centre_id))
      if (!a.disabled && std::find(roles.begin(), roles.end(), a.role) != roles.end()) out.push_back(a.username);
  });
  std::sort(out.begin(), out.end());
  return out;
}

EligibilityResult Pathway::assess_eligibility(const Actor& actor, std::int64_t episode_id,
                                              const RecordedFindings& recorded) {
  require(actor, Permission::eligibility_assess);
  EligibilityResult result;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    Episode e = centre_visible_episode(tx, actor, episode_id);
    const auto protocol = load_protocol(e.protocol_id);
    const Findings findings = check_findings(recorded, protocol->eligibility);
    result = rp::assess_eligibility(protocol->eligibility, findings);
    if (auto kl = findings.find("kl_grade"); kl != findings.end()) {
      e.kl_grade = static_cast<int>(kl->second);
      tx.update_episode(e, clock_.now_iso());
    }
    tx.insert_eligibility({0, episode_id, store::findings_json(recorded), std::string(to_string(result.decision)),
                           store::reasons_json(result.reasons), actor.user, clock_.now_iso()});
    tx.append_audit(audit_entry(clock_, actor, e.centre_id, "eligibility.assess", "episode", std::to_string(episode_id),
                                std::string(to_string(result.decision))));
  });
  return result;
}

ScheduledItem Pathway::mark_item(const Actor& actor, std::int64_t episode_id, const std::string& item_id,
                                 ItemStatus status, std::optional<CivilDate> on, bool* changed) {
  require(actor, Permission::schedule_mark);
  ScheduledItem out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = centre_visible_episode(tx, actor, episode_id);
    auto items = tx.schedule_of(episode_id);
    auto it = std::find_if(items.begin(), items.end(), [&](const auto& s) { return s.id == item_id; });
    if (it == items.end())
      throw NotFoundError("item", "episode_item_not_found"_err,
                          {{"episode", std::to_string(episode_id)}, {"item", item_id}});
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
