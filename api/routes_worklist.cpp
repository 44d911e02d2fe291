// The staff worklist: one read of everything at the caller's centre that needs someone
// today. Red flags are acknowledged through POST /api/v1/red-flags/{event_id}/acknowledge
// and leave the worklist once triaged (POST /api/v1/red-flags/{event_id}/triage).
#include "api/json_pathway.hpp"
#include "api/routes.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"
#include "service/worklist.hpp"

namespace rp::api {
namespace {

// Who every worklist row is about, as flat fields.
nlohmann::json row_json(const store::WorklistPatient& w) {
  return {{"patient_id", w.patient_id}, {"mrn", w.mrn},
          {"name_fa", w.name_fa},       {"name_latin", w.name_latin},
          {"episode_id", w.episode_id}, {"side", to_string(w.side)},
          {"state", to_string(w.state)}};
}

nlohmann::json entry_json(const service::WorklistEntry& e) {
  nlohmann::json row = row_json(e.who);
  row["item"] = {{"id", e.item.id},
                 {"kind", e.item.kind},
                 {"title", to_json(e.title)},
                 {"due", e.item.start.iso()},
                 {"due_jalali", to_jalali(e.item.start).iso()},
                 {"ends", e.item.end.iso()},
                 {"window_from", e.item.window_start.iso()},
                 {"window_to", e.item.window_end.iso()},
                 {"status", to_string(e.status)},
                 {"needs_prescriber_approval", e.needs_prescriber_approval}};
  return row;
}

nlohmann::json entries_json(const std::vector<service::WorklistEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) out.push_back(entry_json(e));
  return out;
}

nlohmann::json worklist_json(const service::Worklist& w) {
  nlohmann::json flags = nlohmann::json::array(), products = nlohmann::json::array();
  for (const auto& f : w.red_flags) {
    nlohmann::json row = row_json(f.who);
    row["red_flag"] = {{"id", f.event.id},
                       {"category", f.event.category},
                       {"severity", f.event.severity},
                       {"description", f.event.description},
                       {"onset", f.event.onset_date},
                       {"reported_by", f.event.reported_by},
                       {"reported_at", f.event.reported_at},
                       {"status", f.event.status},
                       {"acknowledged_by", f.event.acknowledged_by},
                       {"acknowledged_at", f.event.acknowledged_at}};
    // What was done on acknowledging it, and the number to call from its card.
    nlohmann::json& flag = row["red_flag"];
    flag["acknowledged_role"] = f.event.acknowledged_role;
    flag["ack_action"] = f.event.ack_action.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.event.ack_action);
    flag["ack_note"] = f.event.ack_note;
    if (!f.mobile.empty()) row["mobile"] = f.mobile;  // only for the roles shown it in lists
    flags.push_back(row);
  }
  for (const auto& p : w.awaiting_release) {
    nlohmann::json row = row_json(p.who);
    row["harvest_date"] = p.harvest_date ? nlohmann::json(p.harvest_date->iso()) : nullptr;
    row["days_since_harvest"] = p.days_since_harvest ? nlohmann::json(*p.days_since_harvest) : nullptr;
    products.push_back(row);
  }
  nlohmann::json guesses = nlohmann::json::array();
  for (const auto& g : w.code_guesses) {
    guesses.push_back({{"patient_id", g.patient_id},
                       {"mrn", g.mrn},
                       {"name_fa", g.name_fa},
                       {"name_latin", g.name_latin},
                       {"wrong_codes", g.wrong_codes},
                       {"last_wrong_at", g.last_wrong_at}});
  }
  return {{"date", w.date.iso()},
          {"date_jalali", to_jalali(w.date).iso()},
          {"visits", entries_json(w.visits)},
          {"questionnaires", entries_json(w.questionnaires)},
          {"holds", entries_json(w.holds)},
          {"red_flags", flags},
          {"awaiting_release", products},
          {"code_guesses", guesses}};
}

}  // namespace

void add_worklist_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/worklist",
         "The day's worklist at the caller's centre: visits due or overdue, questionnaires outstanding, drug "
         "holds starting within 7 days, open red flags (newest first), products awaiting release, and patients "
         "whose sign-in code is being guessed (wrong codes typed for their mobile number within a day)",
         roles::kClinical,
         {{"date", "the day, Gregorian YYYY-MM-DD, any digits (default: the clinic's today, Asia/Tehran)", false},
          {"date_jalali", "the day in the Jalali calendar, YYYY/MM/DD, any digits (instead of date)", false}},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto param = [&c](const char* name) -> std::optional<std::string> {
             const auto it = c.request.query.find(name);
             if (it == c.request.query.end()) return std::nullopt;
             return it->second.substr(0, 64);
           };
           const std::optional<CivilDate> date = date_from_twins(param("date"), param("date_jalali"), "date");
           return ok(worklist_json(service::worklist(s.store, s.clock, c.actor, date, s.auth.policy().guess_alert)));
         }});
}

}  // namespace rp::api
