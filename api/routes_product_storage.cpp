// What the lab records of a cell product between its steps (issue 17): storage
// temperature readings, freeze and thaw, a return from theatre and the clearance from
// quarantine after it, and the passages of a culture expansion. Each answers the product
// as it is after the step; the service decides who may and what is refused.
#include "api/contract/products.hpp"
#include "api/product_json.hpp"
#include "api/routes.hpp"
#include "service/products.hpp"

namespace rp::api {

void add_product_storage_routes(http::Router& r, Services& s) {
  const auto lab = [&s] { return service::Products(s.store, s.clock); };
  r.add({"POST",
         "/api/v1/products/{din}/storage",
         "The lab records a storage temperature reading. Outside the protocol's limits for the product's storage "
         "(fresh or frozen) it is an excursion, and a product not yet used is quarantined until the lab clears it",
         service::Permission::episode_transition,
         {},
         "{temperature_c, location?, at?}",
         false,
         false,
         [lab](http::Call& c, const contract::ReadingIn& in) {
           service::ReadingRecord rec;
           rec.temperature_c = in.temperature_c;
           rec.location = in.location.value_or("lab");
           rec.at = in.at.value_or("");
           return contract::ProductJson{product_json(lab().record_reading(c.actor, c.request.params.at("din"), rec))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/freeze",
         "The lab cryopreserves a processed product: its expiry then counts from the freeze with the protocol's frozen "
         "shelf life",
         service::Permission::episode_transition,
         {},
         "{location?, temperature_c?}",
         false,
         false,
         [lab](http::Call& c, const contract::FreezeIn& in) {
           return contract::ProductJson{product_json(
               lab().freeze(c.actor, c.request.params.at("din"), in.location.value_or("lab"), in.temperature_c))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/thaw",
         "The lab thaws a frozen product: its expiry is then the protocol's hours after the thaw (never later than "
         "the freeze allowed)",
         service::Permission::episode_transition,
         {},
         "{location?}",
         false,
         false,
         [lab](http::Call& c, const contract::ThawIn& in) {
           return contract::ProductJson{
               product_json(lab().thaw(c.actor, c.request.params.at("din"), in.location.value_or("lab")))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/return",
         "A released product comes back from theatre unused, with why (and its temperature): it is quarantined until "
         "the lab clears it",
         service::Permission::episode_transition,
         {},
         "{reason, location?, temperature_c?}",
         false,
         false,
         [lab](http::Call& c, const contract::ReturnIn& in) {
           return contract::ProductJson{product_json(lab().return_product(
               c.actor, c.request.params.at("din"), in.reason, in.location.value_or("lab"), in.temperature_c))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/clear",
         "The lab clears a quarantined, processed product with what it checked: it awaits release again, by a second "
         "person against the criteria",
         service::Permission::episode_transition,
         {},
         "{reason}",
         false,
         false,
         [lab](http::Call& c, const contract::ClearanceIn& in) {
           return contract::ProductJson{
               product_json(lab().clear_quarantine(c.actor, c.request.params.at("din"), in.reason))};
         }});
  r.add({"PUT",
         "/api/v1/products/{din}/passages",
         "The lab records a culture expansion's passages, the whole list at once (n counts from 1): each seeded on or "
         "after the previous harvest, only the last still running",
         service::Permission::episode_transition,
         {},
         "{passages: [{seeded_on, harvested_on?}]}",
         false,
         false,
         [lab](http::Call& c, const contract::PassagesIn& in) {
           std::vector<product::Passage> passages;
           for (const auto& p : in.passages) passages.push_back({0, p.seeded_on, p.harvested_on});
           return contract::ProductJson{
               product_json(lab().set_passages(c.actor, c.request.params.at("din"), std::move(passages)))};
         }});
}

}  // namespace rp::api
