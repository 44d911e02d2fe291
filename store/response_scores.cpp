#include "store/response_scores.hpp"

#include <cmath>
#include <type_traits>
#include <variant>

namespace rp::store {

std::vector<ResponseScore> typed_scores(const instruments::Scores& scores) {
  std::vector<ResponseScore> out;
  out.reserve(scores.values.size());
  for (const auto& entry : scores.values) {
    ResponseScore row{std::string(entry.first), std::nullopt, std::nullopt};
    std::visit(
        [&row](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) {
            row.text = v;
          } else if constexpr (std::is_same_v<T, bool>) {
            row.value = v ? 1.0 : 0.0;
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            row.value = static_cast<double>(v);
          } else if constexpr (std::is_same_v<T, double>) {
            if (std::isfinite(v)) row.value = v;
          }
        },
        entry.second);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace rp::store
