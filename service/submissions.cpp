#include "service/submissions.hpp"

#include <algorithm>
#include <utility>

#include "base/error.hpp"
#include "domain/instruments/answers_json.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/instruments/score_rules.hpp"
#include "service/episode_access.hpp"
#include "service/instrument_forms.hpp"
#include "service/instrument_wordings.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"
#include "service/time_point_links.hpp"

namespace rp::service {
namespace {

instruments::InstrumentId instrument_of(const std::string& key) {
  auto id = instruments::parse_instrument_key(key);
  if (!id) throw InputError("instrument", "unknown instrument '" + key + "'");
  return *id;
}

// Validates and scores before any transaction opens: bad answers write nothing.
std::string scored_json(instruments::InstrumentId id, const nlohmann::json& answers) {
  if (!answers.is_object()) throw InputError("answers", "must be an object of item id to answer");
  const auto parsed = instruments::answers_from_json(answers);
  const auto scores = instruments::score(id, parsed);
  instruments::require_a_score(scores, parsed);
  return instruments::scores_to_json(scores).dump();
}

// The instrument a link submission answers: the one named, which the link must still ask
// for, or the only one left.
std::string chosen_instrument(const std::vector<std::string>& asked, const std::string& named) {
  std::string list;
  for (const auto& k : asked) list += (list.empty() ? "" : ", ") + k;
  if (named.empty()) {
    if (asked.size() == 1) return asked.front();
    throw InputError("instrument", "is required: this link asks for several questionnaires (" + list + ")");
  }
  if (std::find(asked.begin(), asked.end(), named) == asked.end())
    throw InputError("instrument", "'" + named + "' is not asked by this link, or is answered already (asked: " +
                                       (list.empty() ? "nothing" : list) + ")");
  return named;
}

EpisodeTimeline read_timeline(store::Transaction& tx, const Actor& actor, std::int64_t episode_id) {
  EpisodeTimeline t;
  t.record.episode = visible_episode(tx, actor, episode_id);
  t.record.schedule = tx.schedule_of(episode_id);
  t.record.transitions = tx.transitions_of(episode_id);
  t.record.eligibility = tx.eligibility_of(episode_id);
  t.questionnaires = tx.responses_of(episode_id);
  t.events = tx.adverse_events_of(episode_id);
  return t;
}

// A questionnaire time point (prom-2w, prom-6m, ...) is done once every instrument the
// protocol lists for it has an answer given for it: the schedule then shows it done on
// the clinic's day, and it leaves the worklist and the patient's list of things to fill.
void complete_time_point_when_answered(store::Transaction& tx, const Episode& e, const std::string& item_id,
                                       const CivilDate& day) {
  if (item_id.empty()) return;
  // The one item, not the whole schedule: this runs inside the group commit.
  auto item = tx.schedule_item(e.id, item_id);
  if (!item || item->kind != "questionnaire" || item->status != ItemStatus::planned) return;
  const ProtocolItem* p = load_protocol(e.protocol_id)->find_item(item_id);
  if (!p || p->instruments.empty()) return;
  const auto answered = tx.instruments_answered(e.id, item_id);
  for (const auto& instrument : p->instruments)
    if (std::find(answered.begin(), answered.end(), instrument) == answered.end()) return;
  item->status = ItemStatus::done;
  item->done_on = day;
  tx.update_schedule_item_status(e.id, *item);
}

store::AuditEntry timeline_audit(const Clock& clock, const Actor& actor, const std::string& centre,
                                 std::int64_t episode_id) {
  return audit_entry(clock, actor, centre, "episode.read", "episode", std::to_string(episode_id), "timeline");
}

}  // namespace

std::function<void(store::Transaction&)> Submissions::questionnaire_write(
    const Actor& actor, std::int64_t episode_id, QuestionnaireSubmission s,
    std::shared_ptr<SubmittedQuestionnaire> out) const {
  if (actor.role != "patient") require(actor, Permission::questionnaire_submit);
  if (actor.role == "patient") patient_instrument(s.instrument);  // never a clinician's form
  const auto id = instrument_of(s.instrument);
  if (s.item_id.size() > 64) throw InputError("item_id", "must be at most 64 bytes");
  if (s.idempotency_key.size() > 128) throw InputError("Idempotency-Key", "must be at most 128 bytes");
  std::string scores = scored_json(id, s.answers);
  // Owns everything it uses: with write_then it runs after the caller has returned.
  return [clock = clock_, actor, episode_id, s = std::move(s), scores = std::move(scores),
          out = std::move(out)](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    if (!s.idempotency_key.empty()) {
      if (auto earlier = tx.find_response_by_key(actor.user, s.idempotency_key)) {
        if (earlier->episode_id != episode_id || earlier->instrument != s.instrument)
          throw ConflictError("Idempotency-Key", "this key was used for another submission");
        *out = {*earlier, true};
        return;
      }
    }
    check_time_point(*load_protocol(e.protocol_id), s.item_id, s.instrument);
    store::QuestionnaireResponseRow r{
        0,          episode_id,       e.centre_id,      s.instrument,
        s.item_id,  s.answers.dump(), scores,           actor.role == "patient" ? "patient" : "staff",
        actor.user, clock.now_iso(),  s.idempotency_key};
    r.wording_version = wording_in_use(tx, s.instrument);
    r.id = tx.insert_questionnaire_response(r);
    complete_time_point_when_answered(tx, e, s.item_id, clock.today());
    tx.append_audit(audit_entry(clock, actor, e.centre_id, "questionnaire.submit", "episode",
                                std::to_string(episode_id), s.instrument));
    *out = {r, false};
  };
}

SubmittedQuestionnaire Submissions::submit_questionnaire(const Actor& actor, std::int64_t episode_id,
                                                         const QuestionnaireSubmission& s) {
  auto out = std::make_shared<SubmittedQuestionnaire>();
  store_.write(questionnaire_write(actor, episode_id, s, out));
  return *out;
}

void Submissions::submit_questionnaire_then(const Actor& actor, std::int64_t episode_id, QuestionnaireSubmission s,
                                            std::function<void(std::function<SubmittedQuestionnaire()>)> done) {
  auto out = std::make_shared<SubmittedQuestionnaire>();
  auto write = questionnaire_write(actor, episode_id, std::move(s), out);  // bad input throws here, unwritten
  store_.write_then(std::move(write), [out, done = std::move(done)](const std::exception_ptr& error) {
    done([out, error] {
      if (error) std::rethrow_exception(error);
      return *out;
    });
  });
}

SubmittedQuestionnaire Submissions::submit_by_link(const std::string& token, const std::string& instrument,
                                                   const nlohmann::json& answers) {
  // The instruments are known only from the token: look them up, then score outside the write.
  const LinkAsks asks = link_info(token);
  const std::string key = chosen_instrument(asks.instruments, instrument);
  const std::string scores = scored_json(instrument_of(key), answers);
  SubmittedQuestionnaire out;
  store_.write([&](store::Transaction& tx) {
    auto t = auth_.find_link(tx, token);  // again inside the transaction: spent exactly once
    auto e = tx.find_episode(t.episode_id.value_or(0));
    if (!e) throw NotFoundError("token", "this link is unknown, used or expired");
    auto left = still_asked(tx, t, e->protocol_id);
    chosen_instrument(left, key);  // answered meanwhile (another tab): refused, nothing written
    const Actor link_actor{"link:patient:" + std::to_string(t.patient_id), "patient", e->centre_id, false,
                           t.patient_id};
    store::QuestionnaireResponseRow r{0,      e->id,           e->centre_id,     key, t.item_id, answers.dump(), scores,
                                      "link", link_actor.user, clock_.now_iso(), ""};
    r.wording_version = wording_in_use(tx, key);
    r.id = tx.insert_questionnaire_response(r);
    complete_time_point_when_answered(tx, *e, t.item_id, clock_.today());
    std::erase(left, key);
    if (left.empty()) {
      t.used_at = clock_.now_iso();
      tx.update_access_token(t);
    }
    tx.append_audit(audit_entry(clock_, link_actor, e->centre_id, "questionnaire.submit", "episode",
                                std::to_string(e->id), key + " by link"));
    out = {r, false, left};
  });
  return out;
}

Submissions::LinkAsks Submissions::link_info(const std::string& token) {
  LinkAsks out;
  store_.read([&](store::Transaction& tx) {
    out.link = auth_.find_link(tx, token);
    const auto e = tx.find_episode(out.link.episode_id.value_or(0));
    if (!e) throw NotFoundError("token", "this link is unknown, used or expired");
    out.instruments = still_asked(tx, out.link, e->protocol_id);
    if (!out.link.item_id.empty()) out.answered = tx.instruments_answered(e->id, out.link.item_id);
  });
  return out;
}

std::vector<store::QuestionnaireResponseRow> Submissions::questionnaires(const Actor& actor, std::int64_t episode_id) {
  return audited_episode_read(store_, clock_, actor, episode_id, "questionnaire.read",
                              [&](store::Transaction& tx) { return tx.responses_of(episode_id); });
}

nlohmann::json Submissions::registry_summary(const Actor& actor) {
  require(actor, Permission::registry_read);
  nlohmann::json out = {{"episodes_by_state", nlohmann::json::object()}, {"adverse_events", nlohmann::json::object()}};
  store_.write([&](store::Transaction& tx) {
    for (const auto& c : tx.episode_state_counts())
      if (actor.sees_aggregates_of(c.centre_id)) out["episodes_by_state"][c.centre_id][c.key] = c.count;
    for (const auto& c : tx.adverse_event_counts())
      if (actor.sees_aggregates_of(c.centre_id)) out["adverse_events"][c.centre_id][c.key] = c.count;
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "registry.summary", "registry", ""));
  });
  return out;
}

EpisodeTimeline Submissions::timeline(const Actor& actor, std::int64_t episode_id) {
  require(actor, Permission::patient_read);
  EpisodeTimeline t;
  store_.write([&](store::Transaction& tx) {
    t = read_timeline(tx, actor, episode_id);
    tx.append_audit(timeline_audit(clock_, actor, t.record.episode.centre_id, episode_id));
  });
  return t;
}

Submissions::AuditWrite Submissions::timeline_audit_write(const Actor& actor, std::int64_t episode_id) {
  AuditWrite w;
  if (auto centre = centres_.find(episode_id)) {
    if (!actor.sees_centre(*centre)) throw NotFoundError("episode", "no episode " + std::to_string(episode_id));
    w.entry = timeline_audit(clock_, actor, *centre, episode_id);
    return w;
  }
  w.read_centre = std::make_shared<std::string>();
  w.lookup_and_row = [this, actor, episode_id, centre = w.read_centre](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    tx.append_audit(timeline_audit(clock_, actor, e.centre_id, episode_id));
    *centre = e.centre_id;
  };
  return w;
}

std::function<void(store::Transaction&)> Submissions::AuditWrite::write() const {
  if (!entry) return lookup_and_row;
  return [row = *entry](store::Transaction& tx) { tx.append_audit(row); };
}

void Submissions::AuditWrite::committed(EpisodeCentres& centres, std::int64_t episode_id) const {
  // Only once committed: an episode read inside a batch that then failed may not exist.
  if (read_centre && !read_centre->empty()) centres.remember(episode_id, *read_centre);
}

void Submissions::rendered_timeline_then(const Actor& actor, std::int64_t episode_id, std::string variant,
                                         std::function<std::string(const EpisodeTimeline&)> render,
                                         std::function<void(Fetch)> done) {
  require(actor, Permission::patient_read);
  AuditWrite audit = timeline_audit_write(actor, episode_id);
  auto entry = std::move(audit.entry);
  auto lookup_and_row = std::move(audit.lookup_and_row);
  auto then = [this, actor, episode_id, audit = std::move(audit), variant = std::move(variant),
               render = std::move(render), done = std::move(done)](const std::exception_ptr& error) {
    if (!error) audit.committed(centres_, episode_id);
    // Only after the audit row is durable (or refused) is the rendering handed out.
    done([this, actor, episode_id, variant, render, error] {
      if (error) std::rethrow_exception(error);
      return timeline_after_audit(actor, episode_id, variant, render);
    });
  };
  if (entry) {
    store_.audit_then(std::move(*entry), std::move(then));
  } else {
    store_.write_then(std::move(lookup_and_row), std::move(then));
  }
}

Submissions::Rendering Submissions::timeline_after_audit(
    const Actor& actor, std::int64_t episode_id, const std::string& variant,
    const std::function<std::string(const EpisodeTimeline&)>& render) {
  const auto generation = store_.data_generation();
  if (generation) {
    if (auto body = timelines_.find(episode_id, variant, *generation)) return body;
  }
  EpisodeTimeline t;
  store_.read([&](store::Transaction& tx) { t = read_timeline(tx, actor, episode_id); });
  auto body = std::make_shared<const CompressibleText>(render(t));
  if (generation) timelines_.put(episode_id, variant, *generation, body);
  return body;
}

PortalRecord Submissions::portal_record(const Actor& patient) {
  if (patient.role != "patient" || !patient.patient_id)
    throw ForbiddenError("role", "the portal is for signed-in patients");
  PortalRecord r;
  store_.write([&](store::Transaction& tx) {
    auto p = tx.find_patient(*patient.patient_id);
    if (!p) throw NotFoundError("patient", "no patient");
    r.patient = *p;
    r.episodes = tx.episodes_of_patient(p->id);
    for (const auto& e : r.episodes) r.schedules.push_back(tx.schedule_of(e.id));
    tx.append_audit(
        audit_entry(clock_, patient, p->centre_id, "patient.read", "patient", std::to_string(p->id), "portal"));
  });
  return r;
}

}  // namespace rp::service
