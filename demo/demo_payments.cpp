// The demo's payment plans (issue 19): patients injected within the last year agreed a
// plan at their harvest (a fifth down, six monthly instalments; each with a basic insurer,
// which pays nothing, and every fourth with a supplementary one insured a year, which
// pays its share) and paid on time, except a third of them, who missed the latest instalment that fell due: the
// coordinator's worklist shows them overdue.
#include "base/jalali.hpp"
#include "demo/demo.hpp"
#include "demo/history.hpp"
#include "service/payments.hpp"

namespace rp::demo {

void add_demo_payments(store::Store& store, const CivilDate& today, const service::EpisodeRecord& record, int index) {
  const Episode& e = record.episode;
  if (!e.harvest_date) return;
  const CivilDate agreed = *e.harvest_date;
  const auto age = today.days_since_epoch() - agreed.days_since_epoch();
  if (age < 40 || age > 360) return;  // within the price lists' years, with something fallen due
  const service::Actor op = service::Actor::cli_operator();
  service::PlanRequest request;
  request.estimate.year = to_jalali(agreed).y;
  request.estimate.treatment = {e.cell_source.value_or(CellSource::bone_marrow), false,
                                e.guidance.value_or(Guidance::ultrasound)};
  request.estimate.insurers = {{"social-security", 24}};
  if (index % 4 == 2) request.estimate.insurers.push_back({"supplementary-example-30", 12});
  request.months = 6;
  request.first_due = agreed.plus_days(30);
  // A fifth down, in whole millions of rials.
  const Clock at_agreement = clock_on(agreed);
  const auto share =
      service::PriceLists(store, at_agreement)
          .estimate(op, {e.centre_id, request.estimate.year, request.estimate.treatment, request.estimate.insurers})
          .estimate.patient.in_rials();
  request.estimate.centre = e.centre_id;
  request.down = Money::rials(share / 5 / 1'000'000 * 1'000'000);
  const auto plan = service::Payments(store, at_agreement).agree(op, e.id, request);
  // What fell due before today, each paid on its day; a third leave the latest unpaid.
  std::vector<cost::Instalment> fallen;
  for (const auto& i : plan.plan.instalments)
    if (i.due < today) fallen.push_back(i);
  if (index % 3 == 1 && !fallen.empty()) fallen.pop_back();
  for (const auto& i : fallen) {
    const service::PaymentIn paid{i.amount, i.due,
                                  index % 4 == 0 ? cost::PaymentMethod::card : cost::PaymentMethod::cash, ""};
    service::Payments(store, clock_on(i.due)).record(op, e.id, paid);
  }
}

}  // namespace rp::demo
