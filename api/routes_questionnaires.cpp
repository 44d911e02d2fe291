// Questionnaires: the instruments, submissions by staff (scored at once), the list with
// scores, and single-use links a patient answers without signing in.
#include "api/answers_json.hpp"
#include "api/contract/instruments.hpp"
#include "api/contract/questionnaires.hpp"
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "api/json_records.hpp"
#include "api/routes.hpp"
#include "domain/instruments/registry.hpp"
#include "service/instrument_forms.hpp"
#include "service/instrument_wordings.hpp"

namespace rp::api {
namespace {

http::Response submitted(const service::SubmittedQuestionnaire& s) {
  auto res = ok(to_json(s.row), s.replayed ? 200 : 201);
  if (s.replayed) res.headers.emplace_back("Idempotent-Replayed", "true");
  return res;
}

}  // namespace

http::Response submit_questionnaire(Services& s, http::Call& c) {
  auto q = decode_questionnaire(http::parse_json_object(c.request.body));
  q.idempotency_key = c.request.idempotency_key;
  return submitted(s.submissions.submit_questionnaire(c.actor, episode_param(c), q));
}

void add_questionnaire_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/instruments",
         "The instruments regenpath scores: item ids, scores, and the form (each question's text in English and "
         "Persian, type, range or options with labels)",
         http::kPublic,
         {},
         "",
         false,
         false,
         [&s](http::Call&) {
           const auto forms = service::forms_in_use(s.store);
           std::vector<contract::InstrumentOut> out;
           for (const auto& d : instruments::all_instruments()) {
             contract::InstrumentOut i{std::string(d.key), std::string(d.title), d.clinician_completed};
             for (const auto& item : d.item_ids) i.items.emplace_back(item);
             for (const auto& sc : d.scores) i.scores.emplace_back(sc.name);
             i.not_for_patients = service::not_for_patients(d);
             i.patient_fillable = i.not_for_patients.empty();
             const auto form = forms.find(i.key);
             if (form != forms.end()) i.form = contract::instrument_form_out(form->second);
             out.push_back(std::move(i));
           }
           return out;
         }});
  r.add({"POST",
         "/api/v1/instrument-wordings",
         "Loads the clinic's licensed, validated wording of an instrument (a FHIR R4 Questionnaire with the "
         "translation extension for Persian), checked against the instrument's structure and kept as a new version",
         service::Permission::wording_load,
         {},
         "{instrument?, questionnaire: Questionnaire}: the same answerable items (linkIds, count, order), types, "
         "ranges and answer codes as the instrument; a version is required",
         true,
         false,
         // The Questionnaire is passed on as its text: the store's reader checks it.
         [&s](http::Call& c, const contract::NewWording& in) {
           return http::Created<contract::WordingOut>{contract::wording_out(
               service::load_wording(s.store, s.clock, c.actor, in.questionnaire.dump(), in.instrument.value_or("")))};
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/questionnaires",
         "Submits a questionnaire: validated, scored and stored durably with its audit row; an Idempotency-Key "
         "makes a retry return the first submission",
         service::Permission::questionnaire_submit,
         {},
         "{instrument, item_id?, answers: {item: value}}. item_id is a questionnaire time point of the "
         "episode's protocol (prom-6w, ...) that lists the instrument. Answers from which the instrument's "
         "missing-item rule computes no score are refused; `unscored` names the scores it withheld",
         true,
         true,
         // No thread waits for the group commit. A replay answers 200.
         http::answering<contract::QuestionnaireResponseOut>(
             http::taking<contract::NewQuestionnaire>([&s](http::Call& c, http::Reply reply) {
               auto q = decode_questionnaire(http::parse_json_object(c.request.body));
               q.idempotency_key = c.request.idempotency_key;
               s.submissions.submit_questionnaire_then(
                   c.actor, episode_param(c), std::move(q),
                   [reply = std::move(reply)](std::function<service::SubmittedQuestionnaire()> result) {
                     reply([result = std::move(result)] { return submitted(result()); });
                   });
             }),
             201)});
  r.add({"GET",
         "/api/v1/episodes/{episode_id}/questionnaires",
         "The episode's questionnaire responses with scores",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           std::vector<contract::QuestionnaireResponseOut> out;
           for (const auto& q : s.submissions.questionnaires(c.actor, episode_param(c)))
             out.push_back(contract::questionnaire_response_out(q));
           return out;
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/questionnaire-links",
         "Issues a single-use questionnaire link (128-bit random token, expires) for the patient to answer",
         service::Permission::link_issue,
         {},
         "{instrument?, item_id?}: one instrument a patient fills (never a clinician's form or a derived score), "
         "or, without an instrument, every questionnaire of the time point item_id in one sitting",
         true,
         false,
         [&s](http::Call& c, const contract::LinkRequest& in) {
           const auto link =
               s.auth.issue_link(c.actor, episode_param(c), in.instrument.value_or(""), in.item_id.value_or(""));
           return http::Created<contract::LinkIssued>{{link.token, "/q/" + link.token, link.expires_at}};
         }});
  r.add({"GET",
         "/api/v1/q/{token}",
         "What a questionnaire link asks for (no identifying data): the instruments still to answer, in order, "
         "and those of its time point answered already",
         http::kPublic,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto a = s.submissions.link_info(c.request.params.at("token"));
           return contract::LinkAsksOut{a.instruments.empty() ? "" : a.instruments.front(), a.instruments, a.answered,
                                        a.link.item_id, a.link.expires_at};
         }});
  r.add({"POST",
         "/api/v1/q/{token}",
         "Answers one questionnaire of a link, saved as its own answer set; the link is spent once every "
         "questionnaire it asks for is answered",
         http::kPublic,
         {},
         "{instrument?, answers: {item: value}}: instrument is required while the link asks for several",
         false,
         false,
         [&s](http::Call& c, const contract::LinkAnswersIn& in) {
           const auto done = s.submissions.submit_by_link(c.request.params.at("token"), in.instrument.value_or(""),
                                                          sent_answers(in.answers));
           const auto response = contract::questionnaire_response_out(done.row);
           return http::Created<contract::LinkAnswered>{
               {response.instrument, response.scores, response.unscored, response.wording_version, done.still_asked}};
         }});
}

}  // namespace rp::api
