#pragma once
// A header that lists values with weights (RFC 9110 §12.4.2): Accept-Encoding,
// Accept-Language. "gzip;q=0.8, br, *;q=0" reads as (gzip, 800), (br, 1000), (*, 0).
#include <optional>
#include <string_view>

namespace rp::api::http {

class WeightedList {
 public:
  explicit WeightedList(std::string_view header) : rest_(header) {}

  // The next element: its value (trimmed, parameters removed) and its weight in
  // thousandths (1000 without a q parameter; nothing when the q-value is malformed).
  // False after the last.
  bool next(std::string_view& value, std::optional<int>& weight);

 private:
  std::string_view rest_;
  bool done_ = false;
};

}  // namespace rp::api::http
