#include "api/http/weighted_list.hpp"

#include <cctype>

namespace rp::api::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 9110 qvalue: "0" or "1" with up to three decimals, 1 at most; in thousandths, or -1
// for text that is not one. (An int, not an optional: GCC 12 took the optional's value for
// uninitialised once this was inlined, with UBSan's null check off in the sanitizer build.)
int thousandths(std::string_view q) {
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return -1;
  int value = (q[0] - '0') * 1000;
  if (q.size() == 1) return value;
  if (q[1] != '.' || q.size() > 5) return -1;
  int scale = 100;
  for (const char c : q.substr(2)) {
    if (c < '0' || c > '9') return -1;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value <= 1000 ? value : -1;
}

std::optional<int> weight_of(std::string_view params) {
  int q = 1000;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = trim(params.substr(0, semi));
    const auto eq = param.find('=');
    const std::string_view name = trim(param.substr(0, eq));
    if (eq != std::string_view::npos && name.size() == 1 && (name[0] == 'q' || name[0] == 'Q')) {
      const int parsed = thousandths(trim(param.substr(eq + 1)));
      if (parsed < 0) return std::nullopt;
      q = parsed;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return q;
}

}  // namespace

bool WeightedList::next(std::string_view& value, std::optional<int>& weight) {
  if (done_) return false;
  const auto comma = rest_.find(',');
  const std::string_view element = rest_.substr(0, comma);
  if (comma == std::string_view::npos) {
    done_ = true;
  } else {
    rest_.remove_prefix(comma + 1);
  }
  const auto semi = element.find(';');
  value = trim(element.substr(0, semi));
  weight = weight_of(semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1));
  return true;
}

}  // namespace rp::api::http
