#pragma once
// The cell product on the wire (issue 17): a product, a listed product with its donor,
// the custody chain. "din" is the 14 characters people read and type: the DIN and its
// check character.
#include <nlohmann/json.hpp>

#include "service/products.hpp"

namespace rp::api {

nlohmann::json product_json(const product::Product& p);
// product_json with "patient": the donor's {"id", "mrn", "name_fa", "name_latin"}.
nlohmann::json listed_product_json(const service::ListedProduct& l);
nlohmann::json custody_event_json(const store::ProductEventRow& e);
nlohmann::json trace_json(const service::ProductTrace& t);

}  // namespace rp::api
