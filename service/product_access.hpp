#pragma once
// Finding a product by its DIN as the actor may see it.
#include "base/error.hpp"
#include "domain/product/din.hpp"
#include "domain/product/product.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// A product of another centre is reported as not found, so DINs reveal nothing.
inline product::Product visible_product(store::Transaction& tx, const Actor& actor, const product::Din& din) {
  auto p = tx.find_product_by_din(din.text());
  if (!p || !actor.sees_centre(p->centre_id))
    throw NotFoundError("din", "product_not_found"_err, {{"din", din.with_check()}});
  return *p;
}

}  // namespace rp::service
