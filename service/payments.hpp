#pragma once
// Payment plans and payments (issue 19, domain/cost/payments.hpp). The coordinator (or
// the centre's admin) agrees a plan with the patient from an estimate at the patient's
// centre (kept: the price list version, the total, the patient's share and what falls due
// when), and records each payment received; the worklist lists the plans with something
// overdue. Staff of the centre read a plan, the patient their own on the portal. A plan
// with payments is never replaced. Every write and every read is audited.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/cost/payments.hpp"
#include "service/actor.hpp"
#include "service/price_lists.hpp"
#include "store/store.hpp"

namespace rp::service {

struct PlanRequest {
  EstimateRequest estimate;  // its centre is the episode's
  Money down;
  int months = 0;
  CivilDate first_due;
};

struct PlanView {
  cost::PaymentPlan plan;
  std::vector<cost::Payment> payments;
  cost::PlanStanding standing;  // on the clinic's today
};

struct PaymentIn {
  Money amount;
  CivilDate paid_on;
  cost::PaymentMethod method = cost::PaymentMethod::cash;
  std::string reference;
};

// A plan with something overdue, for the worklist.
struct OverduePlan {
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  cost::PaymentPlan plan;
  cost::PlanStanding standing;
};

inline constexpr int kOverduePlansShown = 100;

// A plan with whom it is for and where, for its printed sheet.
struct PlanPrint {
  PlanView view;
  Patient patient;
  Centre centre;
};

class Payments {
 public:
  Payments(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Agrees (or, while nothing was paid, agrees again) the episode's plan: the estimate at
  // the episode's centre and its instalments. InputError naming the field for what the
  // estimate or the instalments refuse; ConflictError payment_plan_has_payments.
  PlanView agree(const Actor& actor, std::int64_t episode_id, PlanRequest request);
  // Records a payment received; InputError naming the field (domain validate_payment);
  // NotFoundError("payment_plan") without a plan.
  PlanView record(const Actor& actor, std::int64_t episode_id, const PaymentIn& payment);
  // Reverses a payment recorded in error (kept, counting for nothing) for `reason`:
  // InputError(reason) without one; NotFoundError("payment") for no such payment of the
  // episode's plan; ConflictError payment_already_reversed.
  PlanView reverse(const Actor& actor, std::int64_t episode_id, std::int64_t payment_id, const std::string& reason);
  // The episode's plan as it stands today, if there is one: the centre's staff, or the
  // patient their own.
  std::optional<PlanView> of_episode(const Actor& actor, std::int64_t episode_id);
  // The same, with the patient and the centre, to print; NotFoundError("payment_plan")
  // without a plan. Audited as a read of the plan.
  PlanPrint printable(const Actor& actor, std::int64_t episode_id);

 private:
  store::Store& store_;
  const Clock& clock_;
};

// The centre's plans with something overdue on `day`, the oldest plan first, with whom
// they are for (read inside the worklist's snapshot).
std::vector<OverduePlan> overdue_plans(store::Transaction& tx, const std::string& centre_id, const CivilDate& day);

}  // namespace rp::service
