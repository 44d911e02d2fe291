// A product's storage and culture passages (domain/product/storage.hpp).
#include "domain/product/storage.hpp"

#include "base/error.hpp"

namespace rp::product {

bool within_storage_limits(const Product& p, double temperature_c, const StorageLimits& limits) {
  if (p.frozen()) return temperature_c <= limits.frozen_max_c;
  return temperature_c >= limits.fresh_min_c && temperature_c <= limits.fresh_max_c;
}

void check_storable(const Product& p, std::string_view step) {
  if (p.state == State::used || p.state == State::discarded || p.state == State::expired)
    throw ConflictError("state", "product_transition_not_allowed"_err,
                        {{"from", std::string(to_string(p.state))}, {"to", std::string(step)}});
}

void check_passages(const std::vector<Passage>& passages, CivilDate today) {
  if (passages.size() > 50) throw InputError("passages", "too_many_items"_err, {{"max", 50}});
  std::optional<CivilDate> previous_harvest;
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const Passage& p = passages[i];
    const std::string at = "passages[" + std::to_string(i) + "]";
    if (p.seeded_on > today) throw InputError(at + ".seeded_on", "in_the_future"_err);
    if (previous_harvest && p.seeded_on < *previous_harvest)
      throw InputError(at + ".seeded_on", "passage_before_previous"_err);
    if (!p.harvested_on) {
      if (i + 1 < passages.size()) throw InputError(at + ".harvested_on", "passage_not_finished"_err);
      continue;
    }
    if (*p.harvested_on > today) throw InputError(at + ".harvested_on", "in_the_future"_err);
    if (*p.harvested_on < p.seeded_on) throw InputError(at + ".harvested_on", "passage_harvest_before_seeding"_err);
    previous_harvest = p.harvested_on;
  }
}

}  // namespace rp::product
