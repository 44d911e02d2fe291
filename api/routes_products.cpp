// The cell product (issue 17): the lab's list, a product with its chain of custody, and
// the bedside: the check of the product's DIN beside the patient's wristband, and the
// injection, which goes through the same check. The service decides who may and what is
// refused; a refusal changes nothing but its own audit row.
#include <tuple>
#include <vector>

#include "api/contract/products.hpp"
#include "api/product_json.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/products.hpp"

namespace rp::api {
namespace {

// The use cases with the settings of the caller's centre (its facility code, the protocol's
// release criteria).
service::Products products(Services& s, const http::Call& c) {
  (void)c;
  return service::Products(s.store, s.clock);
}

}  // namespace

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
           for (const auto& l : products(s, c).list(c.actor, state, static_cast<int>(q.limit.value_or(500))))
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
           return contract::ProductTraceJson{trace_json(products(s, c).trace(c.actor, din))};
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
           const auto check = products(s, c).verify(c.actor, in.din, in.mrn, in.location.value_or(""));
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
         "/api/v1/episodes/{episode_id}/harvest",
         "The harvest in theatre, with the patient's wristband scanned: registers its products (more than one for a "
         "split), each with a DIN of the centre's facility, and moves the episode to harvested. A wristband of "
         "another patient is a 409 (wrong_patient) and nothing is harvested",
         service::Permission::episode_transition,
         {},
         "{mrn, source: bone_marrow|adipose, side?, volume_ml?, anaesthesia?: local|sedation|general, started_at?, "
         "ended_at?, products?, location?}",
         true,  // a retry with the same Idempotency-Key answers the first harvest's products
         false,
         [&s](http::Call& c, const contract::HarvestIn& in) {
           service::HarvestRecord h;
           h.episode_id = http::id_param(c.request.params.at("episode_id"), "episode");
           h.wristband_mrn = in.mrn;
           h.source = in.source;
           h.side = in.side;
           h.volume_ml = in.volume_ml;
           h.anaesthesia = in.anaesthesia.value_or("local");
           h.started_at = in.started_at.value_or("");
           h.ended_at = in.ended_at.value_or("");
           if (in.products) {
             if (*in.products < 1 || *in.products > 4) throw InputError("products", "product_count"_err);
             h.products = static_cast<int>(*in.products);
           }
           h.location = in.location.value_or("");
           contract::HarvestOut out;
           out.episode_id = h.episode_id;
           for (const auto& p : products(s, c).register_harvest(c.actor, h)) out.products.push_back({product_json(p)});
           return out;
         }});
  r.add({"POST",
         "/api/v1/products/{din}/receive",
         "The lab records the product's arrival (who and when, and its temperature)",
         service::Permission::episode_transition,
         {},
         "{temperature_c?, location?}",
         false,
         false,
         [&s](http::Call& c, const contract::ReceiptIn& in) {
           return contract::ProductJson{product_json(products(s, c).receive(
               c.actor, c.request.params.at("din"), in.temperature_c, in.location.value_or("lab")))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/qc",
         "The lab records counts and QC results (what is not sent stays as it was); complete moves the product to "
         "awaiting release",
         service::Permission::episode_transition,
         {},
         "{total_nucleated_cells?, viability_percent?, cfu_f?, isct_markers_met? | isct_markers?: {cd105?, cd73?, "
         "cd90?, cd45?, cd34?, cd14_or_cd11b?, cd79a_or_cd19?, hla_dr?}, sterility?, endotoxin?, "
         "mycoplasma?: {result: not_done|pending|passed|failed, due?}, complete?}",
         false,
         false,
         [&s](http::Call& c, const contract::QcIn& in) {
           service::QcRecord qc;
           qc.total_nucleated_cells = in.total_nucleated_cells;
           qc.viability_percent = in.viability_percent;
           qc.cfu_f = in.cfu_f;
           qc.isct_markers_met = in.isct_markers_met;
           if (const auto& m = in.isct_markers)
             qc.isct = {m->cd105, m->cd73, m->cd90, m->cd45, m->cd34, m->cd14_or_cd11b, m->cd79a_or_cd19, m->hla_dr};
           const auto test = [](const std::optional<contract::QcTestIn>& t) -> std::optional<product::QcTest> {
             if (!t) return std::nullopt;
             return product::QcTest{t->result, t->due};
           };
           qc.sterility = test(in.sterility);
           qc.endotoxin = test(in.endotoxin);
           qc.mycoplasma = test(in.mycoplasma);
           qc.complete = in.complete;
           return contract::ProductJson{
               product_json(products(s, c).record_qc(c.actor, c.request.params.at("din"), qc))};
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
           return contract::ProductJson{
               product_json(products(s, c).process(c.actor, c.request.params.at("din"), method, passages))};
         }});
  r.add({"POST",
         "/api/v1/products/{din}/release",
         "A second person of the lab, who did not process the product, releases it against the protocol's criteria; "
         "a failed criterion is a 409 naming it. A surgeon who did not process it may release it despite failed "
         "criteria by sending an exception with its reason: the exception is the signed-in surgeon's, and anyone "
         "else sending one is refused (403 naming exception). The episode is then product_released",
         service::Permission::episode_transition,
         {},
         "{exception?: {reason}}",
         false,
         false,
         [&s](http::Call& c, const contract::ReleaseIn& in) {
           std::optional<product::ReleaseException> exception;
           if (in.exception) exception = product::ReleaseException{c.actor.user, in.exception->reason};
           return contract::ProductJson{
               product_json(products(s, c).release(c.actor, c.request.params.at("din"), exception))};
         }});
  // Set aside, each with its reason: a doubt to resolve, a product thrown away, one past its time.
  for (const auto& [step, to, summary] : std::vector<std::tuple<const char*, product::State, const char*>>{
           {"quarantine", product::State::quarantined,
            "The lab quarantines an open product (a doubt to resolve; cleared back to awaiting release), with why"},
           {"discard", product::State::discarded, "The lab discards an open product, with why; final"},
           {"expire", product::State::expired, "The lab records that an open product expired, with why; final"}}) {
    r.add({"POST",
           std::string("/api/v1/products/{din}/") + step,
           summary,
           service::Permission::episode_transition,
           {},
           "{reason, location?}",
           false,
           false,
           [&s, to = to](http::Call& c, const contract::SetAsideIn& in) {
             return contract::ProductJson{product_json(products(s, c).set_aside(
                 c.actor, c.request.params.at("din"), to, in.reason, in.location.value_or("lab")))};
           }});
  }
  r.add({"POST",
         "/api/v1/products/{din}/inject",
         "Injects the product through the bedside check (the wristband scanned now): refused with the verdict's code "
         "unless it is ok; the product is used and its episode injected, in one step. There is no other way to mark "
         "an episode injected once it has a product",
         service::Permission::episode_transition,
         {},
         "{mrn, guidance?: ultrasound|fluoroscopy, dose_cells?, volume_ml?, location?}",
         false,
         false,
         [&s](http::Call& c, const contract::InjectionIn& in) {
           service::InjectionRecord rec;
           rec.din = c.request.params.at("din");
           rec.mrn = in.mrn;
           rec.guidance = in.guidance.value_or(Guidance::ultrasound);
           if (in.dose_cells) rec.dose_cells = static_cast<double>(*in.dose_cells);
           rec.volume_ml = in.volume_ml;
           rec.location = in.location.value_or("");
           return contract::ProductJson{product_json(products(s, c).inject(c.actor, rec))};
         }});
}

}  // namespace rp::api
