// The cell product (issue 17): the lab's list, a product with its chain of custody, and
// the bedside: the check of the product's DIN beside the patient's wristband, and the
// injection, which goes through the same check. The service decides who may and what is
// refused; a refusal changes nothing but its own audit row.
#include "api/contract/products.hpp"
#include "api/product_json.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/products.hpp"

namespace rp::api {

void add_product_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/products",
         "The cell products at the caller's centre in the order they were made, each with its donor; ?state= one state "
         "(the lab "
         "view's list)",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         http::querying<contract::ProductListQuery>([&s](http::Call& c, const contract::ProductListQuery& q) {
           std::optional<product::State> state;
           if (q.state) state = product::parse_state(*q.state, "state");
           std::vector<contract::ListedProductJson> out;
           for (const auto& l :
                service::Products(s.store, s.clock).list(c.actor, state, static_cast<int>(q.limit.value_or(500))))
             out.push_back({listed_product_json(l)});
           return out;
         })});
  r.add({"GET",
         "/api/v1/products/{din}",
         "A product and its chain of custody, every scan and step in order. Another centre's product is not found",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           const auto& din = c.request.params.at("din");
           return contract::ProductTraceJson{trace_json(service::Products(s.store, s.clock).trace(c.actor, din))};
         }});
  r.add({"POST",
         "/api/v1/products/verify",
         "The bedside check: the product's DIN beside the patient's wristband. Recorded whatever the verdict; a "
         "verdict other than ok is a 409 whose code is the verdict (wrong_patient, not_released, expired, used, "
         "failed_qc, quarantined); a malformed or wrongly checked DIN is a 422 naming din",
         service::Permission::episode_transition,
         {},
         "{din, mrn, location?}",
         false,
         false,
         [&s](http::Call& c, const contract::BedsideCheckIn& in) {
           const auto check =
               service::Products(s.store, s.clock).verify(c.actor, in.din, in.mrn, in.location.value_or(""));
           if (check.verdict != product::Verdict::ok)
             throw ConflictError(check.verdict == product::Verdict::wrong_patient ? "mrn" : "din",
                                 ErrorCode{to_string(check.verdict)});
           const nlohmann::json p = product_json(check.product);
           return contract::BedsideVerdictOut{"ok",
                                              p["din"].get<std::string>(),
                                              p["state"].get<std::string>(),
                                              check.product.expires_at,
                                              {check.patient.id, check.patient.mrn}};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/process",
         "The lab records how a received product is processed; it is then processing, its counts and QC to come",
         service::Permission::episode_transition,
         {},
         "{method: density_gradient|centrifugation|enzymatic_svf|culture_expansion, passages?}",
         false,
         false,
         [&s](http::Call& c, const contract::ProcessingIn& in) {
           const auto method = product::parse_method(in.method, "method");
           std::optional<int> passages;
           if (in.passages) {
             if (*in.passages < 0 || *in.passages > 100)
               throw InputError("passages", "whole_number_range"_err, {{"min", 0}, {"max", 100}});
             passages = static_cast<int>(*in.passages);
           }
           return contract::ProductJson{product_json(
               service::Products(s.store, s.clock).process(c.actor, c.request.params.at("din"), method, passages))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/release",
         "A second person of the lab, who did not process the product, releases it against the protocol's criteria; "
         "a failed criterion is a 409 naming it. The episode is then product_released",
         service::Permission::episode_transition,
         {},
         "",
         false,
         false,
         [&s](http::Call& c) {
           return contract::ProductJson{product_json(
               service::Products(s.store, s.clock).release(c.actor, c.request.params.at("din"), std::nullopt))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/inject",
         "Injects the product through the bedside check (the wristband scanned now): refused with the verdict's code "
         "unless it is ok; the product is used and its episode injected, in one step. There is no other way to mark "
         "an episode injected once it has a product",
         service::Permission::episode_transition,
         {},
         "{mrn, guidance?: ultrasound|fluoroscopy, dose_cells?, location?}",
         false,
         false,
         [&s](http::Call& c, const contract::InjectionIn& in) {
           service::InjectionRecord rec;
           rec.din = c.request.params.at("din");
           rec.mrn = in.mrn;
           rec.guidance = in.guidance.value_or(Guidance::ultrasound);
           if (in.dose_cells) rec.dose_cells = static_cast<double>(*in.dose_cells);
           rec.location = in.location.value_or("");
           return contract::ProductJson{product_json(service::Products(s.store, s.clock).inject(c.actor, rec))};
         }});
}

}  // namespace rp::api
