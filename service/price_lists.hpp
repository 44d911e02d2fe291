#pragma once
// Price lists and estimates (issue 19). A centre's staff read its price lists; its admin
// writes them: a new list, or the next version of one (the version before is kept,
// marked superseded, so an estimate can always say which version it used). The current
// lists of a centre never cover one Jalali year twice. An estimate prices a treatment
// with the list current at the centre for the year, and shares it among the patient's
// insurers (insurance/insurers.yaml) and the patient. Every write is audited.
#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/cost/insurance.hpp"
#include "domain/cost/price_list.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct InsuredBy {
  std::string insurer;  // an id of insurance/insurers.yaml
  int months_insured = 0;
};

struct EstimateRequest {
  std::string centre;
  int year = 0;  // Jalali
  cost::Treatment treatment;
  std::vector<InsuredBy> insurers;
};

struct PricedEstimate {
  cost::PriceList list;  // the version used
  cost::Estimate estimate;
  Centre centre;  // where: its names print on the estimate's sheet
};

class PriceLists {
 public:
  PriceLists(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  // The centre's current lists, or every version ever written. NotFoundError for a
  // centre the actor does not see.
  std::vector<cost::PriceList> of_centre(const Actor& actor, const std::string& centre, bool with_superseded);
  // One version, of a centre the actor sees.
  cost::PriceList find(const Actor& actor, std::int64_t id);
  // Writes `draft` (its centre, years, lines and note) as a new list, or, with
  // `replaces`, as the next version of that list (which must be current and of the same
  // centre: ConflictError price_list_superseded otherwise). The admin of the centre only.
  cost::PriceList save(const Actor& actor, cost::PriceList draft, std::int64_t replaces = 0);
  PricedEstimate estimate(const Actor& actor, const EstimateRequest& request);
  // A patient's own estimate from the portal: at their centre (request.centre is set to
  // it), with the list current for the year and the insurers they name.
  PricedEstimate own_estimate(const Actor& patient, EstimateRequest request);

 private:
  PricedEstimate priced(const Actor& actor, const EstimateRequest& request);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace rp::service
