// Closing worklist items as missed, and taking them back (service/worklist_closing.hpp):
// one item, or every item whose window closed before a day; the list of those closed.
#include "api/contract/worklist.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"
#include "api/worklist_json.hpp"
#include "base/error.hpp"
#include "service/worklist_closing.hpp"

namespace rp::api {
namespace {

constexpr const char* kReasons = "patient_unreachable, declined, moved_away, clinical_reason or other";

const std::string& item_of(const http::Call& c) {
  const std::string& item = c.request.params.at("item_id");
  if (item.size() > 64) throw NotFoundError("item", "no_such_item"_err);
  return item;
}

service::MissedClosing to_closing(const contract::BulkClosingIn& in) {
  return contract::to_closing(contract::MissedClosingIn{in.reason, in.note});
}

}  // namespace

void add_worklist_closing_routes(http::Router& r, Services& s) {
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/schedule/{item_id}/close-missed",
         "Closes one worklist item (visit, imaging, questionnaire or work-up test) whose window has closed as missed, "
         "with a reason; it leaves the worklist, and the decision is kept with its audit row",
         service::Permission::worklist_close,
         {},
         std::string("{reason, note?}. reason: ") + kReasons + "; note (at most 500 bytes) is required with other",
         false,
         false,
         [&s](http::Call& c, const contract::MissedClosingIn& in) {
           return contract::closed_item_out(service::close_missed(s.store, s.clock, c.actor, episode_param(c),
                                                                  item_of(c), contract::to_closing(in)));
         }});
  r.add({"POST",
         "/api/v1/episodes/{episode_id}/schedule/{item_id}/reopen",
         "Takes an item closed as missed back onto the worklist (planned again), with why",
         service::Permission::worklist_close,
         {},
         "{reason} (at most 500 bytes)",
         false,
         false,
         [&s](http::Call& c, const contract::ReopenIn& in) {
           return contract::closed_item_out(
               service::reopen_item(s.store, s.clock, c.actor, episode_param(c), item_of(c), in.reason));
         }});
  r.add({"POST",
         "/api/v1/worklist/close-missed",
         "Closes as missed every item at the caller's centre whose window closed before a day (not after today), "
         "narrowed by the worklist's filters when given, with one reason; answers the items closed",
         service::Permission::worklist_close,
         {},
         std::string("{before | before_jalali, reason, note?, kind?, patient?, responsible?}. before is Gregorian, "
                     "before_jalali Jalali; any digits. reason: ") +
             kReasons,
         false,
         false,
         [&s](http::Call& c, const contract::BulkClosingIn& in) {
           // The filters are the worklist's, read as its query is.
           http::QueryMap filters;
           for (const auto& [name, value] : {std::pair{"kind", &in.kind}, std::pair{"patient", &in.patient},
                                             std::pair{"responsible", &in.responsible}})
             if (*value) filters[name] = **value;
           const auto closed = service::close_missed_before(
               s.store, s.clock, c.actor, in.before,
               worklist_filter(http::decode_query<contract::WorklistFilterQuery>(filters)), to_closing(in));
           return contract::BulkClosedOut{in.before.iso(), static_cast<std::int64_t>(closed.size()),
                                          contract::closed_items_out(closed)};
         }});
  r.add({"GET",
         "/api/v1/worklist/closed",
         "Items at the caller's centre closed as missed, the latest closing first, each with its reason, who closed "
         "it and when (to reopen one)",
         service::Permission::worklist_read,
         {},
         "",
         false,
         false,
         http::querying<contract::WorklistFilterQuery>([&s](http::Call& c, const contract::WorklistFilterQuery& q) {
           return contract::closed_items_out(service::closed_items(s.store, s.clock, c.actor, worklist_filter(q)));
         })});
}

}  // namespace rp::api
