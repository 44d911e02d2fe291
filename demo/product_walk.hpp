#pragma once
// An episode walked through its cell product the way the clinic records it: the harvest
// with the patient's wristband scanned, the lab's receipt, processing and QC, the release
// by a second person of the lab, the injection through the bedside check. The demo's
// courses and the tests that need a treated joint take this one path, the path staff take.
#include <cstdint>

#include "service/products.hpp"

namespace rp::demo {

// Who does each step. The releaser must not be the lab's processor.
struct ProductCrew {
  service::Actor theatre, lab, releaser, surgeon;
  // Every step by `op` but the release, which a second person of the same role and centre
  // makes (`op`'s username with ".second").
  static ProductCrew of(const service::Actor& op);
};

// Walks a scheduled episode to `until` (harvested, product_released or injected) on the
// clock's day, with a product whose counts and QC pass the protocol's release criteria.
// The episode's named operator, when it has one, injects. Returns the product's DIN.
std::string walk_product(store::Store& store, const Clock& clock, const ProductCrew& crew, std::int64_t episode,
                         EpisodeState until);

}  // namespace rp::demo
