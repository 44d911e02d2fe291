#pragma once
// Enums spelt as words on the wire and in the store: a fixed table of value and name,
// read both ways. Parsing an unknown word throws InputError naming the field and the
// words allowed.
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"

namespace rp {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string_view enum_name(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "?";
}

template <typename E, std::size_t N>
E parse_enum(const EnumNames<E, N>& names, std::string_view text, std::string_view field) {
  for (const auto& [v, name] : names)
    if (name == text) return v;
  std::string allowed;
  for (const auto& [v, name] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", std::string(text.substr(0, 64))}, {"allowed", allowed}});
}

// Every value, in table order.
template <typename E, std::size_t N>
std::vector<E> enum_values(const EnumNames<E, N>& names) {
  std::vector<E> out;
  for (const auto& [v, name] : names) out.push_back(v);
  return out;
}

}  // namespace rp
