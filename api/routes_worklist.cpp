// The staff worklist: one read of everything at the caller's centre that needs someone
// today. Red flags are acknowledged through POST /api/v1/red-flags/{event_id}/acknowledge
// and leave the worklist once triaged (POST /api/v1/red-flags/{event_id}/triage); items
// whose window closed are closed as missed (and reopened) by the routes in
// routes_worklist_closing.cpp.
#include "api/json_pathway.hpp"
#include "api/routes.hpp"
#include "api/worklist_json.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"
#include "service/worklist.hpp"

namespace rp::api {

void add_worklist_closing_routes(http::Router& r, Services& s);

namespace {

// Who every worklist row is about, as flat fields.
nlohmann::json row_json(const store::WorklistPatient& w) {
  return {{"patient_id", w.patient_id}, {"mrn", w.mrn},
          {"name_fa", w.name_fa},       {"name_latin", w.name_latin},
          {"episode_id", w.episode_id}, {"side", to_string(w.side)},
          {"state", to_string(w.state)}};
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
          {"filter", filter_json(w.filter)},
          {"items", entries_json(w.items)},
          {"items_total", w.items_total},
          {"window_closed", entries_json(w.window_closed)},
          {"window_closed_total", w.window_closed_total},
          {"holds", entries_json(w.holds)},
          {"red_flags", flags},
          {"awaiting_release", products},
          {"code_guesses", guesses}};
}

}  // namespace

void add_worklist_routes(http::Router& r, Services& s) {
  r.add({"GET", "/api/v1/worklist",
         "The day's worklist at the caller's centre: visits, imaging, questionnaires and work-up tests due today, "
         "then overdue (target passed, window still open: group overdue), then those whose window is open or that "
         "are due within 7 days (group upcoming); apart, the items "
         "whose window closed with nothing recorded (window_closed, to be closed as missed); drug holds starting "
         "within 7 days, open red flags (newest first), products awaiting release, and patients whose sign-in code "
         "is being guessed. Each item row has the role responsible and, for admin, coordinator and surgeon, the "
         "patient's mobile",
         service::Permission::worklist_read, worklist_filter_params(true), "", false, false, [&s](http::Call& c) {
           const auto param = [&c](const char* name) -> std::optional<std::string> {
             const auto it = c.request.query.find(name);
             if (it == c.request.query.end()) return std::nullopt;
             return it->second.substr(0, 64);
           };
           const std::optional<CivilDate> date = date_from_twins(param("date"), param("date_jalali"), "date");
           const service::WorklistFilter filter = worklist_filter(c.request.query);
           return ok(
               worklist_json(service::worklist(s.store, s.clock, c.actor, date, s.auth.policy().guess_alert, filter)));
         }});
  add_worklist_closing_routes(r, s);
}

}  // namespace rp::api
