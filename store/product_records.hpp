#pragma once
// The cell product's rows (migration 0021): the product itself is domain/product's
// Product; its custody events and the question a product list asks are here.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/product/product.hpp"
#include "domain/product/storage.hpp"

namespace rp::store {

// One link of the chain of custody: who did what to the product, when, where, and what
// was scanned and checked.
struct ProductEventRow {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::string at;  // UTC instant, ISO 8601
  std::string actor, role;
  std::string location;  // theatre, lab, a room; may be empty
  std::string kind;      // harvest, receipt, processing, qc, release, bedside_check, injection, ...
  std::string verified;  // what was scanned and checked, with the verdict
  std::string detail;
};

struct ProductQuery {
  std::optional<std::string> centre_id;  // unset: every centre
  std::optional<product::State> state;
  std::optional<std::int64_t> episode_id;
  int limit = 500;
};

}  // namespace rp::store
