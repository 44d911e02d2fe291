// Questionnaires submitted by staff, by the patient in the portal or through a link:
// validated and scored before any transaction opens, stored with their audit row, and
// the time point marked done once every instrument it lists is answered.
#include <algorithm>
#include <utility>

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/instruments/score_rules.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"
#include "service/instrument_forms.hpp"
#include "service/instrument_wordings.hpp"
#include "service/protocols.hpp"
#include "service/submissions.hpp"
#include "service/time_point_links.hpp"
#include "store/json_columns.hpp"
#include "store/response_scores.hpp"

namespace rp::service {
namespace {

instruments::InstrumentId instrument_of(const std::string& key) {
  auto id = instruments::parse_instrument_key(key);
  if (!id) throw InputError("instrument", "unknown_instrument"_err, {{"instrument", key}});
  return *id;
}

// The scores as kept: the scores_json record and the typed rows the outcome read uses.
struct KeptScores {
  std::string json;
  std::vector<store::ResponseScore> typed;
};

// Validates and scores before any transaction opens: bad answers write nothing.
KeptScores scored(instruments::InstrumentId id, const instruments::SentAnswers& answers) {
  const auto parsed = instruments::answers_from(answers);
  const auto scores = instruments::score(id, parsed);
  instruments::require_a_score(scores, parsed);
  return {store::scores_json(scores), store::typed_scores(scores)};
}

// The instrument a link submission answers: the one named, which the link must still ask
// for, or the only one left.
std::string chosen_instrument(const std::vector<std::string>& asked, const std::string& named) {
  std::string list;
  for (const auto& k : asked) list += (list.empty() ? "" : ", ") + k;
  if (named.empty()) {
    if (asked.size() == 1) return asked.front();
    throw InputError("instrument", "link_asks_several"_err, {{"asked", list}});
  }
  if (std::find(asked.begin(), asked.end(), named) == asked.end())
    throw InputError("instrument", "not_asked_by_link"_err,
                     {{"instrument", named}, {"asked", list.empty() ? "nothing" : list}});
  return named;
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

}  // namespace

std::function<void(store::Transaction&)> Submissions::questionnaire_write(
    const Actor& actor, std::int64_t episode_id, QuestionnaireSubmission s,
    std::shared_ptr<SubmittedQuestionnaire> out) const {
  if (actor.role != Role::patient) require(actor, Permission::questionnaire_submit);
  if (actor.role == Role::patient) patient_instrument(s.instrument);  // never a clinician's form
  const auto id = instrument_of(s.instrument);
  if (s.item_id.size() > 64) throw InputError("item_id", "too_many_bytes"_err, {{"max", 64}});
  if (s.idempotency_key.size() > 128) throw InputError("Idempotency-Key", "too_many_bytes"_err, {{"max", 128}});
  KeptScores scores = scored(id, s.answers);
  // Owns everything it uses: with write_then it runs after the caller has returned.
  return [clock = clock_, actor, episode_id, s = std::move(s), scores = std::move(scores),
          out = std::move(out)](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    if (!s.idempotency_key.empty()) {
      if (auto earlier = tx.find_response_by_key(actor.user, s.idempotency_key)) {
        if (earlier->episode_id != episode_id || earlier->instrument != s.instrument)
          throw ConflictError("Idempotency-Key", "submission_key_reused"_err);
        *out = {*earlier, true};
        return;
      }
    }
    check_time_point(*load_protocol(e.protocol_id), s.item_id, s.instrument);
    store::QuestionnaireResponseRow r{0,
                                      episode_id,
                                      e.centre_id,
                                      s.instrument,
                                      s.item_id,
                                      store::answers_json(s.answers),
                                      scores.json,
                                      actor.role == Role::patient ? "patient" : "staff",
                                      actor.user,
                                      clock.now_iso(),
                                      s.idempotency_key};
    r.wording_version = wording_in_use(tx, s.instrument);
    r.scores = scores.typed;
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
  store_.write(record_scope(actor), questionnaire_write(actor, episode_id, s, out));
  return *out;
}

void Submissions::submit_questionnaire_then(const Actor& actor, std::int64_t episode_id, QuestionnaireSubmission s,
                                            std::function<void(std::function<SubmittedQuestionnaire()>)> done) {
  auto out = std::make_shared<SubmittedQuestionnaire>();
  auto write = questionnaire_write(actor, episode_id, std::move(s), out);  // bad input throws here, unwritten
  store_.write_then(record_scope(actor), std::move(write),
                    [out, done = std::move(done)](const std::exception_ptr& error) {
                      done([out, error] {
                        if (error) std::rethrow_exception(error);
                        return *out;
                      });
                    });
}

SubmittedQuestionnaire Submissions::submit_by_link(const std::string& token, const std::string& instrument,
                                                   const instruments::SentAnswers& answers) {
  // The instruments are known only from the token: look them up, then score outside the write.
  const LinkAsks asks = link_info(token);
  const std::string key = chosen_instrument(asks.instruments, instrument);
  const KeptScores scores = scored(instrument_of(key), answers);
  SubmittedQuestionnaire out;
  store_.write([&](store::Transaction& tx) {
    auto t = auth_.find_link(tx, token);  // again inside the transaction: spent exactly once
    auto e = tx.find_episode(t.episode_id.value_or(0));
    if (!e) throw NotFoundError("token", "link_spent"_err);
    auto left = still_asked(tx, t, e->protocol_id);
    chosen_instrument(left, key);  // answered meanwhile (another tab): refused, nothing written
    const Actor link_actor{"link:patient:" + std::to_string(t.patient_id), Role::patient, e->centre_id, false,
                           t.patient_id};
    store::QuestionnaireResponseRow r{
        0,      e->id,           e->centre_id,     key, t.item_id, store::answers_json(answers), scores.json,
        "link", link_actor.user, clock_.now_iso(), ""};
    r.wording_version = wording_in_use(tx, key);
    r.scores = scores.typed;
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
    if (!e) throw NotFoundError("token", "link_spent"_err);
    out.instruments = still_asked(tx, out.link, e->protocol_id);
    if (!out.link.item_id.empty()) out.answered = tx.instruments_answered(e->id, out.link.item_id);
  });
  return out;
}

std::vector<store::QuestionnaireResponseRow> Submissions::questionnaires(const Actor& actor, std::int64_t episode_id) {
  return audited_episode_read(store_, clock_, actor, episode_id, "questionnaire.read",
                              [&](store::Transaction& tx) { return tx.responses_of(episode_id); });
}

}  // namespace rp::service
