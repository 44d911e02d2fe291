#pragma once
// What the lab records of a product between processing and the bedside: the temperature
// readings of its storage, its freeze and thaw, and the passages of a culture expansion.
// Pure types and rules; the store keeps the rows, service/ applies the rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_date.hpp"
#include "domain/product/product.hpp"

namespace rp::product {

// The protocol's storage limits (its `product:` section). The defaults admit both a cold
// chain (2-8 °C) and room-temperature handling of a fresh product, and hold a frozen one
// below -135 °C, where cells stay below the glass transition (vapour-phase liquid
// nitrogen); a clinic's own procedure narrows them in its protocol file.
struct StorageLimits {
  double fresh_min_c = 2.0;
  double fresh_max_c = 25.0;
  double frozen_max_c = -135.0;
  int frozen_shelf_life_days = 365;  // from the freeze
  int thawed_shelf_life_hours = 4;   // from the thaw
};

// One temperature reading of a stored product.
struct StorageReading {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::string at;  // ISO 8601 instant, UTC
  double temperature_c = 0;
  std::string location, by;
  bool excursion = false;  // outside the limits for the product's storage at the time
};

// Whether `temperature_c` is within the limits for `p` as it is stored now: frozen (frozen
// and not yet thawed) or fresh.
bool within_storage_limits(const Product& p, double temperature_c, const StorageLimits& limits);

// The step that reads or changes a product's storage may not be taken once it is used,
// discarded or expired. Throws ConflictError("state", product_transition_not_allowed).
void check_storable(const Product& p, std::string_view step);

// One passage of a culture expansion: the day cells were seeded and the day they were
// harvested (unset while the passage runs). n counts from 1.
struct Passage {
  int n = 0;
  CivilDate seeded_on;
  std::optional<CivilDate> harvested_on;
};

// The whole list of passages, checked: each harvested on or after its seeding, each seeded
// on or after the previous harvest (only the last may still run), none after `today`.
// Throws InputError naming passages[i].seeded_on or passages[i].harvested_on.
void check_passages(const std::vector<Passage>& passages, CivilDate today);

}  // namespace rp::product
