#pragma once
// Store rows keep "none" as an empty text; an answer says it with null (or leaves the key
// out), so that "none" never reads as an empty value.
#include <optional>
#include <string>

namespace rp::api::contract {

inline std::optional<std::string> unless_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace rp::api::contract
