#include "api/http/languages.hpp"

#include <array>
#include <cctype>
#include <optional>

#include "api/http/weighted_list.hpp"

namespace rp::api::http {
namespace {

constexpr std::array<std::string_view, 2> kSupported = {"en", "fa"};

// "fa", "FA" and "fa-IR" name Persian; "fas" or "fa_IR" do not.
bool names(std::string_view range, std::string_view language) {
  if (range.size() < language.size()) return false;
  for (std::size_t i = 0; i < language.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(range[i])) != language[i]) return false;
  return range.size() == language.size() || range[language.size()] == '-';
}

}  // namespace

std::string_view preferred_language(std::string_view header) {
  struct Choice {
    std::optional<int> named, wildcard;  // weight when named, and from "*"
    std::size_t position = 0;            // where first named (or "*" seen), for ties
  };
  std::array<Choice, kSupported.size()> choices{};
  WeightedList list(header);
  std::string_view range;
  std::optional<int> weight;
  for (std::size_t index = 0; list.next(range, weight); ++index) {
    if (!weight) continue;  // a malformed element counts for nothing
    for (std::size_t i = 0; i < kSupported.size(); ++i) {
      Choice& c = choices[i];
      if (range == "*" && !c.wildcard) {
        c.wildcard = *weight;
        if (!c.named) c.position = index;
      } else if (names(range, kSupported[i]) && (!c.named || *weight > *c.named)) {
        if (!c.named) c.position = index;
        c.named = *weight;
      }
    }
  }
  std::string_view best = kSupported[0];
  int best_q = 0;
  std::size_t best_position = 0;
  for (std::size_t i = 0; i < kSupported.size(); ++i) {
    const Choice& c = choices[i];
    const int q = c.named ? *c.named : c.wildcard.value_or(0);
    if (q > best_q || (q == best_q && q > 0 && c.position < best_position)) {
      best = kSupported[i];
      best_q = q;
      best_position = c.position;
    }
  }
  return best;
}

}  // namespace rp::api::http
