#include "api/http/contract.hpp"

namespace rp::api::http {

std::string SchemaSet::name_for(const std::string& name, const std::function<nlohmann::json()>& make) {
  if (!request_) {
    answer_names_.insert(name);
    return name;
  }
  if (!known_answers_.count(name) || comparing_.count(name)) return name;
  // Both forms, made aside: what they collect on the way is put back as it was.
  comparing_.insert(name);
  const nlohmann::json kept = components_;
  request_ = false;
  const nlohmann::json as_answer = make();
  components_ = kept;
  request_ = true;
  const nlohmann::json as_request = make();
  components_ = kept;
  comparing_.erase(name);
  return as_answer == as_request ? name : name + "Request";
}

nlohmann::json SchemaSet::ref(const std::string& name, const std::function<nlohmann::json()>& make) {
  const std::string key = name_for(name, make);
  if (!components_.contains(key)) {
    // Claimed before it is made, so a type that contains itself refers to itself.
    components_[key] = nullptr;
    components_[key] = make();
  }
  return {{"$ref", "#/components/schemas/" + key}};
}

}  // namespace rp::api::http
