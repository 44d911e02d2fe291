// Price lists, insurers and estimates (issue 19; service/price_lists.hpp): a centre's
// staff read its price lists and estimate a treatment's cost; its admin writes them.
#include "api/contract/costs.hpp"
#include "api/http/json_body.hpp"
#include "api/labels/estimate_sheet.hpp"
#include "api/routes.hpp"
#include "api/sheet_files.hpp"
#include "base/jalali.hpp"
#include "service/protocols.hpp"

namespace rp::api {
namespace {

// The instalment plan of the patient's share, when the request asks for one.
std::optional<cost::InstalmentPlan> instalments_asked(const contract::EstimateIn& in, Money share) {
  if (!in.months) return std::nullopt;
  if (!in.first_due) throw InputError("first_due", "required"_err);
  const auto months = static_cast<int>(std::clamp<std::int64_t>(*in.months, -1, 1000));
  const auto down = in.down_rials.value_or(0);
  if (down < 0 || down > Money::kMaxRials)
    throw InputError("down_rials", "integer_range"_err,
                     {{"name", "down_rials"}, {"min", 0}, {"max", Money::kMaxRials}});
  return cost::plan_instalments(share, Money::rials(down), months, *in.first_due);
}

// The estimate with its instalment plan, when the request asks for one.
contract::EstimateOut estimate_answer(const contract::EstimateIn& in, const service::PricedEstimate& priced) {
  return contract::estimate_out(priced, service::insurance_rules(), instalments_asked(in, priced.estimate.patient));
}

// The same estimate as a printable A4 PDF in the query's language.
http::Response estimate_sheet_answer(Services& s, const contract::EstimateIn& in, const service::PricedEstimate& priced,
                                     const std::string& lang) {
  const bool fa = lang == "fa";
  labels::EstimateSheet sheet;
  sheet.estimate = priced.estimate;
  sheet.price_list_series = priced.list.series_id;
  sheet.price_list_version = priced.list.version;
  sheet.centre_name = fa ? priced.centre.name_fa : priced.centre.name_en;
  sheet.treatment = {in.cell_source, in.expansion, in.guidance};
  for (const auto& payer : priced.estimate.payers)
    sheet.payer_names.push_back(service::insurance_rules().name_of(payer.insurer).in(lang));
  sheet.plan = instalments_asked(in, priced.estimate.patient);
  sheet.printed_on = display_date(s.clock.today(), lang, fa);
  return sheet_pdf(labels::estimate_sheet(sheet, lang), "estimate");
}

// A route that prices the body's treatment (as `price` does) and answers its sheet.
template <class Price>
http::Handler estimate_sheet_route(Services& s, Price price) {
  return http::answering_files(
      {"application/pdf"},
      http::taking<contract::EstimateIn>(
          http::querying<contract::SheetQuery>([&s, price](http::Call& c, const contract::SheetQuery& q) {
            const std::string lang = sheet_language(q);
            const auto in = http::decode<contract::EstimateIn>(http::parse_json_object(c.request.body));
            return estimate_sheet_answer(s, in, price(c, in), lang);
          })));
}

constexpr const char* kEstimateBody =
    "{year, cell_source, expansion, guidance, insurers: [{insurer, months_insured}], down_rials?, months?, "
    "first_due? | first_due_jalali?}";

}  // namespace

void add_cost_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/centres/{centre_id}/price-lists",
         "The centre's current price lists (?history=true: every version ever written). Another centre is not found",
         service::Permission::centre_read,
         {},
         "",
         false,
         false,
         http::querying<contract::PriceListsQuery>([&s](http::Call& c, const contract::PriceListsQuery& q) {
           if (q.history && *q.history != "true" && *q.history != "false")
             throw InputError("history", "not_a_boolean"_err);
           contract::PriceListsOut out;
           for (const auto& l : service::PriceLists(s.store, s.clock)
                                    .of_centre(c.actor, c.request.params.at("centre_id"), q.history == "true"))
             out.price_lists.push_back(contract::price_list_out(l));
           return out;
         })});
  r.add({"POST",
         "/api/v1/centres/{centre_id}/price-lists",
         "Writes a price list of the admin's own centre: a new one, or with `replaces` the next version of a current "
         "one (kept, marked superseded). A centre's current lists never cover a Jalali year twice (audited)",
         service::Permission::centre_edit,
         {},
         "{valid_from_year, valid_to_year, lines: [{item, amount_rials}], note?, replaces?}",
         true,
         false,
         [&s](http::Call& c, const contract::PriceListIn& in) {
           const std::string& centre = c.request.params.at("centre_id");
           return http::Created<contract::PriceListOut>{contract::price_list_out(
               service::PriceLists(s.store, s.clock)
                   .save(c.actor, contract::to_price_list(in, centre), in.replaces.value_or(0)))};
         }});
  r.add({"GET",
         "/api/v1/insurers",
         "The insurers the clinic lists (insurance/insurers.yaml): basic ones pay nothing for this treatment; a "
         "supplementary one pays a share of the items it covers, up to a ceiling, after a waiting period. Public: "
         "patients choose theirs on the portal",
         http::kPublic,
         {},
         "",
         false,
         false,
         [](http::Call&) {
           contract::InsurersOut out;
           for (const auto& i : service::insurance_rules().insurers()) out.insurers.push_back(contract::insurer_out(i));
           return out;
         }});
  r.add({"POST",
         "/api/v1/centres/{centre_id}/estimates",
         "Estimates a treatment's cost at the centre: the lines of the price list current for the year, each "
         "insurer's share and the patient's (summing to the total exactly), and an instalment plan when months are "
         "given. Nothing is written",
         service::Permission::centre_read,
         {},
         kEstimateBody,
         false,
         false,
         [&s](http::Call& c, const contract::EstimateIn& in) {
           return estimate_answer(
               in, service::PriceLists(s.store, s.clock)
                       .estimate(c.actor, contract::to_estimate_request(in, c.request.params.at("centre_id"))));
         }});
  r.add({"POST",
         "/api/v1/centres/{centre_id}/estimates/sheet",
         "The same estimate as a printable A4 PDF (?lang=en|fa): each step, each insurer's share, the patient's and "
         "the instalments when months are given, marked as an estimate. Nothing is written",
         service::Permission::centre_read,
         {},
         kEstimateBody,
         false,
         false,
         estimate_sheet_route(s, [&s](http::Call& c, const contract::EstimateIn& in) {
           return service::PriceLists(s.store, s.clock)
               .estimate(c.actor, contract::to_estimate_request(in, c.request.params.at("centre_id")));
         })});
  r.add({"POST",
         "/api/v1/me/estimates",
         "The signed-in patient's own estimate at their centre: the steps of the year's price list, what each of "
         "the insurers they name pays and what they pay, and an instalment plan when months are given",
         service::Permission::portal_own,
         {},
         kEstimateBody,
         false,
         false,
         [&s](http::Call& c, const contract::EstimateIn& in) {
           return estimate_answer(
               in, service::PriceLists(s.store, s.clock).own_estimate(c.actor, contract::to_estimate_request(in, "")));
         }});
  r.add({"POST",
         "/api/v1/me/estimates/sheet",
         "The signed-in patient's own estimate as a printable A4 PDF (?lang=en|fa), as POST /api/v1/me/estimates "
         "answers it",
         service::Permission::portal_own,
         {},
         kEstimateBody,
         false,
         false,
         estimate_sheet_route(s, [&s](http::Call& c, const contract::EstimateIn& in) {
           return service::PriceLists(s.store, s.clock).own_estimate(c.actor, contract::to_estimate_request(in, ""));
         })});
}

}  // namespace rp::api
