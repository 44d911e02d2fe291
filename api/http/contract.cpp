#include "api/http/contract.hpp"

namespace rp::api::http {

nlohmann::json SchemaSet::ref(const std::string& name, const std::function<nlohmann::json()>& make) {
  if (!components_.contains(name)) {
    // Claimed before it is made, so a type that contains itself refers to itself.
    components_[name] = nullptr;
    components_[name] = make();
  }
  return {{"$ref", "#/components/schemas/" + name}};
}

}  // namespace rp::api::http
