// event sub-commands: adverse events and red flags from the command line, as the
// operator: record one, grade it (CTCAE grade, seriousness criteria, relatedness,
// outcome, with a reason), acknowledge a red flag with what was done, triage it, list an
// episode's events.
#include "api/json_records.hpp"
#include "app/store_options.hpp"
#include "base/civil_date.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"
#include "service/submissions.hpp"

namespace rp::app {
namespace {

struct EventOptions {
  std::string db = kDefaultDb;
  std::int64_t id = 0, episode = 0;
  std::string category, severity, description, onset, related, outcome, reason, decision, by;
  std::string action, note, role;
  std::optional<int> grade;
  std::vector<std::string> serious;
};

// The operator, named after the clinician when --by is given, so the audit and the
// event's "assessed by" say who decided.
service::Actor actor_of(const EventOptions& o) {
  service::Actor a = service::Actor::cli_operator();
  if (!o.by.empty()) a.user = "cli:" + o.by;
  return a;
}

template <typename F>
void with_submissions(const EventOptions& o, F&& f) {
  auto store = open_store(o.db);
  service::Auth auth(*store, Clock::system(), {},
                     [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
  service::Submissions submissions(*store, Clock::system(), auth);
  f(submissions, actor_of(o));
}

// "--serious none" clears the criteria; otherwise each names one.
std::optional<std::vector<SeriousReason>> serious_of(const std::vector<std::string>& names) {
  if (names.empty()) return std::nullopt;
  std::vector<SeriousReason> out;
  for (const auto& n : names)
    if (n != "none") out.push_back(parse_serious_reason(n, "serious"));
  return out;
}

EventAssessment assessment_of(const EventOptions& o) {
  EventAssessment a;
  a.ctcae_grade = o.grade;
  a.serious = serious_of(o.serious).value_or(std::vector<SeriousReason>{});
  if (!o.related.empty()) a.relatedness = parse_relatedness(o.related, "related");
  if (!o.outcome.empty()) a.outcome = parse_event_outcome(o.outcome, "outcome");
  return a;
}

service::AdverseEventInput event_input(const EventOptions& o) {
  service::AdverseEventInput in{o.category, o.severity, o.description, std::nullopt, assessment_of(o)};
  if (!o.onset.empty()) in.onset = parse_gregorian_input(o.onset, "onset");
  return in;
}

void assessment_options(CLI::App* cmd, EventOptions& o) {
  cmd->add_option("--grade", o.grade, "CTCAE v5.0 grade, 1 to 5");
  cmd->add_option("--serious", o.serious,
                  "a seriousness criterion met: death, life_threatening, hospitalisation, persistent_disability, "
                  "congenital_anomaly, medically_important (repeat for several; none clears them)");
  cmd->add_option("--related", o.related, "harvest, injection or neither");
  cmd->add_option("--outcome", o.outcome, "resolved, ongoing, sequelae or death");
  cmd->add_option("--by", o.by, "the clinician who decided, for the audit row");
}

}  // namespace

void add_event_commands(CLI::App& app) {
  auto* event = app.add_subcommand("event", "Adverse events and red flags");
  event->require_subcommand(1);
  auto o = std::make_shared<EventOptions>();

  auto* add = event->add_subcommand("add", "Record an adverse event of an episode");
  add_db_option(add, o->db);
  add->add_option("--episode", o->episode, "episode id")->required();
  add->add_option("--category", o->category, "injection_site_pain, swelling, effusion, flare, ...")->required();
  add->add_option("--severity", o->severity, "the patient's word: mild, moderate, severe or serious")->required();
  add->add_option("--description", o->description, "what happened");
  add->add_option("--onset", o->onset, "the day it began, YYYY-MM-DD (default today)");
  assessment_options(add, *o);
  add->callback([o] {
    with_submissions(*o, [&](service::Submissions& s, const service::Actor& a) {
      print_json(api::to_json(s.record_adverse_event(a, o->episode, event_input(*o))));
    });
  });

  auto* grade = event->add_subcommand("grade", "Grade an adverse event; only the options given change");
  add_db_option(grade, o->db);
  grade->add_option("ID", o->id, "adverse event id")->required();
  assessment_options(grade, *o);
  grade->add_option("--reason", o->reason, "why the assessment changes")->required();
  grade->callback([o] {
    service::AssessmentChange c;
    c.ctcae_grade = o->grade;
    c.serious_reasons = serious_of(o->serious);
    if (!o->related.empty()) c.relatedness = parse_relatedness(o->related, "related");
    if (!o->outcome.empty()) c.outcome = parse_event_outcome(o->outcome, "outcome");
    c.reason = o->reason;
    with_submissions(*o, [&](service::Submissions& s, const service::Actor& a) {
      print_json(api::to_json(s.assess_adverse_event(a, o->id, c)));
    });
  });

  auto* triage = event->add_subcommand("triage", "Decide a red flag: an adverse event, or not one with why");
  add_db_option(triage, o->db);
  triage->add_option("ID", o->id, "red flag id")->required();
  triage->add_option("--decision", o->decision, "adverse_event or not_adverse_event")->required();
  triage->add_option("--reason", o->reason, "why (required for not_adverse_event)");
  triage->add_option("--category", o->category, "the adverse event's category (for adverse_event)");
  triage->add_option("--severity", o->severity, "default: the patient's word on the flag");
  triage->add_option("--description", o->description, "default: the patient's description");
  triage->add_option("--onset", o->onset, "default: the flag's onset");
  assessment_options(triage, *o);
  triage->callback([o] {
    if (o->decision != "adverse_event" && o->decision != "not_adverse_event")
      throw InputError("decision", "unknown_triage_decision"_err);
    service::RedFlagTriage t;
    t.adverse_event = o->decision == "adverse_event";
    t.reason = o->reason;
    if (t.adverse_event) {
      if (o->category.empty()) throw InputError("category", "adverse_category_required"_err);
      t.event = event_input(*o);
    }
    with_submissions(*o, [&](service::Submissions& s, const service::Actor& a) {
      const auto out = s.triage_red_flag(a, o->id, t);
      print_json({{"red_flag", api::to_json(out.flag)},
                  {"adverse_event", out.event ? api::to_json(*out.event) : nlohmann::json(nullptr)}});
    });
  });

  auto* ack = event->add_subcommand(
      "acknowledge",
      "Acknowledge a patient's red flag, recording what was done; the patient's portal shows it was "
      "seen, by the role given");
  add_db_option(ack, o->db);
  ack->add_option("ID", o->id, "red flag id")->required();
  ack->add_option("--action", o->action, "called, asked_to_come_in or referred_to_emergency")->required();
  ack->add_option("--note", o->note, "what was said or arranged (optional)");
  ack->add_option("--by", o->by, "the clinician who acted, for the audit row");
  ack->add_option("--role", o->role,
                  "the clinician's role, which the patient sees: surgeon, coordinator or physiotherapist "
                  "(default: clinician)");
  ack->callback([o] {
    with_submissions(*o, [&](service::Submissions& s, const service::Actor& a) {
      print_json(api::to_json(s.acknowledge_red_flag(a, o->id, {o->action, o->note, o->role})));
    });
  });

  auto* list = event->add_subcommand("list", "An episode's adverse events and red flags");
  add_db_option(list, o->db);
  list->add_option("--episode", o->episode, "episode id")->required();
  list->callback([o] {
    with_submissions(*o, [&](service::Submissions& s, const service::Actor& a) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : s.adverse_events(a, o->episode)) out.push_back(api::to_json(e));
      print_json(out);
    });
  });
}

}  // namespace rp::app
