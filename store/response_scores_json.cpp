// A response's typed score rows read back from its scores_json record (the export reads
// the record, the one the audit log vouches for, rather than the rows kept beside it).
#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "store/response_scores.hpp"

namespace rp::store {

std::vector<ResponseScore> typed_scores_of_json(const std::string& scores_json) {
  // ordered_json keeps the record's order: the instrument's.
  const auto record = nlohmann::ordered_json::parse(scores_json, nullptr, false);
  if (record.is_discarded() || !record.is_object()) throw InputError("scores_json", "not_json"_err);
  std::vector<ResponseScore> out;
  const auto it = record.find("scores");
  if (it == record.end() || !it->is_object()) return out;
  for (const auto& [name, value] : it->items()) {
    ResponseScore s{name, std::nullopt, std::nullopt};
    if (value.is_boolean())
      s.value = value.get<bool>() ? 1.0 : 0.0;
    else if (value.is_number())
      s.value = value.get<double>();
    else if (value.is_string())
      s.text = value.get<std::string>();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace rp::store
