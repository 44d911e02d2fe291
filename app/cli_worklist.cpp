// worklist sub-commands: a centre's worklist as the operator reads it, and closing items
// whose window closed as missed (one, or all closed before a day) and reopening them.
// The same use cases as the API's; --by names the clinician for the audit row.
#include "api/worklist_json.hpp"
#include "app/store_options.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"
#include "service/worklist_closing.hpp"

namespace rp::app {
namespace {

struct WorklistOptions {
  std::string db = kDefaultDb;
  std::string centre, date, date_jalali, kind, patient, responsible, reason, note, by, item;
  std::int64_t episode = 0;
  int limit = 200;
};

service::Actor actor_of(const WorklistOptions& o) {
  service::Actor a = service::Actor::cli_operator();
  if (!o.by.empty()) a.user = "cli:" + o.by;
  a.centre = o.centre;
  return a;
}

std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

service::WorklistFilter filter_of(const WorklistOptions& o) {
  service::WorklistFilter f;
  f.kind = o.kind;
  f.patient = o.patient;
  f.responsible = o.responsible;
  f.limit = o.limit;
  return f;
}

service::MissedClosing closing_of(const WorklistOptions& o) {
  return {parse_missed_reason(o.reason, "reason"), o.note};
}

void filter_options(CLI::App* cmd, WorklistOptions& o) {
  cmd->add_option("--kind", o.kind, "visit, imaging, questionnaire, order (work-up tests) or hold");
  cmd->add_option("--patient", o.patient, "part of the patient's name or record number");
  cmd->add_option("--responsible", o.responsible, "coordinator, surgeon, physiotherapist or lab");
}

void item_options(CLI::App* cmd, WorklistOptions& o) {
  add_db_option(cmd, o.db);
  cmd->add_option("--episode", o.episode, "episode id")->required();
  cmd->add_option("--item", o.item, "schedule item id (visit-2w, prom-6m, workup-mri, ...)")->required();
  cmd->add_option("--by", o.by, "the clinician who decided, for the audit row");
}

const char* kReasonHelp = "patient_unreachable, declined, moved_away, clinical_reason or other";

}  // namespace

void add_worklist_commands(CLI::App& app) {
  auto* worklist = app.add_subcommand("worklist", "A centre's worklist; close items whose window closed as missed");
  worklist->require_subcommand(1);
  auto o = std::make_shared<WorklistOptions>();

  auto* list = worklist->add_subcommand("list", "The day's items, those whose window closed, and drug holds (JSON)");
  add_db_option(list, o->db);
  list->add_option("--centre", o->centre, "centre id")->required();
  list->add_option("--date", o->date, "the day, YYYY-MM-DD (default today)");
  list->add_option("--date-jalali", o->date_jalali, "the day in the Jalali calendar, YYYY/MM/DD");
  list->add_option("--limit", o->limit, "rows per section, 1-1000")->capture_default_str();
  filter_options(list, *o);
  list->callback([o] {
    auto store = open_store(o->db);
    const auto date = date_from_twins(given(o->date), given(o->date_jalali), "date");
    const auto w = service::worklist(*store, Clock::system(), actor_of(*o), date, {}, filter_of(*o));
    print_json({{"date", w.date.iso()},
                {"items", api::entries_json(w.items)},
                {"items_total", w.items_total},
                {"items_total_capped", w.items_total_capped},
                {"window_closed", api::entries_json(w.window_closed)},
                {"window_closed_total", w.window_closed_total},
                {"window_closed_total_capped", w.window_closed_total_capped},
                {"holds", api::entries_json(w.holds)},
                {"holds_total", w.holds_total}});
  });

  auto* close = worklist->add_subcommand("close", "Close one item whose window closed as missed, with a reason");
  item_options(close, *o);
  close->add_option("--reason", o->reason, kReasonHelp)->required();
  close->add_option("--note", o->note, "why, in words (required with other)");
  close->callback([o] {
    auto store = open_store(o->db);
    print_json(api::closed_json(
        service::close_missed(*store, Clock::system(), actor_of(*o), o->episode, o->item, closing_of(*o))));
  });

  auto* before = worklist->add_subcommand(
      "close-before", "Close as missed every item at a centre whose window closed before a day, with one reason");
  add_db_option(before, o->db);
  before->add_option("--centre", o->centre, "centre id")->required();
  before->add_option("--before", o->date, "the day, YYYY-MM-DD (not after today)");
  before->add_option("--before-jalali", o->date_jalali, "the day in the Jalali calendar, YYYY/MM/DD");
  before->add_option("--reason", o->reason, kReasonHelp)->required();
  before->add_option("--note", o->note, "why, in words (required with other)");
  before->add_option("--by", o->by, "the clinician who decided, for the audit row");
  filter_options(before, *o);
  before->callback([o] {
    const auto day = date_from_twins(given(o->date), given(o->date_jalali), "before");
    if (!day) throw InputError("before", "closed_before_required"_err);
    auto store = open_store(o->db);
    const auto closed =
        service::close_missed_before(*store, Clock::system(), actor_of(*o), *day, filter_of(*o), closing_of(*o));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : closed) items.push_back(api::closed_json(c));
    print_json({{"before", day->iso()}, {"closed", closed.size()}, {"items", items}});
  });

  auto* reopen = worklist->add_subcommand("reopen", "Put an item closed as missed back on the worklist, with why");
  item_options(reopen, *o);
  reopen->add_option("--reason", o->reason, "why it is reopened")->required();
  reopen->callback([o] {
    auto store = open_store(o->db);
    print_json(
        api::closed_json(service::reopen_item(*store, Clock::system(), actor_of(*o), o->episode, o->item, o->reason)));
  });
}

}  // namespace rp::app
